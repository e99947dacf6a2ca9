"""Taper plans in the app: suggestion, refused plans, dashboard step text, abrupt-stop warning."""

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import CourseFactory, DoseFactory, UserFactory
from tests.pages import codes, first_panel
from tracker.exports.fhir import fhir_bundle
from tracker.exports.json_export import export_user_data
from tracker.models import Dose, TaperPlan, TaperStep
from tracker.services.imports import account_import

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Europe/Paris")
TODAY = date(2026, 4, 20)


@pytest.fixture
def patient(client):
    user = UserFactory(time_zone="Europe/Paris")
    client.force_login(user)
    return user


@pytest.fixture
def frozen():
    with time_machine.travel(datetime(2026, 4, 20, 9, 0, tzinfo=ZONE), tick=False) as traveller:
        yield traveller


@pytest.fixture
def course(patient, frozen):
    return CourseFactory(owner=patient, start_date=TODAY - timedelta(days=11))


def _post_steps(client, course, rows, suggested=False):
    data = {
        "step-TOTAL_FORMS": len(rows),
        "step-INITIAL_FORMS": 0,
        "step-MIN_NUM_FORMS": 0,
        "step-MAX_NUM_FORMS": 8,
    }
    for i, (start, mg, n, *every) in enumerate(rows):
        data |= {
            f"step-{i}-start_date": start.isoformat(),
            f"step-{i}-mg_per_intake": mg,
            f"step-{i}-intakes_per_day": n,
        }
        if every:  # a row without it is posted as a form from before every-other-day steps
            data[f"step-{i}-every_days"] = every[0]
    if suggested:
        data["from_suggestion"] = "1"
    return client.post(reverse("taper_plan", args=[course.pk]), data)


def _suggested(client, course):
    """Return the suggestion page's prefilled rows as (start, intakes, every_days), and its html."""
    response = client.get(reverse("taper_plan", args=[course.pk]), {"suggest": "1"})
    initial = [f.initial for f in response.context["formset"].forms if f.initial]
    rows = [(i["start_date"], i["intakes_per_day"], i["every_days"]) for i in initial]
    return rows, response.content.decode()


def test_the_suggestion_is_labelled_and_prefilled_for_editing(client, course):
    rows, html = _suggested(client, course)
    assert "Suggestion, not a prescription" in html and "their schedule wins" in html
    assert rows == [
        (TODAY, 3, 1),
        (TODAY + timedelta(days=3), 2, 1),
        (TODAY + timedelta(days=6), 1, 1),
        (TODAY + timedelta(days=9), 0, 1),
    ]
    assert "over 9 days" in html and "3-day step length is an app default" in html


def test_the_suggestion_for_a_short_course_says_a_taper_is_usually_for_longer_use(client, course):
    _, html = _suggested(client, course)  # day 12 of a drug whose threshold is 14 days
    assert "You have used it for 12 days" in html
    assert "usually advised after longer use (more than 14 days)" in html


def test_the_suggestion_after_longer_use_does_not_say_it_may_be_unneeded(client, patient, frozen):
    course = CourseFactory(owner=patient, start_date=TODAY - timedelta(days=20))
    _, html = _suggested(client, course)
    assert "usually advised" not in html and "over 9 days" in html


def test_the_suggestion_starts_from_what_was_logged_lately(client, course):
    for days_ago, count in [(1, 2), (2, 1), (3, 2), (4, 4)]:  # 4 days ago is not recent
        for n in range(count):
            DoseFactory(
                course=course, taken_at=datetime(2026, 4, 20 - days_ago, 8 + 4 * n, tzinfo=ZONE)
            )
    DoseFactory(course=course, taken_at=datetime(2026, 4, 20, 8, tzinfo=ZONE))  # today: not full
    rows, html = _suggested(client, course)
    assert rows == [(TODAY, 1, 1), (TODAY + timedelta(days=3), 0, 1)]
    assert "It starts from 2 a day" in html


def test_a_once_daily_course_is_suggested_every_other_day_then_a_stop(client, patient, frozen):
    course = CourseFactory(owner=patient, start_date=TODAY - timedelta(days=20), intakes_per_day=1)
    rows, html = _suggested(client, course)
    assert rows == [(TODAY, 1, 2), (TODAY + timedelta(days=3), 0, 1)]
    assert "every other day" in html and "over 3 days" in html
    assert '<option value="2" selected>Every other day</option>' in html


