"""The time zone: detected at sign-up, searched for in a list, checked on the server."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tracker.forms.fields import TimeZoneField, known_zones
from tracker.models import Profile

pytestmark = pytest.mark.django_db


def _signup(client, time_zone: str):
    return client.post(
        reverse("signup"),
        {
            "username": "newcomer",
            "time_zone": time_zone,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_the_field_keeps_a_zone_spelled_as_zoneinfo_spells_it():
    field = TimeZoneField()
    assert field.clean("Europe/Paris") == "Europe/Paris"
    assert field.clean(" europe/paris ") == "Europe/Paris"
    assert field.clean("new york") == "America/New_York"


@pytest.mark.parametrize("typed", ["Mars/Olympus", "Europe", "Europe/Paris; DROP TABLE", "x" * 64])
def test_the_field_refuses_what_is_not_a_zone_and_says_what_to_do(typed):
    with pytest.raises(forms.ValidationError) as refused:
        TimeZoneField().clean(typed)
    [message] = refused.value.messages
    assert "is not a time zone we know" in message and "Europe/Paris" in message


def test_the_list_holds_every_zone_zoneinfo_knows():
    assert {"Asia/Tokyo", "Europe/Paris", "America/New_York", "UTC"} <= set(known_zones())
    assert list(known_zones()) == sorted(known_zones())


def test_the_signup_page_offers_a_searchable_zone_field_for_the_script_to_fill(client):
    html = client.get(reverse("signup")).content.decode()
    field = re.search(r"<input[^>]*name=\"time_zone\"[^>]*>", html).group(0)
    assert 'list="id_time_zone-zones"' in field and "data-detect-zone" in field
    assert 'value="UTC"' in field  # without the script, the default stands until changed
    assert '<datalist id="id_time_zone-zones">' in html
    assert '<option value="Asia/Tokyo"></option>' in html
    assert '<select name="time_zone"' not in html
    assert "/static/js/time-zone.js" in html


def test_a_newcomer_keeps_the_zone_their_browser_reported(client):
    response = _signup(client, "Asia/Tokyo")
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newcomer")
    assert Profile.objects.get(user=user).time_zone == "Asia/Tokyo"
    assert client.session["time_zone"] == "Asia/Tokyo"


def test_a_newcomer_may_type_a_city_instead(client):
    assert _signup(client, "new york").status_code == 302
    assert Profile.objects.get(user__username="newcomer").time_zone == "America/New_York"


def test_a_bad_zone_at_signup_is_a_clear_error_and_keeps_what_was_typed(client):
    response = _signup(client, "Paris, France")
    html = response.content.decode()
    assert response.status_code == 200
    assert "“Paris, France” is not a time zone we know" in html
    field = re.search(r"<input[^>]*name=\"time_zone\"[^>]*>", html).group(0)
    # The script fills the field only on a fresh form, never over what the user sent.
    assert "data-detect-zone" not in field and 'value="Paris, France"' in field
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_the_settings_page_searches_zones_and_shows_the_local_time_now(client):
    user = UserFactory(username="owner", time_zone="Asia/Tokyo")
    client.force_login(user)
    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
        html = client.get(reverse("settings")).content.decode()
    assert "Your time zone is <strong>Asia/Tokyo</strong>" in html
    assert "it is now <strong>21:00</strong> there, on Tuesday 10 March" in html
    field = re.search(r"<input[^>]*name=\"time_zone\"[^>]*>", html).group(0)
    assert 'value="Asia/Tokyo"' in field and 'list="id_time_zone-zones"' in field
    assert "data-detect-zone" not in field  # the saved zone is never replaced by a guess
    assert '<option value="Europe/Paris"></option>' in html
    assert '<select name="time_zone"' not in html


def test_the_local_time_follows_summer_time(client):
    user = UserFactory(username="owner", time_zone="Europe/Paris")
    client.force_login(user)
    # Paris moved to summer time at 01:00 UTC on 29 March 2026.
    with time_machine.travel(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), tick=False):
        html = client.get(reverse("settings")).content.decode()
    assert "it is now <strong>03:30</strong> there, on Sunday 29 March" in html


def test_the_settings_page_saves_a_zone_picked_from_the_list(owner_client, owner):
    response = owner_client.post(reverse("settings"), {"time_zone": "tokyo"})
    assert response.status_code == 302
    assert Profile.objects.get(user=owner).time_zone == "Asia/Tokyo"
    assert owner_client.session["time_zone"] == "Asia/Tokyo"


def test_a_refused_zone_leaves_the_saved_one_shown_and_kept(owner_client, owner):
    response = owner_client.post(
        reverse("settings"), {"time_zone": "Europe/Paris", "dose_times": "25:00"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your time zone is <strong>UTC</strong>" in html  # not yet Paris: nothing was saved
    assert Profile.objects.get(user=owner).time_zone == "UTC"
    response = owner_client.post(reverse("settings"), {"time_zone": "Nowhere/Land"})
    assert "“Nowhere/Land” is not a time zone we know" in response.content.decode()
