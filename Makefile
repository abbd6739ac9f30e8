# Two commands do everything on a fresh Debian machine:
#   make run    create .venv, install what is missing, migrate, load demo data, serve on :8000
#               (with the e-mail and webhook workers beside it)
#   make test   run the test suite (SQLite by default; set DATABASE_URL for PostgreSQL) and print its time
#   make test-browser  the journeys in Debian's chromium with axe-core (tests/browser, not run by `make test`)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser install browser-install system-packages migrate demo lint check graph clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

install: system-packages $(VENV)/.installed

system-packages:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages. Run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# The e-mail outbox worker and the webhook worker run beside the development server (mail is printed
# on this console unless EMAIL_BACKEND/EMAIL_HOST say otherwise) and stop with it.
run: demo
	$(BIN)/python manage.py mail_worker --interval 2 & worker=$$!; \
	$(BIN)/python manage.py webhook_worker --interval 2 & hooks=$$!; \
	trap 'kill $$worker $$hooks 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Prints the wall time of the run and the CPU time (user, sys) of its processes: on a shared machine the
# CPU time is the figure to compare. The target is under 60 s of wall time on 2 idle cores (SQLite).
# Modules go to the two workers whole (module-scoped worlds), longest first (tests/conftest.py).
# Bytecode is written even where the environment says PYTHONDONTWRITEBYTECODE (this machine type does):
# otherwise each worker compiles the project and rewrites every test module again on every run (~9 s of 48).
test: install
	@start=$$(date +%s); PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q -j 2 certification cms config >/dev/null; \
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n 2 --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS); status=$$?; \
	end=$$(date +%s); echo "make test: $$((end - start)) s elapsed; CPU time (user sys), the last line is the run's:"; \
	times; exit $$status

# Browser tests: Playwright for Python drives Debian's chromium (never `playwright install`: it downloads
# a browser of its own) against pytest-django's live server; axe-core comes from the npm registry
# (package.json, pinned) and is injected by the tests from node_modules/. BROWSER_PORT: the live server's
# (Django's live server does not reuse a port in TIME_WAIT: a second run within a minute may need another).
BROWSER_PORT ?= 8700
browser-install: install $(VENV)/.installed-browser node_modules/axe-core/axe.min.js
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian packages: chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else \
	    echo "Missing Debian package. Run:  sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

$(VENV)/.installed-browser: requirements-browser.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-browser.txt
	touch $@

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; \
	  else \
	    echo "Missing Debian package. Run:  sudo apt-get install -y npm"; exit 1; \
	  fi; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test-browser: browser-install
	$(BIN)/pytest -q -p no:xdist --liveserver=127.0.0.1:$(BROWSER_PORT) tests/browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# The workflow diagram in docs/ is generated from the code (needs Debian's graphviz for the SVG).
graph: install
	$(BIN)/python manage.py graph_transitions certification.Application > docs/workflow.dot
	dot -Tsvg docs/workflow.dot -o docs/workflow.svg

clean:
	rm -rf $(VENV) staticfiles node_modules
