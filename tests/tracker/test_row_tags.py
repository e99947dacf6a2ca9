"""The tags that draw a dashboard's finding lines and a history row's problems."""

from django.template import Context, Template

from tracker.pages.history import DoseRow, Problem
from tracker.rules.findings import Finding, Level


def _render(text: str, **context) -> str:
    return Template("{% load finding_lines dose_rows %}" + text).render(Context(context))


def test_a_finding_line_shows_its_first_sentence_then_the_rest_and_its_source():
    finding = Finding(
        level=Level.DANGER,
        code="interaction",
        message="Oxycodone: breathing may slow. Do not take them together.",
        source="Soma label",
        severity="major",
    )
    html = _render("{% finding_line finding %}", finding=finding)
    assert 'class="alert finding finding-line finding-danger' in html
    assert 'data-finding="interaction" data-severity="major"' in html
    assert (
        '<span class="badge severity severity-major">Major</span> <strong>Danger:</strong>' in html
    )
    assert '<span class="finding-message">Oxycodone: breathing may slow.</span>' in html
    assert '<p class="mb-1">Do not take them together.</p>' in html
    assert "Source: Soma label." in html


def test_an_app_default_says_so_instead_of_a_source_and_text_is_escaped():
    finding = Finding(
        level=Level.WARNING, code="x", message="<b>Too</b> soon", source="S", app_default=True
    )
    html = _render("{% finding_line finding %}", finding=finding)
    assert "&lt;b&gt;Too&lt;/b&gt; soon" in html and "<b>" not in html
    assert "app default" in html and "Source:" not in html
    assert "data-severity" not in html and "severity-" not in html


def _problem(level, *, app_default=False) -> Problem:
    return Problem("dose_too_soon", "Too soon", "Taken <1 h after.", level, app_default)


def test_a_rows_problems_carry_their_level_badge_and_the_app_default_note():
    row = DoseRow(None, [_problem(Level.DANGER), _problem(Level.CAUTION, app_default=True)])
    html = _render("{% dose_problems row who %}", row=row, who="the prescriber")
    assert html.count('<li class="dose-problem" data-problem="dose_too_soon">') == 2
    assert "text-bg-danger" in html and "text-bg-info" in html
    assert "Taken &lt;1 h after." in html
    assert html.count("confirm it with the prescriber") == 1
    assert "your prescriber" in _render("{% dose_problems row %}", row=row)


def test_a_row_without_problems_draws_nothing():
    assert _render("{% dose_problems row %}", row=DoseRow(None, [])) == ""
