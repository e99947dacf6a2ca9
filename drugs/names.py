"""Every name a patient types, turned into the ingredients behind it. No ORM, no request.

A patient types what is on the box: a brand, a combination, a strength, a misspelling.

- `normalize` reduces a name to a comparison key: case, spacing, punctuation, strengths, units,
  dose forms, release words and salt words do not count; "#3" / "No. 3" stay, because they tell
  Tylenol #3 (with codeine) from Tylenol (acetaminophen alone).
- `split_ingredients` cuts a typed combination at its separators.
- `resolve` looks a typed name up in a `NameIndex`, whole name first, then part by part. A close
  misspelling only ever comes back as a suggestion, and a part that is still unknown is reported,
  so the caller can say "not checked" instead of "no interaction found".

A `NameIndex` is built from plain rows (name -> ingredient generic names) by `build_index`, or
from the structure of drugs/reference/names.json by `index_from_reference`.
"""

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from rapidfuzz import fuzz, process

from drugs.name_words import NOISE_WORDS as _NOISE_WORDS
from drugs.name_words import PHRASES as _PHRASES
from drugs.name_words import SALT_WORDS as _SALT_WORDS

NAMES_PATH = Path(__file__).resolve().parent / "reference" / "names.json"

INGREDIENT = "ingredient"
PRODUCT = "product"

SUGGESTION_MIN_SCORE = 78
SUGGESTION_LIMIT = 5
_SUGGESTION_MIN_LENGTH = 3
_WORD_PREFIX_SCORE = 90.0

