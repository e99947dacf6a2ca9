"""Writes for symptom check-ins."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from drugs.models import DrugFact
from tracker.models import CheckIn, Course


def checkin_record(
    *,
    owner,
    course: Course,
    symptoms: list[DrugFact],
    severity: str,
    note: str,
    recorded_at: datetime,
) -> CheckIn:
    """Record how the user feels; urgent when any symptom is a stop-and-seek-care one."""
    if any(s.drug_id != course.drug_id for s in symptoms):
        raise ValidationError("Pick symptoms from this course's drug.")
    with transaction.atomic():
        checkin = CheckIn.objects.create(
            owner=owner,
            course=course,
            severity=severity,
            note=note,
            recorded_at=recorded_at,
            urgent=any(s.kind == DrugFact.FactKind.SEEK_CARE for s in symptoms),
        )
        checkin.symptoms.set(symptoms)
    return checkin
