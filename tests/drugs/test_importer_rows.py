"""CSV import of reference data, row by row: one case per kind of bad row, bad bytes and a bad
header, each reported on its line with nothing written."""

import io

import pytest
from django.core.management import CommandError, call_command

from drugs.importer import run_import
from drugs.models import Drug
from tests.drugs.csv_files import csv_text as _csv
from tests.drugs.csv_files import interaction_row, reference_counts

pytestmark = pytest.mark.django_db


# One case per kind of bad row: the rows of the file, and words the report must hold. Each file
# is otherwise good, so the test also shows that one bad row keeps the good ones out.
BAD_ROWS = {
    "name_with_no_letter_or_digit": (
        [{"type": "drug", "name": "!!!", "source": "RXNORM"}],
        "has no letter or digit",
    ),
    "class_name_with_no_letter_or_digit": (
        [{"type": "class", "name": "-?-", "source": "RXNORM"}],
        "has no letter or digit",
    ),
    "name_whose_address_an_existing_drug_has": (
        [{"type": "drug", "name": "Carisoprodol!", "source": "RXNORM"}],
        "would have the web address “carisoprodol” of the drug carisoprodol",
    ),
    "name_whose_address_an_existing_class_has": (
        [{"type": "class", "name": "opioid!", "source": "RXNORM"}],
        "would have the web address “opioid” of the class",
    ),
    "two_new_names_with_one_address": (
        [
            {"type": "drug", "name": "Foo bar", "source": "RXNORM"},
            {"type": "drug", "name": "foo-bar", "source": "RXNORM"},
        ],
        "would have the web address “foo-bar” of the drug Foo bar",
    ),
    "name_whose_address_is_a_page": (
        [{"type": "drug", "name": "Compare", "source": "RXNORM"}],
        "“compare” is taken by a page of the site",
    ),
    "drug_name_too_long": (
        [{"type": "drug", "name": "x" * 121, "source": "RXNORM"}],
        "name: Ensure this value has at most 120 characters (it has 121).",
    ),
    "class_name_too_long": (
        [{"type": "class", "name": "c" * 121, "source": "RXNORM"}],
        "name: Ensure this value has at most 120 characters (it has 121).",
    ),
    "rxcui_too_long": (
        [{"type": "drug", "name": "newdrug", "rxcui": "9" * 21, "source": "RXNORM"}],
        "rxcui: Ensure this value has at most 20 characters (it has 21).",
    ),
    "alias_too_long": (
        [{"type": "alias", "name": "A" * 121, "other": "carisoprodol"}],
        "at most 120 characters (it has 121)",
    ),
    "nul_in_a_name": (
        [{"type": "drug", "name": "nul\x00drug", "source": "RXNORM"}],
        "name: holds a NUL character",
    ),
    "nul_in_an_effect": (
        [interaction_row("carisoprodol", "ibuprofen", effect="Sedation\x00")],
        "effect: holds a NUL character",
    ),
    "alias_another_drug_has_in_any_case": (
        [{"type": "alias", "name": "XANAX", "other": "carisoprodol"}],
        "alias 'XANAX' already names another drug, alprazolam",
    ),
    "alias_that_is_another_drugs_name": (
        [{"type": "drug", "name": "newdrug", "aliases": "aspirin", "source": "RXNORM"}],
        "alias 'aspirin' already names another drug, aspirin",
    ),
    "rule_of_a_drug_with_itself_by_its_alias": (
        [interaction_row("carisoprodol", "Soma")],
        "cannot interact with itself",
    ),
    "unknown_class_of_a_drug": (
        [{"type": "drug", "name": "newdrug", "classes": "no-such-class", "source": "RXNORM"}],
        "unknown class 'no-such-class'",
    ),
    "bad_evidence": (
        [interaction_row("carisoprodol", "ibuprofen", evidence="rumour")],
        "bad evidence 'rumour'",
    ),
}


@pytest.mark.parametrize("rows, words", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_is_reported_and_nothing_is_written(rows, words):
    good = [
        {"type": "drug", "name": "goodnewdrug", "source": "RXNORM"},
        interaction_row("goodnewdrug", "carisoprodol"),
    ]
    before = reference_counts()
    report = run_import(_csv(good + rows))
    assert not report.ok
    assert any(words in why for _, why in report.errors), report.errors
    assert report.batches == 0
    assert reference_counts() == before


def test_bytes_that_are_not_utf8_are_reported_on_their_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"type,name,source\ndrug,okdrug,RXNORM\ndrug,caf\xe9,RXNORM\n")
    with pytest.raises(CommandError, match="Nothing imported: 1 bad row"):
        call_command("import_interactions", str(path))
    assert not Drug.objects.filter(generic_name="okdrug").exists()


def test_a_strictly_decoded_file_that_is_not_utf8_is_reported_not_raised():
    report = run_import(io.TextIOWrapper(io.BytesIO(b"type,name\ndrug,caf\xe9\n"), "utf-8"))
    assert [why for _, why in report.errors] == ["the file is not UTF-8 text"]


def test_a_field_too_large_for_csv_is_reported():
    report = run_import(_csv([interaction_row("carisoprodol", "ibuprofen", effect="x" * 200_000)]))
    assert not report.ok and "cannot be read as CSV" in report.errors[0][1]


def test_a_header_without_type_and_name_is_reported():
    report = run_import("kind,label\ndrug,x\n")
    assert report.errors == [(1, "the header lacks the columns: name, type")]
