"""Level icons and severity badges drawn by tags."""

from django.template import Context, Template


def _render(text: str, **context) -> str:
    return Template("{% load badges %}" + text).render(Context(context))


def test_each_finding_level_has_its_icon_and_an_unknown_name_is_information():
    danger, warning, info = (_render("{% finding_icon level %}", level=n) for n in (3, 2, 0))
    assert 'fill="#b02a37"' in danger and 'fill="#fd7e14"' in warning and "#0d6efd" in info
    assert _render('{% level_icon "nonsense" %}') == _render('{% level_icon "info" %}')
    assert 'aria-hidden="true"' in danger  # the text beside it says the level


def test_a_severity_badge_says_the_severity_and_escapes_its_label():
    assert _render("{% severity_badge 'major' %}") == (
        '<span class="badge severity severity-major">Major</span>'
    )
    assert "&lt;b&gt;" in _render("{% severity_badge 'minor' label %}", label="<b>")
