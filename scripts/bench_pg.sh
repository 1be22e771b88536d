#!/usr/bin/env bash
# scripts/bench_network.py on a throwaway PostgreSQL cluster (scripts/pg.sh), then stop it.
# Arguments go to the script: scripts/bench_pg.sh --people 50000
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
DATABASE_URL=$url COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_network.py "$@"
