"""Walk every URL pattern: anonymous → login; another user's objects → 404, unchanged."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from drugs.models import DrugFact
from tests.factories import CourseFactory, DoseFactory, UserFactory, signed_in_device
from tracker.models import (
    CheckIn,
    CoMedication,
    Course,
    Dose,
    Profile,
    PushSubscription,
    ShareLink,
    ShareLinkView,
    TaperPlan,
    TaperStep,
)
from tracker.services.sharing import share_link_create

pytestmark = pytest.mark.django_db

PUBLIC = {
    "drugs:list": {},
    "drugs:compare": {},
    "drugs:suggest": {},
    "drugs:detail": {"slug": "carisoprodol"},
    "drugs:class_detail": {"slug": "opioid"},
    "drugs:product_detail": {"slug": "percocet"},
    "login": {},
    "signup": {},
    "password_reset": {},
    "password_reset_done": {},
    "password_reset_complete": {},
    "web_manifest": {},
    "service_worker": {},
    "offline": {},
}
PUBLIC_SPECIAL = {"password_reset_confirm", "calendar_feed", "logout", "shared_course"}  # below
# A notification's buttons: its single-use token only (tests/tracker/test_push_actions.py).
PUBLIC_SPECIAL |= {"push_action_taken", "push_action_snooze"}
PRIVATE = {
    "ping",
    "dashboard",
    "settings",
    "course_list",
    "course_start",
    "dose_history",
    "dose_quick_log",
    "dose_sync",
    "comedication_list",
    "comedication_add",
    "password_change",
    "password_change_done",
    "calendar_token_new",
    "calendar_token_revoke",
    "export_json",
    "export_doses_csv",
    "import_json",
    "export_comedications_csv",
    "export_fhir",
    "delete_account",
    "urgent_dismiss",
    "two_factor_verify",
    "two_factor_start",
    "two_factor_setup",
    "two_factor_recovery_codes",
    "two_factor_recovery_codes_new",
    "two_factor_disable",
    "password_confirm",
    "devices_sign_out_everywhere",
    "notification_settings",
    "push_subscribe",
    "push_unsubscribe",
    "push_test",
}
# For each URL with an id: how to fill it from the other patient's records.
WITH_IDS = {
    "course_detail": lambda o: {"pk": o["course"].pk},
    "course_edit": lambda o: {"pk": o["course"].pk},
    "course_end": lambda o: {"pk": o["course"].pk},
    "dose_create": lambda o: {"course_pk": o["course"].pk},
    "dose_edit": lambda o: {"pk": o["dose"].pk},
    "dose_delete": lambda o: {"pk": o["dose"].pk},
    "dose_undo": lambda o: {"pk": o["dose"].pk},
    "taper_plan": lambda o: {"pk": o["course"].pk},
    "taper_plan_delete": lambda o: {"pk": o["course"].pk},
    "checkin_create": lambda o: {"pk": o["course"].pk},
    "course_timeline": lambda o: {"pk": o["course"].pk},
    "comedication_edit": lambda o: {"pk": o["comed"].pk},
    "comedication_stop": lambda o: {"pk": o["comed"].pk},
    "comedication_delete": lambda o: {"pk": o["comed"].pk},
    "record_history": lambda o: {"kind": "dose", "pk": o["dose"].pk},
    "course_summary": lambda o: {"pk": o["course"].pk},
    "device_sign_out": lambda o: {"pk": signed_in_device(o["user"]).pk},
    "course_share": lambda o: {"pk": o["course"].pk},
    "share_link_create": lambda o: {"pk": o["course"].pk},
    "share_link_revoke": lambda o: {"pk": o["share_link"].pk},
    "push_device_remove": lambda o: {"pk": o["device"].pk},
}


def _names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def test_every_url_pattern_is_classified():
    """A new view must be listed here, so it cannot slip through without an access test."""
    names = {n for n in _names(get_resolver().url_patterns) if not n.startswith("admin:")}
    classified = set(PUBLIC) | PUBLIC_SPECIAL | PRIVATE | set(WITH_IDS)
    assert names - classified == set(), "unclassified URL names"
    assert classified - names == set(), "classified names that no longer exist"


@pytest.fixture
def others():
    """Every kind of record, owned by another patient."""
    other = UserFactory(username="other")
    course = CourseFactory(owner=other)
    dose = DoseFactory(course=course, note="private note")
    comed = CoMedication.objects.create(owner=other, name="Xanax", start_date=timezone.localdate())
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(
        plan=plan, start_date=course.start_date, mg_per_intake=0, intakes_per_day=0
    )
    checkin = CheckIn.objects.create(
        owner=other, course=course, severity="mild", recorded_at=timezone.now()
    )
    checkin.symptoms.set(DrugFact.objects.filter(drug=course.drug, kind="side_effect")[:1])
    shared = share_link_create(course=course, scope="full", expires_in_days=7)
    device = PushSubscription.objects.create(
        owner=other, endpoint="https://push.example.com/other", p256dh="k", auth="a"
    )
    return {
        "user": other,
        "course": course,
        "dose": dose,
        "comed": comed,
        "share_link": shared.link,
        "share_token": shared.token,
        "device": device,
    }


def _snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Course,
            Dose,
            CoMedication,
            TaperPlan,
            TaperStep,
            CheckIn,
            Profile,
            ShareLink,
            ShareLinkView,
            PushSubscription,
        )
    ]


POST_DATA = {
    "notes": "changed",
    "mg_per_intake": "1",
    "intakes_per_day": "1",
    "status": "stopped",
    "end_date": "2026-01-02",
    "amount_mg": "1",
    "taken_at": "2026-01-01T10:00",
    "token": str(uuid.uuid4()),
    "name": "changed",
    "start_date": "2026-01-01",
    "severity": "mild",
    "note": "x",
    "step-TOTAL_FORMS": "0",
    "step-INITIAL_FORMS": "0",
}


def test_an_anonymous_visitor_is_sent_to_log_in_everywhere_private(client, others):
    urls = [reverse(n) for n in PRIVATE] + [
        reverse(n, kwargs=f(others)) for n, f in WITH_IDS.items()
    ]
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA)
            assert response.status_code == 302, (method, url)
            assert response.url.startswith(reverse("login")), (method, url)


def test_public_pages_open_to_an_anonymous_visitor(client):
    for name, kwargs in PUBLIC.items():
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name


def test_the_calendar_feed_opens_with_its_token_only(client, others):
    Profile.objects.filter(user=others["user"]).update(calendar_token="t" * 43)
    assert client.get(reverse("calendar_feed", args=["t" * 43])).status_code == 200
    assert client.get(reverse("calendar_feed", args=["u" * 43])).status_code == 404


def test_a_share_link_opens_with_its_token_only(client, others):
    """Details in tracker/test_share_links.py; here, the walk over every URL stays complete."""
    assert client.get(reverse("shared_course", args=[others["share_token"]])).status_code == 200
    assert client.get(reverse("shared_course", args=["u" * 43])).status_code == 404


def test_another_patients_objects_are_404_by_get_and_post_and_unchanged(
    owner_client, owner, others
):
    CourseFactory(owner=owner)
    before = _snapshot()
    for name, fill in WITH_IDS.items():
        url = reverse(name, kwargs=fill(others))
        for method in ("get", "post"):
            response = getattr(owner_client, method)(url, POST_DATA)
            # A POST-only view answers a GET with 405 before any lookup: nothing is revealed.
            allowed = {404, 405} if method == "get" else {404}
            assert response.status_code in allowed, (method, name)
    for kind in ("course", "comedication"):
        pk = others["course"].pk if kind == "course" else others["comed"].pk
        assert owner_client.get(reverse("record_history", args=[kind, pk])).status_code == 404
    assert _snapshot() == before


def test_a_posted_course_id_of_another_patient_logs_nothing(owner_client, others):
    before = Dose.objects.count()
    response = owner_client.post(
        reverse("dose_quick_log"), {"course": others["course"].pk, "token": str(uuid.uuid4())}
    )
    assert response.status_code == 404
    assert Dose.objects.count() == before


def test_posted_staff_flags_at_signup_are_ignored(client):
    client.post(
        reverse("signup"),
        {
            "username": "sneaky",
            "time_zone": "UTC",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="sneaky")
    assert not user.is_staff and not user.is_superuser


def test_a_reference_editor_cannot_reach_users_or_patient_data(editor_client, others):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert (
        editor_client.get(f"/admin/tracker/course/{others['course'].pk}/change/").status_code == 404
    )
    assert editor_client.get("/admin/tracker/dose/").status_code == 404


def test_the_admin_refuses_patients(owner_client):
    response = owner_client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response.url
