"""The dashboard's status (#18): one per course from the worst finding, the log action that
follows it, the confirm step, a double tap, and Undo for the owner within 10 minutes."""

import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory
from tests.pages import read_dashboard, shown_items
from tracker.models import Dose
from tracker.rules.status import Action, Status
from tracker.services.checkins import checkin_record
from tracker.services.comedications import comedication_add

pytestmark = pytest.mark.django_db


def _course(owner, days_ago=2, **values):
    return CourseFactory(
        owner=owner, start_date=timezone.localdate() - timedelta(days=days_ago), **values
    )


def _shown(client):
    """Return the first panel's status as the view gave it, and the page."""
    response = client.get(reverse("dashboard"))
    panel, token, status = shown_items(response)[0]
    return status, response.content.decode(), token


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _log(client, course, **extra):
    data = {"course": course.pk, "token": str(uuid.uuid4()), **extra}
    return client.post(reverse("dose_quick_log"), data, follow=True)


@pytest.mark.parametrize(
    "days_ago, comeds, status",
    [
        (2, [], Status.ON_TRACK),
        (11, [], Status.CAUTION),
        (15, [], Status.WARNING),
        (22, [], Status.DANGER),
        (4, ["Xanax"], Status.DANGER),
        (15, ["Xanax", "Percocet"], Status.DANGER),
    ],
)
def test_the_status_is_the_worst_finding(owner_client, owner, days_ago, comeds, status):
    course = _course(owner, days_ago)
    for name in comeds:
        comedication_add(owner=owner, name=name, start_date=course.start_date)
    shown, html, _ = _shown(owner_client)
    assert shown.status == status
    data = read_dashboard(owner_client)
    worst = max((f.level for f in data.panels[0].findings if f.code != "course_day"), default=None)
    if worst is not None:
        assert shown.status.name == worst.name
    assert f'data-status="{status.css}"' in html
    assert f"<strong>{status.label}</strong>" in html
    assert "stage-badge" not in html  # no second, course-day-only badge beside it


def test_an_urgent_check_in_makes_the_status_urgent(owner_client, owner, carisoprodol):
    course = _course(owner)
    symptom = carisoprodol.facts.get(kind="seek_care", text__startswith="Severe allergic")
    checkin_record(
        owner=owner,
        course=course,
        symptoms=[symptom],
        severity="severe",
        note="",
        recorded_at=timezone.now(),
    )
    status, html, _ = _shown(owner_client)
    assert status.status == Status.URGENT and status.action == Action.STOP
    assert html.index("urgent-banner") < html.index("course-status")  # the banner comes first


def test_all_is_well_so_logging_is_the_one_tap_primary_button(owner_client, owner):
    _course(owner)
    status, html, _ = _shown(owner_client)
    assert status.action == Action.LOG
    assert "btn btn-primary btn-lg btn-log" in html
    assert "I already took it" not in html and "btn-contact" not in html


def test_too_soon_turns_logging_into_a_confirm_step(owner_client, owner):
    course = _course(owner)
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=1))
    status, html, _ = _shown(owner_client)
    assert status.action == Action.STOP and status.next_step.startswith("Next dose from ")
    assert "I already took it — record it" in html
    assert 'name="confirmed" value="1"' in html
    assert "btn-log" not in html.replace("btn-log-confirm", "")


def test_the_triple_combination_puts_the_prescriber_first(owner_client, owner):
    course = _course(owner, 15, prescriber="Dr Alvarez")
    for name in ("Xanax", "Percocet"):
        comedication_add(owner=owner, name=name, start_date=course.start_date)
    status, html, _ = _shown(owner_client)
    assert status.status == Status.DANGER and status.action == Action.STOP
    assert status.next_step == "Do not take these together. Contact your prescriber today."
    assert f'href="#why-{course.pk}">Contact Dr Alvarez today: see why</a>' in html
    assert f'id="why-{course.pk}"' in html
    assert html.index("course-status") < html.index("I already took it")
    # Grouped, each finding once, one line with the rest behind <details>.
    assert html.count('data-finding="combination"') == 1
    assert '<h3 class="finding-group-title"' in html and ">Interactions</h3>" in html


def test_without_a_prescriber_the_primary_button_says_see_why(owner_client, owner):
    course = _course(owner, 22)
    status, html, _ = _shown(owner_client)
    assert status.action == Action.ASK
    assert f'href="#why-{course.pk}">See why</a>' in html
    assert "btn btn-outline-primary btn-log" in html  # logging stays one tap, beside it


