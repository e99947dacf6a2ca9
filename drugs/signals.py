"""Bump the reference version on every change to reference data, so no cache outlives an edit;
refuse to delete a drug or fact that patients' records point to.

Admin edits and other model saves arrive here; bulk writes (queryset.update, bulk_create, the
loaders and the CSV import) call ReferenceVersion.bump() themselves.
"""

from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from drugs import models
from drugs.protection import patient_records_using, retire_instead

WATCHED = (
    models.Source,
    models.DrugClass,
    models.Drug,
    models.DrugAlias,
    models.DrugFact,
    models.Interaction,
    models.Combination,
    models.CombinationMember,
)


@receiver(post_save)
@receiver(post_delete)
def reference_changed(sender, **kwargs):
    if sender in WATCHED:
        models.ReferenceVersion.bump()


@receiver(m2m_changed, sender=models.Drug.classes.through)
def drug_classes_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        models.ReferenceVersion.bump()


@receiver(pre_delete, sender=models.Drug)
@receiver(pre_delete, sender=models.DrugFact)
def keep_what_patients_recorded(sender, instance, **kwargs):
    """Stop any delete (shell, code, a cascade from a drug) that would empty a co-medication's
    link or take a symptom out of check-ins; the admin refuses earlier, with the same words."""
    uses = patient_records_using(instance)
    if uses:
        raise ProtectedError(f"{instance}: {'; '.join(retire_instead(uses))}.", {instance})
