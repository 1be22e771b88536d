#!/usr/bin/env bash
# ruff, the format check and mypy, then the whole suite on SQLite, then again on a throwaway
# PostgreSQL cluster.
# Extra arguments go to pytest (make test ARGS="-k digest").
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PROJECT_ENVIRONMENT=.venv
# pytest keeps the test modules it rewrote (assertions) only where Python may write bytecode:
# with PYTHONDONTWRITEBYTECODE set, each test process rewrites all of them again (6 s of CPU).
unset PYTHONDONTWRITEBYTECODE

# Real third-party programs the tests talk to; installed from Debian when we are root.
need() {  # need BINARY PACKAGE WHAT-FOR
  command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's $2 for $3..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >/dev/null
  else
    echo "The tests need $2 for $3: sudo apt-get install $2" >&2
    exit 1
  fi
}
need /usr/bin/chromium chromium "the browser tests"
need /usr/sbin/dovecot dovecot-imapd "the inbox tests (a real IMAP server)"
need pdftotext poppler-utils "the PDF tests"

.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { echo "Unformatted code: run make fmt" >&2; exit 1; }
.venv/bin/mypy
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "Model changes without migrations: run manage.py makemigrations" >&2; exit 1; }

echo "== SQLite =="
(unset DATABASE_URL; .venv/bin/pytest -n 2 -q "$@")

echo "== PostgreSQL =="
pgdir=$(mktemp -d /tmp/coffeechat-pg.XXXXXX)
trap 'scripts/pg.sh stop "$pgdir"' EXIT
DATABASE_URL=$(scripts/pg.sh start "$pgdir")
export DATABASE_URL
# What runs twice: every test that can reach the database (the `database` mark, which
# conftest.py sets from the test's fixtures: db, transactional_db, a django_db mark,
# live_server, or a fixture built on django_db_setup). A test that never touches the database
# (the linters, renderers, parsers, the OCR accuracy check, the docs and layer checks) would
# prove the same thing twice. The browser journeys and the third-party clients exercise pages
# and files, not the database: once (on SQLite) is enough. The system tests that do touch it
# (large imports, concurrent schedulers and senders, processes killed mid-work) run here too.
.venv/bin/pytest -n 2 -q -m "database and not browser and not interop" "$@"