# Units of a strength. Counts ("3 tablets") are not among them: "Tylenol 3 tablets" is Tylenol #3.
_UNIT = r"(?:mg|mcg|µg|ug|g|gm|grams?|ml|l|iu|units?|meq|mmol|hrs?|h|hours?)"
_NUMBER = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)"
# "#3", "# 3", "No. 3", "no 3", "number 3": a product's number, kept as the token "#3".
_DESIGNATION = re.compile(r"(?:#|\bno\b\.?|\bnumber\b)\s*(\d{1,2})\b(?![.,/-]?\d)")
_DESIGNATION_TOKEN = re.compile(r"\s*#\d{1,2}\b")
# "5/325", "10-325", "7.5 mg/325 mg", "250 mg/5 ml": strengths of a combination, a concentration.
_RATIO = re.compile(
    rf"(?<![#\w.]){_NUMBER}\s*(?:{_UNIT}\b)?\s*[/-]\s*{_NUMBER}\s*(?:{_UNIT}\b)?", re.IGNORECASE
)
_DOSE = re.compile(rf"(?<![#\w.]){_NUMBER}\s*(?:{_UNIT}\b|%)", re.IGNORECASE)
_DECIMAL = re.compile(r"(?<![#\w])\d*[.,]\d+")
_BARE_NUMBER = re.compile(r"(?<![#\w])\d+\b")
_WITH = re.compile(r"\bw\s*/\s*", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_PUNCTUATION = re.compile(r"[^a-z0-9#\s]+")
_STRAY_HASH = re.compile(r"#(?!\d)")
_SPACES = re.compile(r"\s+")

_STRONG_SEPARATORS = re.compile(r"\s*(?:/|\+|&|,|;)\s*")
_WEAK_SEPARATORS = re.compile(r"\s+(?:and|with)\s+|(?<=[^\W\d_])\s*-\s*(?=[^\W\d_])", re.IGNORECASE)


def _fold(text: str) -> str:
    """Return the text in lower case without accents, apostrophes, or "w/" shorthand."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _WITH.sub(" with ", _APOSTROPHES.sub("", plain))


def _without_strengths(text: str, *, keep_numbers: bool) -> str:
    text = _DESIGNATION.sub(r" #\1 ", text)
    text = _RATIO.sub(" ", text)
    text = _DOSE.sub(" ", text)
    text = _DECIMAL.sub(" ", text)
    return text if keep_numbers else _BARE_NUMBER.sub(" ", text)


def normalize(text: str, *, keep_numbers: bool = False) -> str:
    """Return the comparison key of a typed name.

    Case, spacing, punctuation, strengths and units, dose-form and release words, and salt words
    are dropped: "Xanax XR 1 mg" -> "xanax", "St. John's Wort" -> "st johns wort". A product
    number stays as "#3" ("Tylenol No. 3" -> "tylenol #3"). With keep_numbers, a bare number
    without a unit stays too ("Tylenol 3" -> "tylenol 3"); a number with a unit never does.
    A name made only of salt words keeps them ("potassium chloride"), so it is never empty.
    """
    folded = _without_strengths(_fold(text), keep_numbers=keep_numbers)
    words = _SPACES.sub(" ", _STRAY_HASH.sub(" ", _PUNCTUATION.sub(" ", folded))).strip()
    for phrase in _PHRASES:
        words = re.sub(rf"\b{phrase}\b", " ", words)
    tokens = [t for t in words.split() if t not in _NOISE_WORDS]
    named = [t for t in tokens if t not in _SALT_WORDS]
    return " ".join(named or tokens)


def _is_noise(part: str) -> bool:
    """Return whether a typed fragment holds no name at all (only strengths, units or forms)."""
    return not normalize(part)


def _split(text: str, separators: re.Pattern) -> list[str]:
    parts = (p.strip(" .") for p in separators.split(text))
    return [p for p in parts if p and not _is_noise(p)]


def _prepare(text: str) -> str:
    """Return the text with "w/" spelled out and strengths removed, so "5/325" is not split."""
    text = _WITH.sub(" with ", text)
    return _without_strengths(text, keep_numbers=True)


def split_ingredients(text: str) -> list[str]:
    """Return the parts of a typed combination, cut at every separator.

    Separators are "/", "+", "&", ",", ";", " and ", " with " ("w/"), and a hyphen between two
    words: "oxycodone + APAP" -> ["oxycodone", "APAP"]. Strengths go first, so "5/325" is not
    a separator. Product names that contain a separator ("Fioricet with Codeine",
    "Chlor-Trimeton") are cut too: `resolve` tries the whole name before it splits.
    """
    return [
        piece
        for part in _split(_prepare(text), _STRONG_SEPARATORS)
        for piece in _split(part, _WEAK_SEPARATORS)
    ]


@dataclass(frozen=True)
class NameRow:
    """One name the index knows, and the generic names of the ingredients it stands for."""

    name: str
    ingredients: frozenset[str]
    kind: str = PRODUCT  # INGREDIENT for a generic name or one of its other names
    # The name to show for this row: a product's own name for its alternate names
    # ("Tylenol #3" for "Tylenol 3"). An ingredient's other name is shown as typed ("APAP").
    shown_as: str | None = None

    @property
    def display(self) -> str:
        return self.shown_as or self.name


@dataclass(frozen=True)
class Entry:
    """Everything the index knows under one key: (name shown, ingredients) pairs, in row order."""

    rows: tuple[tuple[str, frozenset[str]], ...]
    kinds: frozenset[str]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for name, _ in self.rows))

    @property
    def meanings(self) -> tuple[frozenset[str], ...]:
        return tuple(dict.fromkeys(meaning for _, meaning in self.rows))

    @property
    def is_ambiguous(self) -> bool:
        return len(self.meanings) > 1


@dataclass(frozen=True)
class NameIndex:
    """Known names by normalized key (bare numbers kept: "tylenol 3" is not "tylenol")."""

    entries: Mapping[str, Entry] = field(default_factory=dict)
    # Names sold in numbered versions ("tylenol" for "tylenol #3").
    numbered: frozenset[str] = frozenset()

    def conflicts(self) -> dict[str, tuple[str, ...]]:
        """Return the keys under which names with different ingredients meet, with the names."""
        return {k: e.names for k, e in self.entries.items() if e.is_ambiguous}


@dataclass(frozen=True)
class Suggestion:
    """A known name close to what was typed: offered as "Did you mean ...?", never applied."""

    name: str
    ingredients: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Resolution:
    """What a typed name stands for.

    ingredients: the generic names recognized (empty if none). unknown_parts: the typed name, or
    the parts of a combination, that were not recognized. Suggestions never add ingredients.
    """

    ingredients: tuple[str, ...] = ()
    matched_as: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    unknown_parts: tuple[str, ...] = ()

    @property
    def fully_checked(self) -> bool:
        """Return whether every part was recognized, so the medicine counts as checked."""
        return bool(self.ingredients) and not self.unknown_parts


def build_index(rows: Iterable[NameRow]) -> NameIndex:
    """Return an index of the rows by normalized name. Names that meet under one key with
    different ingredients are all kept: such a key is ambiguous and never matches silently."""
    pairs: dict[str, dict[tuple[str, frozenset[str]], None]] = {}
    kinds: dict[str, set[str]] = {}
    for row in rows:
        key = normalize(row.name, keep_numbers=True)
        ingredients = frozenset(row.ingredients)
        if not ingredients:
            raise ValueError(f"{row.name!r} needs at least one ingredient.")
        if not key:  # nothing a patient types reaches it ("морфин"): it cannot be matched
            continue
        pairs.setdefault(key, {})[(row.display, ingredients)] = None
        kinds.setdefault(key, set()).add(row.kind)
    entries = {key: Entry(tuple(pairs[key]), frozenset(kinds[key])) for key in pairs}
    numbered = {_DESIGNATION_TOKEN.sub("", k) for k in entries if _DESIGNATION_TOKEN.search(k)}
    return NameIndex(MappingProxyType(entries), frozenset(numbered))


def index_from_reference(data: Mapping) -> NameIndex:
    """Return the index of names.json's ingredients, products and their other names."""
    known = {row["generic_name"] for row in data["ingredients"]}
    rows = []
    for row in data["ingredients"]:
        only = frozenset({row["generic_name"]})
        rows += [NameRow(n, only, INGREDIENT) for n in (row["generic_name"], *row["aliases"])]
    for row in data["products"]:
        if missing := set(row["ingredients"]) - known:
            raise ValueError(f"{row['name']!r} names unknown ingredients: {sorted(missing)}")
        both = frozenset(row["ingredients"])
        names = (row["name"], *row.get("aliases", ()))
        rows += [NameRow(n, both, PRODUCT, shown_as=row["name"]) for n in names]
    return build_index(rows)


def read_reference(path: Path = NAMES_PATH) -> dict:
    """Return the parsed names.json document."""
    return json.loads(path.read_text(encoding="utf-8"))


def _tokens(text: str) -> set[str]:
    return set(_PUNCTUATION.sub(" ", _fold(text)).split())


def _display(names: Iterable[str], typed: str) -> str:
    """Return the name that best fits what was typed ("Xanax XR" for "xanax xr 1 mg")."""
    names = list(names)
    typed_tokens = _tokens(typed)
    fitting = [n for n in names if _tokens(n) <= typed_tokens]
    return max(fitting, key=lambda n: len(_tokens(n))) if fitting else names[0]


def _find(text: str, index: NameIndex) -> Entry | None:
    """Return the entry the whole text names, if any (an ambiguous one included)."""
    with_numbers = normalize(text, keep_numbers=True)
    if entry := index.entries.get(with_numbers):
        return entry
    key = normalize(text)
    single_digits = [t for t in with_numbers.split() if t.isdigit() and len(t) == 1]
    if single_digits and key in index.numbered:
        # "Tylenol 2": after a name sold in numbered versions, a lone digit may be that number,
        # not a strength. Falling back to plain "Tylenol" could hide the codeine.
        return None
    if entry := index.entries.get(key):
        return entry
    # "codeine #3": after a generic name, the number is a strength code, not part of the name.
    base = _DESIGNATION_TOKEN.sub("", key).strip()
    entry = index.entries.get(base) if base != key else None
    return entry if entry and INGREDIENT in entry.kinds else None


def _score(query: str, choice: str, **_kwargs) -> float:
    return max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))


