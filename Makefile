# The index of every command. `make run` and `make test` set everything up on a fresh machine.
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test test-fast lint fmt bench bench-pg install worker scheduler

run: install  ## install, migrate, load the demo account into an empty database, serve
	scripts/run.sh

test: install  ## ruff, then the whole suite on SQLite and again on PostgreSQL
	scripts/test.sh $(ARGS)

test-fast: install  ## the inner loop: SQLite only, no browser or interop tests
	.venv/bin/pytest -n 2 -q -m "not browser and not interop" $(ARGS)

lint: install
	$(UV) run --locked ruff check .
	$(UV) run --locked python manage.py makemigrations --check --dry-run

PEOPLE ?= 10000
bench: install  ## time the main pages: the demo account, then PEOPLE people (scratch databases)
	COFFEECHAT_DATA_DIR=$$(mktemp -d) .venv/bin/python scripts/bench_pages.py
	COFFEECHAT_DATA_DIR=$$(mktemp -d) .venv/bin/python scripts/bench_network.py --people $(PEOPLE)

bench-pg: install  ## bench_network.py with PEOPLE people on a throwaway PostgreSQL cluster
	scripts/bench_pg.sh --people $(PEOPLE)

fmt: install
	$(UV) run --locked ruff check --fix .

install: $(UV)
	$(UV) sync --locked --quiet

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==0.13.9

worker: install
	$(UV) run --locked python manage.py db_worker

scheduler: install
	$(UV) run --locked python manage.py run_scheduler
