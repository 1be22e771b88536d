#!/usr/bin/env bash
# scripts/bench_network.py on a throwaway PostgreSQL cluster (scripts/pg.sh), then the import
# of 10,000 and 30,000 LinkedIn rows and its undo (scripts/bench_imports.py, with the
# database server's CPU), then stop it. Arguments go to bench_network.py:
#   scripts/bench_pg.sh --people 50000
# BENCH_IMPORTS_ONLY=1 skips bench_network.py (the import alone takes about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/coffeechat-pg.XXXXXX)
trap 'scripts/pg.sh stop "$dir"' EXIT
url=$(scripts/pg.sh start "$dir")
.venv/bin/python - "$url" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
    db.execute("CREATE DATABASE coffeechat")
PY
export DATABASE_URL=$url COFFEECHAT_DATA_DIR
COFFEECHAT_DATA_DIR=$(mktemp -d)
if [ -z "${BENCH_IMPORTS_ONLY:-}" ]; then
  .venv/bin/python scripts/bench_network.py "$@"
fi
.venv/bin/python scripts/bench_imports.py --pgdata "$dir/data"
