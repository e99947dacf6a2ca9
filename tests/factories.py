"""Small factories with defaults; the seeded carisoprodol row is the default course drug."""

import uuid
from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from drugs.models import (
    Drug,
    DrugAlias,
    DrugClass,
    DrugFact,
    Interaction,
    ReferenceVersion,
    Source,
)
from tracker import data_version
from tracker.models import CoMedication, Course, Dose, Profile
from tracker.services.dose_days import refresh_dose_days
from tracker.services.linking import link_to_reference

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"patient{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def time_zone(user, create, extracted, **kwargs):
        if create:
            user.save()
            zone = extracted or "UTC"
            # As a signup makes it: the per-day dose totals kept in the patient's zone.
            Profile.objects.update_or_create(
                user=user, defaults={"time_zone": zone, "dose_days_zone": zone}
            )


class ReferenceRowFactory(factory.django.DjangoModelFactory):
    """A factory writes reference rows past the admin and the import, so it moves the
    reference version as they do: no page kept for the old version outlives the row."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        row = super()._create(model_class, *args, **kwargs)
        ReferenceVersion.bump()
        return row


class SourceFactory(ReferenceRowFactory):
    class Meta:
        model = Source
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"TEST-SOURCE-{n}")
    title = "A test citation"


class DrugClassFactory(ReferenceRowFactory):
    class Meta:
        model = DrugClass

    name = factory.Sequence(lambda n: f"Test class {n}")
    slug = factory.Sequence(lambda n: f"test-class-{n}")
    source = factory.SubFactory(SourceFactory)


class DrugFactory(ReferenceRowFactory):
    class Meta:
        model = Drug
        skip_postgeneration_save = True

    generic_name = factory.Sequence(lambda n: f"testdrug{n}")
    slug = factory.LazyAttribute(lambda d: d.generic_name)

    @factory.post_generation
    def classes(drug, create, extracted, **kwargs):
        if create and extracted:
            drug.classes.set(extracted)


class DrugAliasFactory(ReferenceRowFactory):
    class Meta:
        model = DrugAlias

    drug = factory.SubFactory(DrugFactory)
    name = factory.Sequence(lambda n: f"Brand{n}")


class DrugFactFactory(ReferenceRowFactory):
    class Meta:
        model = DrugFact

    drug = factory.SubFactory(DrugFactory)
    kind = DrugFact.FactKind.SIDE_EFFECT
    text = factory.Sequence(lambda n: f"Effect {n}")
    source = factory.SubFactory(SourceFactory)


class InteractionFactory(ReferenceRowFactory):
    class Meta:
        model = Interaction

    drug_a = factory.SubFactory(DrugFactory)
    drug_b = factory.SubFactory(DrugFactory)
    severity = "moderate"
    effect = "Test effect."
    advice = "Test advice."
    source = factory.SubFactory(SourceFactory)


class OwnedRowFactory(factory.django.DjangoModelFactory):
    """A factory writes past the services, so it announces the change as they do: the owner's
    data version moves and no cached page outlives the row."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        row = super()._create(model_class, *args, **kwargs)
        data_version.bump(user_id=cls._owner_id(row))
        return row


class CourseFactory(OwnedRowFactory):
    class Meta:
        model = Course

    @staticmethod
    def _owner_id(course):
        return course.owner_id

    owner = factory.SubFactory(UserFactory)
    drug = factory.LazyFunction(lambda: Drug.objects.get(slug="carisoprodol"))
    start_date = factory.LazyFunction(timezone.localdate)
    mg_per_intake = Decimal("350")
    intakes_per_day = 4


class DoseFactory(OwnedRowFactory):
    class Meta:
        model = Dose

    @staticmethod
    def _owner_id(dose):
        return dose.course.owner_id

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        dose = super()._create(model_class, *args, **kwargs)
        zone_name = Profile.objects.get(user_id=dose.course.owner_id).dose_days_zone
        refresh_dose_days(course=dose.course, moments=[dose.taken_at], zone_name=zone_name)
        return dose

    course = factory.SubFactory(CourseFactory)
    taken_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    amount_mg = Decimal("350")
    form_token = factory.LazyFunction(uuid.uuid4)


class CoMedicationFactory(OwnedRowFactory):
    """A co-medication linked from its name, as the service links it."""

    class Meta:
        model = CoMedication

    owner = factory.SubFactory(UserFactory)
    name = "Xanax"
    start_date = factory.LazyFunction(timezone.localdate)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comed = super()._create(model_class, *args, **kwargs)
        link_to_reference(comed)
        return comed

    @staticmethod
    def _owner_id(comed):
        return comed.owner_id


def signed_in_device(user, *, label: str = "Firefox on Linux", trusted: bool = False):
    """Return a Device for a real, usable session of the user, as a log-in on another browser
    leaves one; its session key opens the account from a client's cookie."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from tracker.models import Device

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return Device.objects.create(
        user=user, session_id=store.session_key, label=label, trusted=trusted
    )
