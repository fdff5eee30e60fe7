# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make run   installs, migrates, loads demo data, serves http://127.0.0.1:8000
#   make test  installs and runs the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= samverka.settings.dev

.PHONY: install run test lint format screenshots benchmark messages ci clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package comes from requirements.lock, exact versions with hashes, so a fresh
# install next month is the same install as today. `make lock` refreshes it.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/python scripts/compile_translations.py

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo ""
	@echo "Samverka runs on http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	@echo "The local demo does not ask coordinators and editors for an authenticator app;"
	@echo "production settings do (SAMVERKA_ADMIN_REQUIRES_MFA)."
	$(MANAGE) runserver 127.0.0.1:8000

# The suite runs on one pytest-xdist worker per core (`make test PYTEST_WORKERS=0` runs it in
# one process, e.g. to debug with pdb).
PYTEST_WORKERS ?= auto
test: install
	$(BIN)/python scripts/check_browser.py
	DJANGO_SETTINGS_MODULE=samverka.settings.test $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: install
	$(BIN)/python scripts/screenshots.py

benchmark: install
	$(BIN)/python benchmarks/run.py

messages: install
	$(MANAGE) makemessages --all --ignore=.venv --ignore=node_modules --no-obsolete
	$(BIN)/python scripts/compile_translations.py

# Refresh the lock file to the newest releases the ranges in pyproject.toml allow, then
# reinstall and run the suite: `make lock test`.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --upgrade \
		--python-version 3.11 --python-platform linux --no-header -o requirements.lock

# The whole CI (as root: it may apt-get install Chromium and PostgreSQL).
ci:
	.ci/run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media
