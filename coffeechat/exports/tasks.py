"""Background tasks for exports: thin wrappers that pass ids to the services."""

from __future__ import annotations

from django.tasks import task

from coffeechat.exports import importing, services


@task(queue_name="imports")  # the bulk-work queue: a big account takes a while
def build_export(*, export_id: int) -> None:
    """Build one requested account zip (django-tasks-db's db_worker runs this)."""
    services.build_export(export_id=export_id)


@task()
def purge_expired_exports() -> None:
    """Delete the export files whose time is up."""
    services.purge_expired_exports()


@task(queue_name="imports")
def import_account(*, import_id: int) -> None:
    """Load one uploaded export zip into its owner's empty account."""
    importing.run_import(import_id=import_id)


@task(queue_name="imports")
def undo_import(*, import_id: int) -> None:
    """Erase what an account import whose worker died had written."""
    importing.run_undo(import_id=import_id)
