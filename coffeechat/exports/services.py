"""Writes for exports: account zips, importing one into an empty account, and erasure.

The model walk in `walk.py` decides what an account holds, so a model added to any app is
exported, imported and erased without a change here.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import OperationalError, connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks_db.utils import is_locked_database_exception

from coffeechat.accounts import audit
from coffeechat.accounts.models import User
from coffeechat.exports import archive as archive_
from coffeechat.exports import document, formats, queries, rederive, walk
from coffeechat.exports.models import AccountExport, AccountImport
from coffeechat.lib import leases
from coffeechat.network.models import Person

logger = logging.getLogger(__name__)

EXPORT_KEPT_FOR = timedelta(hours=1)
STUCK_AFTER = timedelta(hours=2)
IMPORT_DEAD_AFTER = timedelta(minutes=5)


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


# Importing -------------------------------------------------------------------------------------


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
    web process never holds the document). An import already waiting or running is returned.
    """
    _refuse_unless_empty(owner)
    archive_.check_upload(upload, size)
    running = AccountImport.objects.filter(
        owner=owner, status__in=[AccountImport.Status.PENDING, AccountImport.Status.RUNNING]
    ).first()
    if running:
        return running
    upload.seek(0)
    account_import = AccountImport(owner=owner, size=size, step="Waiting for the worker")
    account_import.file.save("import.zip", File(upload), save=False)
    try:
        with transaction.atomic():
            account_import.save()
            transaction.on_commit(lambda: _enqueue_import(account_import.pk), robust=True)
    except Exception:
        account_import.file.delete(save=False)
        raise
    return account_import


def _enqueue_import(import_id: int) -> None:
    from coffeechat.exports import tasks

    tasks.import_account.enqueue(import_id=import_id)


def run_import(*, import_id: int) -> AccountImport | None:
    """Load a queued export zip into its owner's account (the worker's task).

    Claims the row with a conditional UPDATE, so a task run twice imports once, and holds its
    lease while it works. The zip is deleted afterwards, whatever happened.
    """
    Status = AccountImport.Status
    rows = AccountImport.objects.filter(pk=import_id)
    if not rows.filter(status=Status.PENDING).update(
        status=Status.RUNNING, heartbeat_at=timezone.now(), step="Checking the zip"
    ):
        return None
    account_import = AccountImport.objects.select_related("owner").get(pk=import_id)
    retry = False
    try:
        with (
            leases.lease(rows.filter(status=Status.RUNNING)),
            account_import.file.open("rb") as stream,
        ):
            result = import_account(
                owner=account_import.owner,
                archive=stream,
                progress=lambda step: rows.update(step=step),
            )
    except ValidationError as error:
        account_import.status, account_import.error = Status.FAILED, " ".join(error.messages)
    except OperationalError as error:
        if not is_locked_database_exception(error):
            raise
        # Rolled back: waiting again lets db_worker run the task once the database is free.
        account_import.status, retry = Status.PENDING, True
        raise
    except Exception:
        logger.exception("Account import %s failed", import_id)
        account_import.status = Status.FAILED
        account_import.error = "Something went wrong while importing; nothing was imported."
    else:
        account_import.status, account_import.summary = Status.DONE, result.summary
    finally:
        if not retry:
            account_import.file.delete(save=False)
            account_import.finished_at = timezone.now()
        account_import.heartbeat_at = None
        account_import.save(
            update_fields=[
                "status",
                "error",
                "summary",
                "file",
                "heartbeat_at",
                "finished_at",
                "updated_at",
            ]
        )
    return account_import


def sweep_dead_imports(now: datetime | None = None) -> bool:
    """Give up account imports whose worker died (a scheduler job); True when there was one.

    The import is one transaction, so a dead one wrote nothing; its zip is deleted and the
    user uploads it again.
    """
    now = now or timezone.now()
    found = False
    for dead in AccountImport.objects.filter(
        status=AccountImport.Status.RUNNING, heartbeat_at__lt=now - IMPORT_DEAD_AFTER
    ):
        found |= give_up_if_dead(dead, now=now)
    return found


