"""Queued tasks pass their ids by keyword (docs/architecture.md, "Background tasks").

Tasks enqueued before this release stored their id as a positional argument
(`{"args": [5], "kwargs": {}}`); the tasks now take keyword-only ids, so the worker would fail
such a row with a TypeError (a message never sent, an import stuck). This moves the id of every
row still waiting into its keyword. The names are frozen here on purpose: a migration must not
import the apps' current code.
"""

from django.db import migrations

ID_BY_TASK = {
    "coffeechat.cards.tasks.read_card": "card_id",
    "coffeechat.exports.tasks.build_export": "export_id",
    "coffeechat.exports.tasks.import_account": "import_id",
    "coffeechat.imports.tasks.analyse_import": "import_id",
    "coffeechat.imports.tasks.apply_import": "import_id",
    "coffeechat.outreach.tasks.deliver": "message_id",
    "coffeechat.strategy.tasks.catch_up_themes": "owner_id",
}
UNFINISHED = ["READY", "RUNNING"]


def ids_by_keyword(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    waiting = DBTaskResult.objects.filter(task_path__in=ID_BY_TASK, status__in=UNFINISHED)
    for row in waiting.iterator():
        args = row.args_kwargs.get("args") or []
        if len(args) != 1:
            continue  # already by keyword
        kwargs = {**row.args_kwargs.get("kwargs", {}), ID_BY_TASK[row.task_path]: args[0]}
        row.args_kwargs = {"args": [], "kwargs": kwargs}
        row.save(update_fields=["args_kwargs"])


class Migration(migrations.Migration):
    dependencies = [
        ("lib", "0001_submitted_form"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(ids_by_keyword, migrations.RunPython.noop)]