def _choices(entry: Entry, typed: str, score: float) -> list[Suggestion]:
    """Return one suggestion per meaning of the entry, each under the name that fits best."""
    return [
        Suggestion(
            _display([n for n, m in entry.rows if m == meaning], typed),
            tuple(sorted(meaning)),
            score,
        )
        for meaning in entry.meanings
    ]


def suggest(text: str, index: NameIndex) -> tuple[Suggestion, ...]:
    """Return known names close to the text, best first (at most SUGGESTION_LIMIT)."""
    key = normalize(text)
    if len(key.replace(" ", "")) < _SUGGESTION_MIN_LENGTH:
        return ()
    found = process.extract(
        key,
        list(index.entries),
        scorer=_score,
        score_cutoff=SUGGESTION_MIN_SCORE,
        limit=SUGGESTION_LIMIT * 2,
    )
    scores = {choice: score for choice, score, _ in found}
    # "Unisom" for "Unisom SleepTabs", "xanax bars" for "Xanax": a whole-word start is close too.
    for choice in index.entries:
        if choice.startswith(key + " ") or key.startswith(choice + " "):
            scores[choice] = max(scores.get(choice, 0), _WORD_PREFIX_SCORE)
    suggestions = {}
    for choice, score in sorted(scores.items(), key=lambda item: -item[1]):
        for s in _choices(index.entries[choice], text, round(score, 1)):
            suggestions.setdefault((s.name.casefold(), s.ingredients), s)
    ranked = sorted(suggestions.values(), key=lambda s: (-s.score, s.name.casefold()))
    return tuple(ranked[:SUGGESTION_LIMIT])


