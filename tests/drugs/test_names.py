"""Every name a patient types resolves to the ingredients behind it: pure functions, no database.

The tables below are written by hand from shared/reference/names-and-classes.md, not read back
from names.json, so they check the data as well as the code.
"""

import json

import pytest

from drugs.loading import SEED_PATH
from drugs.names import (
    INGREDIENT,
    NameRow,
    Resolution,
    build_index,
    index_from_reference,
    normalize,
    read_reference,
    resolve,
    split_ingredients,
)
from tests.drugs.typed_names import (
    BRANDS,
    GENERIC_NAMES,
    OTHER_NAMES,
)
from tests.drugs.typed_variants import (
    CLASS_CASES,
    GIBBERISH,
    MISSPELLINGS,
    NOT_CHECKED_YET,
    VARIANTS,
)

NAMES = read_reference()
SEED = json.loads(SEED_PATH.read_text(encoding="utf-8"))
INDEX = index_from_reference(NAMES)
CLASSES_OF = {row["generic_name"]: set(row["classes"]) for row in NAMES["ingredients"]}


def test_the_tables_cover_at_least_250_typed_names():
    typed = {*BRANDS, *GENERIC_NAMES, *OTHER_NAMES, *VARIANTS}
    assert len(typed) >= 250


@pytest.mark.parametrize("typed", BRANDS)
def test_it_resolves_every_brand_and_product_of_the_shared_list(typed):
    found = resolve(typed, INDEX)
    assert set(found.ingredients) == BRANDS[typed]
    assert found.fully_checked and not found.suggestions


@pytest.mark.parametrize("typed", GENERIC_NAMES)
def test_it_resolves_every_generic_name_to_itself(typed):
    assert resolve(typed, INDEX).ingredients == (typed,)
    assert resolve(typed.upper(), INDEX).ingredients == (typed,)


@pytest.mark.parametrize("typed", OTHER_NAMES)
def test_it_resolves_the_other_names_patients_use(typed):
    assert resolve(typed, INDEX).ingredients == (OTHER_NAMES[typed],)


@pytest.mark.parametrize("typed", VARIANTS)
def test_it_resolves_strengths_forms_salts_separators_case_and_punctuation(typed):
    found = resolve(typed, INDEX)
    assert set(found.ingredients) == VARIANTS[typed], found
    assert found.fully_checked


@pytest.mark.parametrize("typed", CLASS_CASES)
def test_the_classes_come_from_every_ingredient(typed):
    ingredients = resolve(typed, INDEX).ingredients
    assert set().union(*(CLASSES_OF[i] for i in ingredients)) == CLASS_CASES[typed]


@pytest.mark.parametrize("typed", MISSPELLINGS)
def test_a_misspelling_is_only_a_suggestion(typed):
    name, ingredients = MISSPELLINGS[typed]
    found = resolve(typed, INDEX)
    assert found.ingredients == () and found.matched_as is None
    assert found.unknown_parts == (typed,) and not found.fully_checked
    assert (name, ingredients) in {(s.name, s.ingredients) for s in found.suggestions}


@pytest.mark.parametrize("typed", GIBBERISH)
def test_gibberish_is_unknown_without_suggestions(typed):
    assert resolve(typed, INDEX) == Resolution(unknown_parts=(typed,))


@pytest.mark.parametrize("typed", NOT_CHECKED_YET)
def test_cyp2c19_members_not_yet_checked_against_the_fda_table_stay_unknown(typed):
    found = resolve(typed, INDEX)
    assert found.ingredients == () and not found.fully_checked


def test_tylenol_alone_is_acetaminophen_but_tylenol_3_is_codeine_too():
    assert resolve("Tylenol", INDEX).ingredients == ("acetaminophen",)
    assert resolve("Tylenol #3", INDEX).ingredients == ("acetaminophen", "codeine")
    assert normalize("Tylenol #3") != normalize("Tylenol")


