"""For the doctor: the printable summary, CSV downloads, and the FHIR R4 bundle."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from drugs.models import DrugFact
from tests.factories import CoMedicationFactory, CourseFactory, DoseFactory, UserFactory
from tracker.models import CheckIn, CoMedication, TaperPlan, TaperStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_course(owner):
    owner.first_name, owner.last_name = "Pat", "Example"
    owner.save()
    course = CourseFactory(
        owner=owner, start_date=timezone.localdate() - timedelta(days=15), reason="Back strain"
    )
    now = timezone.now()
    for hours in (1, 2, 30, 34):
        DoseFactory(
            course=course, taken_at=now - timedelta(hours=hours), note="late" if hours == 1 else ""
        )
    CoMedicationFactory(
        owner=owner,
        name="Xanax",
        start_date=course.start_date,
        dose="0.5 mg",
    )
    CoMedication.objects.create(owner=owner, name="herbal tea", start_date=course.start_date)
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(
        plan=plan, start_date=timezone.localdate(), mg_per_intake=350, intakes_per_day=2
    )
    TaperStep.objects.create(
        plan=plan,
        start_date=timezone.localdate() + timedelta(days=4),
        mg_per_intake=0,
        intakes_per_day=0,
    )
    checkin = CheckIn.objects.create(
        owner=owner, course=course, severity="moderate", recorded_at=now - timedelta(hours=3)
    )
    checkin.symptoms.set(DrugFact.objects.filter(drug=course.drug, text="Insomnia"))
    return course


def test_the_summary_holds_everything_the_prescriber_needs(owner_client, full_course):
    html = owner_client.get(reverse("course_summary", args=[full_course.pk])).content.decode()
    for text in [
        "day 16",
        "350 mg, 4 times a day",
        "Back strain",
        "<svg",
        "max 1400 mg/day",
        "the 14-day mark is approaching",
        "the 14-day mark is reached",
        "minimum gap is 4 hours",
        "Xanax (alprazolam)",
        "Major",
        "not checked",
        "350 mg twice a day",
        "current step",
        "Insomnia",
        "SOMA-LABEL",
        "Print or save as PDF",
    ]:
        assert text in html, text


def test_the_summary_is_the_owners_only(owner_client, other_patient):
    other = CourseFactory(owner=other_patient)
    assert owner_client.get(reverse("course_summary", args=[other.pk])).status_code == 404


def test_the_co_medication_csv(owner_client, full_course):
    rows = list(
        csv.DictReader(
            io.StringIO(owner_client.get(reverse("export_comedications_csv")).content.decode())
        )
    )
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"herbal tea", "Xanax"}
    xanax = by_name["Xanax"]
    assert (xanax["reference_drug"], xanax["rxcui"], xanax["dose"]) == (
        "alprazolam",
        "596",
        "0.5 mg",
    )
    assert by_name["herbal tea"]["reference_drug"] == ""


def test_the_dose_csv_columns_and_time_zones(client):
    user = UserFactory(username="la", time_zone="America/Los_Angeles")
    client.force_login(user)
    dose = DoseFactory(
        course=CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=2))
    )
    rows = list(
        csv.DictReader(io.StringIO(client.get(reverse("export_doses_csv")).content.decode()))
    )
    assert list(rows[0]) == ["local_time", "utc_time", "drug", "amount_mg", "note", "edited"]
    local = timezone.datetime.fromisoformat(rows[0]["local_time"])
    assert local.utcoffset() in (timedelta(hours=-8), timedelta(hours=-7))
    assert timezone.datetime.fromisoformat(rows[0]["utc_time"]) == dose.taken_at


def _bundle(client):
    response = client.get(reverse("export_fhir"))
    assert response["Content-Type"] == "application/fhir+json"
    data = json.loads(response.content)
    Bundle.model_validate(data)  # a malformed resource fails here
    return data


def test_the_fhir_bundle_validates_and_holds_the_expected_resources(owner_client, full_course):
    data = _bundle(owner_client)
    resources = [e["resource"] for e in data["entry"]]
    kinds = [r["resourceType"] for r in resources]
    assert kinds.count("MedicationStatement") == 3 and kinds.count("MedicationAdministration") == 4
    course = next(r for r in resources if r["id"] == f"course-{full_course.pk}")
    assert course["medicationCodeableConcept"]["coding"] == [
        {
            "system": "http://www.nlm.nih.gov/research/umls/rxnorm",
            "code": "2101",
            "display": "carisoprodol",
        }
    ]
    assert [d["sequence"] for d in course["dosage"]] == [1, 2, 3]
    assert course["dosage"][1]["doseAndRate"][0]["doseQuantity"]["value"] == 350
    assert course["dosage"][1]["timing"]["repeat"]["frequency"] == 2
    tea = next(
        r for r in resources if r.get("medicationCodeableConcept", {}).get("text") == "herbal tea"
    )
    assert "coding" not in tea["medicationCodeableConcept"]
    given = [r for r in resources if r["resourceType"] == "MedicationAdministration"]
    assert all(r["dosage"]["dose"]["unit"] == "mg" for r in given)
    assert any(r.get("note") == [{"text": "late"}] for r in given)


def test_the_fhir_bundle_never_holds_another_users_data(owner_client, full_course, other_patient):
    other_course = CourseFactory(owner=other_patient)
    DoseFactory(course=other_course, note="SECRET-OTHER")
    CoMedication.objects.create(
        owner=other_patient, name="SECRET-MED", start_date=other_course.start_date
    )
    text = json.dumps(_bundle(owner_client))
    assert "SECRET" not in text and f"course-{other_course.pk}" not in text


def test_the_summary_leaves_no_empty_place_for_a_missing_dose_or_frequency(
    owner_client, full_course
):
    html = owner_client.get(reverse("course_summary", args=[full_course.pk])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    start = f"{full_course.start_date:%-d %b %Y}"
    assert f"Xanax (alprazolam): 0.5 mg, {start}" in text
    assert f"ask a pharmacist: {start} to now" in text
    assert not re.search(r":\s*,", text)


def test_the_summary_marks_app_default_thresholds(owner_client, full_course):
    html = owner_client.get(reverse("course_summary", args=[full_course.pk])).content.decode()
    assert "[app default: confirm with the prescriber]" in html
