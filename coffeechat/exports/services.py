"""Writes for exports: account zips. The app's other writes are in their own modules,
named here too so other apps have one place to call: importing a zip into an empty account
(importing.py) and erasure (erasure.py).

The model walk in `walk.py` decides what an account holds, so a model added to any app is
exported, imported and erased without a change here.
"""

from __future__ import annotations

import json
import logging
import tempfile
import zipfile
from datetime import datetime, timedelta
from typing import IO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.exports import document, formats, queries, walk
from coffeechat.exports.erasure import delete_account, forget_person
from coffeechat.exports.importing import import_account, sweep_dead_imports
from coffeechat.exports.models import AccountExport

# What other apps call, whose work lives beside this module.
__all__ = ["delete_account", "forget_person", "import_account", "sweep_dead_imports"]

logger = logging.getLogger(__name__)

EXPORT_KEPT_FOR = timedelta(hours=1)
STUCK_AFTER = timedelta(hours=2)


def site_host() -> str:
    """The host part of SITE_URL: the domain of exported UIDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


# The full-account zip --------------------------------------------------------------------------


def write_account_zip(*, owner: User, out: IO[bytes], now: datetime | None = None) -> None:
    """Write everything `owner` has into a zip: data.json, CSVs, a .vcf, an .ics, files.

    Layout and JSON format: README.md, "Your data: export and deletion".
    """
    now = now or timezone.now()
    host = site_host()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", _document_json(owner, now, archive))
        people = list(queries.people_for_export(owner))
        archive.writestr(
            "people.csv", formats.csv_text(formats.PEOPLE_HEADER, formats.people_rows(people))
        )
        archive.writestr("people.vcf", formats.vcards(people, host=host))
        archive.writestr(
            "meetings.ics",
            formats.meetings_ics(
                queries.meetings_for_export(owner), host=host, zone=owner.time_zone, now=now
            ),
        )
        for owned in walk.exported_models():
            archive.writestr(f"tables/{owned.label}.csv", _table_csv(owner, owned))
        archive.writestr(
            "README.txt",
            render_to_string(
                "exports/zip_readme.txt",
                {
                    "owner": owner,
                    "now": now,
                    "version": document.VERSION,
                    "omitted": document.omissions(),
                },
            ),
        )


def _document_json(owner: User, now: datetime, archive: zipfile.ZipFile) -> str:
    def copy_file(zip_path: str, field: models.FileField, name: str) -> None:
        with field.storage.open(name, "rb") as stored:
            archive.writestr(zip_path, stored.read())

    doc = {
        "format": document.FORMAT,
        "version": document.VERSION,
        "exported_at": now.isoformat(),
        "account": document.account_fields(owner),
        "omitted": document.omissions(),
        "records": {
            owned.label: list(document.records_of(owner, owned, copy_file))
            for owned in walk.exported_models()
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)


def _table_csv(owner: User, owned: walk.OwnedModel) -> str:
    # The same records as data.json, flat: many-to-many lists become "1;2;3".
    records = list(document.records_of(owner, owned))
    header = [
        "id",
        *(f.name for f in walk.exported_fields(owned.model)),
        *(f.name for f in walk.many_to_many(owned.model)),
    ]
    rows = (
        [
            ";".join(map(str, v))
            if isinstance(v, list)
            else json.dumps(v)
            if isinstance(v, dict)
            else v
            for v in (record.get(name) for name in header)
        ]
        for record in records
    )
    return formats.csv_text(header, rows)


@transaction.atomic
def request_export(*, owner: User, now: datetime | None = None) -> AccountExport:
    """Start building a zip of the owner's account in the background; return its record.

    An export already waiting or running is returned instead of starting a second one.
    """
    now = now or timezone.now()
    purge_expired_exports(now=now)
    running = (
        queries.exports_for(owner)
        .filter(
            status__in=[AccountExport.Status.PENDING, AccountExport.Status.RUNNING],
            created_at__gt=now - STUCK_AFTER,
        )
        .first()
    )
    if running:
        return running
    export = AccountExport.objects.create(owner=owner, created_at=now)
    transaction.on_commit(lambda: _enqueue_build(export.pk), robust=True)
    return export


def _enqueue_build(export_id: int) -> None:
    from coffeechat.exports import tasks  # tasks imports this module

    tasks.build_export.enqueue(export_id=export_id)


def build_export(*, export_id: int, now: datetime | None = None) -> AccountExport | None:
    """Build the zip of a requested export and keep it for EXPORT_KEPT_FOR.

    Claims the row with a conditional UPDATE, so a task run twice builds it once. Returns None
    when there was nothing to do (already claimed, or the account is gone).
    """
    now = now or timezone.now()
    claimed = AccountExport.objects.filter(
        pk=export_id, status=AccountExport.Status.PENDING
    ).update(status=AccountExport.Status.RUNNING)
    if not claimed:
        return None
    export = AccountExport.objects.select_related("owner").get(pk=export_id)
    try:
        # A temporary file, not memory: a large account's zip can be big.
        with tempfile.TemporaryFile() as scratch:
            write_account_zip(owner=export.owner, out=scratch, now=now)
            export.file.save("export.zip", File(scratch), save=False)
    except Exception as error:
        logger.exception("Export %s failed", export_id)
        export.status, export.error = AccountExport.Status.FAILED, str(error)[:1000]
    else:
        export.status, export.size = AccountExport.Status.READY, export.file.size
    finished = timezone.now()
    export.finished_at, export.expires_at = finished, finished + EXPORT_KEPT_FOR
    export.save(
        update_fields=["status", "file", "size", "error", "finished_at", "expires_at", "updated_at"]
    )
    _schedule_purge(export.expires_at)
    return export


def _schedule_purge(when: datetime) -> None:
    # Backends that can run a task later (django_tasks_db) delete the file on time; the
    # others rely on the purge every new export request and data page does.
    from django.tasks import default_task_backend

    from coffeechat.exports import tasks

    if default_task_backend.supports_defer:
        tasks.purge_expired_exports.using(run_after=when + timedelta(seconds=5)).enqueue()


def purge_expired_exports(*, now: datetime | None = None) -> int:
    """Delete every expired export and its file; return how many were deleted."""
    now = now or timezone.now()
    # A build that never finished (its worker died) counts as expired too.
    expired = AccountExport.objects.filter(
        Q(expires_at__lte=now) | Q(expires_at__isnull=True, created_at__lte=now - STUCK_AFTER)
    )
    count = 0
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
