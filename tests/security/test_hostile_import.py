"""Hostile JSON imports (tests/security/hostile_imports): each is refused with a message on the
form and writes nothing, or imports into the importer's account only; either way every page of
both users still answers, and the other patient's records are unchanged field by field."""

import io
import json
import unicodedata
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from drugs.models import Drug, DrugFact
from tests.factories import CoMedicationFactory, CourseFactory, DoseFactory
from tests.security.hostile_imports import FILES, MORE_FILES, Case, Victim
from tracker.exports.json_export import export_user_data
from tracker.imports.reading import read_export
from tracker.models import (
    CheckIn,
    CoMedication,
    Course,
    Dose,
    Profile,
    TaperPlan,
    TaperStep,
    new_calendar_token,
)
from tracker.services.checkins import checkin_record
from tracker.services.imports import account_import

pytestmark = pytest.mark.django_db

SAFETY_NET = "holds values this app cannot store"  # shown only if validation missed something


@pytest.fixture
def victim(other_patient) -> Victim:
    """The other patient, with a record of every kind and a calendar feed."""
    user = other_patient
    Profile.objects.filter(user=user).update(
        time_zone="Europe/Paris",
        dose_times=["08:00", "20:00"],
        calendar_token=new_calendar_token(),
    )
    today = timezone.localdate()
    course = CourseFactory(
        owner=user,
        start_date=today - timedelta(days=20),
        tablets_dispensed=40,
        tablet_mg=350,
        notes="victim notes",
        safety_items_confirmed=["Caution: Sleep apnea [PATIENT-PAGE]"],
        safety_checklist_shown_at=timezone.now() - timedelta(days=20),
    )
    doses = [
        DoseFactory(course=course, taken_at=timezone.now() - timedelta(days=d, hours=1))
        for d in range(3)
    ]
    plan = TaperPlan.objects.create(course=course)
    step = TaperStep.objects.create(
        plan=plan,
        start_date=course.start_date + timedelta(days=15),
        mg_per_intake=350,
        intakes_per_day=2,
    )
    TaperStep.objects.create(
        plan=plan,
        start_date=course.start_date + timedelta(days=18),
        mg_per_intake=0,
        intakes_per_day=0,
    )
    symptoms = list(DrugFact.objects.filter(drug=course.drug, kind__in=["withdrawal", "seek_care"]))
    checkin = checkin_record(
        owner=user,
        course=course,
        symptoms=symptoms[:2],
        severity="moderate",
        note="n",
        recorded_at=timezone.now(),
    ).record
    comed = CoMedicationFactory(
        owner=user,
        name="Xanax",
        start_date=course.start_date,
    )
    CoMedicationFactory(
        owner=user,
        name="beer",
        start_date=course.start_date,
        stop_date=course.start_date + timedelta(days=2),
    )
    foreign = DrugFact.objects.exclude(drug=course.drug).filter(kind="side_effect").first()
    advice = DrugFact.objects.filter(drug=course.drug, kind="advice").first()
    return Victim(
        export=export_user_data(user),
        user_id=user.pk,
        course_id=course.pk,
        dose_id=doses[0].pk,
        dose_token=str(doses[0].form_token),
        plan_id=plan.pk,
        step_id=step.pk,
        checkin_id=checkin.pk,
        comed_id=comed.pk,
        fact_ids=[f.pk for f in symptoms],
        calendar_token=Profile.objects.get(user=user).calendar_token,
        foreign_symptom=[foreign.drug.slug, foreign.kind, foreign.text],
        not_a_symptom=[course.drug.slug, advice.kind, advice.text],
        other_drug=Drug.objects.filter(course_hard_limit_day__isnull=True).first().slug,
    )


def rows_of(user) -> dict:
    """Every row of the user's, field by field."""
    checkins = CheckIn.objects.filter(owner=user).order_by("pk")
    return {
        "user": model_to_dict(user),
        "profile": list(Profile.objects.filter(user=user).values()),
        "courses": list(Course.objects.filter(owner=user).order_by("pk").values()),
        "doses": list(Dose.objects.filter(course__owner=user).order_by("pk").values()),
        "plans": list(TaperPlan.objects.filter(course__owner=user).order_by("pk").values()),
        "steps": list(TaperStep.objects.filter(plan__course__owner=user).order_by("pk").values()),
        "checkins": list(checkins.values()),
        "symptoms": [sorted(c.symptoms.values_list("pk", flat=True)) for c in checkins],
        "comedications": list(CoMedication.objects.filter(owner=user).order_by("pk").values()),
    }


