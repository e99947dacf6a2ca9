"""The dashboard's page cache: every change shows at once, and nothing crosses between users."""

import re
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drugs.changes import reference_changed
from drugs.models import DrugAlias, DrugFact
from tests.factories import CourseFactory, DoseFactory, UserFactory
from tests.pages import read_dashboard
from tracker.exports.json_export import export_user_data
from tracker.models import CoMedication, Profile
from tracker.rules.taper import Step
from tracker.services import checkins, comedications, courses, doses, imports, tapers

pytestmark = pytest.mark.django_db


def _version(user) -> int:
    return Profile.objects.get(user=user).data_version


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=2))


def _comed(course, name="Xanax"):
    return comedications.comedication_add(
        owner=course.owner, name=name, start_date=course.start_date
    ).record


def _plan(course, mg="350"):
    today = timezone.localdate()
    steps = [Step(today, Decimal(mg), 2), Step(today + timedelta(days=3), Decimal(0), 0)]
    tapers.taper_plan_save(course=course, steps=steps, from_suggestion=False)


def _checkin(course):
    symptom = DrugFact.objects.get(
        drug=course.drug, kind="seek_care", text__startswith="Severe allergic"
    )
    checkins.checkin_record(
        owner=course.owner,
        course=course,
        symptoms=[symptom],
        severity="severe",
        note="",
        recorded_at=timezone.now(),
    )


# Each write prepares what it needs and returns the change whose effect is tested.
def _log_dose(course):
    return lambda: doses.dose_log(
        course=course, taken_at=timezone.now(), amount_mg=Decimal("350"), token=uuid.uuid4()
    )


def _edit_dose(course):
    dose = DoseFactory(course=course)
    return lambda: doses.dose_update(
        dose=dose, taken_at=dose.taken_at, amount_mg=Decimal("250"), note="edited"
    )


def _delete_dose(course):
    dose = DoseFactory(course=course)
    return lambda: doses.dose_delete(dose=dose)


def _undo_dose(course):
    dose = DoseFactory(course=course)
    return lambda: doses.dose_undo(dose=dose)


def _edit_course(course):
    return lambda: courses.course_update(course=course, intakes_per_day=3)


def _end_course(course):
    return lambda: courses.course_end(
        course=course, status="stopped", end_date=timezone.localdate()
    )


def _add_comed(course):
    return lambda: _comed(course)


def _stop_comed(course):
    comed = _comed(course)
    return lambda: comedications.comedication_stop(comed=comed, stop_date=timezone.localdate())


def _delete_comed(course):
    comed = _comed(course)
    return lambda: comedications.comedication_delete(comed=comed)


def _save_plan(course):
    return lambda: _plan(course)


def _replace_plan(course):
    _plan(course)
    return lambda: _plan(course, "250")


def _delete_plan(course):
    _plan(course)
    return lambda: tapers.taper_plan_delete(course=course)


def _record_checkin(course):
    return lambda: _checkin(course)


def _link_when_known(course):
    _comed(course, "Mystery brand")

    def change():
        DrugAlias.objects.create(name="Mystery brand", drug=course.drug)
        reference_changed()  # as the admin announces it

    return change


WRITES = [
    _log_dose,
    _edit_dose,
    _delete_dose,
    _undo_dose,
    _edit_course,
    _end_course,
    _add_comed,
    _stop_comed,
    _delete_comed,
    _save_plan,
    _replace_plan,
    _delete_plan,
    _record_checkin,
    _link_when_known,
]


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.__name__.strip("_"))
def test_every_change_to_the_users_data_moves_their_version(owner, other_patient, course, write):
    change = write(course)
    before, others_before = _version(owner), _version(other_patient)
    change()
    assert _version(owner) > before
    assert _version(other_patient) == others_before


def test_an_import_moves_the_version(owner, course, other_patient):
    DoseFactory(course=course)
    data = export_user_data(owner)
    before = _version(other_patient)
    imports.account_import(user=other_patient, data=data)
    assert _version(other_patient) > before


def test_saving_settings_from_an_older_copy_keeps_the_newer_version(owner, course):
    profile = Profile.objects.get(user=owner)
    DoseFactory(course=course)  # a change after the copy was read
    profile.time_zone = "Europe/Paris"
    profile.save()
    saved = Profile.objects.get(user=owner)
    assert saved.time_zone == "Europe/Paris"
    assert saved.data_version > profile.data_version


def test_a_reload_costs_one_query_beyond_the_framework_floor(midday, owner_client, course):
    """The versions, with whether an urgent check-in is open: a sign of overdose recorded a
    moment ago must show on the next page whatever is kept."""
    DoseFactory(course=course)
    owner_client.get(reverse("ping"))
    with CaptureQueriesContext(connection) as floor:
        owner_client.get(reverse("ping"))
    floor_count = len(floor.captured_queries)  # read now: the next request empties the log
    owner_client.get(reverse("dashboard"))  # builds and keeps the page
    with CaptureQueriesContext(connection) as reload:
        response = owner_client.get(reverse("dashboard"))
    assert len(reload.captured_queries) == floor_count + 1
    assert "tracker_checkin" in reload.captured_queries[-1]["sql"]
    assert "1 of 4 doses" in response.content.decode()


