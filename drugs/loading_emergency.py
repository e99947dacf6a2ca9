"""Load the emergency numbers of drugs/reference/emergency_numbers.json: every source and country
missing from the database is added; a country already there keeps an editor's values."""

import json
from collections.abc import Callable
from pathlib import Path

from drugs.loading import _record_baseline

DATA_FILE = Path(__file__).resolve().parent / "reference" / "emergency_numbers.json"


def read_emergency_numbers() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def load_emergency_numbers(get_model: Callable[[str], type], data: dict | None = None) -> None:
    data = data or read_emergency_numbers()
    Source, Numbers = get_model("Source"), get_model("EmergencyNumbers")
    sources = {}
    for values in data["sources"]:
        fields = {k: v for k, v in values.items() if k != "key"}
        source, created = Source.objects.get_or_create(key=values["key"], defaults=fields)
        if created:
            _record_baseline(get_model, "Source", source)
        sources[source.key] = source
    for values in data["countries"]:
        if Numbers.objects.filter(country_code=values["country_code"]).exists():
            continue
        poison_source = values["poison_help_source"]
        numbers = Numbers.objects.create(
            **{k: v for k, v in values.items() if k not in ("source", "poison_help_source")},
            source=sources[values["source"]],
            poison_help_source=sources[poison_source] if poison_source else None,
        )
        _record_baseline(get_model, "EmergencyNumbers", numbers)
