"""The version numbers that key cached pages: the user's own data and the reference data.

Every save or delete of a course, dose, co-medication, taper plan or step, or check-in moves
the owner's Profile.data_version; admin edits move drugs.ReferenceVersion. A page cached under
both numbers (and the local date) therefore never outlives the data it was built from.
Bulk writes (bulk_create, queryset.update) send no signals: their callers call bump() itself.
"""

from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from drugs.models import ReferenceVersion
from tracker.models import CheckIn, CoMedication, Course, Dose, Profile, TaperPlan, TaperStep


def bump(**lookup) -> None:
    """Move the version of the profile that `lookup` finds: user_id=…, or a lookup through
    the user such as user__courses=<course id>."""
    Profile.objects.filter(**lookup).update(data_version=F("data_version") + 1)


def _owner_of(instance) -> dict:
    """The lookup of the owner's profile from a row, without loading its parents."""
    if isinstance(instance, Dose | TaperPlan):
        return {"user__courses": instance.course_id}
    if isinstance(instance, TaperStep):
        return {"user__courses__taper_plan": instance.plan_id}
    return {"user_id": instance.owner_id}


TRACKED = (Course, Dose, CoMedication, TaperPlan, TaperStep, CheckIn)


def _on_save(sender, instance, **kwargs):
    bump(**_owner_of(instance))


def _on_delete(sender, instance, origin=None, **kwargs):
    # One delete() can remove thousands of rows (a course and its doses): bump once per owner.
    owner = _owner_of(instance)
    seen = origin.__dict__.setdefault("_data_version_bumped", set()) if origin else set()
    key = tuple(sorted(owner.items()))
    if key not in seen:
        seen.add(key)
        bump(**owner)


for model in TRACKED:
    post_save.connect(_on_save, sender=model, dispatch_uid=f"data_version_save_{model.__name__}")
    post_delete.connect(
        _on_delete, sender=model, dispatch_uid=f"data_version_delete_{model.__name__}"
    )


@receiver(m2m_changed, sender=CheckIn.symptoms.through, dispatch_uid="data_version_symptoms")
def _on_symptoms_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump(user_id=instance.owner_id)


def versions_for(user) -> tuple[int, int] | None:
    """Return (the user's data version, the reference data version) in one query, or None
    when the user has no profile to keep a version in (then nothing may be cached)."""
    row = (
        Profile.objects.filter(user=user)
        .annotate(reference=Subquery(ReferenceVersion.number_query()))
        .values_list("data_version", "reference")
        .first()
    )
    if row is None:
        return None
    return row[0], row[1] or 0
