"""Set-up commands that `make run` calls."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_ensure_superuser_creates_the_admin_once(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "boss")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-very-long-password-1")
    call_command("ensure_superuser")
    call_command("ensure_superuser")
    users = get_user_model().objects.filter(username="boss")
    assert users.count() == 1
    assert users.get().is_superuser
    assert users.get().check_password("a-very-long-password-1")


def test_ensure_superuser_does_nothing_without_the_variables(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("ensure_superuser")
    assert not get_user_model().objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_relinking_checks_names_the_reference_data_has_learned_since(capsys):
    from tracker.models import CoMedication

    comed = CoMedication.objects.create(
        owner=UserFactory(), name="Norco 10/325", start_date="2026-01-02"
    )
    call_command("relink_comedications")
    comed.refresh_from_db()
    assert comed.checked
    assert sorted(d.slug for d in comed.ingredients.all()) == ["acetaminophen", "hydrocodone"]
    assert "1 co-medication name(s) now checked" in capsys.readouterr().out
