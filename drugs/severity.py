"""How serious an interaction is: its values, words and order, written once for the whole app.

The colours are the `severity-<value>` classes in static/css/app.css; the tracker maps each
severity to the level of a finding (tracker/interactions.py).
"""

from django.db.models import TextChoices


class Severity(TextChoices):
    CONTRAINDICATED = "contraindicated", "Contraindicated"
    MAJOR = "major", "Major"
    MODERATE = "moderate", "Moderate"
    MINOR = "minor", "Minor"

    @property
    def rank(self) -> int:
        """Return 4 for contraindicated down to 1 for minor: higher is more serious."""
        return RANK[self]


RANK = {
    Severity.CONTRAINDICATED: 4,
    Severity.MAJOR: 3,
    Severity.MODERATE: 2,
    Severity.MINOR: 1,
}