def test_the_form_has_an_every_other_day_column_set_to_every_day_by_default(client, course):
    html = client.get(reverse("taper_plan", args=[course.pk])).content.decode()
    assert html.count('name="step-0-every_days"') == 1
    assert html.count('<option value="1" selected>Every day</option>') == 8
    assert '<label class="form-label small mb-0" for="id_step-0-every_days">How often' in html


def test_saving_a_suggested_every_other_day_plan_keeps_the_spacing(client, patient, frozen):
    course = CourseFactory(owner=patient, start_date=TODAY - timedelta(days=20), intakes_per_day=1)
    rows = [(TODAY, "350", 1, "2"), (TODAY + timedelta(days=3), "0", 0, "1")]
    assert _post_steps(client, course, rows, suggested=True).status_code == 302
    plan = TaperPlan.objects.get(course=course)
    assert plan.from_suggestion
    assert list(plan.steps.values_list("intakes_per_day", "every_days")) == [(1, 2), (0, 1)]


def test_a_day_off_plans_no_dose_and_a_dose_logged_on_it_is_flagged(client, patient, frozen):
    course = CourseFactory(owner=patient, start_date=TODAY - timedelta(days=20), intakes_per_day=1)
    rows = [(TODAY, "350", 1, "2"), (TODAY + timedelta(days=3), "0", 0, "1")]
    _post_steps(client, course, rows)
    assert "Taper step today: 350 mg once every other day" in client.get("/").content.decode()
    frozen.move_to(datetime(2026, 4, 21, 9, 0, tzinfo=ZONE))
    client.force_login(patient)
    html = client.get(reverse("dashboard")).content.decode()
    assert "0 of 0 doses" in html
    panel = first_panel(client)
    assert any(f.message.startswith("Today is a day off") for f in panel.findings)
    assert "taper_day_above_step" not in codes(panel)
    # The dashboard asks "I already took it?" first on a day off: the confirmed form records.
    confirmed = {"course": course.pk, "token": str(uuid.uuid4()), "confirmed": "1"}
    client.post(reverse("dose_quick_log"), confirmed)
    assert Dose.objects.get().amount_mg == Decimal("350")
    assert "taper_day_above_step" in codes(first_panel(client))


@pytest.mark.parametrize("every", ["3", "0", "x", "-1"])
def test_a_bad_spacing_is_a_form_error_and_nothing_is_saved(client, course, every):
    rows = [(TODAY, "350", 2, every), (TODAY + timedelta(days=3), "0", 0, "1")]
    response = _post_steps(client, course, rows)
    assert response.status_code == 200
    assert "Choose every day or every other day." in response.content.decode()
    assert not TaperPlan.objects.exists() and not TaperStep.objects.exists()


def test_going_back_to_daily_after_every_other_day_is_refused(client, course):
    rows = [
        (TODAY, "350", 1, "2"),
        (TODAY + timedelta(days=3), "350", 1, "1"),
        (TODAY + timedelta(days=6), "0", 0, "1"),
    ]
    response = _post_steps(client, course, rows)
    assert "Step 2 takes doses more often than the step before it" in response.content.decode()
    assert not TaperPlan.objects.exists()


def test_the_spacing_is_exported_and_an_old_export_without_it_imports_as_daily(client, course):
    rows = [(TODAY, "350", 1, "2"), (TODAY + timedelta(days=3), "0", 0, "1")]
    _post_steps(client, course, rows)
    exported = export_user_data(course.owner)
    steps = exported["courses"][0]["taper_plan"]["steps"]
    assert [s["every_days"] for s in steps] == [2, 1]
    fhir = fhir_bundle(course.owner, ZONE)
    [statement] = [
        r["resource"]
        for r in fhir["entry"]
        if r["resource"]["resourceType"] == "MedicationStatement"
    ]
    spaced = statement["dosage"][1]
    assert spaced["timing"]["repeat"]["period"] == 2
    assert spaced["text"] == "350 mg, 1 times every other day"

    newcomer = UserFactory()
    account_import(user=newcomer, data=exported)
    imported = TaperStep.objects.filter(plan__course__owner=newcomer)
    assert list(imported.values_list("every_days", flat=True)) == [2, 1]

    for step in steps:
        del step["every_days"]
    older = UserFactory()
    account_import(user=older, data=exported)
    imported = TaperStep.objects.filter(plan__course__owner=older)
    assert list(imported.values_list("every_days", flat=True)) == [1, 1]