def test_a_lone_digit_after_a_numbered_name_is_not_taken_for_a_strength():
    found = resolve("Tylenol 2", INDEX)
    assert found.ingredients == () and found.unknown_parts == ("Tylenol 2",)
    assert {"Tylenol", "Tylenol #3"} <= {s.name for s in found.suggestions}


def test_a_number_after_a_numbered_brand_that_does_not_exist_is_not_dropped():
    found = resolve("Tylenol #5", INDEX)
    assert found.ingredients == ()
    assert "Tylenol #3" in {s.name for s in found.suggestions}


def test_a_word_that_is_not_a_form_word_keeps_the_name_from_matching_silently():
    found = resolve("Prilosec OTC", INDEX)
    assert found.ingredients == ()
    assert ("Prilosec", ("omeprazole",)) in {(s.name, s.ingredients) for s in found.suggestions}


def test_an_unknown_part_of_a_combination_leaves_it_not_fully_checked():
    found = resolve("oxycodone + klonipin", INDEX)
    assert found.ingredients == ("oxycodone",)
    assert found.unknown_parts == ("klonipin",)
    assert not found.fully_checked
    assert "Klonopin" in {s.name for s in found.suggestions}


def test_a_partly_known_combination_names_the_unknown_part():
    found = resolve("ibuprofen/famotidine", INDEX)
    assert found.ingredients == ("ibuprofen",) and found.unknown_parts == ("famotidine",)


def test_a_name_cut_at_a_separator_into_unknown_parts_stays_one_unknown_name():
    found = resolve("Chlor-Trimeton Allergy", INDEX)
    assert found.ingredients == () and found.unknown_parts == ("Chlor-Trimeton Allergy",)
    assert found.suggestions[0].name == "Chlor-Trimeton"


def test_a_known_ingredient_beside_an_unknown_product_is_kept_but_not_fully_checked():
    found = resolve("Robitussin DM with codeine", INDEX)
    assert found.ingredients == ("codeine",) and found.unknown_parts == ("Robitussin DM",)


def test_a_name_made_only_of_salt_words_is_unknown_not_dropped():
    found = resolve("potassium chloride", INDEX)
    assert found.ingredients == () and found.unknown_parts == ("potassium chloride",)


def test_a_strength_alone_is_not_a_medicine():
    assert resolve("500 mg", INDEX).unknown_parts == ("500 mg",)
    assert resolve("   ", INDEX) == resolve("", INDEX)
    assert not resolve("", INDEX).fully_checked


def test_it_names_what_it_matched():
    assert resolve("xanax xr 1 mg", INDEX).matched_as == "Xanax XR"
    assert resolve("XANAX", INDEX).matched_as == "Xanax"
    assert resolve("Tylenol 3", INDEX).matched_as == "Tylenol #3"
    assert resolve("oxycodone + APAP", INDEX).matched_as == "oxycodone + APAP"


