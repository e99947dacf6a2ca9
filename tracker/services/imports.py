"""Taking a user's export file back in: into an empty account, all or nothing."""

import logging

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from tracker import data_version
from tracker.exports.json_export import FORMAT, VERSION
from tracker.imports.records import rows_from_export, rows_save
from tracker.models import CoMedication, Course, Profile
from tracker.services.linking import link_to_reference

logger = logging.getLogger(__name__)


def has_data(user) -> bool:
    return (
        Course.objects.filter(owner=user).exists()
        or CoMedication.objects.filter(owner=user).exists()
    )


def account_import(*, user, data: dict) -> None:
    """Load an export into an account that has no courses or co-medications yet: all or nothing.

    Every record is checked by the import forms before anything is written
    (tracker/imports/records.py); the file's ids are never used.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValidationError("This file is not an export of this app.")
    if has_data(user):
        raise ValidationError("Import only works into an empty account.")
    rows = rows_from_export(user, data)
    try:
        with transaction.atomic():
            # Two imports at once into one account: the second waits here, then finds data.
            Profile.objects.select_for_update().filter(user=user).first()
            if has_data(user):
                raise ValidationError("Import only works into an empty account.")
            rows_save(owner=user, rows=rows)
            for comed in rows.comedications:
                link_to_reference(comed)
            data_version.bump(user_id=user.pk)
    except (IntegrityError, DataError) as exc:
        # Only if the checks above missed something the database refuses: a message, not a 500.
        logger.warning("Import refused by the database: %s", exc)
        raise ValidationError(
            "The file holds values this app cannot store; nothing was imported."
        ) from exc