def test_accepting_the_suggestion_saves_the_plan(client, course):
    rows = [(TODAY + timedelta(days=d), "350", n) for d, n in [(1, 3), (4, 2), (7, 1)]]
    rows.append((TODAY + timedelta(days=10), "0", 0))
    response = _post_steps(client, course, rows, suggested=True)
    assert response.status_code == 302
    plan = TaperPlan.objects.get(course=course)
    assert plan.from_suggestion and plan.steps.count() == 4


@pytest.mark.parametrize(
    "rows, message",
    [
        ([(1, "350", 2), (3, "350", 3), (6, "0", 0)], "raises the daily dose"),
        ([(3, "350", 2), (1, "350", 1), (6, "0", 0)], "date order"),
        ([(1, "350", 2), (1, "350", 1), (6, "0", 0)], "same day"),
        ([(1, "-350", 2), (6, "0", 0)], "cannot be negative"),
        ([(1, "350", 2)], "End the plan with a step of zero"),
    ],
)
def test_a_bad_plan_is_refused_with_a_message_and_nothing_saved(client, course, rows, message):
    response = _post_steps(
        client, course, [(TODAY + timedelta(days=d), mg, n) for d, mg, n in rows]
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TaperStep.objects.exists() and not TaperPlan.objects.exists()


def test_a_refused_edit_keeps_the_old_plan(client, course):
    good = [(TODAY, "350", 2), (TODAY + timedelta(days=3), "0", 0)]
    _post_steps(client, course, good)
    _post_steps(client, course, [(TODAY, "350", 2), (TODAY + timedelta(days=3), "350", 4)])
    assert list(TaperStep.objects.values_list("intakes_per_day", flat=True)) == [2, 0]


def test_the_dashboard_shows_the_step_on_each_day_of_the_plan(client, course, frozen):
    _post_steps(
        client,
        course,
        [
            (TODAY, "350", 2),
            (TODAY + timedelta(days=2), "250", 1),
            (TODAY + timedelta(days=4), "0", 0),
        ],
    )
    expected = [
        ("Today: 350 mg twice a day.", True, "Next step in 2 days"),
        ("Today: 350 mg twice a day.", False, "Next step in 1 day "),
        ("Today: 250 mg once a day.", True, "Next step in 2 days"),
        ("Today: 250 mg once a day.", False, "Next step in 1 day "),
        ("Today: none (stopped).", True, None),
    ]
    for offset, (text, change_day, next_text) in enumerate(expected):
        frozen.move_to(datetime(2026, 4, 20 + offset, 9, 0, tzinfo=ZONE))
        client.force_login(course.owner)  # a day later the idle session has ended
        findings = {f.code: f.message for f in first_panel(client).findings}
        assert findings["taper_today"] == text, offset
        assert ("taper_step_changes_today" in findings) == change_day, offset
        if next_text:
            assert next_text in findings["taper_next_step"], offset
        else:
            assert "taper_next_step" not in findings


def test_dose_checks_follow_the_current_step(client, course, frozen):
    _post_steps(client, course, [(TODAY, "250", 1), (TODAY + timedelta(days=3), "0", 0)])
    html = client.get(reverse("dashboard")).content.decode()
    assert "Taper step today: 250 mg once a day" in html
    assert "Log a dose" in html and "(250 mg now)" in html
    client.post(reverse("dose_quick_log"), {"course": course.pk, "token": str(uuid.uuid4())})
    assert Dose.objects.get().amount_mg == Decimal("250")
    second = {"course": course.pk, "token": str(uuid.uuid4())}
    asked = client.post(reverse("dose_quick_log"), second)
    assert "Record a dose you already took?" in asked.content.decode()  # the step is taken
    client.post(reverse("dose_quick_log"), {**second, "confirmed": "1"})
    assert "taper_day_above_step" in codes(first_panel(client))


def test_a_taper_is_proposed_past_the_caution_day(client, patient, frozen):
    CourseFactory(owner=patient, start_date=TODAY - timedelta(days=10))
    assert "taper_proposed" in codes(first_panel(client))


def test_ending_a_long_course_without_a_plan_warns_of_withdrawal(client, patient, frozen):
    course = CourseFactory(owner=patient, start_date=TODAY - timedelta(days=20))
    page = client.get(reverse("course_end", args=[course.pk])).content.decode()
    assert "Stopping abruptly after 21 days can cause withdrawal: insomnia" in page
    response = client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "stopped", "end_date": TODAY.isoformat()},
    )
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Stopping abruptly after 21 days" in t for t in texts)


