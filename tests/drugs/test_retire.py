"""Reference rows that patients' records use are retired, never deleted: the admin refuses the
delete with a count (never the records), code cannot delete them either, and a retired row
keeps its words in the patient's history while new choices leave it out."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from drugs.models import Drug, DrugFact
from tests.drugs.admin_posts import change_form_data
from tests.factories import CourseFactory, DrugFactFactory, SourceFactory
from tests.pages import first_panel
from tracker.models import CheckIn, CoMedication

pytestmark = pytest.mark.django_db

NOTE = "Slept badly, private note"
COMED = "My evening Xanax"


@pytest.fixture
def symptom():
    return DrugFact.objects.filter(drug__slug="carisoprodol", kind="side_effect").first()


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=2))


@pytest.fixture
def checkin(owner, course, symptom):
    checkin = CheckIn.objects.create(
        owner=owner, course=course, recorded_at=timezone.now(), severity="mild", note=NOTE
    )
    checkin.symptoms.set([symptom])
    return checkin


@pytest.fixture
def alprazolam():
    return Drug.objects.get(slug="alprazolam")


@pytest.fixture
def comed(owner, alprazolam):
    comed = CoMedication.objects.create(
        owner=owner, name=COMED, checked=True, start_date=timezone.localdate()
    )
    comed.ingredients.set([alprazolam])
    return comed


@pytest.fixture
def patient_client(owner):
    client = Client()
    client.force_login(owner)
    return client


def _delete_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])


def _assert_refused_without_patient_data(html: str, *counts: str, owner) -> None:
    assert "would require deleting the following protected related objects" in html
    for count in counts:
        assert f"<li>Used by {count}; retire it instead</li>" in html
    for private in [NOTE, COMED, owner.username, "from 20"]:  # a course reads "<drug> from <day>"
        assert private not in html


def test_deleting_a_symptom_a_check_in_recorded_is_refused_with_a_count(
    editor_client, owner, symptom, checkin
):
    url = _delete_url(symptom)
    html = editor_client.get(url).content.decode()
    _assert_refused_without_patient_data(html, "1 patient check in", owner=owner)
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert DrugFact.objects.filter(pk=symptom.pk).exists()
    assert list(checkin.symptoms.all()) == [symptom]


def test_the_delete_action_of_the_list_is_refused_the_same_way(
    editor_client, owner, symptom, checkin
):
    data = {"action": "delete_selected", "_selected_action": [symptom.pk], "post": "yes"}
    response = editor_client.post(reverse("admin:drugs_drugfact_changelist"), data)
    assert response.status_code == 200
    _assert_refused_without_patient_data(
        response.content.decode(), "1 patient check in", owner=owner
    )
    assert list(checkin.symptoms.all()) == [symptom]


def test_deleting_a_recorded_symptom_on_its_drugs_page_is_refused(editor_client, symptom, checkin):
    url = reverse("admin:drugs_drug_change", args=[symptom.drug_id])
    data = change_form_data(editor_client, url)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("facts-") and key.endswith("-id") and value == str(symptom.pk)
    )
    data[f"facts-{index}-DELETE"] = "on"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Used by 1 patient check in; retire it instead (untick Active)" in (
        response.content.decode()
    )
    assert list(checkin.symptoms.all()) == [symptom]


def test_deleting_a_drug_a_co_medication_is_linked_to_is_refused_with_a_count(
    editor_client, owner, alprazolam, comed
):
    url = _delete_url(alprazolam)
    html = editor_client.get(url).content.decode()
    _assert_refused_without_patient_data(html, "1 patient co medication", owner=owner)
    editor_client.post(url, {"post": "yes"})
    comed.refresh_from_db()
    assert list(comed.ingredients.all()) == [alprazolam]


def test_deleting_a_course_drug_counts_its_courses_and_its_symptoms_check_ins(
    editor_client, owner, checkin
):
    html = editor_client.get(_delete_url(checkin.course.drug)).content.decode()
    _assert_refused_without_patient_data(
        html, "1 patient course", "1 patient check in", owner=owner
    )


def test_code_cannot_delete_them_either(symptom, checkin, alprazolam, comed):
    for obj in [symptom, alprazolam, symptom.drug]:
        with pytest.raises(ProtectedError), transaction.atomic():
            obj.delete()
    comed.refresh_from_db()
    assert list(comed.ingredients.all()) == [alprazolam] and list(checkin.symptoms.all()) == [
        symptom
    ]


def test_an_unused_fact_is_still_deleted(editor_client, carisoprodol):
    fact = DrugFactFactory(drug=carisoprodol, source=SourceFactory())
    response = editor_client.post(_delete_url(fact), {"post": "yes"})
    assert response.status_code == 302
    assert not DrugFact.objects.filter(pk=fact.pk).exists()


def test_a_retired_symptom_keeps_its_words_in_the_patients_timeline(
    editor_client, patient_client, symptom, checkin
):
    url = reverse("admin:drugs_drugfact_change", args=[symptom.pk])
    data = change_form_data(editor_client, url)
    del data["active"]
    assert editor_client.post(url, data).status_code == 302
    symptom.refresh_from_db()
    assert not symptom.active
    assert symptom not in DrugFact.objects.active()
    timeline = patient_client.get(reverse("course_timeline", args=[checkin.course_id]))
    assert symptom.text in timeline.content.decode()
    public = Client().get(reverse("drugs:detail", args=["carisoprodol"])).content.decode()
    assert symptom.text not in public


def test_a_retired_drug_keeps_the_co_medication_and_its_warning(
    editor_client, patient_client, course, alprazolam, comed
):
    url = reverse("admin:drugs_drug_change", args=[alprazolam.pk])
    data = change_form_data(editor_client, url)
    del data["active"]
    assert editor_client.post(url, data).status_code == 302
    alprazolam.refresh_from_db()
    assert not alprazolam.active

    comed.refresh_from_db()
    assert list(comed.ingredients.all()) == [alprazolam]
    findings = first_panel(patient_client).findings
    assert ("interaction", "major") in [(f.code, f.severity) for f in findings]

    visitor = Client()
    detail = visitor.get(alprazolam.get_absolute_url())
    assert detail.status_code == 200 and "retired from our reference list" in detail.text
    listed = visitor.get(reverse("drugs:list"), {"q": "alprazolam"}).context["page"]
    assert list(listed) == []
    suggested = visitor.get(reverse("drugs:suggest"), {"q": "xan"}).json()["results"]
    assert suggested == []


def test_a_retired_drug_cannot_start_a_new_course(carisoprodol):
    assert carisoprodol in Drug.objects.with_course_limits()
    Drug.objects.filter(pk=carisoprodol.pk).update(active=False)
    assert carisoprodol not in Drug.objects.with_course_limits()
