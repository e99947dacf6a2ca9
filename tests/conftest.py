import pytest
from django.contrib.auth.models import Group

from drugs.models import Drug
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _vapid_key_in_tmp(settings, tmp_path_factory):
    """Pages showing the push settings create the VAPID key on first use: in a temporary
    folder, never beside the project's database."""
    settings.VAPID_PRIVATE_KEY_FILE = tmp_path_factory.getbasetemp() / "vapid-private.pem"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages and nothing kept from reference data (the rules
    among a set of drugs, the name index): ids repeat across rolled-back tests."""
    from django.core.cache import cache

    from drugs.name_lookup import forget_index
    from drugs.reference_memo import forget_kept

    cache.clear()
    forget_index()
    forget_kept()


@pytest.fixture
def carisoprodol(db) -> Drug:
    """The seeded reference row, as the data migration left it."""
    return Drug.objects.get(slug="carisoprodol")


@pytest.fixture
def owner(db):
    """The patient whose data a test looks at."""
    return UserFactory(username="owner")


@pytest.fixture
def other_patient(db):
    """A second patient, whose data the owner must never see or touch."""
    return UserFactory(username="other")


@pytest.fixture
def reference_editor(db):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Reference editors"))
    return user


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def editor_client(client, reference_editor):
    client.force_login(reference_editor)
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def reference_data(transactional_db):
    """Reload the reference data (seed.json, then names.json) after a transactional test's
    flush emptied the tables, as the data migrations load it."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    from drugs.loading import backfill_drug_fields, load_combinations, load_seed
    from drugs.loading_names import load_names

    if Drug.objects.exists():
        return

    def get_model(name):
        return apps.get_model("drugs", name)

    load_seed(get_model)
    load_combinations(get_model)
    backfill_drug_fields(get_model, ["seek_care_advice"])
    load_names(get_model)
    group, _ = Group.objects.get_or_create(name="Reference editors")
    group.permissions.set(Permission.objects.filter(content_type__app_label="drugs"))


@pytest.fixture
def midday():
    """Run at noon UTC today, for tests that log doses minutes ago and count them as today's:
    a few minutes after midnight they would belong to yesterday."""
    from datetime import UTC, datetime, time

    import time_machine

    with time_machine.travel(datetime.combine(datetime.now(UTC).date(), time(12), UTC), tick=True):
        yield
