"""Backups hold health data: owner-only files, and a restore that gives back the exact rows."""

import stat
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory
from tracker.models import CoMedication, Course, Dose

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _rows():
    """Every patient row the restore must bring back, field by field."""
    return {
        model.__name__: sorted(model.objects.values(), key=lambda row: row["id"])
        for model in (Course, Dose, CoMedication)
    }


def test_a_backup_file_is_readable_by_its_owner_only(tmp_path):
    target = tmp_path / "nested" / "backup.db"
    call_command("backup", output=str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_a_backup_over_an_existing_readable_file_is_owner_only_afterwards(tmp_path):
    target = tmp_path / "backup.db"
    target.write_text("old")
    target.chmod(0o644)
    call_command("backup", output=str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_restore_brings_the_database_back_to_the_exact_rows_of_the_backup(tmp_path):
    course = CourseFactory()
    DoseFactory.create_batch(3, course=course)
    CoMedication.objects.create(owner=course.owner, name="Xanax", start_date=course.start_date)
    target = tmp_path / "backup.db"
    call_command("backup", output=str(target))
    before = _rows()

    Dose.objects.filter(course=course).first().delete()
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=2))
    Course.objects.filter(pk=course.pk).update(mg_per_intake=Decimal("250"))
    CoMedication.objects.all().delete()
    assert _rows() != before

    call_command("restore", str(target), yes=True)

    assert _rows() == before


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path):
    course = CourseFactory()
    DoseFactory(course=course)
    before = _rows()
    missing = tmp_path / "missing.db"
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(missing), yes=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00not a database\x00" * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(junk), yes=True)
    assert _rows() == before
