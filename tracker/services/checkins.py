"""Recording how the user feels."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from drugs.models import DrugFact
from tracker import data_version
from tracker.facts import any_urgent
from tracker.models import CheckIn, Course
from tracker.services.results import Saved


@transaction.atomic
def checkin_record(
    *,
    owner,
    course: Course,
    symptoms: list[DrugFact],
    severity: str,
    note: str,
    recorded_at: datetime,
) -> Saved[CheckIn]:
    """Record a check-in; urgent when any symptom needs help now (tracker/rules/symptoms.py)."""
    if any(s.drug_id != course.drug_id for s in symptoms):
        raise ValidationError("Pick symptoms from this course's drug.")
    checkin = CheckIn.objects.create(
        owner=owner,
        course=course,
        severity=severity,
        note=note,
        recorded_at=recorded_at,
        urgent=any_urgent(symptoms),
    )
    checkin.symptoms.set(symptoms)
    data_version.bump(user_id=owner.pk)
    return Saved(checkin)


@transaction.atomic
def urgent_dismiss(*, owner) -> int:
    """Close the urgent banner: mark the owner's open urgent check-ins as seen; return how many."""
    closed = CheckIn.objects.urgent_open(owner).update(dismissed_at=timezone.now())
    data_version.bump(user_id=owner.pk)
    return closed