def test_ending_a_short_course_does_not_warn(client, patient, frozen):
    course = CourseFactory(owner=patient, start_date=TODAY - timedelta(days=5))
    response = client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "finished", "end_date": TODAY.isoformat()},
    )
    assert not any("abruptly" in str(m) for m in get_messages(response.wsgi_request))


def test_another_users_taper_pages_answer_404(client, frozen):
    other = CourseFactory(start_date=TODAY)
    user = UserFactory()
    client.force_login(user)
    for name in ["taper_plan", "taper_plan_delete", "checkin_create", "course_timeline"]:
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
        assert client.post(reverse(name, args=[other.pk]), {}).status_code == 404
    assert not TaperPlan.objects.exists()


def test_suggested_amounts_render_as_plain_numbers(client, course):
    html = client.get(reverse("taper_plan", args=[course.pk]), {"suggest": "1"}).content.decode()
    assert 'value="350"' in html and "E+" not in html


def test_the_database_refuses_a_spacing_other_than_daily_or_every_other_day(client, course):
    _post_steps(client, course, [(TODAY, "350", 1, "2"), (TODAY + timedelta(days=3), "0", 0)])
    step = TaperStep.objects.first()
    refused = pytest.raises(IntegrityError, match="taper_step_every_one_or_two_days")
    with refused, transaction.atomic():
        TaperStep.objects.filter(pk=step.pk).update(every_days=3)
    step.refresh_from_db()
    assert step.every_days == 2


def test_the_timeline_says_every_other_day_for_such_a_step(owner_client, owner):
    course = CourseFactory(owner=owner, intakes_per_day=1)
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(
        plan=plan, start_date=course.start_date, mg_per_intake=350, intakes_per_day=1, every_days=2
    )
    html = owner_client.get(reverse("course_timeline", args=[course.pk])).content.decode()
    assert "350 mg once every other day" in html


def test_a_dose_on_a_day_off_says_so_and_not_that_the_plan_ended(owner_client, owner, midday):
    from datetime import timedelta

    from django.utils import timezone

    from tracker.services.doses import dose_log

    today = timezone.localdate()
    course = CourseFactory(owner=owner, intakes_per_day=1, start_date=today - timedelta(days=5))
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(
        plan=plan,
        start_date=today - timedelta(days=1),
        mg_per_intake=350,
        intakes_per_day=1,
        every_days=2,
    )
    TaperStep.objects.create(
        plan=plan, start_date=today + timedelta(days=5), mg_per_intake=0, intakes_per_day=0
    )
    saved = dose_log(course=course, taken_at=timezone.now(), amount_mg=350, token=uuid.uuid4())
    codes = {f.code for f in saved.findings}
    assert "taper_day_off_dose" in codes
    assert not any("no more doses" in f.message for f in saved.findings)


def test_no_suggestion_restarts_doses_after_three_days_without_any(owner_client, owner):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    course = CourseFactory(owner=owner, start_date=today - timedelta(days=12))
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(days=6))
    response = owner_client.get(reverse("taper_plan", args=[course.pk]), {"suggest": "1"})
    assert response.context["suggestion"] is None
    assert "No dose was logged on the last three days" in response.content.decode()


@pytest.mark.parametrize("suggested", [True, False])
def test_a_saved_suggestion_says_it_is_the_apps_on_the_dashboard_and_the_summary(
    client, course, suggested
):
    rows = [(TODAY, "350", 2), (TODAY + timedelta(days=3), "0", 0)]
    assert _post_steps(client, course, rows, suggested=suggested).status_code == 302
    dashboard = client.get(reverse("dashboard")).content.decode()
    summary = client.get(reverse("course_summary", args=[course.pk])).content.decode()
    assert ("Your plan is the app's suggestion" in dashboard) is suggested
    assert ("not a schedule written by a prescriber" in summary) is suggested
