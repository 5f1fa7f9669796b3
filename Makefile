# Gongkai — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run dev test test-sqlite test-postgres setup sysdeps rundeps static demo messages bench clean

$(STAMP): requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --disable-pip-version-check -q -r requirements-test.txt
	touch $(STAMP)

setup: $(STAMP)

# Debian packages the app and the tests need (CJK fonts for PDF, chromium for browser tests,
# poppler-utils to read PDFs back, nginx for the serving tests). Installed only when missing.
sysdeps:
	@missing=""; \
	for p in chromium fonts-noto-cjk poppler-utils gettext nginx-light libnginx-mod-http-headers-more-filter; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q >/dev/null; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing >/dev/null; \
	fi

messages: $(STAMP)
	$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=var

demo: $(STAMP) messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py import_standard_catalogs
	$(PY) manage.py load_demo

# What serving needs from Debian: CJK fonts for PDFs, gettext for the message catalogs, nginx (the
# buffering front server, with the module that drops the Server header).
rundeps:
	@scripts/ensure_debian_packages.sh fonts-noto-cjk gettext nginx-light libnginx-mod-http-headers-more-filter

static: $(STAMP)
	$(PY) manage.py collectstatic --noinput -v 0

# Served the way production serves: nginx in front (buffers slow clients, serves static files;
# config generated into var/front/<port>/), gunicorn (several sync workers) behind it on
# 127.0.0.1:$(PORT)+10000, the embedded SQLite, debug off, and the scheduler. gunicorn's master
# starts nginx and the scheduler once it holds its port and stops them on exit (scripts/gunicorn.conf.py).
# `make run PORT=8080 HOST=0.0.0.0` chooses the address; GONGKAI_FRONT=off serves gunicorn directly.
run: rundeps demo static
	@echo "Gongkai on http://$(HOST):$(PORT)/  (nginx + gunicorn + scheduler; demo logins: see README)"
	HOST=$(HOST) PORT=$(PORT) GONGKAI_DEBUG=$${GONGKAI_DEBUG:-false} \
	  GONGKAI_FRONT=$${GONGKAI_FRONT:-nginx} \
	  GONGKAI_SECRET_KEY="$${GONGKAI_SECRET_KEY:-$$($(PY) scripts/secret_key.py)}" \
	  GONGKAI_DB_CONN_MAX_AGE=$${GONGKAI_DB_CONN_MAX_AGE:-60} \
	  $(VENV)/bin/gunicorn -c scripts/gunicorn.conf.py gongkai.wsgi

# Django's development server (auto-reload, debug pages); no scheduler.
dev: rundeps demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP) sysdeps messages
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "=== test suite on SQLite ==="
	DATABASE_URL= $(PY) -m pytest -q -p no:cacheprovider

test-postgres:
	@echo "=== test suite on PostgreSQL ($(PG_URL)) ==="
	@if $(PY) scripts/db_reachable.py "$(PG_URL)"; then \
	  DATABASE_URL="$(PG_URL)" $(PY) -m pytest -q -p no:cacheprovider; \
	elif [ "$$CI" = "true" ]; then \
	  echo "ERROR: PostgreSQL is not reachable at $(PG_URL) and CI=true: the PostgreSQL run is required."; exit 1; \
	else \
	  echo ""; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!!! SKIPPED: PostgreSQL not reachable at $(PG_URL); only SQLite was tested. !!!"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	fi

# wrk (Debian) drives bench_public_pages.py; without it the script falls back to a Python client.
bench: $(STAMP) sysdeps messages
	@dpkg -s wrk >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q wrk >/dev/null || echo "wrk not installed"; }
	for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var