ACCOUNT_PAGES = [
    "dashboard",
    "dose_history",
    "comedication_list",
    "export_json",
    "export_doses_csv",
    "export_comedications_csv",
    "export_fhir",
]
COURSE_PAGES = ["course_detail", "course_summary", "taper_plan", "course_timeline"]


def pages_of(user) -> list[str]:
    """The pages that show the user's data: the account's, each course's (its check-ins are on
    its timeline), and the calendar feed when it is on."""
    urls = [reverse(name) for name in ACCOUNT_PAGES]
    for pk in Course.objects.filter(owner=user).values_list("pk", flat=True):
        urls += [reverse(name, args=[pk]) for name in COURSE_PAGES]
    token = Profile.objects.get(user=user).calendar_token
    if token:
        urls.append(reverse("calendar_feed", args=[token]))
    return urls


def assert_pages_answer(user):
    client = Client()
    client.force_login(user)
    for url in pages_of(user):
        response = client.get(url)
        assert response.status_code == 200, url


def post_file(client, body: bytes):
    upload = io.BytesIO(body)
    upload.name = "export.json"
    return client.post(reverse("import_json"), {"file": upload})


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text)


def assert_imported_cleanly(case: Case, body: bytes, importer) -> None:
    """Every record of the file is now the importer's: as in the file, or with its text
    cleaned as the forms clean it."""
    sent = json.loads(body.decode("utf-8-sig"))
    imported = export_user_data(importer)
    if not case.checks:
        assert {**imported, "account": None} == {**sent, "account": None}
    assert len(imported["courses"]) == len(sent["courses"])
    assert [len(c["doses"]) for c in imported["courses"]] == [
        len(c["doses"]) for c in sent["courses"]
    ]
    notes = [d["note"] for c in imported["courses"] for d in c["doses"]]
    assert not any(has_control_characters(note) for note in notes)
    for name, value in case.checks.items():
        assert Dose.objects.filter(course__owner=importer, **{name: value}).exists()


@pytest.mark.parametrize("case", FILES, ids=lambda case: case.name)
def test_a_hostile_file_is_refused_or_lands_only_in_the_importers_account(
    case: Case, victim: Victim, other_patient, owner, owner_client
):
    victims_rows, importers_rows = rows_of(other_patient), rows_of(owner)

    body = case.body(victim)
    response = post_file(owner_client, body)

    if case.accepted:
        assert response.status_code == 302, response.context["form"].errors
        assert_imported_cleanly(case, body, owner)
    else:
        assert response.status_code == 200
        errors = response.context["form"].errors["file"]
        assert any(case.says in error for error in errors), errors
        assert not any(SAFETY_NET in error for error in errors)
        assert escape(errors[0]) in response.content.decode()
        assert rows_of(owner) == importers_rows, "a refused file wrote something"
    assert rows_of(other_patient) == victims_rows, "the other patient's records changed"
    assert_pages_answer(owner)
    assert_pages_answer(other_patient)


@pytest.mark.parametrize("case", MORE_FILES, ids=lambda case: case.name)
def test_more_hostile_files_are_refused_by_the_import_with_a_message_naming_the_record(
    case: Case, victim: Victim, other_patient, owner
):
    """The same checks below the view (read, then import): refused with the message, nothing
    written anywhere; or imported into the importer's account only."""
    victims_rows, importers_rows = rows_of(other_patient), rows_of(owner)
    body = case.body(victim)
    upload = SimpleUploadedFile("export.json", body)

    try:
        account_import(user=owner, data=read_export(upload, max_bytes=settings.IMPORT_MAX_BYTES))
    except ValidationError as error:
        assert not case.accepted, error.messages
        assert any(case.says in message for message in error.messages), error.messages
        assert rows_of(owner) == importers_rows, "a refused file wrote something"
    else:
        assert case.accepted, f"{case.name} was imported"
        assert_imported_cleanly(case, body, owner)
    assert rows_of(other_patient) == victims_rows, "the other patient's records changed"
