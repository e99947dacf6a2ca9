"""The seed reference data: every drug, brand, class and rule of the facts, each with a source.
What names.json adds (products, more ingredients and class rules) is checked in
test_names_data.py."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from drugs.loading import load_seed, read_seed
from drugs.models import Drug, DrugAlias, DrugClass, DrugFact, Interaction, Product, Source

pytestmark = pytest.mark.django_db

DRUGS_WITH_RXCUI = {
    "carisoprodol": "2101",
    "meprobamate": "6760",
    "baclofen": "1292",
    "alprazolam": "596",
    "diazepam": "3322",
    "lorazepam": "6470",
    "clonazepam": "2598",
    "oxycodone": "7804",
    "hydrocodone": "5489",
    "tramadol": "10689",
    "codeine": "2670",
    "morphine": "7052",
    "omeprazole": "7646",
    "esomeprazole": "283742",
    "fluvoxamine": "42355",
    "fluconazole": "4450",
    "rifampin": "9384",
    "st-johns-wort": "258326",
    "aspirin": "1191",
    "ibuprofen": "5640",
    "naproxen": "7258",
    "cyclobenzaprine": "21949",
    "gabapentin": "25480",
    "zolpidem": "39993",
    "acetazolamide": "167",
    "abatacept": "614391",
    "acenocoumarol": "154",
    "alcohol": "448",
}
DRUGS_WITHOUT_RXCUI = ["acetaminophen", "amitriptyline", "diphenhydramine", "apalutamide"]
ALIASES = {
    "Soma": "carisoprodol",
    "Lioresal": "baclofen",
    "Gablofen": "baclofen",
    "Ozobax": "baclofen",
    "Lyvispah": "baclofen",
    "Xanax": "alprazolam",
    "Valium": "diazepam",
    "Ativan": "lorazepam",
    "Klonopin": "clonazepam",
    "OxyContin": "oxycodone",
    "Roxicodone": "oxycodone",
    "Hysingla": "hydrocodone",
    "Ultram": "tramadol",
    "MS Contin": "morphine",
    "Prilosec": "omeprazole",
    "Nexium": "esomeprazole",
    "Luvox": "fluvoxamine",
    "Diflucan": "fluconazole",
    "Rifadin": "rifampin",
    "rifampicin": "rifampin",
    "Hypericum": "st-johns-wort",
    "Bayer": "aspirin",
    "Advil": "ibuprofen",
    "Motrin": "ibuprofen",
    "Aleve": "naproxen",
    "Naprosyn": "naproxen",
    "Tylenol": "acetaminophen",
    "paracetamol": "acetaminophen",
    "Flexeril": "cyclobenzaprine",
    "Neurontin": "gabapentin",
    "Ambien": "zolpidem",
    "Diamox": "acetazolamide",
    "Orencia": "abatacept",
    "Sintrom": "acenocoumarol",
    "Elavil": "amitriptyline",
    "Benadryl": "diphenhydramine",
    "Erleada": "apalutamide",
    "ethanol": "alcohol",
    "beer": "alcohol",
    "wine": "alcohol",
    "spirits": "alcohol",
}
RULES = {  # other side of carisoprodol → severity
    "class:benzodiazepine": "major",
    "class:opioid": "major",
    "drug:alcohol": "major",
    "class:tricyclic-antidepressant": "moderate",
    "class:cns-depressant": "moderate",
    "drug:baclofen": "major",
    "drug:meprobamate": "contraindicated",
    "class:cyp2c19-inhibitor": "moderate",
    "class:cyp2c19-inducer": "moderate",
    # The class rules names.json adds.
    "class:barbiturate": "major",
    "class:alcohol": "major",
    "class:z-drug": "moderate",
    "class:gabapentinoid": "moderate",
    "class:skeletal-muscle-relaxant": "moderate",
    "class:sedating-antihistamine": "moderate",
    "class:sedating-antidepressant": "moderate",
    "class:sedating-antipsychotic": "moderate",
    "class:cannabis": "moderate",
    "class:duplicate-therapy": "contraindicated",
    "drug:apalutamide": "major",
    "drug:aspirin": "minor",
    "drug:abatacept": "minor",
    "drug:acenocoumarol": "minor",
    "drug:acetazolamide": "minor",
}


def test_it_holds_every_listed_drug_with_its_rxcui():
    codes = dict(Drug.objects.values_list("slug", "rxcui"))
    for slug, rxcui in DRUGS_WITH_RXCUI.items():
        assert codes[slug] == rxcui, slug
    for slug in DRUGS_WITHOUT_RXCUI:
        assert codes[slug] == "", slug


def test_it_holds_every_listed_brand_and_alias():
    aliases = dict(DrugAlias.objects.values_list("name", "drug__slug"))
    assert {name: aliases.get(name) for name in ALIASES} == ALIASES


def test_it_holds_every_listed_interaction_with_severity_and_source():
    caris = Drug.objects.get(slug="carisoprodol")
    found = {}
    for rule in Interaction.objects.touching([caris.id], []):
        other = (
            (f"drug:{rule.drug_b.slug}" if rule.drug_b else f"class:{rule.class_b.slug}")
            if rule.drug_a_id == caris.id
            else (f"drug:{rule.drug_a.slug}" if rule.drug_a else f"class:{rule.class_a.slug}")
        )
        found[other] = rule.severity
        assert rule.source_id is not None
    assert found == RULES


def test_class_members_follow_the_facts():
    members = {c.slug: set(c.drugs.values_list("slug", flat=True)) for c in DrugClass.objects.all()}
    assert {"alprazolam", "diazepam", "lorazepam", "clonazepam"} <= members["benzodiazepine"]
    assert {"oxycodone", "hydrocodone", "tramadol", "codeine", "morphine"} <= members["opioid"]
    assert {"omeprazole", "esomeprazole", "fluvoxamine", "fluconazole"} <= members[
        "cyp2c19-inhibitor"
    ]
    assert {"rifampin", "st-johns-wort", "apalutamide"} <= members["cyp2c19-inducer"]
    assert {"baclofen", "cyclobenzaprine", "gabapentin", "zolpidem", "diphenhydramine"} <= members[
        "cns-depressant"
    ]
    assert members["tricyclic-antidepressant"] == {
        "amitriptyline",
        "nortriptyline",
        "doxepin",
        "imipramine",
        "desipramine",
        "clomipramine",
        "protriptyline",
        "trimipramine",
    }


FACTS_SOURCES = {
    "SOMA-LABEL",
    "NCBI-CYP2C19",
    "MEDSCAPE",
    "LEXICOMP",
    "MEPROBAMATE-LABEL",
    "BACLOFEN-LABEL",
    "PATIENT-PAGE",
    "RXNORM",
}
NAMES_SOURCES = {
    "FDA-2016-OPIOID-BENZO",
    "FDA-2019-GABAPENTINOIDS",
    "FDA-CYP-TABLE",
    "XANAX-XR-LABEL",
    "KLONOPIN-LABEL",
    "SUBOXONE-LABEL",
    "TYLENOL-CODEINE-LABEL",
    "AMBIEN-LABEL",
    "AMBIEN-CR-LABEL",
    "GRALISE-LABEL",
}


# Not in the shared facts: found for the emergency numbers (drugs/reference/emergency_numbers.json).
EMERGENCY_SOURCES = {
    "EU-112",
    "US-911-FCC",
    "HRSA-POISON-HELP",
    "CA-911-CRTC",
    "CA-POISON-X",
    "NHS-POISONING-999",
    "IE-HSE-112-999",
    "IE-NPIC-PUBLIC",
    "AU-ACMA-000",
    "AU-POISONS-131126",
    "NZ-111-GOVT",
    "NZ-NPC-POISON",
    "FI-POISON",
    "CH-CH-NUMBERS",
    "NO-113-HELSENORGE",
    "NO-FHI-POISON",
    "IS-112",
    "IS-LSH-POISON",
    "IN-112-ERSS",
}


def test_every_clinical_row_names_a_source_from_the_facts():
    assert set(Source.objects.values_list("key", flat=True)) == (
        FACTS_SOURCES | NAMES_SOURCES | EMERGENCY_SOURCES
    )
    assert set(DrugFact.objects.values_list("source__key", flat=True)) <= FACTS_SOURCES
    for model in (DrugClass, Interaction, Product):
        keys = set(model.objects.values_list("source__key", flat=True))
        assert keys <= FACTS_SOURCES | NAMES_SOURCES
    assert not Drug.objects.filter(sources__isnull=True).exists()


def test_carisoprodol_limits_come_from_the_facts_with_defaults_marked(carisoprodol):
    assert (carisoprodol.dose_min_mg, carisoprodol.dose_max_mg) == (250, 350)
    assert carisoprodol.max_daily_mg == 1400
    assert carisoprodol.min_hours_between == 4
    assert (
        carisoprodol.course_caution_day,
        carisoprodol.course_limit_day,
        carisoprodol.course_hard_limit_day,
    ) == (11, 14, 21)
    assert carisoprodol.schedule == "IV"
    assert carisoprodol.limits_source.key == "SOMA-LABEL"
    for field in [
        "max_daily_mg",
        "min_hours_between",
        "course_caution_day",
        "course_hard_limit_day",
    ]:
        assert field in carisoprodol.app_defaults
    assert "dose_max_mg" not in carisoprodol.app_defaults
    kinds = set(carisoprodol.facts.values_list("kind", flat=True))
    assert kinds == {k.value for k in DrugFact.FactKind}


def test_loading_again_keeps_admin_edits(carisoprodol):
    carisoprodol.max_daily_mg = 1050
    carisoprodol.save()
    Interaction.objects.filter(drug_b__slug="aspirin").update(severity="moderate")
    before = Interaction.objects.count()

    load_seed(lambda name: apps.get_model("drugs", name), read_seed())

    carisoprodol.refresh_from_db()
    assert carisoprodol.max_daily_mg == 1050
    assert Interaction.objects.get(drug_b__slug="aspirin").severity == "moderate"
    assert Interaction.objects.count() == before


def test_reference_editors_group_has_only_drugs_permissions():
    group = Group.objects.get(name="Reference editors")
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"drugs"}
    assert group.permissions.filter(codename="change_interaction").exists()
