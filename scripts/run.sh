#!/usr/bin/env bash
# Migrate, load the demo account into an empty database, then run the web server, the task
# worker and the reminder scheduler together until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export HOST PORT  # the scheduler's digests link here unless SITE_URL says otherwise

$PY manage.py migrate --no-input -v0
$PY manage.py collectstatic --no-input -v0
$PY manage.py load_demo

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

$PY manage.py db_worker --no-reload >/dev/null 2>&1 &
pids+=($!)
$PY manage.py run_scheduler &
pids+=($!)
.venv/bin/granian --interface wsgi --host "$HOST" --port "$PORT" --workers 2 \
    --log-level warning config.wsgi:application &
pids+=($!)

echo
echo "  coffeechat is running at http://$HOST:$PORT/"
echo "  Demo login: demo@coffeechat.test / coffeechat-demo"
echo "  Press Ctrl-C to stop."
echo
wait -n "${pids[@]}"
