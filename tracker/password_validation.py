"""A password validator for passwords known from data breaches, that needs no network."""

from django.core.exceptions import ValidationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS


class BreachedPasswordValidator:
    """Refuse the 30,000 passwords most often found in published breaches.

    The list ships inside the zxcvbn package: the most frequent passwords of Mark Burnett's
    10-million-password corpus (public breach dumps, also in SecLists), lowercased. It overlaps
    Django's CommonPasswordValidator list and adds long ones that list lacks.
    """

    def __init__(self):
        self.passwords = frozenset(FREQUENCY_LISTS["passwords"])

    def validate(self, password, user=None):
        if password.lower().strip() in self.passwords:
            raise ValidationError(
                "This password has been leaked in a data breach, so attackers try it first.",
                code="password_breached",
            )

    def get_help_text(self):
        return "Your password can’t be one leaked in a known data breach."
