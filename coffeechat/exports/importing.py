"""Importing an account export zip into an empty account, in the worker, batch by batch.

Batches, because SQLite has one write lock: one transaction for a whole account held it about
11 s per 10,000 people, and every other user's write waited behind it (or failed, past the
20 s busy timeout). Each batch of rows is its own short transaction (document.Loader).

All or nothing for the user all the same: the account must be empty to start with, so when
anything fails, what the owner has of the imported models is what this import wrote, and
erasing it (erasure.erase_imported_rows, batch by batch too) leaves the account as it was.
The import is then UNDOING, and FAILED with its reason once the rows are gone. A worker that
dies mid-way stops renewing its lease; the page or the scheduler's sweep notices and a task
undoes it the same way. The profile fields (name, time zone...) are written last, with the
audit event, in the transaction that completes the import.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import OperationalError, transaction
from django.utils import timezone
from django_tasks_db.utils import is_locked_database_exception

from coffeechat.accounts import audit
from coffeechat.accounts.models import User
from coffeechat.exports import archive as archive_
from coffeechat.exports import document, erasure, queries, rederive
from coffeechat.exports.models import AccountImport
from coffeechat.lib import leases

logger = logging.getLogger(__name__)

IMPORT_DEAD_AFTER = timedelta(minutes=5)
Status = AccountImport.Status
IN_PROGRESS = (Status.PENDING, Status.RUNNING, Status.UNDOING)
SERVER_STOPPED = (
    "The server stopped while importing (it was restarted, or ran out of memory). "
    "Nothing was imported: upload the zip again."
)
SOMETHING_WRONG = "Something went wrong while importing; nothing was imported."


@dataclass(frozen=True)
class ImportResult:
    counts: dict[str, int]

    @property
    def summary(self) -> str:
        parts = [
            f"{n} {apps.get_model(label)._meta.verbose_name_plural}"
            for label, n in self.counts.items()
            if n
        ]
        return ", ".join(parts) or "nothing"


def request_import(*, owner: User, upload: IO[bytes], size: int) -> AccountImport:
    """Keep an uploaded export zip and queue it for the worker; return the import's record.

    Checked here from its size and zip directory alone (nothing inflated, nothing parsed: the
    web process never holds the document). An import already in progress is returned.
    """
    running = AccountImport.objects.filter(owner=owner, status__in=IN_PROGRESS).first()
    if running:
        return running
    refuse_unless_empty(owner)
    archive_.check_upload(upload, size)
    upload.seek(0)
    account_import = AccountImport(owner=owner, size=size, step="Waiting for the worker")
    account_import.file.save("import.zip", File(upload), save=False)
    try:
        with transaction.atomic():
            account_import.save()
            transaction.on_commit(lambda: _enqueue("import_account", account_import.pk))
    except Exception:
        account_import.file.delete(save=False)
        raise
    return account_import


def _enqueue(task_name: str, import_id: int) -> None:
    from coffeechat.exports import tasks  # tasks imports this module

    getattr(tasks, task_name).enqueue(import_id=import_id)


def run_import(*, import_id: int) -> AccountImport | None:
    """Load a queued export zip into its owner's account (the worker's task).

    Claims the row with a conditional UPDATE, so a task run twice imports once, and holds its
    lease while it works (and while a failure is undone). The zip is deleted afterwards,
    unless the database was locked: then, what was written being undone, the import waits
    again and db_worker runs the task again once the database is free.
    """
    rows = AccountImport.objects.filter(pk=import_id)
    if not rows.filter(status=Status.PENDING).update(
        status=Status.RUNNING, heartbeat_at=timezone.now(), step="Checking the zip"
    ):
        return None
    account_import = AccountImport.objects.select_related("owner").get(pk=import_id)
    progress, retry = _progress(rows), None
    with leases.lease(rows.filter(status__in=[Status.RUNNING, Status.UNDOING])):
        try:
            with account_import.file.open("rb") as stream:
                import_account(
                    owner=account_import.owner,
                    archive=stream,
                    progress=progress,
                    writing=lambda: rows.update(began_writing=True),
                    complete=lambda result: rows.update(
                        status=Status.DONE, summary=result.summary, step=""
                    ),
                )
        except UndoUnfinished:
            logger.exception("Account import %s failed, and so did its undoing", import_id)
            rows.update(status=Status.UNDOING, error=SOMETHING_WRONG)
        except Exception as error:  # import_account undid what it wrote
            reason, retry = _reason_for(error, import_id)
            if retry:  # from the start again, its account empty again
                rows.update(status=Status.PENDING, began_writing=False, step="")
            else:
                rows.update(status=Status.FAILED, error=reason, step="")
    account_import.refresh_from_db()
    if account_import.status == Status.UNDOING:  # a task finishes the undoing
        _hand_over_undoing(account_import, timezone.now())
    elif retry:
        raise retry  # db_worker runs the task again later ("database is locked")
    else:
        _finish(account_import)
    return account_import


class UndoUnfinished(Exception):
    """An import failed, and erasing what it had written failed too."""


def _reason_for(error: Exception, import_id: int) -> tuple[str, OperationalError | None]:
    """What the import's page says went wrong, and the error to raise for a retry."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages), None
    if isinstance(error, OperationalError) and is_locked_database_exception(error):
        return "", error
    logger.error("Account import %s failed", import_id, exc_info=error)
    return SOMETHING_WRONG, None


def _progress(rows: Any) -> Callable[[str], Any]:
    # The step shown on the import's page; at most one small write a second.
    last = [0.0]

    def progress(step: str) -> None:
        now = timezone.now().timestamp()
        if now - last[0] >= 1:
            last[0] = now
            rows.update(step=step[:200])

    return progress


