"""Large imports: the file is streamed, checked whole before any write, then written in short
batches that patients' writes can pass between; a run cut off midway is completed by a rerun."""

import io
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from drugs import importer
from drugs.importer import run_import
from drugs.models import Drug, DrugAlias, DrugClass, Interaction, ReferenceVersion
from tests.drugs.csv_files import csv_text, generated_rows
from tests.factories import CourseFactory, UserFactory
from tracker.models import Dose

PREFIX = "bat"


class LinesOnly(io.StringIO):
    """A file that can be iterated and rewound but not read whole."""

    def read(self, *args):
        raise AssertionError("the importer read the whole file into memory")


def _file(total: int, **kwargs) -> LinesOnly:
    return LinesOnly(csv_text(generated_rows(total, prefix=PREFIX, **kwargs)))


def _imported_state() -> dict:
    """Return the generated reference rows by natural key: what two runs must agree on."""
    drugs = Drug.objects.filter(generic_name__startswith=PREFIX).prefetch_related(
        "classes", "sources", "aliases"
    )
    rules = Interaction.objects.filter(drug_a__generic_name__startswith=PREFIX).select_related(
        "drug_a", "drug_b", "source"
    )
    return {
        "classes": sorted(
            DrugClass.objects.filter(name__startswith=PREFIX).values_list(
                "name", "slug", "source__key"
            )
        ),
        "drugs": sorted(
            (
                d.generic_name,
                d.slug,
                d.rxcui,
                sorted(c.slug for c in d.classes.all()),
                sorted(s.key for s in d.sources.all()),
                sorted(a.name for a in d.aliases.all()),
            )
            for d in drugs
        ),
        "rules": sorted(
            (
                *sorted((r.drug_a.generic_name, r.drug_b.generic_name)),
                r.severity,
                r.effect,
                r.advice,
                r.evidence,
                r.source.key,
                r.edited_without_source_at,
            )
            for r in rules
        ),
    }


@pytest.mark.django_db
def test_the_file_is_read_a_row_at_a_time_never_whole():
    report = run_import(_file(300), batch_size=100)
    assert report.ok, report.errors
    assert report.batches == 3
    assert (
        Interaction.objects.filter(drug_a__generic_name__startswith=PREFIX).count() == 300 - 20 - 24
    )


@pytest.mark.django_db
def test_a_bad_last_row_of_a_large_file_writes_no_batch():
    text = csv_text([*generated_rows(2500, prefix=PREFIX), {"type": "spaceship", "name": "x"}])
    batches = []
    before = (Drug.objects.count(), Interaction.objects.count(), ReferenceVersion.current())
    report = run_import(text, batch_size=1000, after_batch=lambda *args: batches.append(args))
    assert report.errors == [
        (2502, "unknown type 'spaceship' (use class, drug, alias or interaction)")
    ]
    assert batches == []
    assert (Drug.objects.count(), Interaction.objects.count(), ReferenceVersion.current()) == before


@pytest.mark.django_db
def test_each_batch_moves_the_reference_version():
    versions = [ReferenceVersion.current()]
    run_import(
        _file(450),
        batch_size=100,
        after_batch=lambda *_: versions.append(ReferenceVersion.current()),
    )
    assert len(versions) == 6
    assert versions == sorted(set(versions))


@pytest.mark.django_db
def test_every_imported_row_is_in_the_history_with_its_classes():
    run_import(_file(200), batch_size=50)
    rule = Interaction.objects.filter(drug_a__generic_name__startswith=PREFIX).first()
    record = rule.history.get()
    assert record.history_type == "+" and record.history_change_reason == "Imported from CSV"
    drug = Drug.objects.get(generic_name=f"{PREFIX}drug3")
    latest = drug.history.latest()
    assert [c.drugclass.name for c in latest.classes.all()] == [f"{PREFIX} class 3"]
    assert DrugAlias.objects.get(drug=drug).history.count() == 1
    assert DrugClass.objects.get(name=f"{PREFIX} class 3").history.count() == 1


