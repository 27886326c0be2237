# The README's two commands: `make run` and `make test`. Both set up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)
VENDOR := luoshi/web/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/luoshi_test

.PHONY: setup run test lint check-migrations pytest pytest-pg bench clean system-packages messages compilemessages

setup: $(STAMP) $(VENDOR)/.stamp system-packages compilemessages

$(STAMP):
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR)/.stamp: node_modules/.package-lock.json
	@mkdir -p $(VENDOR)
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts.min.js
	cp node_modules/china-geojson/src/geojson/gan_su_geo.json $(VENDOR)/gan_su_geo.json
	@touch $@

# Debian packages the PDF bulletins and browser tests use; installed when we may, else a note.
system-packages:
	@bash scripts/system-packages.sh

# Translations (docs/i18n.md). The Chinese UI text is the msgid; luoshi/locale/en holds English.
# `make messages` re-extracts every string (supervision, plans, org, web...), fails on anything
# untranslated, fuzzy or with changed placeholders, then compiles. The .mo is committed, so
# English works without gettext; setup recompiles it when msgfmt exists and the .po is newer.
LOCALES := en
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=build
PO_FILES := $(wildcard luoshi/locale/*/LC_MESSAGES/*.po)

messages: $(STAMP)
	$(PY) manage.py makemessages $(addprefix -l ,$(LOCALES)) $(MESSAGES_IGNORE) --no-location
	$(PY) scripts/check_translations.py
	@$(MAKE) --no-print-directory compilemessages

compilemessages: $(PO_FILES:.po=.mo)

luoshi/locale/%.mo: luoshi/locale/%.po
	@if command -v msgfmt >/dev/null; then echo "msgfmt $<"; msgfmt --check-format -o $@ $<; \
	else echo "注意：没有 msgfmt，使用已提交的 $@ / note: msgfmt not found (apt-get install gettext); using the committed $@"; fi

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_default_program
	$(PY) manage.py load_indicators --program gansu-mobile-internet-2017
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

check-migrations: setup
	env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run

pytest: setup
	env -u DATABASE_URL $(VENV)/bin/pytest -n 2 -p no:cacheprovider

# PostgreSQL run: when DATABASE_URL names PostgreSQL (CI sets it), every database test runs there too.
pytest-pg: setup
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
	  echo "== tests on PostgreSQL ($${DATABASE_URL}) =="; \
	  $(VENV)/bin/pytest -n 2 -p no:cacheprovider -m "not browser" luoshi tests; \
	else echo "== DATABASE_URL is not PostgreSQL: PostgreSQL run skipped (CI sets $(PG_TEST_URL)) =="; fi

test: lint check-migrations pytest pytest-pg

bench: setup
	bash scripts/system-packages.sh wrk
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles .mypy_cache .ruff_cache .pytest_cache
