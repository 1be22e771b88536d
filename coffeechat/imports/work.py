"""Where contact imports run, how many at once, and how a dead process is noticed (a lease).

A process working on an import keeps its `heartbeat_at` fresh (coffeechat/lib/leases.py). An
import still analysing or importing whose heartbeat is older than
DEAD_AFTER was left by a process that died (kill -9, out of memory, a restart): the sweep (the
scheduler's, and any look at the import's page) marks it failed with nothing written (applying
is one transaction; an analysis's partial preview is removed), and its page offers Retry and
Discard. An import queued but never started has no heartbeat; after NEVER_STARTED_AFTER it is
given up the same way (its task, should it still run, finds it failed and does nothing).
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.imports import applying, services
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.lib import leases

log = logging.getLogger(__name__)
Status = ContactImport.Status

DEAD_AFTER = timedelta(minutes=5)
NEVER_STARTED_AFTER = timedelta(hours=6)
# One person's files wait for each other, so one big upload after another can't fill the
# imports queue ahead of everybody else's (docs/operations.md, "Processes").
MAX_WORKING_PER_USER = 2
WORKING = (Status.ANALYSING, Status.IMPORTING)
DIED = (
    "The server stopped while working on this file (it was restarted, or ran out of "
    "memory). Nothing was imported."
)


# The lease ------------------------------------------------------------------------------------


def beat(import_id: int) -> None:
    """Say that a live process is working on this import."""
    leases.beat(ContactImport.objects.filter(pk=import_id, status__in=WORKING))


def lease(import_id: int) -> AbstractContextManager[None]:
    """Hold the import's lease while a block works on it (coffeechat/lib/leases.py)."""
    return leases.lease(ContactImport.objects.filter(pk=import_id, status__in=WORKING))


def sweep_dead_imports(now: datetime | None = None) -> bool:
    """Mark failed every import whose process died. True when there was one (scheduler job)."""
    now = now or timezone.now()
    dead = ContactImport.objects.filter(status__in=WORKING).filter(
        Q(heartbeat_at__lt=now - DEAD_AFTER)
        | Q(heartbeat_at=None, updated_at__lt=now - NEVER_STARTED_AFTER)
    )
    found = False
    for contact_import in dead.only("pk", "status", "heartbeat_at"):
        found |= _give_up(contact_import, now)
    return found


def check_alive(contact_import: ContactImport, now: datetime | None = None) -> ContactImport:
    """The import as it stands, after giving it up if its process died (for its page)."""
    now = now or timezone.now()
    beat_at = contact_import.heartbeat_at
    if contact_import.status in WORKING and beat_at and beat_at < now - DEAD_AFTER:
        _give_up(contact_import, now)
        contact_import.refresh_from_db()
    return contact_import


def _give_up(contact_import: ContactImport, now: datetime) -> bool:
    # Conditional on what we read: a process that beat meanwhile is alive after all.
    given_up = ContactImport.objects.filter(
        pk=contact_import.pk,
        status=contact_import.status,
        heartbeat_at=contact_import.heartbeat_at,
    ).update(
        status=Status.FAILED,
        interrupted=contact_import.status,
        heartbeat_at=None,
        error=DIED,
        updated_at=now,
    )
    if given_up and contact_import.status == Status.ANALYSING:
        ImportRow.objects.filter(contact_import_id=contact_import.pk).delete()
    if given_up:
        log.warning(
            "Import %s was left %s by a process that died; marked failed",
            contact_import.pk,
            contact_import.status,
        )
    return bool(given_up)


# Starting, retrying, and how many at once -----------------------------------------------------


def start_upload(*, owner: User, filename: str, data: bytes, kind: str = "") -> ContactImport:
    """Take a file a person uploads (the page and the API): refused while they already have
    MAX_WORKING_PER_USER files being read or added; kept; and read now or queued, unless a
    plain CSV must first have its columns chosen (status MAPPING). The command line, run by
    the operator, calls services.receive_file directly and isn't capped."""
    with transaction.atomic():
        check_capacity(owner)
        contact_import = services.receive_file(owner=owner, filename=filename, data=data, kind=kind)
    if contact_import.status == Status.ANALYSING:
        return services.start_analysis(contact_import=contact_import)
    return contact_import


def check_capacity(owner: User) -> None:
    """Refuse a new file while the owner already has MAX_WORKING_PER_USER being worked on."""
    working = ContactImport.objects.filter(owner=owner, status__in=WORKING).count()
    if working >= MAX_WORKING_PER_USER:
        raise ValidationError(
            f"You have {working} imports still being read or added. Wait for one of them to "
            "finish (they show on the Imports page), then add this file.",
            code="busy",
        )


def retry(*, contact_import: ContactImport) -> ContactImport:
    """Start again the step a dead process left unfinished: the analysis or the apply."""
    step = contact_import.interrupted
    if not contact_import.can_retry or not contact_import.data:
        raise ValidationError("Only an import that was interrupted can be retried.")
    back_to = Status.PREVIEW if step == Status.IMPORTING else Status.ANALYSING
    claimed = ContactImport.objects.filter(
        pk=contact_import.pk, status=Status.FAILED, interrupted=step
    ).update(status=back_to, interrupted="", error="", updated_at=timezone.now())
    if not claimed:  # a double click: the first one is already on it
        contact_import.refresh_from_db()
        return contact_import
    contact_import.status, contact_import.interrupted, contact_import.error = back_to, "", ""
    if back_to == Status.PREVIEW:
        return applying.start_import(contact_import=contact_import)
    return services.start_analysis(contact_import=contact_import)
