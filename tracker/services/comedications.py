"""Adding, changing, stopping and deleting co-medications. A name is linked to the reference
drug it names when it is saved; the result carries the interactions it takes part in."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker import data_version
from tracker.interactions import as_finding, comed_key, interaction_report
from tracker.models import CoMedication, Course
from tracker.rules.findings import Finding
from tracker.services.linking import link_to_reference
from tracker.services.results import Saved


def _interactions_of(comed: CoMedication) -> list[Finding]:
    """Return today's interactions that involve this entry, among the owner's records."""
    courses = list(Course.objects.for_interactions(comed.owner_id))
    comeds = list(CoMedication.objects.for_owner(comed.owner_id))
    report = interaction_report(courses, comeds, timezone.localdate())
    return [as_finding(f) for f in report.for_key(comed_key(comed))]


def comedication_add(
    *,
    owner,
    name: str,
    start_date: date,
    dose: str = "",
    frequency: str = "",
    stop_date: date | None = None,
    note: str = "",
) -> Saved[CoMedication]:
    comed = CoMedication(
        owner=owner,
        name=name.strip(),
        dose=dose,
        frequency=frequency,
        start_date=start_date,
        stop_date=stop_date,
        note=note,
    )
    comed.full_clean()
    with transaction.atomic():
        comed.save()
        link_to_reference(comed)
        data_version.bump(user_id=owner.pk)
    return Saved(comed, findings=_interactions_of(comed))


@transaction.atomic
def comedication_update(*, comed: CoMedication, **fields) -> Saved[CoMedication]:
    for name, value in fields.items():
        setattr(comed, name, value.strip() if name == "name" else value)
    comed.edited_at = timezone.now()
    comed.full_clean()
    comed.save()
    if "name" in fields:
        link_to_reference(comed)
    data_version.bump(user_id=comed.owner_id)
    return Saved(comed, created=False)


@transaction.atomic
def comedication_stop(*, comed: CoMedication, stop_date: date) -> Saved[CoMedication]:
    if comed.stop_date is not None:
        raise ValidationError("This entry is already stopped.")
    comed.stop_date = max(stop_date, comed.start_date)
    comed.full_clean()
    comed.save()
    data_version.bump(user_id=comed.owner_id)
    return Saved(comed, created=False)


@transaction.atomic
def comedication_delete(*, comed: CoMedication) -> None:
    comed.delete()
    data_version.bump(user_id=comed.owner_id)
