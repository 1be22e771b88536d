"""Background tasks for imports: thin wrappers that load by id and call one service."""

from __future__ import annotations

import logging

from django.tasks import task

from coffeechat.imports import services
from coffeechat.imports.models import ContactImport

log = logging.getLogger(__name__)


@task()
def analyse_import(import_id: int) -> str:
    """Parse and match a large file (the preview); the worker (`db_worker`) runs this."""
    contact_import = ContactImport.objects.get(pk=import_id)
    try:
        return services.analyse(contact_import=contact_import).status
    except Exception:
        # The user sees "couldn't import" instead of a spinner that never ends.
        log.exception("Analysing import %s failed", import_id)
        services.fail(contact_import=contact_import,
                      message="Something went wrong while reading this file.")
        raise


@task()
def apply_import(import_id: int) -> str:
    """Apply a large previewed import in one transaction."""
    contact_import = ContactImport.objects.get(pk=import_id)
    try:
        return services.run_import(contact_import=contact_import).status
    except Exception:
        log.exception("Applying import %s failed", import_id)
        services.fail(contact_import=contact_import,
                      message="Something went wrong; nothing was imported.")
        raise
