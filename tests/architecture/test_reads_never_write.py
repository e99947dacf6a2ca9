"""Reading a page never changes data: every GET of every page, with every kind of record in
place (and a co-medication whose name the reference data learned since it was typed), runs no
INSERT, UPDATE or DELETE."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drugs.models import Drug, DrugAlias, DrugFact
from tests.factories import CourseFactory, DoseFactory
from tests.security.test_access import PRIVATE, PUBLIC, WITH_IDS
from tracker.models import (
    CheckIn,
    CoMedication,
    Profile,
    PushSubscription,
    TaperPlan,
    TaperStep,
    new_calendar_token,
)
from tracker.services.sharing import share_link_create

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# Pages whose GET only shows a confirmation or a form; they are still walked.
NOT_GET = {"dose_quick_log", "calendar_token_new", "calendar_token_revoke", "comedication_stop"}


@pytest.fixture
def records(owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate())
    dose = DoseFactory(course=course)
    comed = CoMedication.objects.create(owner=owner, name="Xanax", start_date=course.start_date)
    # Typed before the reference data knew the name: linking it is a write, never a read's job.
    CoMedication.objects.create(owner=owner, name="Newbrand", start_date=course.start_date)
    DrugAlias.objects.create(drug=Drug.objects.get(slug="alprazolam"), name="Newbrand")
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(
        plan=plan, start_date=course.start_date, mg_per_intake=0, intakes_per_day=0
    )
    checkin = CheckIn.objects.create(
        owner=owner, course=course, severity="mild", recorded_at=timezone.now()
    )
    checkin.symptoms.set(DrugFact.objects.filter(drug=course.drug, kind="side_effect")[:1])
    Profile.objects.filter(user=owner).update(calendar_token=new_calendar_token())
    # Opening a share link records the opening, by design (tracker/services/sharing.py): the
    # shared page is not walked here; the owner's page listing the links is.
    link = share_link_create(course=course, scope="full", expires_in_days=7).link
    device = PushSubscription.objects.create(
        owner=owner, endpoint="https://push.example.com/owner", p256dh="k", auth="a"
    )
    return {
        "user": owner,
        "course": course,
        "dose": dose,
        "comed": comed,
        "share_link": link,
        "device": device,
    }


def _urls(records) -> list[str]:
    token = Profile.objects.get(user=records["user"]).calendar_token
    urls = [reverse(name, kwargs=kwargs) for name, kwargs in PUBLIC.items()]
    urls += [reverse(name) for name in PRIVATE - NOT_GET]
    urls += [reverse(name, kwargs=fill(records)) for name, fill in WITH_IDS.items()]
    return [*urls, reverse("calendar_feed", args=[token])]


def test_no_page_writes_when_it_is_read(owner_client, records):
    owner_client.get(reverse("ping"))  # the session keeps the time zone from here on
    for url in _urls(records):
        with CaptureQueriesContext(connection) as queries:
            response = owner_client.get(url)
        assert response.status_code in (200, 302, 405), url
        writes = [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])]
        assert writes == [], (url, writes)
