"""CSV import of reference data: every row checked as the admin checks it, a report of every
bad row, nothing written for a bad file, history recorded, public pages safe afterwards."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from drugs.importer import run_import
from drugs.models import Drug, DrugAlias, DrugClass, Interaction, ReferenceVersion
from tests.drugs.csv_files import csv_text as _csv
from tests.drugs.csv_files import interaction_row, reference_counts

pytestmark = pytest.mark.django_db


GOOD = [
    {"type": "class", "name": "Z-drug", "source": "PATIENT-PAGE"},
    {
        "type": "drug",
        "name": "eszopiclone",
        "rxcui": "461016",
        "classes": "Z-drug;cns-depressant",
        "aliases": "Lunesta",
        "source": "RXNORM",
    },
    {"type": "alias", "name": "Lunesta 3mg", "other": "eszopiclone"},
    {
        "type": "interaction",
        "name": "carisoprodol",
        "other": "Lunesta",
        "severity": "major",
        "effect": "Additive sedation.",
        "advice": "Avoid.",
        "evidence": "secondary",
        "source": "PATIENT-PAGE",
    },
    {
        "type": "interaction",
        "name": "class:Z-drug",
        "other": "class:opioid",
        "severity": "moderate",
        "effect": "Sedation.",
        "advice": "Ask.",
        "source": "PATIENT-PAGE",
    },
    {
        "type": "interaction",
        "name": "Soma",
        "other": "aspirin",
        "severity": "moderate",
        "effect": "Updated effect.",
        "advice": "Updated advice.",
        "evidence": "secondary",
        "source": "LEXICOMP",
    },
]


def test_a_valid_file_creates_and_updates_rows():
    before = ReferenceVersion.current()
    report = run_import(_csv(GOOD))
    assert report.ok, report.errors
    drug = Drug.objects.get(slug="eszopiclone")
    assert drug.rxcui == "461016"
    assert set(drug.classes.values_list("slug", flat=True)) == {"z-drug", "cns-depressant"}
    assert set(DrugAlias.objects.filter(drug=drug).values_list("name", flat=True)) == {
        "Lunesta",
        "Lunesta 3mg",
    }
    assert report.created["interactions"] == 2 and report.updated["interactions"] == 1
    aspirin = Interaction.objects.get(drug_b__slug="aspirin")
    assert aspirin.severity == "moderate" and aspirin.effect == "Updated effect."
    assert aspirin.history.latest().prev_record.severity == "minor"
    assert Interaction.objects.get(class_a__slug="z-drug").history.count() == 1
    assert ReferenceVersion.current() > before


def test_any_bad_row_rejects_the_whole_file_and_reports_each():
    bad = GOOD + [
        {
            "type": "interaction",
            "name": "carisoprodol",
            "other": "unobtainium",
            "severity": "major",
            "effect": "e",
            "advice": "a",
            "source": "RXNORM",
        },
        {
            "type": "interaction",
            "name": "carisoprodol",
            "other": "ibuprofen",
            "severity": "deadly",
            "effect": "e",
            "advice": "a",
            "source": "RXNORM",
        },
        {
            "type": "interaction",
            "name": "carisoprodol",
            "other": "naproxen",
            "severity": "minor",
            "effect": "e",
            "advice": "a",
            "source": "",
        },
        {"type": "drug", "name": "newdrug", "source": "NO-SUCH-SOURCE"},
        {"type": "spaceship", "name": "x"},
    ]
    counts = (Drug.objects.count(), DrugClass.objects.count(), Interaction.objects.count())
    report = run_import(_csv(bad))
    assert [line for line, _ in report.errors] == [8, 9, 10, 11, 12]
    reasons = " | ".join(why for _, why in report.errors)
    for text in [
        "unknown drug or class 'unobtainium'",
        "bad severity 'deadly'",
        "missing source",
        "unknown source 'NO-SUCH-SOURCE'",
        "unknown type 'spaceship'",
    ]:
        assert text in reasons
    assert (Drug.objects.count(), DrugClass.objects.count(), Interaction.objects.count()) == counts


def test_a_generated_file_of_ten_thousand_rules_imports(tmp_path):
    rows = [{"type": "class", "name": "Generated", "source": "RXNORM"}]
    rows += [
        {"type": "drug", "name": f"gen{i:03d}", "classes": "Generated", "source": "RXNORM"}
        for i in range(150)
    ]
    pairs = [(a, b) for a in range(150) for b in range(a + 1, 150)][:10_000]
    rows += [
        {
            "type": "interaction",
            "name": f"gen{a:03d}",
            "other": f"gen{b:03d}",
            "severity": "minor",
            "effect": "e",
            "advice": "a",
            "source": "RXNORM",
        }
        for a, b in pairs
    ]
    path = tmp_path / "rules.csv"
    path.write_text(_csv(rows))
    call_command("import_interactions", str(path))
    assert Interaction.objects.filter(drug_a__slug__startswith="gen").count() == 10_000


def test_the_command_reports_bad_rows_and_fails(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(_csv([{"type": "interaction", "name": "x", "other": "y", "severity": "major"}]))
    with pytest.raises(CommandError, match="Nothing imported: 1 bad row"):
        call_command("import_interactions", str(path))
    assert "line 2: unknown drug or class 'x'" in capsys.readouterr().err


def test_an_editor_imports_through_the_admin(editor_client):
    page = editor_client.get(reverse("admin:drugs_interaction_changelist")).content.decode()
    assert reverse("admin:drugs_interaction_import") in page
    upload = io.BytesIO(_csv(GOOD).encode())
    upload.name = "rules.csv"
    response = editor_client.post(reverse("admin:drugs_interaction_import"), {"file": upload})
    assert response.status_code == 302
    assert Drug.objects.filter(slug="eszopiclone").exists()
    bad = io.BytesIO(_csv([{"type": "interaction", "name": "a", "other": "b"}]).encode())
    bad.name = "bad.csv"
    html = editor_client.post(
        reverse("admin:drugs_interaction_import"), {"file": bad}
    ).content.decode()
    assert "Nothing was imported" in html and "unknown drug or class" in html


def test_a_patient_cannot_import(owner_client):
    response = owner_client.get(reverse("admin:drugs_interaction_import"))
    assert response.status_code == 302 and "/admin/login/" in response.url


ODD_NAMES = [
    ("морфин", "morfin"),
    ("モルヒネ", "moruhine"),
    ("吗啡", "ma-pei"),
    ("𠀀", None),  # letters without a transliteration: a hash-based slug
    ("<script>alert('x')</script>", "scriptalertxscript"),
    ("Ünïcödé “tonic”/100%?#", "unicode-tonic100"),
    ("z" * 120, "z" * 120),
]


def test_after_an_import_of_odd_names_every_public_drug_page_answers(client):
    """Non-Latin, markup-like, punctuation-heavy and longest names get usable slugs, and the
    search, detail, class and compare pages all answer 200 for each of them."""
    rows = [{"type": "class", "name": "Опиоиды ✓", "source": "RXNORM"}]
    for name, _ in ODD_NAMES:
        rows.append(
            {
                "type": "drug",
                "name": name,
                "classes": "Опиоиды ✓",
                "aliases": f"{name[:100]} брэнд",
                "source": "RXNORM",
            }
        )
    names = [name for name, _ in ODD_NAMES]
    rows += [interaction_row(a, b) for a, b in zip(names, names[1:], strict=False)]
    rows.append(interaction_row("class:Опиоиды ✓", "carisoprodol", severity="major"))
    report = run_import(_csv(rows))
    assert report.ok, report.errors

    drugs = [Drug.objects.get(generic_name=name) for name in names]
    for drug, (_, slug) in zip(drugs, ODD_NAMES, strict=True):
        if slug is None:
            assert drug.slug.startswith("drug-") and len(drug.slug) == 17
        else:
            assert drug.slug == slug
    drug_class = DrugClass.objects.get(name="Опиоиды ✓")
    assert drug_class.slug == "opioidy"

    urls = [reverse("drugs:list"), reverse("drugs:class_detail", args=[drug_class.slug])]
    urls += [reverse("drugs:list") + f"?q={name}" for name in names]
    urls += [reverse("drugs:suggest") + f"?q={name[:2]}" for name in names]
    urls += [drug.get_absolute_url() for drug in drugs]
    urls += [reverse("drugs:detail", args=["carisoprodol"])]
    urls += [
        reverse("drugs:compare") + f"?a={a.slug}&b={b.slug}"
        for a, b in zip(drugs, drugs[1:], strict=False)
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    page = client.get(drugs[4].get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_the_admin_refuses_a_file_over_the_limit_and_points_to_the_command(editor_client, settings):
    settings.REFERENCE_IMPORT_MAX_BYTES = 100
    upload = io.BytesIO(_csv(GOOD).encode())
    upload.name = "rules.csv"
    before = reference_counts()
    response = editor_client.post(reverse("admin:drugs_interaction_import"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "the admin imports files up to 100" in html
    assert "python manage.py import_interactions FILE.csv" in html
    assert reference_counts() == before


@pytest.mark.parametrize(
    "content",
    [
        _csv([interaction_row("carisoprodol", "ibuprofen", effect="Sedation\x00")]).encode(),
        _csv([{"type": "drug", "name": "é" * 500, "source": "RXNORM"}]).encode(),
        b"type,name\ndrug,caf\xe9\n",
    ],
    ids=["nul", "too_long", "not_utf8"],
)
def test_a_bad_upload_gets_a_report_never_a_500(editor_client, content):
    upload = io.BytesIO(content)
    upload.name = "rules.csv"
    before = reference_counts()
    response = editor_client.post(reverse("admin:drugs_interaction_import"), {"file": upload})
    assert response.status_code == 200
    assert "Nothing was imported: 1 bad row" in response.content.decode()
    assert reference_counts() == before
