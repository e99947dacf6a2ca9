"""Web addresses (slugs) for reference rows named in any script."""

import hashlib

from django.utils.text import slugify
from text_unidecode import unidecode

# First path segments of drugs/urls.py that are pages, not drugs: a drug with one of these slugs
# would never be reachable at its own address.
RESERVED_DRUG_SLUGS = frozenset({"compare", "suggest"})


def reference_slug(name: str, *, prefix: str, max_length: int = 120) -> str:
    """Return an ASCII slug for a name: transliterated ("морфин" → "morfin"), or, when the name
    has letters or digits that do not transliterate, "<prefix>-<hash of the name>". Return ""
    for a name with no letter or digit at all ("!!!"): such a name cannot name a page."""
    slug = slugify(unidecode(name))[:max_length].strip("-_")
    if slug or not any(ch.isalnum() for ch in name):
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"
