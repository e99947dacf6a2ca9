"""The per-day dose totals the writes keep (tracker/services/dose_days.py): after any sequence
of writes they are exactly what grouping every dose by its local day gives, a change of time
zone rebuilds them, and the dose history reads them instead of grouping every dose."""

import random
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drugs.models import Drug
from tests.factories import CourseFactory, UserFactory
from tracker.exports.json_export import export_user_data
from tracker.models import Dose, DoseDay, Profile
from tracker.pages.history import day_groups_page
from tracker.services import accounts, doses, imports

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Around the spring clock change (29 March 2026, 02:00 → 03:00 in Paris): days of 23 hours.
NOW = datetime(2026, 3, 31, 12, 0, tzinfo=PARIS)


def _grouped(user, zone_name: str) -> dict:
    """Return {(course, local day): (total, count)} worked out from every dose."""
    zone, sums = ZoneInfo(zone_name), defaultdict(lambda: [Decimal(0), 0])
    for dose in Dose.objects.filter(course__owner=user):
        day_sums = sums[(dose.course_id, dose.taken_at.astimezone(zone).date())]
        day_sums[0] += dose.amount_mg
        day_sums[1] += 1
    return {key: (total, count) for key, (total, count) in sums.items()}


def _kept(user) -> dict:
    zone = Profile.objects.get(user=user).dose_days_zone
    rows = DoseDay.objects.filter(course__owner=user)
    assert all(row.zone == zone for row in rows), "totals kept in a zone other than the profile's"
    return {(r.course_id, r.day): (r.total_mg, r.count) for r in rows}


@pytest.mark.parametrize("seed", range(4))
def test_kept_totals_match_the_doses_after_any_sequence_of_writes(seed):
    rng = random.Random(seed)
    with time_machine.travel(NOW, tick=False):
        user = UserFactory(time_zone="Europe/Paris")
        courses = [
            CourseFactory(owner=user, start_date=datetime(2026, 3, 20).date(), drug=drug)
            for drug in Drug.objects.filter(slug__in=["carisoprodol", "baclofen"])
        ]
        assert len(courses) == 2
        logged: list[Dose] = []
        for _ in range(40):
            action = rng.choice(["log", "log", "log", "edit", "delete", "undo"])
            moment = NOW - timedelta(minutes=rng.randrange(0, 60 * 24 * 10))
            if action == "log" or not logged:
                saved = doses.dose_log(
                    course=rng.choice(courses),
                    taken_at=moment,
                    amount_mg=Decimal(rng.choice(["250", "350"])),
                    token=uuid.uuid4(),
                    now=NOW,
                )
                logged.append(saved.record)
            elif action == "edit":  # often to another local day
                dose = logged[rng.randrange(len(logged))]
                doses.dose_update(
                    dose=dose, taken_at=moment, amount_mg=Decimal("125"), note="", now=NOW
                )
            elif action == "delete":
                doses.dose_delete(dose=logged.pop(rng.randrange(len(logged))))
            else:
                doses.dose_undo(dose=logged.pop(), now=NOW)  # logged "now": within the window
            assert _kept(user) == _grouped(user, "Europe/Paris"), action


def test_a_time_zone_change_rebuilds_the_totals_in_the_new_zone():
    with time_machine.travel(NOW, tick=False):
        user = UserFactory(time_zone="Europe/Paris")
        course = CourseFactory(owner=user, start_date=datetime(2026, 3, 25).date())
        for hour in (0, 23):  # 00:30 and 23:30 in Paris: other days in Tokyo and New York
            moment = datetime(2026, 3, 30, hour, 30, tzinfo=PARIS)
            doses.dose_log(
                course=course, taken_at=moment, amount_mg=Decimal(350), token=uuid.uuid4()
            )
        for zone_name in ("Asia/Tokyo", "America/New_York"):
            accounts.profile_update(
                profile=user.profile,
                time_zone=zone_name,
                dose_times=[],
                email_reminders=False,
                email="",
            )
            assert Profile.objects.get(user=user).dose_days_zone == zone_name
            assert _kept(user) == _grouped(user, zone_name)
            assert len(_kept(user)) == 2


