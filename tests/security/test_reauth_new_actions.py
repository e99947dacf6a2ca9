"""The actions added beside the first sensitive ones ask for the password again too, when it was
not entered in the last REAUTH_MINUTES: creating a share link (anyone holding it reads the
course). The helpers are those of test_reauth.py."""

import uuid

import pytest
from django.urls import reverse

from tests.factories import CourseFactory
from tests.security.test_reauth import _asked_to_confirm, _confirm, _later, clock, signed_in
from tracker.models import ShareLink

pytestmark = pytest.mark.django_db
__all__ = ["clock", "signed_in"]  # fixtures used by name


def _create_link(client, course):
    share_page = reverse("course_share", args=[course.pk])
    return client.post(
        reverse("share_link_create", args=[course.pk]),
        {"scope": "summary", "expires_in_days": 7, "display_name": "", "form_token": uuid.uuid4()},
        HTTP_REFERER=f"http://testserver{share_page}",
    )


def test_a_stale_share_link_post_creates_nothing_and_comes_back_to_the_share_page(
    signed_in, clock, owner
):
    course = CourseFactory(owner=owner)
    _later(clock, 11)
    response = _create_link(signed_in, course)
    assert _asked_to_confirm(response, reverse("course_share", args=[course.pk]))
    assert not ShareLink.objects.exists()
    _confirm(signed_in, next_path=reverse("course_share", args=[course.pk]))
    response = _create_link(signed_in, course)
    assert response.status_code == 200 and ShareLink.objects.filter(course=course).count() == 1


def test_a_fresh_password_creates_the_link_at_once(signed_in, clock, owner):
    course = CourseFactory(owner=owner)
    _later(clock, 9)
    assert _create_link(signed_in, course).status_code == 200
    assert ShareLink.objects.filter(course=course).count() == 1