def test_a_one_tap_log_the_rules_advise_against_asks_first_and_records_nothing(owner_client, owner):
    course = _course(owner)
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=1))
    response = _log(owner_client, course)  # a page loaded before the last dose
    assert "Record a dose you already took?" in response.content.decode()
    assert "Next dose from " in response.content.decode()
    assert Dose.objects.count() == 1


def test_the_confirm_step_records_the_dose(owner_client, owner):
    course = _course(owner)
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=1))
    response = _log(owner_client, course, confirmed="1")
    assert Dose.objects.count() == 2
    assert any(m.startswith("Recorded 350 mg") for m in _messages(response))


def test_a_double_post_with_one_token_logs_one_dose(owner_client, owner):
    course = _course(owner)
    _, _, token = _shown(owner_client)
    data = {"course": course.pk, "token": token}
    owner_client.post(reverse("dose_quick_log"), data)
    # The second tap arrives when the rules already say "too soon": the token answers first.
    second = owner_client.post(reverse("dose_quick_log"), data, follow=True)
    assert Dose.objects.count() == 1
    assert any("Already recorded" in m for m in _messages(second))


def test_the_logged_message_carries_an_undo_form(owner_client, owner):
    course = _course(owner)
    response = _log(owner_client, course)
    dose = Dose.objects.get()
    html = response.content.decode()
    undo = reverse("dose_undo", args=[dose.pk])
    assert re.search(rf'<form method="post" action="{undo}"[^>]*>.*?>Undo</button>', html)


def test_undo_within_10_minutes_removes_the_dose_and_the_history_keeps_it(owner_client, owner):
    course = _course(owner)
    _log(owner_client, course)
    dose = Dose.objects.get()
    with time_machine.travel(timezone.now() + timedelta(minutes=9), tick=False):
        owner_client.force_login(owner)
        response = owner_client.post(reverse("dose_undo", args=[dose.pk]), follow=True)
    assert not Dose.objects.exists()
    assert any(m.startswith("Undone: the 350 mg") for m in _messages(response))
    assert dose.history.filter(history_type="-").exists()


def test_undo_after_10_minutes_refuses_and_removes_nothing(owner_client, owner):
    course = _course(owner)
    _log(owner_client, course)
    dose = Dose.objects.get()
    with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
        owner_client.force_login(owner)
        response = owner_client.post(reverse("dose_undo", args=[dose.pk]), follow=True)
    assert Dose.objects.filter(pk=dose.pk).exists()
    assert any("nothing was removed" in m for m in _messages(response))


def test_another_patients_undo_is_404_and_changes_nothing(client, owner, other_patient):
    course = _course(owner)
    dose = DoseFactory(course=course, taken_at=timezone.now())
    client.force_login(other_patient)
    assert client.post(reverse("dose_undo", args=[dose.pk])).status_code == 404
    assert client.get(reverse("dose_undo", args=[dose.pk])).status_code == 405
    assert Dose.objects.filter(pk=dose.pk).exists()


def test_the_log_buttons_disable_themselves_on_submit(owner_client, owner):
    _course(owner)
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "data-submit-once" in html and "js/submit-once" in html


def test_past_the_limit_the_first_line_warns_against_stopping_suddenly_unless_a_plan_says_how(
    owner_client, owner
):
    """Carisoprodol's reference data advises a taper after 14 days: on day 31 the first line
    says not to stop suddenly, until a taper plan exists, even one that starts next week."""
    from decimal import Decimal

    from tracker.rules.taper import Step
    from tracker.services.tapers import taper_plan_save

    course = _course(owner, days_ago=30)
    status, html, _ = _shown(owner_client)
    assert status.next_step.startswith("Talk to your prescriber about stopping: day 31")
    assert status.next_step.endswith("Do not stop suddenly on your own: ask about a taper.")

    next_week = timezone.localdate() + timedelta(days=7)
    taper_plan_save(
        course=course,
        steps=[
            Step(next_week, Decimal(350), 2),
            Step(next_week + timedelta(days=7), Decimal(0), 0),
        ],
        from_suggestion=False,
    )
    status, html, _ = _shown(owner_client)
    assert status.next_step.startswith("Talk to your prescriber about stopping: day 31")
    assert "Do not stop suddenly" not in status.next_step
