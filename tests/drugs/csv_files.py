"""CSV files of reference data for the importer's tests and its performance measurement
(`write_file`, see PERF-NOTES-D.md)."""

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from drugs.importer import COLUMNS


def csv_text(rows: Iterable[dict]) -> str:
    """Return the CSV text of the rows, with the header."""
    out = io.StringIO()
    write_csv(out, rows)
    return out.getvalue()


def interaction_row(a: str, b: str, **extra) -> dict:
    """Return a valid interaction row between two names, with any field changed."""
    return {
        "type": "interaction",
        "name": a,
        "other": b,
        "severity": "minor",
        "effect": "e",
        "advice": "a",
        "source": "RXNORM",
        **extra,
    }


def reference_counts() -> tuple:
    """Return what an import may change: the rows of each kind and the reference version."""
    from drugs.models import Drug, DrugAlias, DrugClass, Interaction, ReferenceVersion

    return (
        Drug.objects.count(),
        DrugClass.objects.count(),
        DrugAlias.objects.count(),
        Interaction.objects.count(),
        ReferenceVersion.current(),
    )


def write_csv(out, rows: Iterable[dict]) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})


def generated_rows(total: int, *, prefix: str = "gen", drugs: int | None = None) -> Iterator[dict]:
    """Yield `total` valid rows: 20 classes, then drugs (by default a twentieth of the rows, or
    as many as the rules need), each with a class and a brand alias, then rules between
    distinct pairs of those drugs, spread evenly over them."""
    classes = 20
    drugs = drugs or max(2, total // 20)
    while drugs * (drugs - 1) // 2 < total - classes - drugs:
        drugs += 1
    rules = total - classes - drugs
    if rules < 0:
        raise ValueError("too few rows for the classes and drugs")
    for c in range(classes):
        yield {"type": "class", "name": f"{prefix} class {c}", "source": "RXNORM"}
    for d in range(drugs):
        yield {
            "type": "drug",
            "name": f"{prefix}drug{d}",
            "classes": f"{prefix} class {d % classes}",
            "aliases": f"{prefix.capitalize()}brand{d}",
            "rxcui": str(900000 + d),
            "source": "RXNORM",
        }
    for i, (a, b) in enumerate(islice(_pairs(drugs), rules)):
        yield {
            "type": "interaction",
            "name": f"{prefix}drug{a}",
            "other": f"{prefix}drug{b}",
            "severity": ["minor", "moderate", "major"][i % 3],
            "effect": f"Generated effect {i}.",
            "advice": "Ask your pharmacist.",
            "evidence": "secondary",
            "source": "RXNORM",
        }


def _pairs(count: int) -> Iterator[tuple[int, int]]:
    """Yield every pair of distinct numbers below count once, each number's near ones first."""
    for offset in range(1, count // 2 + 1):
        for a in range(count):
            b = (a + offset) % count
            if offset * 2 < count or a < b:  # the middle offset meets each pair twice
                yield a, b


def write_file(path: str, total: int) -> None:
    """Write a valid file of `total` generated rows (the 100,000-row measurement's input)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        write_csv(handle, generated_rows(total))