def test_an_import_keeps_the_totals_of_the_doses_it_brings():
    with time_machine.travel(NOW, tick=False):
        user = UserFactory(time_zone="Europe/Paris")
        course = CourseFactory(owner=user, start_date=datetime(2026, 3, 25).date())
        for day in (27, 28, 28, 30):
            moment = datetime(2026, 3, day, 9, 0, tzinfo=PARIS)
            doses.dose_log(
                course=course, taken_at=moment, amount_mg=Decimal(350), token=uuid.uuid4()
            )
        exported = export_user_data(user)
        newcomer = UserFactory(time_zone="UTC")
        imports.account_import(user=newcomer, data=exported)
        assert _grouped(newcomer, "Europe/Paris")  # the zone came with the data
        assert _kept(newcomer) == _grouped(newcomer, Profile.objects.get(user=newcomer).time_zone)


def test_the_history_reads_the_kept_totals_and_groups_no_dose(client):
    with time_machine.travel(NOW, tick=False):
        user = UserFactory(time_zone="Europe/Paris")
        course = CourseFactory(owner=user, start_date=datetime(2026, 3, 22).date())
        for day in range(22, 31):
            for hour in (8, 14, 20):
                moment = datetime(2026, 3, day, hour, 0, tzinfo=PARIS)
                doses.dose_log(
                    course=course, taken_at=moment, amount_mg=Decimal(350), token=uuid.uuid4()
                )
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("dose_history")).content.decode()
        assert "3 doses, total <strong>1050 mg</strong>" in page
        dose_reads = [q["sql"] for q in captured.captured_queries if "tracker_dose" in q["sql"]]
        assert not [sql for sql in dose_reads if "GROUP BY" in sql and "tracker_doseday" not in sql]


def test_a_zone_the_totals_are_not_kept_in_groups_the_doses():
    """A page asked in another zone (the session's zone before a change elsewhere, a shared
    page) gives the same groups as a page built from every dose."""
    with time_machine.travel(NOW, tick=False):
        user = UserFactory(time_zone="Europe/Paris")
        course = CourseFactory(owner=user, start_date=datetime(2026, 3, 25).date())
        for day, hour in ((29, 1), (29, 23), (30, 0)):
            moment = datetime(2026, 3, day, hour, 30, tzinfo=PARIS)
            doses.dose_log(
                course=course, taken_at=moment, amount_mg=Decimal(350), token=uuid.uuid4()
            )
        for zone_name in ("Europe/Paris", "Asia/Tokyo"):
            page = day_groups_page(user, zone=ZoneInfo(zone_name), page_number=1)
            shown = {(g.course_id, g.day): (g.total_mg, g.count) for g in page}
            assert shown == _grouped(user, zone_name), zone_name
            assert page.paginator.count == len(shown)


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_totals_of_every_existing_user(reference_data):
    before, after = [("tracker", "0015_devices")], [("tracker", "0016_dose_days")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("auth", "User").objects.create(username="before-the-migration")
    old.get_model("tracker", "Profile").objects.create(user=user, time_zone="Asia/Tokyo")
    course = old.get_model("tracker", "Course").objects.create(
        owner=user,
        drug=old.get_model("drugs", "Drug").objects.get(slug="carisoprodol"),
        start_date=datetime(2026, 3, 25).date(),
        mg_per_intake=Decimal(350),
        intakes_per_day=4,
    )
    for day, hour in ((29, 14), (29, 16), (30, 9)):  # 14:00 and 16:00 UTC: two days in Tokyo
        old.get_model("tracker", "Dose").objects.create(
            course=course,
            taken_at=datetime(2026, 3, day, hour, 0, tzinfo=ZoneInfo("UTC")),
            amount_mg=Decimal(350),
            form_token=uuid.uuid4(),
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    migrated = Profile.objects.get(user_id=user.pk)
    assert migrated.dose_days_zone == "Asia/Tokyo"
    assert _kept(migrated.user) == _grouped(migrated.user, "Asia/Tokyo")
    assert sorted(count for _, count in _kept(migrated.user).values()) == [1, 2]


def test_accounts_keep_their_totals_from_the_start(client, password):
    """A signup, and an account made by Django's own tools at its first sign-in, keep their
    totals in their zone before their first dose."""
    client.post(
        reverse("signup"),
        {
            "username": "new-patient",
            "email": "new@example.org",
            "password1": password,
            "password2": password,
            "time_zone": "Asia/Tokyo",
        },
    )
    assert Profile.objects.get(user__username="new-patient").dose_days_zone == "Asia/Tokyo"
    tool_made = get_user_model().objects.create_user("made-by-a-tool", password=password)
    client.post(reverse("login"), {"username": "made-by-a-tool", "password": password})
    profile = Profile.objects.get(user=tool_made)
    assert profile.dose_days_zone == profile.time_zone != ""