def give_up_if_dead(account_import: AccountImport, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    beat = account_import.heartbeat_at
    if (
        account_import.status != AccountImport.Status.RUNNING
        or not beat
        or (beat >= now - IMPORT_DEAD_AFTER)
    ):
        return False
    given_up = AccountImport.objects.filter(pk=account_import.pk, heartbeat_at=beat).update(
        status=AccountImport.Status.FAILED,
        heartbeat_at=None,
        finished_at=now,
        error="The server stopped while importing (it was restarted, or ran out of memory). "
        "Nothing was imported: upload the zip again.",
    )
    if given_up and account_import.file:
        account_import.file.delete(save=False)
    account_import.refresh_from_db()
    return bool(given_up)


def import_account(
    *, owner: User, archive: IO[bytes], progress: Callable[[str], Any] = lambda step: None
) -> ImportResult:
    """Load a coffeechat export zip into `owner`'s account, which must be empty.

    All or nothing: one transaction. Bounded cost whatever the zip holds (archive.py), and
    nothing in it taken on trust (rederive.py). Secrets were never exported, so the SMTP, IMAP
    and AI settings need their passwords again. Files written before a failure are removed.
    """
    _refuse_unless_empty(owner)
    with archive_.open_zip(archive) as zipped:
        progress("Reading the records")
        doc = archive_.read_document(zipped)
        try:
            document.check_header({**doc.header, "records": dict.fromkeys(doc.records)})
            progress(f"Adding {doc.total:,} records to your account")

            def read_file(path: str, field: models.FileField) -> tuple[bytes, str]:
                return rederive.check_file(
                    field, archive_.read_member(zipped, path), path.rsplit("/")[-1]
                )

            loader = document.Loader(owner, doc.records, read_file, rederive.rederive)
            try:
                with transaction.atomic():
                    # Rows of defaults only (opening a settings page makes one) give way to
                    # the file's, which a one-per-owner constraint would otherwise refuse.
                    for row in queries.pristine_rows(owner):
                        row.delete()
                    document.apply_account(owner, doc.header["account"])
                    counts = loader.load()
                    audit.record(
                        user=owner,
                        kind=audit.Kind.ACCOUNT_IMPORT,
                        detail=f"Imported {ImportResult(counts).summary}",
                    )
            except Exception:
                for storage, name in loader.written:
                    storage.delete(name)
                raise
        finally:
            doc.close()
    return ImportResult(counts)


def _refuse_unless_empty(owner: User) -> None:
    existing = queries.row_counts(owner)
    if existing:
        found = ", ".join(f"{n} {name}" for name, n in existing.items())
        raise ValidationError(
            f"Import only works into an empty account, and this one already "
            f"has {found}. Create a new account to import into, or delete "
            "this account's data first."
        )


# Erasure ---------------------------------------------------------------------------------------

FORGOTTEN = "(a person you forgot)"


def forget_person(*, person: Person) -> dict[str, int]:
    """Delete a person and every row that is about them; return counts by model.

    That is their conversations with what hangs off them (meetings, notes, reminders,
    activities, messages), introductions both ways, and any row of any app that points at
    one of those, even through a link that would only be cleared (SET_NULL): a scanned card
    or an import line about the person is about them too. Organizations and tags stay.

    What remains of the owner's other rows no longer names them either (`_scrub_mentions`:
    "Referred by …" on the people they referred, timeline lines, the user's notes), and the
    deleted text is pushed out of the database files (`purge_deleted_data`), as for a deleted
    account: the page says everything about them is gone, and it is.
    """
    with transaction.atomic():
        owner = person.owner
        traces = _identifying_text(person)
        doomed = queries.rows_about(Person, {person.pk})
        counts: dict[str, int] = defaultdict(int)
        files = _files_of(
            [model._default_manager.filter(pk__in=pks) for model, pks in doomed.items()]
        )
        # Delete the referrers furthest from the person first, so no SET_NULL fires on a row
        # that is going anyway.
        for model, pks in reversed(list(doomed.items())):
            deleted, by_label = model._default_manager.filter(pk__in=pks).delete()
            for label, n in by_label.items():
                counts[label] += n
        _scrub_mentions(owner, traces)
        _delete_files_on_commit(files)
    purge_deleted_data()
    return dict(counts)


def _identifying_text(person: Person) -> list[str]:
    """What names this person in other rows, longest first (so a name inside an address or a
    URL goes with it): their full name, email, phone and LinkedIn address. Not the first
    name alone: other people share it, and the user's words about them are not ours to guess.
    """
    values = {
        person.full_name.strip(),
        person.email.strip(),
        person.phone.strip(),
        person.linkedin_url.strip(),
    }
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def _scrub_mentions(owner: User, traces: list[str]) -> None:
    """Replace each trace, in any case, in every text field of every row the owner has left.

    One query per model finds the few rows that mention the person; the app's own sentences
    ("Referred by Dana Okafor; may mention Dana's name") lose the first name too.
    """
    if not traces:
        return
    patterns = [re.compile(re.escape(trace), re.IGNORECASE) for trace in traces]
    for owned in walk.user_linked_models():
        fields = [
            f
            for f in owned.model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.choices
        ]
        if not fields:
            continue
        query = models.Q()
        for field in fields:
            for trace in traces:
                query |= models.Q(**{f"{_searchable(field)}__icontains": trace})
                if isinstance(field, models.JSONField):  # as stored: non-ASCII escaped
                    query |= models.Q(
                        **{f"{_searchable(field)}__icontains": json.dumps(trace)[1:-1]}
                    )
        rows = owned.rows_of(owner).annotate(
            **{
                _searchable(f): Cast(f.attname, models.TextField())
                for f in fields
                if isinstance(f, models.JSONField)
            }
        )
        for row in rows.filter(query):
            changed = [f.attname for f in fields if _scrubbed(row, f, patterns) is not None]
            if changed:
                row.save(update_fields=changed)


def _searchable(field: models.Field) -> str:
    # A JSON field is searched as its text (an annotation; names can't hold "__").
    return f"{field.attname}_as_text" if isinstance(field, models.JSONField) else field.attname


def _scrubbed(row: models.Model, field: models.Field, patterns: list[re.Pattern]) -> str | None:
    value = getattr(row, field.attname)
    text = json.dumps(value, ensure_ascii=False) if isinstance(field, models.JSONField) else value
    if not isinstance(text, str):
        return None
    new = text
    for pattern in patterns:
        new = pattern.sub(FORGOTTEN, new)
    new = _MAY_MENTION.sub("may mention their name", new)
    if new == text:
        return None
    if isinstance(field, models.JSONField):
        setattr(row, field.attname, json.loads(new))
    else:
        setattr(row, field.attname, new[: field.max_length] if field.max_length else new)
    return new


# prep.add_referral writes "may mention <first name>'s name" beside "Referred by <full name>".
_MAY_MENTION = re.compile(r"(?<=Referred by \(a person you forgot\); )may mention [^;]*?'s name")


def delete_account(*, user: User) -> dict[str, int]:
    """Delete the user and every row of every model that leads to them; end their sessions.

    Deleted rows are overwritten in SQLite (secure_delete), and `purge_deleted_data` then
    checkpoints the WAL (or VACUUMs on PostgreSQL) so no copy stays in the database files.
    """
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        audit.record(user=user, kind=audit.Kind.ACCOUNT_DELETION)  # the server's log only
        doomed = [owned.rows_of(user) for owned in walk.user_linked_models()]
        files = _files_of(doomed)
        _end_sessions(user)
        # Explicitly and furthest first: a row that reaches the user through a SET_NULL link
        # would survive the cascade from the user row, orphaned but still theirs.
        for rows in reversed(doomed):
            for label, n in rows.delete()[1].items():
                counts[label] += n
        for label, n in user.delete()[1].items():
            counts[label] += n
        _delete_files_on_commit(files)
    purge_deleted_data()
    return dict(counts)


def _end_sessions(user: User) -> None:
    # Sessions store the user id inside their encoded data, so each live one is decoded.
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()


def _files_of(querysets: list[models.QuerySet]) -> list[tuple[Any, str]]:
    """(storage, name) of every file the rows hold: deleting a row leaves its file behind."""
    files = []
    for rows in querysets:
        for field in rows.model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names = rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
                files += [(field.storage, name) for name in names]
    return files


def _delete_files_on_commit(files: list[tuple[Any, str]]) -> None:
    # After commit: a rolled-back deletion must not have lost its files.
    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete)


def purge_deleted_data() -> None:
    """Push deleted rows out of every copy the database keeps (security.md T18).

    SQLite already overwrites deleted content (secure_delete); a truncating checkpoint also
    empties the WAL, which still holds the old pages. PostgreSQL keeps dead tuples until
    VACUUM, so the user-linked tables are vacuumed.
    """
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            tables = {owned.model._meta.db_table for owned in walk.user_linked_models()}
            tables |= {User._meta.db_table, Session._meta.db_table}
            tables |= {
                f.remote_field.through._meta.db_table
                for owned in walk.user_linked_models()
                for f in walk.many_to_many(owned.model)
            }
            for table in sorted(tables):
                cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
