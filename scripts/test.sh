#!/usr/bin/env bash
# ruff, then the whole suite on SQLite, then again on a throwaway PostgreSQL cluster.
# Extra arguments go to pytest (make test ARGS="-k digest").
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PROJECT_ENVIRONMENT=.venv

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

if [ ! -x /usr/sbin/dovecot ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's dovecot-imapd for the inbox tests (a real IMAP server)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends dovecot-imapd) >/dev/null
  else
    echo "The inbox tests need Dovecot: sudo apt-get install dovecot-imapd" >&2
    exit 1
  fi
fi

if ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing poppler-utils for the PDF tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >/dev/null
  else
    echo "The PDF tests need pdftotext: sudo apt-get install poppler-utils" >&2
    exit 1
  fi
fi

.venv/bin/ruff check .
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "Model changes without migrations: run manage.py makemigrations" >&2; exit 1; }

echo "== SQLite =="
(unset DATABASE_URL; .venv/bin/pytest -n 2 -q "$@")

echo "== PostgreSQL =="
pgdir=$(mktemp -d /tmp/coffeechat-pg.XXXXXX)
trap 'scripts/pg.sh stop "$pgdir"' EXIT
DATABASE_URL=$(scripts/pg.sh start "$pgdir")
export DATABASE_URL
.venv/bin/pytest -n 2 -q "$@"