@pytest.mark.parametrize(
    "typed, key",
    [
        ("XANAX ", "xanax"),
        ("Xanax XR 1 mg", "xanax"),
        ("alprazolam 0.5 mg", "alprazolam"),
        ("Norco 10/325", "norco"),
        ("Norco 10-325", "norco"),
        ("oxycodone 5mg tablet", "oxycodone"),
        ("Ambien CR", "ambien"),
        ("gabapentin 300 mg capsules", "gabapentin"),
        ("St. John's Wort", "st johns wort"),
        ("st johns wort", "st johns wort"),
        ("St. John’s  Wort", "st johns wort"),
        ("Tylenol #3", "tylenol #3"),
        ("Tylenol No. 3", "tylenol #3"),
        ("tylenol no 3", "tylenol #3"),
        ("Tylenol # 3", "tylenol #3"),
        ("hydrocodone bitartrate", "hydrocodone"),
        ("Oxycodone HCl", "oxycodone"),
        ("zolpidem tartrate", "zolpidem"),
        ("naproxen sodium", "naproxen"),
        ("diclofenac potassium", "diclofenac"),
        ("morphine sulfate", "morphine"),
        ("codeine phosphate", "codeine"),
        ("chlorpheniramine maleate", "chlorpheniramine"),
        ("fentanyl citrate", "fentanyl"),
        ("amlodipine besylate", "amlodipine"),
        ("doxylamine succinate", "doxylamine"),
        ("benztropine mesylate", "benztropine"),
        ("oxycodone extended release", "oxycodone"),
        ("Suboxone film", "suboxone"),
        ("Butrans patch", "butrans"),
        ("Qdolo oral solution", "qdolo"),
        ("clonazepam ODT", "clonazepam"),
        ("Seroquel XL", "seroquel"),
        ("Wellbutrin SR", "wellbutrin"),
        ("Chlor-Trimeton", "chlor trimeton"),
        ("Tylenol w/ codeine", "tylenol with codeine"),
        ("potassium chloride", "potassium chloride"),
        ("", ""),
    ],
)
def test_normalize(typed, key):
    assert normalize(typed) == key


def test_normalize_keeps_a_bare_number_only_when_asked():
    assert normalize("Tylenol 3") == "tylenol"
    assert normalize("Tylenol 3", keep_numbers=True) == "tylenol 3"
    assert normalize("Tylenol 3 mg", keep_numbers=True) == "tylenol"
    assert normalize("Tylenol 3 tablets", keep_numbers=True) == "tylenol 3"


@pytest.mark.parametrize(
    "typed, parts",
    [
        ("hydrocodone/acetaminophen", ["hydrocodone", "acetaminophen"]),
        ("hydrocodone/acetaminophen 10/325", ["hydrocodone", "acetaminophen"]),
        ("oxycodone + APAP", ["oxycodone", "APAP"]),
        ("acetaminophen and codeine", ["acetaminophen", "codeine"]),
        ("Tylenol with codeine", ["Tylenol", "codeine"]),
        ("Tylenol w/ codeine", ["Tylenol", "codeine"]),
        ("oxycodone-acetaminophen 5-325", ["oxycodone", "acetaminophen"]),
        ("Advil & Tylenol PM, 500 mg", ["Advil", "Tylenol PM"]),
        ("butalbital, APAP, caffeine", ["butalbital", "APAP", "caffeine"]),
        ("St. John's Wort", ["St. John's Wort"]),
        ("Percocet 7.5/325", ["Percocet"]),
        ("Fioricet with Codeine", ["Fioricet", "Codeine"]),
        ("Chlor-Trimeton", ["Chlor", "Trimeton"]),
    ],
)
def test_split_ingredients(typed, parts):
    assert split_ingredients(typed) == parts


def test_names_that_meet_with_different_ingredients_never_match_silently():
    index = build_index(
        [
            NameRow("Unisom", frozenset({"doxylamine"})),
            NameRow("UNISOM", frozenset({"diphenhydramine"})),
            NameRow("doxylamine", frozenset({"doxylamine"}), INGREDIENT),
        ]
    )
    assert index.conflicts() == {"unisom": ("Unisom", "UNISOM")}
    found = resolve("unisom", index)
    assert found.ingredients == () and found.unknown_parts == ("unisom",)
    assert {s.ingredients for s in found.suggestions} == {("doxylamine",), ("diphenhydramine",)}


def test_an_index_built_from_plain_rows_resolves_like_the_reference():
    index = build_index([NameRow("Percocet", frozenset({"oxycodone", "acetaminophen"}))])
    assert resolve("percocet 5/325", index).ingredients == ("acetaminophen", "oxycodone")


def test_a_product_with_an_unknown_ingredient_is_refused():
    data = {"ingredients": [], "products": [{"name": "Norco", "ingredients": ["hydrocodone"]}]}
    with pytest.raises(ValueError, match="unknown ingredients"):
        index_from_reference(data)
