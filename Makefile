# Gongkai — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run dev test test-sqlite test-postgres setup sysdeps rundeps static demo messages bench bench-full bench-wrk clean

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
# `make bench` runs every benchmark at a small size (minutes, not hours); `make bench-full` at the
# sizes of the issues (a million records: hours on a 2-core machine). docs/performance.md has the
# figures and each command. The benchmarks that need PostgreSQL create (and drop) their own
# databases on BENCH_PG's server.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_PG_SERVER := $(patsubst %/,%,$(dir $(BENCH_PG)))
BENCH_SMALL := \
	"bench_public_pages.py" \
	"bench_cold_pages.py --records 20000 --rounds 10" \
	"bench_search.py --records 20000 --queries 100 --like-queries 10" \
	"bench_search_known_item.py --records 20000 --queries 300" \
	"bench_write_path.py --seconds 5" \
	"bench_soak.py --requests 20000" \
	"bench_foi_intake.py --seconds 10" \
	"bench_deadlines.py" \
	"bench_report.py --rows 20000" \
	"bench_oversight.py --scale 0.01" \
	"bench_site_import.py --pages 100" \
	"bench_slow_clients.py"
BENCH_FULL := \
	"bench_public_pages.py --seconds 8 --rounds 3" \
	"bench_cold_pages.py --records 200000 --rounds 20" \
	"bench_search.py --records 1000000" \
	"bench_search_known_item.py --records 1000000 --queries 1000" \
	"bench_write_path.py --clients 16 --seconds 10" \
	"bench_soak.py --requests 200000" \
	"bench_foi_intake.py" \
	"bench_deadlines.py" \
	"bench_report.py" \
	"bench_oversight.py" \
	"bench_site_import.py" \
	"bench_slow_clients.py"

bench-wrk: $(STAMP) sysdeps messages
	@dpkg -s wrk >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q wrk >/dev/null || echo "wrk not installed"; }

bench: bench-wrk
	@for b in $(BENCH_SMALL); do echo "== bench/$$b"; \
	  case $$b in bench_write_path*) db=$(BENCH_PG);; *) db=;; esac; \
	  DATABASE_URL=$$db BENCH_PG_URL=$(BENCH_PG) BENCH_PG_ADMIN_URL=$(BENCH_PG) \
	  BENCH_PG_URL_KNOWN_ITEM=$(BENCH_PG_SERVER)/perf_known_item BENCH_PG_URL_COLD_PAGES=$(BENCH_PG_SERVER)/perf_cold_pages \
	  $(PY) bench/$$b || exit 1; done

bench-full: bench-wrk
	@for b in $(BENCH_FULL); do echo "== bench/$$b"; \
	  case $$b in bench_write_path*) db=$(BENCH_PG);; *) db=;; esac; \
	  DATABASE_URL=$$db BENCH_PG_URL=$(BENCH_PG) BENCH_PG_ADMIN_URL=$(BENCH_PG) \
	  BENCH_PG_URL_KNOWN_ITEM=$(BENCH_PG_SERVER)/perf_known_item BENCH_PG_URL_COLD_PAGES=$(BENCH_PG_SERVER)/perf_cold_pages \
	  $(PY) bench/$$b || exit 1; done

clean:
	rm -rf $(VENV) var
