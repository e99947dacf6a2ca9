"""An interaction found between what the patient takes, as a card: drawn by a tag, since the
co-medications page and the course summary show dozens and an include costs a template render
each."""

from django import template
from django.utils.html import format_html, format_html_join

from drugs.interactions import InteractionFinding
from drugs.templatetags.badges import severity_badge
from tracker.interactions import SEVERITY_LEVEL
from tracker.rules.findings import Level

register = template.Library()


def _level(found: InteractionFinding) -> str:
    """Return the finding's level as the pages colour it: the dashboard's for the same finding."""
    level = Level.DANGER if found.combination else SEVERITY_LEVEL[found.severity]
    return level.name.lower()


@register.simple_tag
def interaction_card(found: InteractionFinding) -> str:
    if found.combination:
        badge = severity_badge("contraindicated", "Most dangerous combination")
        named = format_html("<strong>Dangerous combination: {}.</strong>", found.combination)
    else:
        badge, named = severity_badge(found.severity), ""
    also = format_html_join(
        "",
        '<div class="also-matched mt-1">{} Also: {} <em>{}</em> <span class="small">({})</span>'
        "</div>",
        ((severity_badge(o.severity), o.effect, o.advice, o.source) for o in found.also),
    )
    rules = ""
    if len(found.rule_labels) > 1:
        rules = format_html("; rules: {}", "; ".join(found.rule_labels))
    return format_html(
        '<div class="alert finding finding-{} mb-2 interaction" role="note">\n'
        "  {}\n  {}\n  <strong>{}</strong>:\n  {} <em>{}</em>\n  {}\n"
        '  <div class="small">Source: {} ({}){}</div>\n</div>\n',
        _level(found),
        badge,
        named,
        " + ".join(agent.label for agent in found.agents),
        found.effect,
        found.advice,
        also,
        found.source,
        found.evidence.lower(),
        rules,
    )
