"""Turn an uploaded file into plain JSON values, refusing what no export of this app can be:
too large, not UTF-8, repeated keys, NaN or infinite numbers, deep nesting, lone surrogates."""

import json

from django.core.exceptions import ValidationError

# The export nests seven levels (file → courses → course → check-ins → check-in → symptoms →
# symptom); a little slack keeps the message about nesting for files that are truly odd.
MAX_DEPTH = 10


def read_export(upload, *, max_bytes: int):
    """Return the parsed JSON of the upload, whose size is checked before anything is read."""
    if upload.size > max_bytes:
        raise ValidationError(_too_large(max_bytes))
    raw = upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ValidationError(_too_large(max_bytes))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("This file is not UTF-8 text, so it is not an export.") from None
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constants)
    except RecursionError:
        raise ValidationError(_TOO_DEEP) from None
    except ValueError:  # JSONDecodeError, or an integer too long to convert
        raise ValidationError("This is not a JSON export file.") from None
    _check_values(data)
    return data


_TOO_DEEP = "The file is nested too deeply to be an export of this app."


def _too_large(max_bytes: int) -> str:
    return f"The file is larger than {max_bytes / 1024 / 1024:g} MB, so it is not an export."


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    data = {}
    for key, value in pairs:
        if key in data:
            raise ValidationError(f"The file repeats the field “{shown(key)}” within one record.")
        data[key] = value
    return data


def _no_constants(name: str):
    raise ValidationError(f"The file holds {name}, which is not a number an export can have.")


def _check_values(data) -> None:
    """Refuse deep nesting and text that cannot be stored (lone UTF-16 surrogates)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValidationError(_TOO_DEEP)
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            _check_text(value)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("The file holds text that is not valid Unicode.") from None


def shown(text: str, limit: int = 40) -> str:
    """Return a key or value from the file as it can be shown in a message: no control
    characters, cut to a few words."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(text)[: limit + 1])
    return text if len(text) <= limit else text[:limit] + "…"
