# The index of every command. `make run` and `make test` set everything up on a fresh machine.
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test test-fast lint fmt bench install worker scheduler

run: install  ## install, migrate, load the demo account into an empty database, serve
	scripts/run.sh

test: install  ## ruff, then the whole suite on SQLite and again on PostgreSQL
	scripts/test.sh $(ARGS)

test-fast: install  ## the inner loop: SQLite only, no browser, interop or system tests
	.venv/bin/pytest -n 2 -q -m "not browser and not interop and not system" $(ARGS)

lint: install
	$(UV) run --locked ruff check .
	$(UV) run --locked python manage.py makemigrations --check --dry-run

bench: install  ## time the main pages on the demo account (a scratch database)
	COFFEECHAT_DATA_DIR=$$(mktemp -d) .venv/bin/python scripts/bench_pages.py

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
