"""Property-based: generated hostile data to every form and POST endpoint never gives a 500,
and a refused submission writes nothing."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import CourseFactory, DoseFactory, UserFactory
from tracker.models import CheckIn, CoMedication, Course, Dose, Profile, TaperPlan, TaperStep

pytestmark = pytest.mark.django_db

NASTY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "So", "Lo"]), max_size=50
    ),
    st.sampled_from(
        ["\x00", "a\x00b", "\u202e", "🙂" * 200, "x" * 5000, "' OR 1=1 --", "<script>"]
    ),
)
NASTY_NUMBER = st.one_of(
    st.sampled_from(
        [
            "NaN",
            "nan",
            "inf",
            "-inf",
            "Infinity",
            "1e999",
            "-0",
            "0",
            "-1",
            "1e-30",
            "99999999999999999999",
            "3.5E+2",
            "١٢",
            "",
            " ",
            "12abc",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
NASTY_DATE = st.one_of(
    st.sampled_from(
        [
            "2026-02-30",
            "9999-12-31",
            "0000-01-01",
            "2026-13-01",
            "yesterday",
            "",
            "2026-03-08T02:30",
            "2026-11-01T01:30",
            "2026-03-29T02:30",
            "1-1-1",
        ]
    ),
    st.dates().map(str),
    NASTY_TEXT,
)
NASTY_DATETIME = st.one_of(
    st.sampled_from(
        [
            "2026-03-08T02:30",
            "2026-11-01T01:30",
            "2026-03-29T02:15",
            "2026-10-25T02:30",
            "2026-02-30T10:00",
            "T",
            "",
            "2026-01-01T25:61",
        ]
    ),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    NASTY_TEXT,
)
FIELD = {"text": NASTY_TEXT, "number": NASTY_NUMBER, "date": NASTY_DATE, "datetime": NASTY_DATETIME}

COMED_FIELDS = {
    "name": "text",
    "dose": "text",
    "frequency": "text",
    "start_date": "date",
    "stop_date": "date",
    "note": "text",
}
ENDPOINTS = {
    "course_start": (
        {
            "drug": "number",
            "start_date": "date",
            "mg_per_intake": "number",
            "intakes_per_day": "number",
            "prescriber": "text",
            "reason": "text",
            "tablets_dispensed": "number",
            "tablet_mg": "number",
            "contraindicated": "text",
            "cautions": "number",
        }
    ),
    "course_edit": (
        {
            "start_date": "date",
            "mg_per_intake": "number",
            "intakes_per_day": "number",
            "prescriber": "text",
            "notes": "text",
            "tablets_dispensed": "number",
        }
    ),
    "course_end": ({"status": "text", "end_date": "date"}),
    "dose_create": (
        {"amount_mg": "number", "taken_at": "datetime", "note": "text", "token": "text"}
    ),
    "dose_quick_log": ({"course": "number", "token": "text"}),
    "comedication_add": COMED_FIELDS,
    "taper_plan": (
        {
            "step-TOTAL_FORMS": "number",
            "step-INITIAL_FORMS": "number",
            "step-0-start_date": "date",
            "step-0-mg_per_intake": "number",
            "step-0-intakes_per_day": "number",
            "step-1-start_date": "date",
            "step-1-mg_per_intake": "number",
            "step-1-intakes_per_day": "number",
        }
    ),
    "checkin_create": ({"symptoms": "number", "severity": "text", "note": "text"}),
    "settings": (
        {"time_zone": "text", "dose_times": "text", "email": "text", "email_reminders": "text"}
    ),
    "signup": (
        {
            "username": "text",
            "email": "text",
            "time_zone": "text",
            "password1": "text",
            "password2": "text",
        }
    ),
    "login": ({"username": "text", "password": "text"}),
    "dose_edit": ({"amount_mg": "number", "taken_at": "datetime", "note": "text"}),
    "comedication_edit": COMED_FIELDS,
    "delete_account": ({"password": "text"}),
}
WITH_COURSE = {"course_edit", "course_end", "dose_create", "taper_plan", "checkin_create"}


def _counts():
    return [
        m.objects.count()
        for m in (Course, Dose, CoMedication, TaperPlan, TaperStep, CheckIn, Profile)
    ]


@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_hostile_posts_never_500_and_refusals_write_nothing(client, name):
    user = UserFactory(username="fuzz", time_zone="America/New_York")
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=400))
    if name not in ("signup", "login"):
        client.force_login(user)
    dose = DoseFactory(course=course)
    comed = CoMedication.objects.create(owner=user, name="Xanax", start_date=course.start_date)
    targets = {"dose_edit": dose.pk, "comedication_edit": comed.pk}
    if name in WITH_COURSE:
        url = reverse(name, args=[course.pk])
    elif name in targets:
        url = reverse(name, args=[targets[name]])
    else:
        url = reverse(name)
    fields = ENDPOINTS[name]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({field: FIELD[kind] for field, kind in fields.items()}))
    def post(data):
        cache.clear()  # each example starts under the address limits: the form is what's tested
        before = _counts()
        response = client.post(url, data)
        assert response.status_code in (200, 302, 404, 429), response.status_code
        if response.status_code == 200:
            assert _counts() == before, "a refused form wrote something"
        if name not in ("signup", "login"):
            client.force_login(user)  # a successful signup/login or logout must not leak over

    post()


def test_a_non_existent_local_time_on_a_dst_day_is_refused(client):
    # The repeated hour is recorded at its first occurrence: test_dose_times_at_clock_changes.
    user = UserFactory(username="ny", time_zone="America/New_York")
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=400))
    client.force_login(user)
    response = client.post(
        reverse("dose_create", args=[course.pk]),
        {
            "amount_mg": "350",
            "taken_at": "2026-03-08T02:30",  # the skipped hour
            "token": "0b9a8d2e-1c3f-4e5a-9b7c-6d5e4f3a2b1c",
        },
    )
    assert "did not happen where you are: the clocks went forward" in response.content.decode()
    assert not Dose.objects.exists()
