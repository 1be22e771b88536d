"""One contract for background tasks: ids by keyword (docs/architecture.md, "Background tasks").

A task takes only the ids of rows, keyword-only and named for what they point at
(`deliver(*, message_id: int)`), and every caller enqueues them by keyword: a queued row then
reads `{"kwargs": {"message_id": 5}}`, and renaming or adding a parameter can never shift an id
into the wrong place.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.tasks import Task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

ROOT = Path(settings.BASE_DIR) / "coffeechat"


def _tasks() -> dict[str, Task]:
    found = {}
    for path in sorted(ROOT.glob("*/tasks.py")):
        module = importlib.import_module(f"coffeechat.{path.parent.name}.tasks")
        for name, value in vars(module).items():
            if isinstance(value, Task) and value.func.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return found


def test_it_finds_every_task_of_the_apps() -> None:
    assert {
        "coffeechat.outreach.tasks.deliver",
        "coffeechat.imports.tasks.analyse_import",
        "coffeechat.cards.tasks.read_card",
        "coffeechat.strategy.tasks.catch_up_themes",
    } <= set(_tasks())


@pytest.mark.parametrize("path", sorted(_tasks()))
def test_every_task_takes_its_ids_by_keyword(path: str) -> None:
    parameters = inspect.signature(_tasks()[path].func, eval_str=True).parameters.values()
    for parameter in parameters:
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, (path, parameter.name)
        assert parameter.name.endswith("_id"), (path, parameter.name)
        assert parameter.annotation is int, (path, parameter.name)


def test_every_enqueue_passes_its_arguments_by_keyword() -> None:
    positional = []
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "testing" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            is_enqueue = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if is_enqueue and node.func.attr in {"enqueue", "aenqueue"} and node.args:
                positional.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert positional == []


@pytest.mark.django_db
def test_a_task_queued_by_position_before_the_upgrade_still_runs_after_it() -> None:
    # A row left in the queue by the release before keyword-only ids (lib migration 0002).
    old = DBTaskResult.objects.create(
        task_path="coffeechat.outreach.tasks.deliver",
        args_kwargs={"args": [5], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    migration = importlib.import_module("coffeechat.lib.migrations.0002_task_ids_by_keyword")
    migration.ids_by_keyword(apps, None)
    old.refresh_from_db()
    assert old.args_kwargs == {"args": [], "kwargs": {"message_id": 5}}
    task = _tasks()["coffeechat.outreach.tasks.deliver"]
    inspect.signature(task.func).bind(*old.args_kwargs["args"], **old.args_kwargs["kwargs"])
