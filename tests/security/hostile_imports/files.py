"""Hostile files no export can be (raw bytes, broken or oversized JSON, another format), and
the victim's valid export as it is."""

import json

from tests.security.hostile_imports.cases import (
    CASES,
    TARGETS,
    Case,
    Victim,
    changed,
    copy_of,
    dumps,
    raw,
)

# Files no export can be.
raw("empty_file", "The submitted file is empty.", lambda v: b"")
raw("truncated_json", "not a JSON export", lambda v: dumps(v.export)[:-40])
raw("not_json", "not a JSON export", lambda v: b"<html>hello</html>")
raw("nul_byte_before_json", "not a JSON export", lambda v: b"\x00" + dumps(v.export))
raw(
    "latin_1_file",
    "not UTF-8",
    lambda v: json.dumps(v.export | {"x": "é"}, ensure_ascii=False).encode("latin-1"),
)
raw("utf_16_file", "not UTF-8", lambda v: json.dumps(v.export).encode("utf-16"))
raw(
    "six_megabytes",
    "larger than 5 MB",
    lambda v: dumps(v.export)[:-1] + b" " * (6 * 1024 * 1024) + b"}",
)
raw(
    "deep_nesting_beyond_the_parser",
    "nested too deeply",
    lambda v: b'{"format": "course-tracker-export", "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
)


def _deep_note(victim: Victim) -> bytes:
    data = copy_of(victim)
    nested = []
    for _ in range(12):
        nested = [nested]
    TARGETS["dose"](data)["note"] = nested
    return dumps(data)


raw("deep_nesting_in_a_record", "nested too deeply", _deep_note)
raw(
    "duplicate_top_level_key",
    "repeats the field “courses”",
    lambda v: dumps(v.export)[:-1] + b', "courses": []}',
)
raw(
    "duplicate_key_in_a_dose",
    "repeats the field “amount_mg”",
    lambda v: dumps(v.export).replace(
        b'"amount_mg": "350.00"', b'"amount_mg": "350.00", "amount_mg": "1e20"', 1
    ),
)
changed("wrong_format", "file", "format", "other-app", "not an export of this app")
changed("version_2", "file", "version", 2, "not an export of this app")

# The victim's own export, unchanged: it imports, into the importer's account only.
CASES.append(Case("valid_export_of_another_account", lambda v: dumps(v.export), accepted=True))
CASES.append(
    Case(
        "valid_export_with_a_byte_order_mark",
        lambda v: b"\xef\xbb\xbf" + dumps(v.export),
        accepted=True,
    )
)
