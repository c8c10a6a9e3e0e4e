# The two commands a newcomer needs: `make run` and `make test`. Everything else is their parts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py

.PHONY: run test lint messages makemessages bench loadtest clean check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig (gevonden: %s)." % sys.version.split()[0])'

$(VENV)/bin/activate: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Runtime packages for `make run`; the dev lock (a superset) for `make test`.
$(VENV)/.installed-run: requirements.lock $(VENV)/bin/activate
	$(BIN)/pip install -q -r requirements.lock
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/bin/activate
	$(BIN)/pip install -q -r requirements-dev.lock
	@touch $@ $(VENV)/.installed-run

# django-admin without settings: compiling needs no SECRET_KEY or database.
messages: $(VENV)/bin/activate
	@scripts/system-deps.sh run
	cd $(CURDIR) && env -u DJANGO_SETTINGS_MODULE $(BIN)/django-admin compilemessages --ignore=.venv -v0

makemessages:
	DEBUG=1 $(MANAGE) makemessages -l nl -l en --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete --add-location=file

# make run: the application on http://127.0.0.1:8000 with SQLite and no other service.
run: export DEBUG ?= 1
run: $(VENV)/.installed-run messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) laad_convenant
	$(MANAGE) maak_demo
	@echo "Open http://127.0.0.1:8000 en log in met een van de demo-accounts hierboven."
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# make test: against DATABASE_URL when set (CI: PostgreSQL), a SQLite test database otherwise.
# The suite includes the check that no migration is missing (tests/project). It runs on every
# core (pytest-xdist), each worker with its own test database and, for browser tests, Chromium.
test: $(VENV)/.installed-dev messages
	@scripts/system-deps.sh test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n auto

# make bench: every main page of every role at scale 1 and 10 (PostgreSQL on 127.0.0.1, filled
# by vul_stad and reused the same day), served by gunicorn with the production settings; prints
# a table and writes bench/resultaat-*.json. Options: make bench BENCH_ARGS="--schaal 1 --rook".
bench: $(VENV)/.installed-run messages
	$(PY) -m scripts.bench $(BENCH_ARGS)

# make loadtest: the application under gunicorn with its own PostgreSQL, Redis and Celery worker
# (private ports, removed afterwards), driven by locust with the four users' journeys while Redis
# is stopped, PostgreSQL restarted and a worker killed; prints tables, writes
# loadtest/resultaat-*.json, fails on an error outside a fault or a message lost or sent twice.
# Options: make loadtest LOADTEST_ARGS="--rook" (the smoke run of make test), "--looptijd 300".
loadtest: $(VENV)/.installed-dev messages
	$(PY) scripts/loadtest $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles screenshots db.sqlite3
