"""Bump the reference version on every change to reference data, so no cache outlives an edit.

Admin edits and other model saves arrive here; bulk writes (queryset.update, bulk_create, the
loaders and the CSV import) call ReferenceVersion.bump() themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from drugs import models

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
