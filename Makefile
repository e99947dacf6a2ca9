# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test bootstrap migrate lint bench

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

bootstrap: $(STAMP)

# migrate also loads the reference data once (a data migration), so admin edits are never overwritten;
# names typed before new reference data arrived are then looked up again.
migrate: bootstrap
	$(PY) manage.py migrate --noinput
	$(PY) manage.py relink_comedications
	$(PY) manage.py ensure_superuser

run: migrate
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

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
