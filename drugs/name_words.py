"""The words that are not part of a medicine's name: how it is released, its form, units,
dosing and salts. drugs/names.py strips them before it compares names."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Phrases that describe how a medicine is released or dosed, not what it is.
PHRASES = (
    "extended release",
    "controlled release",
    "sustained release",
    "delayed release",
    "immediate release",
    "modified release",
    "orally disintegrating",
    "film coated",
    "enteric coated",
    "extra strength",
    "regular strength",
    "maximum strength",
    "as needed",
    "at bedtime",
    "a day",
    "per day",
    "liqui gels",
    "liqui gel",
)
_RELEASE_WORDS = _words("er xr cr sr xl dr ir odt ec ext")
_FORM_WORDS = _words(
    """
    tablet tablets tab tabs caplet caplets capsule capsules cap caps gelcap gelcaps
    softgel softgels liquigel liquigels pill pills film films patch patches solution suspension
    syrup elixir liquid concentrate drops oral injection injectable spray nasal sublingual buccal
    transdermal chewable lozenge lozenges powder granules coated po sl usp
    """
)
_UNIT_WORDS = _words("mg mcg ug µg g gm gram grams ml iu unit units meq hr hrs h hour hours")
_DOSING_WORDS = _words("daily twice once nightly bid tid qid prn qhs")
SALT_WORDS = _words(
    """
    hydrochloride hcl dihydrochloride bitartrate tartrate sodium potassium dipotassium
    calcium magnesium sulfate sulphate phosphate maleate citrate besylate succinate mesylate
    fumarate pamoate hydrobromide hbr bromide acetate napsylate lactate chloride monohydrate
    dihydrate trihydrate anhydrous
    """
)
NOISE_WORDS = _RELEASE_WORDS | _FORM_WORDS | _UNIT_WORDS | _DOSING_WORDS