@pytest.mark.django_db
def test_running_the_same_file_again_changes_nothing_and_adds_no_history():
    run_import(_file(300), batch_size=100)
    state, history = _imported_state(), Interaction.history.count()
    report = run_import(_file(300), batch_size=100)
    assert report.ok and "interactions" not in report.created
    assert _imported_state() == state
    assert Interaction.history.count() == history


@pytest.mark.django_db
def test_a_run_cut_off_after_its_first_batch_is_completed_by_running_it_again(monkeypatch):
    with transaction.atomic():
        run_import(_file(400), batch_size=100)
        clean_run = _imported_state()
        transaction.set_rollback(True)
    assert not Drug.objects.filter(generic_name__startswith=PREFIX).exists()

    write_rules, calls = importer._write_rules, []

    def fail_in_the_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise DatabaseError("the server went away")
        write_rules(*args, **kwargs)

    monkeypatch.setattr(importer, "_write_rules", fail_in_the_second_batch)
    report = run_import(_file(400), batch_size=100)
    assert report.batches == 1 and "the server went away" in report.stopped
    assert not report.ok
    assert _imported_state() != clean_run
    monkeypatch.undo()

    again = run_import(_file(400), batch_size=100)
    assert again.ok and again.batches == 4
    assert _imported_state() == clean_run


@pytest.mark.django_db
def test_an_import_cites_the_source_again_on_a_rule_an_editor_edited():
    rule = Interaction.objects.get(drug_b__slug="aspirin")
    Interaction.objects.filter(pk=rule.pk).update(edited_without_source_at=timezone.now())
    row = {
        "type": "interaction",
        "name": "carisoprodol",
        "other": "aspirin",
        "severity": "moderate",
        "effect": "Checked effect.",
        "advice": "Checked advice.",
        "source": "LEXICOMP",
    }
    assert run_import(csv_text([row])).ok
    rule.refresh_from_db()
    assert rule.edited_without_source_at is None and rule.source_label == "LEXICOMP"


@pytest.mark.django_db
def test_the_command_reports_progress_by_batch(tmp_path, capsys):
    path = tmp_path / "rules.csv"
    path.write_text(csv_text(generated_rows(250, prefix=PREFIX)))
    call_command("import_interactions", str(path), batch_size=100, verbosity=2)
    out = capsys.readouterr().out
    assert "batch 3 written (up to line 251)" in out and "Imported." in out


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_patient_logs_a_dose_while_an_import_waits_between_two_batches():
    """SQLite lets one writer at a time: a transaction held across batches would make the
    patient's write wait out its busy timeout and fail. PostgreSQL would not block, so the
    test also checks that no transaction is open between batches and that the first batch is
    already visible to another connection."""
    course = CourseFactory(
        owner=UserFactory(username="busy"), start_date=timezone.localdate() - timedelta(days=2)
    )
    seen = {}

    def log_a_dose_from_another_connection():
        try:
            Dose.objects.create(course=course, taken_at=timezone.now(), amount_mg=Decimal(350))
            seen["rules"] = Interaction.objects.filter(
                drug_a__generic_name__startswith=PREFIX
            ).count()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            seen["error"] = repr(exc)
        finally:
            connection.close()

    def between_batches(batch, last_line):
        if batch != 1:
            return
        seen["in_transaction"] = connection.in_atomic_block
        patient = threading.Thread(target=log_a_dose_from_another_connection)
        patient.start()
        patient.join(timeout=60)
        seen["finished"] = not patient.is_alive()

    report = run_import(_file(300, drugs=30), batch_size=100, after_batch=between_batches)

    assert report.ok and report.batches == 3
    # The first batch: 20 classes, 30 drugs and 50 rules, committed.
    assert seen == {"in_transaction": False, "finished": True, "rules": 50}
    assert Dose.objects.filter(course=course).count() == 1
