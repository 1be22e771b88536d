"""Background tasks for imports: thin wrappers that load by id and call one service.

They run on the "imports" queue, whose own worker (scripts/run.sh) keeps a big file from
delaying mail and reminders, and each holds the import's lease (work.py) while it works, so an
import whose worker dies is noticed and can be retried.
"""

from __future__ import annotations

import logging

from django.db import OperationalError
from django.tasks import task
from django_tasks_db.utils import is_locked_database_exception

from coffeechat.imports import applying, services, work
from coffeechat.imports.models import ContactImport

log = logging.getLogger(__name__)
Status = ContactImport.Status


@task(queue_name="imports")
def analyse_import(*, import_id: int) -> str:
    """Parse and match a large file (the preview); the worker (`db_worker`) runs this."""
    contact_import = ContactImport.objects.get(pk=import_id)
    if contact_import.status != Status.ANALYSING:  # discarded, or given up, while it waited
        return contact_import.status
    with work.lease(import_id):
        try:
            return services.analyse(contact_import=contact_import).status
        except Exception as error:
            if _is_lock(error):
                raise  # db_worker runs the task again once the database is free
            _failed(contact_import, "Something went wrong while reading this file.")
            raise


@task(queue_name="imports")
def apply_import(*, import_id: int) -> str:
    """Apply a large previewed import in one transaction."""
    contact_import = ContactImport.objects.get(pk=import_id)
    if contact_import.status != Status.IMPORTING:
        return contact_import.status
    with work.lease(import_id):
        try:
            return applying.run_import(contact_import=contact_import).status
        except Exception as error:
            if _is_lock(error):
                raise  # rolled back; db_worker runs the task again once the database is free
            _failed(contact_import, "Something went wrong; nothing was imported.")
            raise


def _is_lock(error: Exception) -> bool:
    return isinstance(error, OperationalError) and is_locked_database_exception(error)


def _failed(contact_import: ContactImport, message: str) -> None:
    # The user sees "couldn't import" instead of a spinner that never ends.
    log.exception("Import %s failed", contact_import.pk)
    services.fail(contact_import=contact_import, message=message)
