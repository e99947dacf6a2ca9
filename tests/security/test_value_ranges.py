"""Impossible values: the database refuses them whatever the path, with a message a person can
read when a model is validated; the app's own forms refuse them first, with a field message."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory, DrugFactory
from tracker.models import CheckIn, CoMedication, Course, Dose, TaperPlan, TaperStep
from tracker.rules.bounds import EARLIEST_MOMENT, MAX_AMOUNT_MG
from tracker.rules.dose_input import dose_input_errors
from tracker.rules.taper import Step, plan_window_errors

pytestmark = pytest.mark.django_db

DAY_BEFORE_2000 = date(1999, 12, 31)
# constraint name → (model, field, an impossible value)
IMPOSSIBLE = {
    "course_mg_per_intake_in_range": [
        (Course, "mg_per_intake", Decimal("0")),
        (Course, "mg_per_intake", Decimal("-1")),
        (Course, "mg_per_intake", MAX_AMOUNT_MG + Decimal("0.01")),
    ],
    "course_tablet_mg_in_range": [
        (Course, "tablet_mg", Decimal("0")),
        (Course, "tablet_mg", MAX_AMOUNT_MG + 1),
    ],
    "course_intakes_per_day_in_range": [
        (Course, "intakes_per_day", 0),
        (Course, "intakes_per_day", 13),
    ],
    "course_starts_from_2000": [(Course, "start_date", DAY_BEFORE_2000)],
    "dose_amount_in_range": [
        (Dose, "amount_mg", Decimal("0")),
        (Dose, "amount_mg", Decimal("-350")),
        (Dose, "amount_mg", MAX_AMOUNT_MG + 1),
    ],
    "dose_taken_from_2000": [(Dose, "taken_at", EARLIEST_MOMENT - timedelta(seconds=1))],
    "taper_step_mg_in_range": [
        (TaperStep, "mg_per_intake", Decimal("-0.01")),
        (TaperStep, "mg_per_intake", MAX_AMOUNT_MG + 1),
    ],
    "taper_step_intakes_in_range": [(TaperStep, "intakes_per_day", 13)],
    "taper_step_starts_from_2000": [(TaperStep, "start_date", DAY_BEFORE_2000)],
    "comedication_starts_from_2000": [(CoMedication, "start_date", DAY_BEFORE_2000)],
    "checkin_recorded_from_2000": [
        (CheckIn, "recorded_at", datetime(1999, 12, 31, 23, 59, tzinfo=UTC))
    ],
}
CASES = [(name, *row) for name, rows in IMPOSSIBLE.items() for row in rows]


@pytest.fixture
def records(owner) -> dict:
    """One row of each constrained model, every value in range."""
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=5))
    plan = TaperPlan.objects.create(course=course)
    checkin = CheckIn.objects.create(
        owner=owner, course=course, severity="mild", recorded_at=timezone.now()
    )
    return {
        Course: course,
        Dose: DoseFactory(course=course),
        TaperStep: TaperStep.objects.create(
            plan=plan, start_date=course.start_date, mg_per_intake=0, intakes_per_day=0
        ),
        CoMedication: CoMedication.objects.create(
            owner=owner, name="tea", start_date=course.start_date
        ),
        CheckIn: checkin,
    }


def test_every_range_constraint_is_tested():
    from tracker import models

    named = {
        c.name
        for model in vars(models).values()
        if isinstance(model, type) and hasattr(model, "_meta") and not model._meta.abstract
        for c in getattr(model._meta, "constraints", [])
        if c.name.endswith(("_in_range", "_from_2000"))
    }
    assert named == set(IMPOSSIBLE)


@pytest.mark.parametrize(("constraint", "model", "field", "value"), CASES)
def test_the_database_refuses_an_impossible_value_written_past_the_forms(
    records, constraint, model, field, value
):
    row = records[model]
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: value})
    row.refresh_from_db()
    assert getattr(row, field) != value


@pytest.mark.parametrize(("constraint", "model", "field", "value"), CASES)
def test_validating_an_impossible_value_gives_a_readable_message(
    records, constraint, model, field, value
):
    row = records[model]
    setattr(row, field, value)
    [check] = [c for c in model._meta.constraints if c.name == constraint]
    with pytest.raises(ValidationError) as refused:
        row.validate_constraints()
    assert check.violation_error_message in refused.value.messages
    assert "_" not in check.violation_error_message and "constraint" not in str(refused.value)


def test_a_dose_above_the_ceiling_is_refused_by_the_form_for_a_drug_with_no_maximum(
    owner_client, owner
):
    drug = DrugFactory()  # no per-dose maximum: only the ceiling applies
    course = CourseFactory(owner=owner, drug=drug, start_date=timezone.localdate())
    response = owner_client.post(
        reverse("dose_create", args=[course.pk]),
        {
            "amount_mg": "100000.01",
            "taken_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "token": "0b9a8d2e-1c3f-4e5a-9b7c-6d5e4f3a2b1c",
        },
    )
    assert "Enter at most 100,000 mg" in response.content.decode()
    assert not Dose.objects.exists()


def test_the_dose_rule_refuses_amounts_above_the_ceiling_and_times_before_2000():
    errors = dose_input_errors(
        amount_mg=MAX_AMOUNT_MG + 1,
        taken_at=datetime(1999, 12, 31, 23, 0, tzinfo=UTC),
        now=datetime(2026, 5, 1, tzinfo=UTC),
        course_start=date(1999, 1, 1),
        zone=UTC,
        dose_max_mg=None,
    )
    assert set(errors) == {"amount_mg", "taken_at"}


def test_a_course_starting_before_2000_is_refused_with_a_field_message(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate())
    response = owner_client.post(
        reverse("course_edit", args=[course.pk]),
        {"start_date": "1999-12-31", "mg_per_intake": "350", "intakes_per_day": "4"},
    )
    assert "Enter a date from 1 January 2000 on." in response.content.decode()
    course.refresh_from_db()
    assert course.start_date == timezone.localdate()


def test_course_notes_are_limited_to_ten_thousand_characters(owner_client, owner):
    course = CourseFactory(owner=owner)
    response = owner_client.post(
        reverse("course_edit", args=[course.pk]),
        {
            "start_date": course.start_date,
            "mg_per_intake": "350",
            "intakes_per_day": "4",
            "notes": "x" * 10_001,
        },
    )
    assert "at most 10000 characters" in response.content.decode()
    assert Course.objects.get(pk=course.pk).notes == ""


def test_a_taper_step_above_the_ceiling_is_refused_by_the_form(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate())
    response = owner_client.post(
        reverse("taper_plan", args=[course.pk]),
        {
            "step-TOTAL_FORMS": "1",
            "step-INITIAL_FORMS": "0",
            "step-0-start_date": timezone.localdate().isoformat(),
            "step-0-mg_per_intake": "500000",
            "step-0-intakes_per_day": "0",
        },
    )
    assert response.status_code == 200
    assert not TaperStep.objects.exists()


def test_a_plan_reaching_more_than_a_year_ahead_is_refused():
    today = date(2026, 5, 1)
    near = [Step(today, Decimal(0), 0)]
    far = [Step(today, Decimal(350), 1), Step(date(2027, 5, 3), Decimal(0), 0)]
    assert plan_window_errors(near, course_start=today, today=today) == []
    assert plan_window_errors(far, course_start=today, today=today) == [
        "Plan steps at most a year ahead; enter later steps nearer the time."
    ]


def test_a_co_medication_stopping_more_than_a_year_ahead_is_refused(owner_client, owner):
    response = owner_client.post(
        reverse("comedication_add"),
        {
            "name": "Xanax",
            "start_date": timezone.localdate().isoformat(),
            "stop_date": (timezone.localdate() + timedelta(days=400)).isoformat(),
        },
    )
    assert "at most a year from today" in response.content.decode()
    assert not CoMedication.objects.exists()
