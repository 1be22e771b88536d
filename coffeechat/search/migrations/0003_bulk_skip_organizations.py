"""PostgreSQL: the organization trigger also skips its work inside a bulk write, and
search_refresh_organizations indexes a bulk write's organizations at its end; the functions
are made again from schema.py. SQLite is unchanged."""

from django.db import migrations

from coffeechat.search import schema


def remake_functions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in schema.forward("postgresql"):
        if statement.lstrip().startswith("CREATE OR REPLACE FUNCTION"):
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_bulk_skip")]

    operations = [migrations.RunPython(remake_functions, migrations.RunPython.noop)]
