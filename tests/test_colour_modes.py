"""Dark mode follows the system setting: the theme script runs in <head>, before anything paints."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_theme_script_loads_in_the_head_before_the_styles(client):
    html = client.get(reverse("drugs:list")).content.decode()
    head = html[: html.index("</head>")]
    script = head.index('<script src="/static/js/theme.js"></script>')
    assert script < head.index('rel="stylesheet"')
    assert finders.find("js/theme.js")


def test_the_page_starts_light_so_it_reads_without_javascript(client):
    html = client.get(reverse("drugs:list")).content.decode()
    tag = re.search(r"<html[^>]*>", html).group(0)
    assert tag.startswith('<html lang="en"') and "data-bs-theme" not in tag


def test_the_browser_bar_colour_is_given_for_light_and_dark(client):
    html = client.get(reverse("login")).content.decode()
    metas = re.findall(r'<meta name="theme-color" content="(#\w{6})" media="([^"]+)">', html)
    assert [media for _, media in metas] == [
        "(prefers-color-scheme: light)",
        "(prefers-color-scheme: dark)",
    ]
