"""The scenario: build, time pages, load with wrk, log doses, then scale down and re-time."""

import random

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from bench import data
from bench.measure import Gunicorn, check_page, clear_caches, time_page, write_path, wrk_rps
from drugs.models import Drug, Interaction, ReferenceVersion
from tracker import data_version
from tracker.models import Course, Dose

# Long enough to be steady; short enough that each patient's course gains a few hundred doses at
# most (the rules read the doses around each new one).
WRITE_SECONDS = 5

PAGES = {
    "dashboard": "/",
    "dose history": "/doses/",
    "co-medications": "/comedications/",
    "course summary": None,  # the user's latest course: pages_for
    "drug page": "/drugs/carisoprodol/",
    "class page": "/drugs/classes/opioid/",
}


def pages_for(user, names=PAGES) -> dict[str, str]:
    """Return the pages to time for `user`; no course summary for a user without a course."""
    latest = Course.objects.filter(owner=user).order_by("-start_date", "-pk").first()
    pages = dict.fromkeys(names)
    for name in pages:
        pages[name] = PAGES[name] or (f"/courses/{latest.pk}/summary/" if latest else None)
    return {name: url for name, url in pages.items() if url}


def _raw_delete(queryset) -> None:
    ids = list(queryset.values_list("pk", flat=True))
    table = queryset.model._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 10000):
            chunk = ids[start : start + 10000]
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN ({','.join(['%s'] * len(chunk))})", chunk
            )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _time_all(client, requests, pages, *, before_each=None):
    return {
        name: time_page(client, url, requests, before_each=before_each)
        for name, url in pages.items()
    }


def _uncached_throughput(
    env: dict, session: str, pages: dict, wrk_seconds: int, *, empty: tuple[str, dict]
) -> tuple[dict, dict]:
    """Return requests per second of /ping/ and of each page, on one server with the dashboard
    cache off (every load builds the page, as the first load after a change does); then the
    same for a patient with no data (`empty`: session, pages), against the same floor: what a
    page costs before there is anything to show."""
    with Gunicorn({**env, "DASHBOARD_CACHE": "0"}) as server:
        check_page(server.url("/"), session, "course-status")
        rps = {"floor": wrk_rps(server.url("/ping/"), session, wrk_seconds)}
        for name, url in pages.items():
            rps[name] = wrk_rps(server.url(url), session, wrk_seconds)
        empty_session, empty_pages = empty
        empty_rps = {
            name: wrk_rps(server.url(url), empty_session, wrk_seconds)
            for name, url in empty_pages.items()
        }
    return rps, empty_rps


def run(env: dict, *, requests: int, wrk_seconds: int) -> dict:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(42)
    now = timezone.now()
    caris = Drug.objects.get(slug="carisoprodol")
    build_started = timezone.now()
    data.reference_data(rng)
    people = data.users(1000)
    heavy, newcomer, empty, everyday = people[0], people[1], people[2], people[3:]
    data.heavy_user(heavy, caris, rng, now)
    data.light_user(newcomer, caris, now)
    data.everyday_users(everyday, caris, now)
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum keeps them in use
        cursor.execute("ANALYZE")
    results = {
        "database": connection.vendor,
        "build_s": (timezone.now() - build_started).total_seconds(),
        "counts": {
            "drugs": Drug.objects.count(),
            "rules": Interaction.objects.count(),
            "users": get_user_model().objects.count(),
            "heavy_doses": Dose.objects.filter(course__owner=heavy).count(),
            "heavy_courses": Course.objects.filter(owner=heavy).count(),
            "heavy_comeds": heavy.comedications.count(),
            "heavy_active_comeds": heavy.comedications.filter(stop_date__isnull=True).count(),
            "heavy_checkins": heavy.checkins.count(),
        },
    }
    heavy_client = _client(heavy)
    heavy_pages = pages_for(heavy)
    results["timing"] = {
        "heavy user": _time_all(heavy_client, requests, heavy_pages),
        "light user": _time_all(_client(newcomer), requests, pages_for(newcomer)),
        "new user, no data": _time_all(_client(empty), requests, pages_for(empty)),
    }
    # The page as it is built after each change, such as the dose a one-click log just recorded.
    results["dashboard_rebuilt"] = time_page(
        heavy_client,
        "/",
        requests,
        before_each=lambda: data_version.bump(user_id=heavy.pk),
    )

    sessions = {u.pk: _client(u).cookies["sessionid"].value for u in [heavy, *everyday[:8]]}
    with Gunicorn(env) as server:
        check_page(server.url("/"), sessions[heavy.pk], "course-status")
        floor = wrk_rps(server.url("/ping/"), sessions[heavy.pk], wrk_seconds)
        dashboard = wrk_rps(server.url("/"), sessions[heavy.pk], wrk_seconds)
        courses = {c.owner_id: c.pk for c in Course.objects.filter(owner__in=everyday[:8])}
        rate, ok, errors = write_path(
            server, [(sessions[u.pk], courses[u.pk]) for u in everyday[:8]], WRITE_SECONDS
        )
    results["throughput"] = {"floor_rps": floor, "dashboard_rps": dashboard}
    results["write"] = {"doses_per_s": rate, "ok": ok, "errors": errors}
    # The drug and class pages are the same for everyone: the no-data patient's are the others.
    empty_pages = pages_for(empty, ("dashboard", "dose history", "co-medications"))
    results["uncached"], results["uncached_no_data"] = _uncached_throughput(
        env,
        sessions[heavy.pk],
        heavy_pages,
        wrk_seconds,
        empty=(_client(empty).cookies["sessionid"].value, empty_pages),
    )

    # Scaling is measured with nothing cached: a cached page would hide how the work grows.
    rules_pages = pages_for(
        heavy, ("dashboard", "co-medications", "course summary", "drug page", "class page")
    )
    many_rules = _time_all(heavy_client, requests, rules_pages, before_each=clear_caches)
    real = Interaction.objects.exclude(source__key="BENCH-SYNTHETIC").count()
    synthetic = Interaction.objects.filter(source__key="BENCH-SYNTHETIC")
    keep = list(synthetic.order_by("pk").values_list("pk", flat=True)[: 200 - real])
    # One statement for the benchmark's own rows: no per-row signals or history.
    _raw_delete(synthetic.exclude(pk__in=keep))
    ReferenceVersion.bump()
    results["rules_after"] = Interaction.objects.count()
    few_rules = _time_all(heavy_client, requests, rules_pages, before_each=clear_caches)
    results["scaling_rules"] = {
        name: many_rules[name].median_ms / few_rules[name].median_ms for name in rules_pages
    }

    doses_pages = pages_for(heavy, ("dashboard", "dose history", "course summary"))
    many_doses = _time_all(heavy_client, requests, doses_pages, before_each=clear_caches)
    heavy_doses = Dose.objects.filter(course__owner=heavy)
    latest = list(heavy_doses.order_by("-taken_at").values_list("pk", flat=True)[:50])
    _raw_delete(Dose.objects.filter(course__owner=heavy).exclude(pk__in=latest))
    data.keep_dose_days([heavy.pk])  # deleted past the services
    results["doses_after"] = heavy_doses.count()
    few_doses = _time_all(heavy_client, requests, doses_pages, before_each=clear_caches)
    results["scaling_doses"] = {
        name: many_doses[name].median_ms / few_doses[name].median_ms for name in doses_pages
    }
    results["now"] = now
    return results
