"""The full-text index (coffeechat/search/schema.py): FTS5 on SQLite, tsvector on PostgreSQL."""

from django.db import migrations

from coffeechat.search import schema


def forward(apps, schema_editor):
    for statement in schema.forward(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)
    for statement in schema.rebuild(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    for statement in schema.backward(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_person_keep_in_touch_weeks_person_last_touch_at_and_more"),
        ("conversations", "0002_meeting_held_at_meeting_invite_sent_at_and_more"),
        ("prep", "0002_obstacles_move_to_strategy"),
    ]
    operations = [migrations.RunPython(forward, backward)]
