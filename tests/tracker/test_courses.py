"""Starting, editing and ending a course."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drugs.models import DrugFact
from tests.factories import CourseFactory
from tracker.models import Course

pytestmark = pytest.mark.django_db


def _start_data(carisoprodol, **changes):
    data = {
        "drug": carisoprodol.pk,
        "start_date": timezone.localdate().isoformat(),
        "mg_per_intake": "350",
        "intakes_per_day": "4",
        "prescriber": "Dr Who",
        "reason": "Back strain",
        "tablets_dispensed": "",
        "tablet_mg": "",
        "contraindicated": "no",
        "cautions": [],
    }
    data.update(changes)
    return data


def test_the_start_form_asks_about_contraindications_and_cautions(owner_client, carisoprodol):
    response = owner_client.get(reverse("course_start"))
    html = response.content.decode()
    assert response.context["form"].initial["drug"] == carisoprodol.pk
    assert "porphyria" in html and "Does any of these apply to you?" in html
    assert "Sleep apnea" in html and "leave all empty if none does" in html


def test_only_drugs_with_course_limits_can_be_chosen(owner_client):
    form = owner_client.get(reverse("course_start")).context["form"]
    assert [d.slug for d in form.fields["drug"].queryset] == ["carisoprodol"]


def test_no_caution_ticked_is_an_answer(owner_client, owner, carisoprodol):
    response = owner_client.post(reverse("course_start"), _start_data(carisoprodol))
    assert response.status_code == 302
    course = Course.objects.get(owner=owner)
    assert course.safety_checklist_shown_at is not None
    assert course.safety_items_confirmed == ["Contraindications: none applies"]
    assert course.prescriber == "Dr Who"


def test_a_contraindication_that_applies_stops_the_start(owner_client, owner, carisoprodol):
    response = owner_client.post(
        reverse("course_start"), _start_data(carisoprodol, contraindicated="yes")
    )
    assert response.status_code == 200
    assert "contact your prescriber before the first dose" in response.content.decode()
    assert not Course.objects.exists()


def test_the_contraindication_question_must_be_answered(owner_client, owner, carisoprodol):
    response = owner_client.post(
        reverse("course_start"), _start_data(carisoprodol, contraindicated="")
    )
    assert "Answer whether any of these applies to you" in response.content.decode()
    assert not Course.objects.exists()


def test_each_ticked_caution_stays_on_the_dashboard_with_its_source(
    owner_client, owner, carisoprodol
):
    kidney = DrugFact.objects.get(drug=carisoprodol, kind="caution", text__startswith="Kidney")
    owner_client.post(reverse("course_start"), _start_data(carisoprodol, cautions=[str(kidney.pk)]))
    data = owner_client.get(reverse("dashboard")).context["data"]
    [finding] = [f for f in data.panels[0].findings if f.code == "caution_applies"]
    assert "Kidney disease" in finding.message and finding.source == "SOMA-LABEL"
    assert "Sleep apnea" not in " ".join(f.message for f in data.panels[0].findings)


def test_a_course_can_start_in_the_past_but_not_the_future(owner_client, owner, carisoprodol):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = owner_client.post(
        reverse("course_start"), _start_data(carisoprodol, start_date=future)
    )
    assert "starts today or earlier" in response.content.decode()
    past = (timezone.localdate() - timedelta(days=5)).isoformat()
    owner_client.post(reverse("course_start"), _start_data(carisoprodol, start_date=past))
    assert Course.objects.get().start_date.isoformat() == past


def test_one_active_course_per_drug(owner_client, owner, carisoprodol):
    CourseFactory(owner=owner)
    response = owner_client.post(reverse("course_start"), _start_data(carisoprodol))
    assert response.status_code == 200
    assert "already have an active course" in response.content.decode()
    assert Course.objects.count() == 1


@pytest.mark.parametrize(
    "changes", [{"mg_per_intake": "0"}, {"mg_per_intake": "abc"}, {"intakes_per_day": "-1"}]
)
def test_bad_course_values_are_refused(owner_client, carisoprodol, changes):
    response = owner_client.post(reverse("course_start"), _start_data(carisoprodol, **changes))
    assert response.status_code == 200
    assert not Course.objects.exists()


def test_editing_an_active_course(owner_client, owner):
    course = CourseFactory(owner=owner)
    data = {
        "start_date": course.start_date.isoformat(),
        "mg_per_intake": "250",
        "intakes_per_day": "3",
        "prescriber": "",
        "reason": "",
        "tablets_dispensed": "40",
        "tablet_mg": "",
        "notes": "Changed by phone",
    }
    response = owner_client.post(reverse("course_edit", args=[course.pk]), data)
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.mg_per_intake, course.intakes_per_day, course.tablets_dispensed) == (250, 3, 40)


def test_ending_a_course_early(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=4))
    response = owner_client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "stopped", "end_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.status, course.end_date) == ("stopped", timezone.localdate())


def test_an_end_date_before_the_start_is_refused(owner_client, owner):
    course = CourseFactory(owner=owner)
    response = owner_client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "finished", "end_date": (course.start_date - timedelta(days=1)).isoformat()},
    )
    assert "cannot be before the start" in response.content.decode()
    course.refresh_from_db()
    assert course.is_active


def test_an_ended_course_is_read_only_apart_from_notes(owner_client, owner):
    course = CourseFactory(owner=owner, status="finished", end_date=timezone.localdate())
    form = owner_client.get(reverse("course_edit", args=[course.pk])).context["form"]
    assert list(form.fields) == ["notes"]
    owner_client.post(
        reverse("course_edit", args=[course.pk]), {"notes": "Went well", "mg_per_intake": "9"}
    )
    course.refresh_from_db()
    assert course.notes == "Went well" and course.mg_per_intake == 350


def test_ended_courses_stay_in_the_history(owner_client, owner):
    CourseFactory(owner=owner, status="finished", end_date=timezone.localdate())
    response = owner_client.get(reverse("course_list"))
    assert "Finished as planned" in response.content.decode()


def test_the_end_of_course_advice_is_shown_when_ending_and_on_the_ended_course(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=4))
    advice = "keep leftover tablets out of reach of others and dispose of them safely"
    assert advice not in owner_client.get(reverse("course_detail", args=[course.pk])).text
    ending = owner_client.get(reverse("course_end", args=[course.pk])).text
    assert advice in ending and "Source: SOMA-LABEL." in ending
    owner_client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "finished", "end_date": timezone.localdate().isoformat()},
    )
    assert advice in owner_client.get(reverse("course_detail", args=[course.pk])).text
