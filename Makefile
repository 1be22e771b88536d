# The index of every command. `make run` and `make test` set everything up on a fresh machine.
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test test-fast lint fmt bench bench-pg install install-runtime worker scheduler

run: install-runtime  ## install, migrate, load the demo account into an empty database, serve
	scripts/run.sh

test: install  ## ruff, format and type checks, then the whole suite on SQLite and on PostgreSQL
	scripts/test.sh $(ARGS)

# pytest keeps the test modules it rewrote (assertions) only where Python may write bytecode:
# with PYTHONDONTWRITEBYTECODE set, each test process rewrites all of them again (6 s of CPU).
test-fast: install  ## the inner loop: SQLite only, no browser, interop, system or slow tests, no route walks
	env -u PYTHONDONTWRITEBYTECODE .venv/bin/pytest -n 2 -q -m "not browser and not interop and not system and not walk and not slow" $(ARGS)

lint: install  ## ruff, the formatting check, mypy and the missing-migrations check
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	.venv/bin/python manage.py makemigrations --check --dry-run

PEOPLE ?= 10000
bench: install  ## time the main pages: the demo account, then PEOPLE people, then imports (scratch databases)
	COFFEECHAT_DATA_DIR=$$(mktemp -d) .venv/bin/python scripts/bench_pages.py
	COFFEECHAT_DATA_DIR=$$(mktemp -d) .venv/bin/python scripts/bench_network.py --people $(PEOPLE)
	COFFEECHAT_DATA_DIR=$$(mktemp -d) .venv/bin/python scripts/bench_imports.py

bench-pg: install  ## bench_network.py with PEOPLE people, then imports, on a throwaway PostgreSQL cluster
	scripts/bench_pg.sh --people $(PEOPLE)

fmt: install  ## format the code and apply ruff's safe fixes
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Bytecode is compiled once here (the libraries', then ours): with PYTHONDONTWRITEBYTECODE set,
# as on our CI machines, Python never writes it, so every process (each manage.py, test worker
# and server worker) compiled Django and the rest from source again: 2-3 s of CPU apiece.
install: $(UV)  ## everything, test tools included (the dev group)
	@echo "Checking the dependencies in .venv (the first run installs them: about a minute)…"
	$(UV) sync --locked --quiet --compile-bytecode
	.venv/bin/python -m compileall -q -j 0 coffeechat config

# What the app needs to run, and nothing else: no pytest, Playwright or test servers in the
# environment a server runs in. (uv sync is exact: it removes what `install` added, and
# `install` puts it back, so `make run` and `make test` take turns in one clone.)
install-runtime: $(UV)
	@echo "Checking the dependencies in .venv (the first run installs them: about a minute)…"
	$(UV) sync --locked --no-dev --quiet --compile-bytecode
	.venv/bin/python -m compileall -q -j 0 coffeechat config

$(UV):
	@echo "Installing uv, the package installer, into .tools…"
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==0.13.9

worker: install-runtime
	.venv/bin/python manage.py db_worker

scheduler: install-runtime
	.venv/bin/python manage.py run_scheduler