def _finish(account_import: AccountImport) -> None:
    account_import.file.delete(save=False)
    account_import.finished_at, account_import.heartbeat_at = timezone.now(), None
    account_import.save(update_fields=["file", "finished_at", "heartbeat_at", "updated_at"])


def run_undo(*, import_id: int) -> AccountImport | None:
    """Undo an import whose worker died (the task the page or the sweep queues).

    Claims it (a lease nobody holds) with a conditional UPDATE, so two of these never work
    on one import at once; erasing again what another started is harmless.
    """
    rows = AccountImport.objects.filter(pk=import_id, status=Status.UNDOING)
    if not rows.filter(heartbeat_at__isnull=True).update(heartbeat_at=timezone.now()):
        return None
    account_import = AccountImport.objects.select_related("owner").get(pk=import_id)
    with leases.lease(rows):
        # Before its first write the import had checked the account was empty; one that
        # died earlier wrote nothing, and whatever the account holds is the user's own.
        if account_import.began_writing:
            erasure.erase_imported_rows(account_import.owner, _progress(rows))
        rows.update(status=Status.FAILED, step="")
    account_import.refresh_from_db()
    _finish(account_import)
    return account_import


def sweep_dead_imports(now: datetime | None = None) -> bool:
    """Undo account imports whose worker died (a scheduler job); True when there was one.

    Also queues again the undoing of an import whose undo died or was never picked up.
    """
    now = now or timezone.now()
    found = False
    for dead in AccountImport.objects.filter(
        status__in=[Status.RUNNING, Status.UNDOING], heartbeat_at__lt=now - IMPORT_DEAD_AFTER
    ):
        found |= give_up_if_dead(dead, now=now)
    lost = AccountImport.objects.filter(
        status=Status.UNDOING, heartbeat_at__isnull=True, updated_at__lt=now - IMPORT_DEAD_AFTER
    )
    for waiting in lost:
        if lost.filter(pk=waiting.pk, updated_at=waiting.updated_at).update(updated_at=now):
            _enqueue("undo_import", waiting.pk)
            found = True
    return found


def give_up_if_dead(account_import: AccountImport, *, now: datetime | None = None) -> bool:
    """If the import's worker stopped beating, hand its undoing to a task; True if it did.

    Cheap (one conditional UPDATE), so the import's page calls it on every look.
    """
    now = now or timezone.now()
    beat = account_import.heartbeat_at
    if account_import.status not in (Status.RUNNING, Status.UNDOING) or not beat:
        return False
    return beat < now - IMPORT_DEAD_AFTER and _hand_over_undoing(account_import, now)


def _hand_over_undoing(account_import: AccountImport, now: datetime) -> bool:
    # Conditional on the last beat seen: of two processes giving the same import up, one does.
    with transaction.atomic():
        given_up = AccountImport.objects.filter(
            pk=account_import.pk, heartbeat_at=account_import.heartbeat_at
        ).update(
            status=Status.UNDOING,
            heartbeat_at=None,
            updated_at=now,
            step="Removing what was imported",
            error=account_import.error or SERVER_STOPPED,
        )
        if given_up:
            transaction.on_commit(lambda: _enqueue("undo_import", account_import.pk))
    account_import.refresh_from_db()
    return bool(given_up)


def import_account(
    *,
    owner: User,
    archive: IO[bytes],
    progress: Callable[[str], Any] = lambda step: None,
    writing: Callable[[], Any] = lambda: None,
    complete: Callable[[ImportResult], Any] = lambda result: None,
) -> ImportResult:
    """Load a coffeechat export zip into `owner`'s account, which must be empty.

    Batch by batch, and all or nothing: on any failure what was written is erased again (the
    module's docstring) before the error is raised, or UndoUnfinished if that failed too.
    `writing()` is called once the account was found empty, before the first write;
    `complete(result)` in the last transaction, with the profile and the audit event.
    Bounded cost whatever the zip holds (archive.py), and nothing in it taken on trust
    (rederive.py). Secrets were never exported, so the SMTP, IMAP and AI settings need their
    passwords again.
    """
    refuse_unless_empty(owner)
    with archive_.open_zip(archive) as zipped:
        progress("Reading the records")
        doc = archive_.read_document(zipped)
        try:
            document.check_header({**doc.header, "records": dict.fromkeys(doc.records)})
            save_profile = document.checked_account(owner, doc.header["account"])

            def read_file(path: str, field: Any) -> tuple[bytes, str]:
                return rederive.check_file(
                    field, archive_.read_member(zipped, path), path.rsplit("/")[-1]
                )

            loader = document.Loader(
                owner,
                doc.records,
                read_file,
                rederive.rederive,
                drop_pristine=queries.pristine_row,
                progress=progress,
            )
            writing()
            try:
                result = ImportResult(loader.load())
                with transaction.atomic():  # the last step: the import is complete
                    save_profile()
                    audit.record(
                        user=owner,
                        kind=audit.Kind.ACCOUNT_IMPORT,
                        detail=f"Imported {result.summary}",
                    )
                    complete(result)
                    for then in loader.after_import:
                        transaction.on_commit(then, robust=True)
            except BaseException:
                loader.remove_unsaved_files()
                progress("Something was wrong: removing what was imported")
                try:
                    erasure.erase_imported_rows(owner, progress)
                except Exception as undo_error:
                    raise UndoUnfinished from undo_error
                raise
        finally:
            doc.close()
    return result


def refuse_unless_empty(owner: User) -> None:
    existing = queries.row_counts(owner)
    if existing:
        found = ", ".join(f"{n} {name}" for name, n in existing.items())
        raise ValidationError(
            f"Import only works into an empty account, and this one already "
            f"has {found}. Create a new account to import into, or delete "
            "this account's data first."
        )
