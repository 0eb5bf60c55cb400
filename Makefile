# Raadsvolg — the two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install site-deps lint check messages test-sqlite test-postgres prod-smoke bench bench-extraction bench-scale clean

# Set up everything, load the demo data and serve the site (SQLite, demo mode).
run: install messages
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py load_demo_data
	@echo "Raadsvolg: http://$(HOST):$(PORT)/  —  admin: http://$(HOST):$(PORT)/admin/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite: lint, checks, translations, pytest on SQLite and on PostgreSQL, and
# the production smoke test.
test: install site-deps lint check messages test-sqlite test-postgres prod-smoke

# axe-core for the browser tests (they are skipped outside CI without it).
site-deps:
	@if command -v npm >/dev/null; then \
	  cd site && npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the browser tests will be skipped"; fi

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet uv==$(UV_VERSION); }
	$(UV) sync --frozen --inexact --quiet
	touch $@

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check:
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SECRET_KEY=check-only-$$RANDOM$$RANDOM$$RANDOM$$RANDOM-not-used-anywhere-else-at-all \
	  DJANGO_ALLOWED_HOSTS=raadsvolg.example DATABASE_URL=postgres://check@localhost/check \
	  DJANGO_SETTINGS_MODULE=config.settings.production \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

messages:
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

test-sqlite:
	$(BIN)/pytest

# A throwaway PostgreSQL cluster of our own; skipped only outside CI when absent.
test-postgres:
	bin/with-postgres $(BIN)/pytest

# gunicorn with the production settings, the tasks worker and an SMTP sink on loopback,
# against a throwaway PostgreSQL: one flow that mails, the headers, the health endpoints.
prod-smoke: install messages
	bin/with-postgres $(BIN)/python bin/prod-smoke

# Benchmarks print figures; they assert nothing.
bench: install messages
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py bench_letters
	$(BIN)/python manage.py bench_export
	$(BIN)/python manage.py bench_import

# Issue 16: every page type at SIZES moties (a fresh database per size, scale data from
# generate_scale_data), then gunicorn's throughput; prints tables, asserts nothing.
# SIZES=100,10000 for a quicker run; BENCH_ARGS for more options (see --help).
SIZES ?= 100,10000,100000
BENCH_ARGS ?=
bench-scale: install messages
	mkdir -p var
	DJANGO_DEBUG=false bin/with-postgres $(BIN)/python manage.py bench_scale \
	  --sizes $(SIZES) --markdown var/bench-scale.md $(BENCH_ARGS)

# Precision and recall of the advice extraction over tests/letters/corpus, and its speed.
bench-extraction: install messages
	$(BIN)/python manage.py bench_extraction

clean:
	rm -rf $(VENV) db.sqlite3 var
