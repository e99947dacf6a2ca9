"""The user's data as a FHIR R4 Bundle (JSON): MedicationStatement for each course and
co-medication, MedicationAdministration for each dose, taper steps as sequenced Dosage."""

import uuid
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal

from django.utils import timezone

from drugs.models import Drug
from tracker.models import CoMedication, Course, Dose

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
NAMESPACE = uuid.UUID("6a1c1d0e-6f0b-4c1e-9a53-0d7e3b2f4c11")
COURSE_STATUS = {"active": "active", "finished": "completed", "stopped": "stopped"}


def _urn(kind: str, pk) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}-{pk}')}"


def _mg(value: Decimal) -> dict:
    return {"value": float(value), "unit": "mg", "system": UCUM, "code": "mg"}


NOT_CHECKED_NOTE = (
    "Not checked for interactions: the name is not in this app's reference data. "
    "Ask a pharmacist whether it can be taken with the other medicines."
)


def medication_concept(drugs: list[Drug], text: str) -> dict:
    """Return the text, with RxNorm coding for each ingredient the reference data has an
    RxCUI for."""
    concept = {"text": text}
    coding = [
        {"system": RXNORM, "code": drug.rxcui, "display": drug.generic_name}
        for drug in drugs
        if drug.rxcui
    ]
    if coding:
        concept["coding"] = coding
    return concept


def _dosage(
    sequence: int, mg: Decimal, per_day: int, start=None, end=None, every_days: int = 1
) -> dict:
    period = "every other day" if every_days == 2 else "a day"
    text = f"{mg.normalize():f} mg, {per_day} times {period}" if per_day else "none (stopped)"
    # An every-other-day step is `frequency` doses per period of 2 days.
    repeat: dict = {"frequency": max(per_day, 1), "period": every_days, "periodUnit": "d"}
    if start is not None:
        repeat["boundsPeriod"] = {
            "start": start.isoformat(),
            **({"end": end.isoformat()} if end else {}),
        }
    dosage = {"sequence": sequence, "text": text, "timing": {"repeat": repeat}}
    if per_day:
        dosage["doseAndRate"] = [{"doseQuantity": _mg(mg)}]
    return dosage


def _as_needed(dosage: dict, mg: Decimal, per_day: int) -> dict:
    """Return an as-needed dosage: no timing to keep, at most `per_day` intakes a day."""
    dosage = {key: value for key, value in dosage.items() if key != "timing"}
    dosage["text"] = f"{mg.normalize():f} mg as needed, at most {per_day} times a day"
    dosage["asNeededBoolean"] = True
    dosage["maxDosePerPeriod"] = {
        "numerator": {"value": per_day},
        "denominator": {"value": 1, "unit": "day", "system": UCUM, "code": "d"},
    }
    return dosage


def _course_statement(course: Course, patient: str) -> dict:
    first = _dosage(1, course.mg_per_intake, course.intakes_per_day, course.start_date)
    if course.is_scheduled:
        first["asNeededBoolean"] = False
    else:
        first = _as_needed(first, course.mg_per_intake, course.intakes_per_day)
    dosages = [first]
    plan = getattr(course, "taper_plan", None)
    steps = list(plan.steps.all()) if plan else []
    for index, step in enumerate(steps):
        following = (
            steps[index + 1].start_date - timedelta(days=1) if index + 1 < len(steps) else None
        )
        dosages.append(
            _dosage(
                index + 2,
                step.mg_per_intake,
                step.intakes_per_day,
                step.start_date,
                following,
                step.every_days,
            )
        )
    period = {"start": course.start_date.isoformat()}
    if course.end_date:
        period["end"] = course.end_date.isoformat()
    statement = {
        "resourceType": "MedicationStatement",
        "id": f"course-{course.pk}",
        "status": COURSE_STATUS[course.status],
        "medicationCodeableConcept": medication_concept([course.drug], course.drug.generic_name),
        "subject": {"reference": patient},
        "effectivePeriod": period,
        "dosage": dosages,
    }
    if course.reason:
        statement["reasonCode"] = [{"text": course.reason}]
    return statement


def _comed_statement(comed: CoMedication, patient: str, today) -> dict:
    period = {"start": comed.start_date.isoformat()}
    if comed.stop_date:
        period["end"] = comed.stop_date.isoformat()
    statement = {
        "resourceType": "MedicationStatement",
        "id": f"comedication-{comed.pk}",
        "status": "active" if comed.is_active_on(today) else "completed",
        "medicationCodeableConcept": medication_concept(
            comed.ingredient_list() if comed.checked else [], comed.name
        ),
        "subject": {"reference": patient},
        "effectivePeriod": period,
    }
    text = ", ".join(part for part in (comed.dose, comed.frequency) if part)
    if text:
        statement["dosage"] = [{"sequence": 1, "text": text}]
    notes = [comed.note] if comed.note else []
    if not comed.checked:
        notes.append(NOT_CHECKED_NOTE)
    if notes:
        statement["note"] = [{"text": note} for note in notes]
    return statement


def _administration(dose: Dose, patient: str, zone: tzinfo) -> dict:
    resource = {
        "resourceType": "MedicationAdministration",
        "id": f"dose-{dose.pk}",
        "status": "completed",
        "medicationCodeableConcept": medication_concept(
            [dose.course.drug], dose.course.drug.generic_name
        ),
        "subject": {"reference": patient},
        "effectiveDateTime": dose.taken_at.astimezone(zone).isoformat(),
        "supportingInformation": [{"reference": _urn("course", dose.course_id)}],
        "dosage": {"dose": _mg(dose.amount_mg)},
    }
    if dose.note:
        resource["note"] = [{"text": dose.note}]
    return resource


def fhir_bundle(user, zone: tzinfo, now: datetime | None = None) -> dict:
    """Return a collection Bundle of the user's own data only."""
    now = now or timezone.now()
    today = now.astimezone(zone).date()
    patient_url = _urn("patient", user.pk)
    entries = [
        {
            "fullUrl": patient_url,
            "resource": {
                "resourceType": "Patient",
                "id": f"patient-{user.pk}",
                "name": [{"text": user.get_full_name() or user.get_username()}],
            },
        }
    ]
    courses = (
        Course.objects.for_owner(user)
        .select_related("taper_plan")
        .prefetch_related("taper_plan__steps")
    )
    for course in courses:
        entries.append(
            {
                "fullUrl": _urn("course", course.pk),
                "resource": _course_statement(course, patient_url),
            }
        )
    for comed in CoMedication.objects.for_owner(user):
        entries.append(
            {
                "fullUrl": _urn("comedication", comed.pk),
                "resource": _comed_statement(comed, patient_url, today),
            }
        )
    for dose in Dose.objects.for_owner(user).select_related("course__drug").order_by("taken_at"):
        entries.append(
            {"fullUrl": _urn("dose", dose.pk), "resource": _administration(dose, patient_url, zone)}
        )
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": now.astimezone(zone).isoformat(),
        "entry": entries,
    }
