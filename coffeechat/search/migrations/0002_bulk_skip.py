"""PostgreSQL: the person triggers' functions learn to skip their work inside a bulk write
(schema.PG_BULK_SETTING); they are made again from schema.py. SQLite is unchanged."""

from django.db import migrations

from coffeechat.search import schema


def remake_functions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in schema.forward("postgresql"):
        if statement.lstrip().startswith("CREATE OR REPLACE FUNCTION"):
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(remake_functions, migrations.RunPython.noop)]
