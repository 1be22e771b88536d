"""The database cache's table (settings.CACHES), made here so a fresh clone's `migrate` (and the
test database) has it: the sign-in throttling counts live there."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_tables(apps, schema_editor) -> None:
    from django.conf import settings

    for cache in settings.CACHES.values():
        if cache["BACKEND"].endswith("DatabaseCache"):
            name = schema_editor.connection.ops.quote_name(cache["LOCATION"])
            schema_editor.execute(f"DROP TABLE IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_audit_event")]

    operations = [migrations.RunPython(create_cache_tables, drop_cache_tables)]
