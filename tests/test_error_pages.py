"""What a visitor sees when a page is missing or the app fails: friendly words, no internals."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.template.loader import render_to_string
from django.urls import include, path, reverse

pytestmark = pytest.mark.django_db


@login_not_required
def _fails(request):
    raise RuntimeError("secret detail: the database password is hunter2")


urlpatterns = [path("fails/", _fails), path("", include("config.urls"))]


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def test_a_missing_page_is_friendly_and_names_no_internals(production, client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="h3">Not found</h1>' in html
    assert "There is nothing at this address, or it is not yours to see." in html
    assert "Resolver404" not in html and "urlpatterns" not in html and "Traceback" not in html
    assert 'href="/accounts/login/"' in html and "Drug reference" in html  # a way on


def test_it_says_the_reason_a_view_gave(production, client, owner_client):
    html = owner_client.get(reverse("course_detail", args=[999_999])).content.decode()
    assert "No course of yours at this address." in html
    assert "Your dashboard" in html


def test_it_hides_the_model_name_from_djangos_own_lookups(production, client):
    response = client.get(reverse("drugs:class_detail", args=["no-such-class"]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "DrugClass" not in html and "matches the given query" not in html
    assert "There is nothing at this address" in html


@pytest.mark.urls("tests.test_error_pages")
def test_a_failure_shows_the_friendly_500_page(production, client):
    client.raise_request_exception = False
    response = client.get("/fails/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "Back to the start" in html
    assert "hunter2" not in html and "RuntimeError" not in html and "Traceback" not in html
    assert "/static/css/app.css" in html


def test_the_500_page_needs_no_request_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")  # as django.views.defaults.server_error does
    assert "Something went wrong" in html


def test_the_500_page_follows_the_colour_mode_like_every_other_page():
    html = render_to_string("500.html")
    assert html.index("js/theme.js") < html.index("bootstrap.min.css")