def test_each_load_has_a_fresh_one_click_token(owner_client, course):
    pattern = r'name="token" value="([0-9a-f-]{36})"'
    first = re.findall(pattern, owner_client.get(reverse("dashboard")).content.decode())
    second = re.findall(pattern, owner_client.get(reverse("dashboard")).content.decode())
    assert len(first) == len(second) == 1 and first != second
    response = owner_client.post(
        reverse("dose_quick_log"), {"course": course.pk, "token": second[0]}, follow=True
    )
    assert "1 of 4 doses" in response.content.decode()


def test_changes_through_the_pages_show_on_the_next_load(owner_client, owner, course):
    assert read_dashboard(owner_client).panels[0].doses_today == 0
    token = re.search(r'name="token" value="([^"]+)"', read_dashboard(owner_client).html)[1]
    owner_client.post(reverse("dose_quick_log"), {"course": course.pk, "token": token})
    assert read_dashboard(owner_client).panels[0].doses_today == 1
    owner_client.post(reverse("comedication_add"), _comed_form(course, "Xanax"))
    shown = read_dashboard(owner_client)
    assert "interaction" in [f.code for f in shown.panels[0].findings]
    dose = course.doses.get()
    owner_client.post(reverse("dose_delete", args=[dose.pk]))
    assert read_dashboard(owner_client).panels[0].doses_today == 0
    symptom = DrugFact.objects.get(
        drug=course.drug, kind="seek_care", text__startswith="Severe allergic"
    )
    owner_client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [symptom.pk], "severity": "severe", "note": ""},
    )
    assert "urgent-banner" in read_dashboard(owner_client).html
    assert CoMedication.objects.filter(owner=owner).count() == 1


def _comed_form(course, name):
    return {
        "name": name,
        "dose": "",
        "frequency": "",
        "note": "",
        "start_date": course.start_date.isoformat(),
        "stop_date": "",
    }


def test_the_next_dose_line_turns_once_the_gap_has_passed(client):
    zone = ZoneInfo("Europe/Paris")
    user = UserFactory(time_zone="Europe/Paris")
    with time_machine.travel(datetime(2026, 5, 10, 9, 0, tzinfo=zone), tick=False) as clock:
        client.force_login(user)
        course = CourseFactory(owner=user, start_date=datetime(2026, 5, 9).date())
        DoseFactory(course=course, taken_at=datetime(2026, 5, 10, 8, 0, tzinfo=zone))
        assert "Not before Sun 10 May, 12:00" in read_dashboard(client).html
        clock.move_to(datetime(2026, 5, 10, 9, 5, tzinfo=zone))
        kept = client.get(reverse("dashboard"))  # the page rendered at 09:00, kept
        assert kept.context is None and "Not before Sun 10 May, 12:00" in kept.content.decode()
        assert 'data-rendered-at="2026-05-10T09:05:00+02:00"' in kept.content.decode()
        clock.move_to(datetime(2026, 5, 10, 11, 59, tzinfo=zone))
        client.force_login(user)  # the idle session ended meanwhile
        assert "Not before Sun 10 May, 12:00" in read_dashboard(client).html
        clock.move_to(datetime(2026, 5, 10, 12, 1, tzinfo=zone))
        client.force_login(user)
        assert "Within the spacing limit now" in read_dashboard(client).html


def test_a_new_time_zone_shows_times_in_that_zone(client):
    user = UserFactory(time_zone="UTC")
    with time_machine.travel(datetime(2026, 5, 10, 20, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        client.force_login(user)
        course = CourseFactory(owner=user, start_date=datetime(2026, 5, 9).date())
        DoseFactory(course=course, taken_at=datetime(2026, 5, 10, 19, 30, tzinfo=ZoneInfo("UTC")))
        assert "<li>19:30: 350 mg</li>" in read_dashboard(client).html
        assert client.get(reverse("dashboard")).context is None  # served as kept
        client.post(
            reverse("settings"), {"time_zone": "Europe/Paris", "dose_times": "", "email": ""}
        )
        assert "<li>21:30: 350 mg</li>" in read_dashboard(client).html


def test_another_users_page_is_never_served(client, owner, other_patient):
    # Same drug, same day, same versions: only the user tells the two pages apart.
    CourseFactory(owner=owner, mg_per_intake=Decimal("350"))
    CourseFactory(owner=other_patient, mg_per_intake=Decimal("250"))
    assert _version(owner) == _version(other_patient)
    client.force_login(owner)
    assert "(350 mg now)" in read_dashboard(client).html
    client.force_login(other_patient)
    html = read_dashboard(client).html
    assert "(250 mg now)" in html and "350" not in html