def _merge(parts: list[Resolution]) -> Resolution:
    return Resolution(
        ingredients=tuple(sorted({i for p in parts for i in p.ingredients})),
        matched_as=" + ".join(p.matched_as for p in parts if p.matched_as) or None,
        suggestions=tuple(dict.fromkeys(s for p in parts for s in p.suggestions)),
        unknown_parts=tuple(u for p in parts for u in p.unknown_parts),
    )


def _resolve(text: str, index: NameIndex, separators: tuple[re.Pattern, ...]) -> Resolution:
    entry = _find(text, index)
    if entry is not None and not entry.is_ambiguous:
        return Resolution(tuple(sorted(entry.meanings[0])), _display(entry.names, text))
    if entry is not None:
        # Names with different ingredients meet under this key: the patient has to choose.
        return Resolution(suggestions=tuple(_choices(entry, text, 100.0)), unknown_parts=(text,))
    prepared = _prepare(text)
    for i, pattern in enumerate(separators):
        parts = _split(prepared, pattern)
        if len(parts) > 1:
            merged = _merge([_resolve(p, index, separators[i:]) for p in parts])
            if merged.ingredients:
                return merged
            # No part known: the separator was probably part of a name ("Chlor-Trimeton
            # Allergy"), so the whole text is the unknown name, and the closest to it comes first.
            suggestions = tuple(dict.fromkeys((*suggest(text, index), *merged.suggestions)))
            return Resolution(suggestions=suggestions[:SUGGESTION_LIMIT], unknown_parts=(text,))
    return Resolution(suggestions=suggest(text, index), unknown_parts=(text,))


def resolve(text: str, index: NameIndex) -> Resolution:
    """Return the ingredients behind a typed name, or suggestions and the parts not recognized.

    The whole name is tried first ("Fioricet with Codeine", "Chlor-Trimeton"), then its parts
    at "/ + & , ;", then each of those at " and ", " with " and a hyphen between words.
    """
    text = text.strip()
    if not text:
        return Resolution()
    if _is_noise(text):
        return Resolution(unknown_parts=(text,))
    return _resolve(text, index, (_STRONG_SEPARATORS, _WEAK_SEPARATORS))
