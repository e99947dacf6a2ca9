"""The settings page's two-factor section reads its state here, so the page's view needs no
change for it."""

from django import template

from tracker.pages.two_factor import TwoFactorStatus
from tracker.pages.two_factor import two_factor_status as status_for

register = template.Library()


@register.simple_tag(takes_context=True)
def two_factor_status(context) -> TwoFactorStatus:
    return status_for(context["request"].user)
