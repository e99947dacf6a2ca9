# Two commands do everything: `make run` (the server and the reminder queue) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# make run serves the app as a user sees it: DEBUG off (friendly error pages, never a traceback),
# plain HTTP on this machine, static files collected for WhiteNoise, e-mail on the console, and a
# secret key made once for this copy, kept beside the database in SECRET_KEY_FILE (readable by
# its owner only, ignored by git). `DEBUG=1 make run` brings Django's debug pages back.
DEBUG ?= 0
HTTPS ?= 0
ALLOWED_HOSTS ?= 127.0.0.1,localhost
EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
SECRET_KEY_FILE ?= .secret-key
RUN_ENV = DEBUG=$(DEBUG) HTTPS=$(HTTPS) ALLOWED_HOSTS=$(ALLOWED_HOSTS) \
	EMAIL_BACKEND=$(EMAIL_BACKEND) SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}"

.PHONY: run test bootstrap migrate lint bench bench-cluster profile

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

bootstrap: $(STAMP)

# migrate also loads the reference data once (a data migration), so admin edits are never overwritten;
# names typed before new reference data arrived are then looked up again.
migrate: bootstrap $(SECRET_KEY_FILE)
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py relink_comedications
	$(RUN_ENV) $(PY) manage.py ensure_superuser

$(SECRET_KEY_FILE): | bootstrap
	@umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# The reminder queue's consumer (manage.py run_huey) runs in the background beside the server
# and is stopped when the server stops, however it stops (Ctrl+C included).
run: migrate
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(PY) manage.py run_huey & queue=$$!; \
	trap 'kill $$queue 2>/dev/null; wait $$queue' EXIT; trap 'exit 130' INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: bootstrap
	$(PY) -m pytest

lint: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check .

# Benchmark with a heavy dataset in a separate database; writes docs/performance.md.
bench: bootstrap
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) \
		|| (echo "The benchmark needs wrk: apt-get install wrk" && exit 1)
	$(PY) -m bench.run

# Where a page's time goes: pyinstrument over the heavy user's pages, page cache off, on a dataset
# built once and kept (PROFILE_REBUILD=1 builds it again). `make profile PAGES="/ /doses/"`.
profile: bootstrap
	$(PY) -m bench.profile $(PAGES)

# Two gunicorn servers on one PostgreSQL and one Redis: no stale dashboard over 1,000 alternating
# requests, and the throughput of two servers against one; writes docs/performance-cluster.md.
bench-cluster: bootstrap
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) \
		|| (echo "The benchmark needs wrk: apt-get install wrk" && exit 1)
	$(PY) -m bench.cluster
