"""Export everything, import into an empty account with nothing lost, delete an account."""

import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from drugs.models import DrugFact
from tests.factories import PASSWORD, CoMedicationFactory, CourseFactory, DoseFactory, UserFactory
from tracker.exports.json_export import export_user_data
from tracker.models import CheckIn, CoMedication, Course, Dose, TaperPlan, TaperStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_account(owner):
    """An account with a record of every kind, edited ones included."""
    course = CourseFactory(
        owner=owner,
        start_date=timezone.localdate() - timedelta(days=20),
        tablets_dispensed=40,
        notes="ñ ✓ 🙂",
        status="finished",
        end_date=timezone.localdate() - timedelta(days=1),
        safety_items_confirmed=["Caution: Sleep apnea [PATIENT-PAGE]"],
        safety_checklist_shown_at=timezone.now() - timedelta(days=20),
    )
    for day in range(5):
        DoseFactory(
            course=course, taken_at=timezone.now() - timedelta(days=day + 2), note=f"d{day}"
        )
    Dose.objects.filter(course=course).update(edited_at=timezone.now())
    plan = TaperPlan.objects.create(course=course, from_suggestion=True)
    TaperStep.objects.create(
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
    checkin = CheckIn.objects.create(
        owner=owner,
        course=course,
        severity="severe",
        urgent=True,
        recorded_at=timezone.now() - timedelta(days=3),
        note="bad night",
    )
    checkin.symptoms.set(
        DrugFact.objects.filter(drug=course.drug, kind__in=["seek_care", "withdrawal"])[:3]
    )
    CoMedicationFactory(
        owner=owner,
        name="Xanax",
        start_date=course.start_date,
        stop_date=course.start_date + timedelta(days=2),
        dose="0.5 mg",
    )
    CoMedicationFactory(owner=owner, name="grandma's tea", start_date=course.start_date)
    return owner


def test_the_json_export_holds_every_record(owner_client, full_account):
    data = owner_client.get(reverse("export_json")).json()
    [course] = data["courses"]
    assert len(course["doses"]) == 5 and len(course["taper_plan"]["steps"]) == 2
    assert course["checkins"][0]["urgent"] is True and len(course["checkins"][0]["symptoms"]) == 3
    assert {c["name"] for c in data["comedications"]} == {"Xanax", "grandma's tea"}
    assert course["notes"] == "ñ ✓ 🙂"


def test_a_round_trip_into_an_empty_account_loses_nothing(owner_client, full_account, client):
    exported = owner_client.get(reverse("export_json")).content
    newcomer = UserFactory(username="fresh")
    client.force_login(newcomer)
    upload = io.BytesIO(exported)
    upload.name = "export.json"
    response = client.post(reverse("import_json"), {"file": upload})
    assert response.status_code == 302
    original = export_user_data(full_account)
    copy = export_user_data(newcomer)
    original.pop("account"), copy.pop("account")
    assert copy == original


def test_import_refuses_a_non_empty_account_and_bad_files(owner_client, full_account):
    exported = owner_client.get(reverse("export_json")).content
    for body, message in [
        (exported, "empty account"),
        (b"not json", "not a JSON export"),
        (b'{"format": "other"}', "not an export of this app"),
    ]:
        upload = io.BytesIO(body)
        upload.name = "x.json"
        response = owner_client.post(reverse("import_json"), {"file": upload})
        assert message in response.content.decode()
    assert Course.objects.count() == 1


def test_a_damaged_file_imports_nothing(owner_client, full_account, client):
    data = owner_client.get(reverse("export_json")).json()
    data["courses"][0]["doses"][3]["amount_mg"] = "many"
    newcomer = UserFactory(username="fresh")
    client.force_login(newcomer)
    upload = io.BytesIO(json.dumps(data).encode())
    upload.name = "x.json"
    response = client.post(reverse("import_json"), {"file": upload})
    assert response.status_code == 200
    assert not Course.objects.filter(owner=newcomer).exists()
    assert not CoMedication.objects.filter(owner=newcomer).exists()


def test_the_doses_csv_has_local_and_utc_times(client):
    user = UserFactory(username="tokyo", time_zone="Asia/Tokyo")
    client.force_login(user)
    DoseFactory(
        course=CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=3)),
        note="with, comma",
    )
    lines = client.get(reverse("export_doses_csv")).content.decode().splitlines()
    assert lines[0] == "local_time,utc_time,drug,amount_mg,note,edited"
    local, utc = lines[1].split(",")[:2]
    assert local.endswith("+09:00") and utc.endswith("+00:00")
    assert '"with, comma"' in lines[1]


def test_deleting_the_account_needs_the_password_and_removes_only_its_data(
    owner_client, full_account
):
    other_course = CourseFactory(owner=UserFactory(username="other"))
    DoseFactory(course=other_course)
    response = owner_client.post(reverse("delete_account"), {"password": "wrong"})
    assert "not your password" in response.content.decode()
    assert get_user_model().objects.filter(pk=full_account.pk).exists()
    course_ids = list(Course.objects.filter(owner=full_account).values_list("id", flat=True))
    response = owner_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=full_account.pk).exists()
    assert list(Course.objects.all()) == [other_course]
    assert Dose.objects.filter(course=other_course).count() == 1
    assert not Dose.objects.exclude(course=other_course).exists()
    assert not CoMedication.objects.exists() and not CheckIn.objects.exists()
    assert not Course.history.filter(id__in=course_ids).exists()
    assert not Dose.history.filter(course_id__in=course_ids).exists()
    assert Dose.history.filter(course_id=other_course.pk).exists()


def test_deleting_the_account_removes_the_history_of_records_deleted_before(owner_client, owner):
    """A co-medication deleted earlier and a taper plan replaced earlier leave history rows
    naming them: the account's deletion removes those too, and nobody else's."""
    from tracker.rules.taper import Step
    from tracker.services.comedications import comedication_delete
    from tracker.services.tapers import taper_plan_delete, taper_plan_save

    today = timezone.localdate()
    course = CourseFactory(owner=owner, start_date=today - timedelta(days=10))
    secret = CoMedicationFactory(owner=owner, name="deleted-earlier-marker")
    comedication_delete(comed=secret)
    steps = [
        Step(today + timedelta(days=1), Decimal("350"), 2),
        Step(today + timedelta(days=4), Decimal("0"), 0),
    ]
    taper_plan_save(course=course, steps=steps, from_suggestion=False)
    old_plan_id = TaperPlan.objects.get(course=course).pk
    taper_plan_delete(course=course)
    taper_plan_save(course=course, steps=steps, from_suggestion=False)
    others = CoMedicationFactory(owner=UserFactory(username="other"), name="kept")
    assert CoMedication.history.filter(name="deleted-earlier-marker").exists()
    owner_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert not CoMedication.history.filter(owner_id=owner.pk).exists()
    assert not Course.history.filter(owner_id=owner.pk).exists()
    assert not TaperPlan.history.filter(course_id=course.pk).exists()
    assert not TaperStep.history.filter(plan_id=old_plan_id).exists()
    assert CoMedication.history.filter(id=others.pk).exists()
