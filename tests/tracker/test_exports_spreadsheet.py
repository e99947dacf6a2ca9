"""Every CSV the app writes is safe to open in a spreadsheet: no cell runs as a formula."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import CourseFactory, DoseFactory
from tracker.exports.spreadsheet import FORMULA_STARTS, defuse
from tracker.models import CoMedication

HOSTILE = [f'{start}HYPERLINK("http://evil.example","click")' for start in FORMULA_STARTS]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert defuse(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Xanax", "Xanax"),
        ("", ""),
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (Decimal("350.00"), "350"),
        (Decimal("-1.5"), "-1.5"),
        (4, 4),
        ("a = b", "a = b"),
    ],
)
def test_plain_text_and_numbers_are_written_as_they_are(value, expected):
    assert defuse(value) == expected


def _cells(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
@pytest.mark.parametrize("text", HOSTILE)
def test_the_doses_csv_defuses_each_leading_character(owner_client, owner, text):
    DoseFactory(course=CourseFactory(owner=owner), note=text, amount_mg=Decimal("350"))
    [row] = _cells(owner_client.get(reverse("export_doses_csv")))
    assert row["note"] == "'" + text
    assert row["amount_mg"] == "350"  # a number stays a number


@pytest.mark.django_db
@pytest.mark.parametrize("text", HOSTILE)
def test_the_co_medications_csv_defuses_each_leading_character(owner_client, owner, text):
    CoMedication.objects.create(
        owner=owner,
        name=text[:120],
        dose=text[:120],
        frequency=text[:120],
        note=text,
        start_date="2026-01-02",
    )
    [row] = _cells(owner_client.get(reverse("export_comedications_csv")))
    for column in ["name", "dose", "frequency"]:
        assert row[column] == "'" + text[:120]
    assert row["note"] == "'" + text
    assert row["start_date"] == "2026-01-02"
