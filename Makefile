# Two commands on a fresh machine (python3, make, git): `make run` and `make test`.
# Python 3.11 to 3.13: python3 if it is one of them, else python3.1x on PATH, else a
# uv-managed Python (scripts/make_venv.sh says which). `make test PYTHON=python3.12` builds
# .venv with that interpreter (and makes .venv again if it had another version).
SHELL := /bin/bash
PYTHON ?= python3
PY := .venv/bin/python
UV := .venv/bin/uv
PG_URL ?= postgres://postgres@127.0.0.1:5432/ips
PORT ?= 8000
# Links in staff emails point at the server `make run PORT=...` starts (and a worker
# started with the same PORT), unless WAGTAILADMIN_BASE_URL is set.
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
# No DJANGO_SETTINGS_MODULE here: manage.py and ips/celery.py default to ips.settings, and
# pytest must use tests.settings (pyproject), which an exported variable would override.

.PHONY: run test test-pg test-browser lint bench install seed serve worker beat browsers clean services messages

# The locked environment; re-synced whenever the lock file changes.
.venv/.synced: uv.lock pyproject.toml
	@scripts/make_venv.sh "$(PYTHON)"
	test -x $(UV) || .venv/bin/pip install --quiet --disable-pip-version-check uv==0.13.8
	# Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on these
	# machines) every process would otherwise recompile ~2,700 modules at start.
	UV_PROJECT_ENVIRONMENT=.venv UV_COMPILE_BYTECODE=1 $(UV) sync --frozen --inexact --quiet
	touch $@

# The venv's Python is checked on every run (a PYTHON= of another version makes it again).
install:
	@scripts/make_venv.sh "$(PYTHON)"
	@$(MAKE) --no-print-directory .venv/.synced

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Public site: http://127.0.0.1:$(PORT)/   Staff workspace: http://127.0.0.1:$(PORT)/admin/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

seed: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

worker: install
	.venv/bin/celery -A ips worker --loglevel INFO

beat: install
	$(PY) manage.py setup_schedules
	.venv/bin/celery -A ips beat --loglevel INFO

# The whole suite on the embedded SQLite database (browser tests included when
# Chromium can be installed; see `browsers`).
test: install browsers
	$(PY) -m pytest -q

# The same suite against PostgreSQL (creates the test database if missing).
test-pg: install
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -q --create-db

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	.venv/bin/lint-imports
	.venv/bin/mypy

# Spanish for the public site and the portal: refresh the .po after changing a template
# string (staff screens are not translated), write the new msgstr, then compile.
MESSAGES_IGNORE = .venv/* ips/* importer/* reports/* employers/* jobseekers/* coaching/* tests/* scripts/* docs/* \
	static/* staticfiles/* templates/fidelity/* templates/reports/* templates/employers/* \
	templates/coaching/* templates/importer/* templates/ips/* templates/jobseekers/* \
	templates/email/digest* templates/email/interest_notice* \
	templates/cms/workspace/*
messages: install
	$(PY) manage.py makemessages -l es --no-obsolete --no-location $(foreach p,$(MESSAGES_IGNORE),--ignore='$(p)')
	$(PY) manage.py compilemessages -l es --ignore='.venv/*'

# `make bench ARGS="--scale state"`: the statewide data set (built once, kept in a file).
bench: install
	$(PY) -m pytest -q -m perf tests/perf -s -p no:randomly $(ARGS)

# Debian's Chromium for the Playwright browser tests (never a downloaded browser).
browsers:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "chromium could not be installed: browser tests will report it"; \
	fi

clean:
	rm -rf .venv .venv-uv staticfiles .test-db.sqlite3
