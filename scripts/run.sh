#!/usr/bin/env bash
# Migrate, load the demo account into an empty database, then run the web server, the task
# workers (one per queue) and the reminder scheduler together until Ctrl-C. A process that
# dies is started again after a pause that grows while it keeps dying (1 s, 2 s, 4 s ... 60 s),
# with a line saying so; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export HOST PORT  # the scheduler's digests link here unless SITE_URL says otherwise

say() { printf '%s\n' "$*"; }

say "Updating the database (migrations)…"
$PY manage.py migrate --no-input -v0
say "Collecting static files…"
$PY manage.py collectstatic --no-input -v0
say "Loading the demo account (only into an empty database)…"
$PY manage.py load_demo

# supervise NAME COMMAND...: run COMMAND until this script stops, restarting it when it dies.
# The command runs in a process group of its own (set -m), so Ctrl-C reaches only this script,
# which then stops each process with TERM (and KILL after 10 s: granian ignores TERM while
# its workers start), instead of every process at once racing the restarts.
supervise() {
    local name=$1; shift
    local child="" delay=1 started status
    stop_child() {
        if [[ -n $child ]] && kill -TERM "$child" 2>/dev/null; then
            for _ in $(seq 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$child" 2>/dev/null || true
        fi
        exit 0
    }
    trap stop_child TERM
    trap '' INT  # job control (set -m) would let Ctrl-C end this loop before its child
    while true; do
        started=$SECONDS
        set -m  # just for starting the child: its own process group, no job notices after
        "$@" &
        child=$!
        set +m
        status=0
        wait "$child" 2>/dev/null || status=$?
        child=""
        # A process that ran for a minute had a fault, not a broken start: restart quickly.
        if (( SECONDS - started >= 60 )); then delay=1; fi
        say "  ${name} stopped (exit status ${status}); restarting it in ${delay} s." >&2
        sleep "$delay"
        delay=$(( delay < 32 ? delay * 2 : 60 ))
    done
}

pids=()
cleanup() {
    trap - EXIT INT TERM
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

say "Starting the web server, the task workers and the scheduler…"
# One worker per queue (config/settings.py TASK_QUEUES): mail and reminders never wait behind
# a large import, and imports never wait behind a pile of card photos.
for queue in default imports cards; do
    supervise "worker ($queue)" $PY manage.py db_worker --no-reload --queue-name "$queue" \
        >/dev/null &
    pids+=($!)
done
supervise scheduler $PY manage.py run_scheduler &
pids+=($!)
# 4 threads per worker process: Django here is CPU-bound on 2 cores (granian's default, 256,
# warns at start-up and would only queue requests inside Python).
supervise "web server" .venv/bin/granian --interface wsgi --host "$HOST" --port "$PORT" \
    --workers 2 --blocking-threads 4 --log-level warning config.wsgi:application &
pids+=($!)

say
say "  coffeechat is running at http://$HOST:$PORT/"
say "  Demo login: demo@coffeechat.test / coffeechat-demo"
say "  Press Ctrl-C to stop."
say
wait
