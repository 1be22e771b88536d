"""Writes for imports, up to the preview: receive a file, analyse it into a preview (each
row matched against the network), record the user's decisions, discard. Applying the preview
is applying.py; undoing it, undoing.py.

Limits (documented in the upload form and tests/test_limits.py): 20 MB per file, 50,000 rows,
and for zips the checks in parsers/archive.py. Files bigger than ANALYSE_INLINE_BYTES are
analysed by the background worker (tasks.py, `manage.py db_worker`); smaller ones right away
in the request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.imports import bulk, dedupe, parsers
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.parsers import FileProblem, addressbook
from coffeechat.network.models import Person

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
ANALYSE_INLINE_BYTES = 512 * 1024
CHUNK = 1_000
Kind, Status = ContactImport.Kind, ContactImport.Status
Outcome, Decision, Result = ImportRow.Outcome, ImportRow.Decision, ImportRow.Result
# A sure duplicate merges; an uncertain one stays separate until the user says so.
FIRST_DECISION: dict[str, str] = {
    Outcome.DUPLICATE: Decision.MERGE,
    Outcome.UNCERTAIN: Decision.SEPARATE,
}


@dataclass
class Report:
    """How the rows of a file divide: rows_total == imported + duplicates + len(rejected)."""

    rows_total: int = 0
    imported: int = 0
    duplicates: int = 0  # sure and possible ones
    uncertain: int = 0  # of the duplicates, those that are only possible
    rejected: list[tuple[int, str]] = field(default_factory=list)
    profile: dict[str, Any] = field(default_factory=dict)  # the owner's own, LinkedIn only


def _problem(error: FileProblem) -> ValidationError:
    return ValidationError(str(error), code="file")


def _connection_for(kind: str) -> str:
    # Address books and LinkedIn hold people the user knows; a hand-made list may not.
    return Person.Connection.COLD if kind == Kind.CSV else Person.Connection.KNOWN


# Receiving and analysing ------------------------------------------------------------------------


def receive_file(*, owner: User, filename: str, data: bytes, kind: str = "") -> ContactImport:
    """Keep an uploaded file as a new import of the detected (or given) kind; nothing is
    imported yet. Raises ValidationError for files that can't be contacts."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is over {MAX_UPLOAD_BYTES // 2**20} MB, the limit "
            "for one import. Split it into smaller files.",
            code="size",
        )
    if not data.strip():
        raise ValidationError("This file is empty.", code="empty")
    try:
        kind = kind or parsers.detect(data)
        mapping = _guessed_mapping(data) if kind == Kind.CSV else {}
    except FileProblem as error:
        raise _problem(error) from None
    if kind not in Kind.values:
        raise ValidationError("Unknown file type.", code="kind")
    contact_import = ContactImport(
        owner=owner,
        filename=filename[:255] or "upload",
        kind=kind,
        data=data,
        size=len(data),
        mapping=mapping,
        connection=_connection_for(kind),
        status=Status.MAPPING if kind == Kind.CSV else Status.ANALYSING,
    )
    contact_import.full_clean(exclude=["data"])
    contact_import.save()
    return contact_import


def _guessed_mapping(data: bytes) -> dict[str, int]:
    return addressbook.guess_mapping(addressbook.header_of(parsers.decode(data)))


def header_of(contact_import: ContactImport) -> list[str]:
    """The column names of a generic CSV import, for the mapping screen."""
    try:
        return addressbook.header_of(parsers.decode(bytes(contact_import.data)))
    except FileProblem:
        return []


def set_mapping(
    *, contact_import: ContactImport, mapping: dict[str, int], connection: str
) -> ContactImport:
    """Choose the columns of a generic CSV (and how the user knows these people)."""
    if contact_import.status not in (Status.MAPPING, Status.PREVIEW, Status.FAILED):
        raise ValidationError("This import can't be changed any more.")
    if not ({"full_name", "first_name", "last_name"} & mapping.keys()):
        raise ValidationError("Choose the column that holds the name (or first and last names).")
    contact_import.mapping = mapping
    contact_import.connection = connection
    contact_import.status = Status.ANALYSING
    contact_import.full_clean(exclude=["data"])
    contact_import.save(update_fields=["mapping", "connection", "status", "updated_at"])
    return contact_import


def start_analysis(*, contact_import: ContactImport) -> ContactImport:
    """Analyse now when the file is small, else queue it for the worker (after commit)."""
    inline = contact_import.size <= ANALYSE_INLINE_BYTES
    # The lease (work.py): held by this request when inline; the worker takes it when it starts.
    ContactImport.objects.filter(pk=contact_import.pk).update(
        heartbeat_at=timezone.now() if inline else None
    )
    if inline:
        return analyse(contact_import=contact_import)
    from coffeechat.imports import tasks  # tasks import this module

    pk = contact_import.pk
    transaction.on_commit(lambda: tasks.analyse_import.enqueue(import_id=pk))
    return contact_import


def _refuse_if_too_long(raw: bytes, kind: str) -> None:
    if parsers.more_rows_than(raw, kind, MAX_ROWS):
        raise FileProblem(_too_many())


def _too_many() -> str:
    return (
        f"This file has more than {MAX_ROWS:,} rows; one import takes at most "
        f"{MAX_ROWS:,}. Split it into smaller files."
    )


def _plan(owner: User, parsed: parsers.Parsed) -> Iterator[tuple[parsers.Contact, dedupe.Match]]:
    """Each contact of the file with what to do with it, as the file is read: a file over the
    row limit is refused at row MAX_ROWS + 1, not after the whole of it was read."""
    matcher = dedupe.Matcher(owner)
    for count, contact in enumerate(parsed.contacts, 1):
        if count > MAX_ROWS:
            raise FileProblem(_too_many())
        yield contact, matcher.match(contact)


def check_file(
    *, owner: User, data: bytes, kind: str = "", mapping: dict[str, int] | None = None
) -> Report:
    """What importing this file would do, without writing anything (fuzz tests, CLI)."""
    report = Report()
    try:
        kind = kind or parsers.detect(data)
        if kind == Kind.CSV and mapping is None:
            mapping = _guessed_mapping(data)
        _refuse_if_too_long(data, kind)
        parsed = parsers.parse(data, kind, mapping)
        for contact, match in _plan(owner, parsed):
            report.rows_total += 1
            if match.outcome == Outcome.REJECTED:
                report.rejected.append((contact.line, match.reason))
            elif match.outcome == Outcome.NEW:
                report.imported += 1
            else:
                report.duplicates += 1
                report.uncertain += match.outcome == Outcome.UNCERTAIN
        report.profile = _profile_json(parsed.profile)
    except FileProblem as error:
        raise _problem(error) from None
    return report


def analyse(*, contact_import: ContactImport) -> ContactImport:
    """Parse the file and match every row against the owner's network: the preview.

    Reads the file as a stream and writes ImportRows in chunks, committing progress between
    them (outside a transaction, so the progress bar can read it and no write lock is held
    for long); nothing in the owner's network changes. Every row of the file becomes an
    ImportRow, blank ones included: new + duplicates + uncertain + rejected = rows_total.
    """
    contact_import.rows.all().delete()
    raw = bytes(contact_import.data)
    try:
        _refuse_if_too_long(raw, contact_import.kind)
        parsed = parsers.parse(raw, contact_import.kind, contact_import.mapping)
        # An estimate for the progress bar until the file has been read to its end.
        estimate = 0 if raw.startswith(b"PK") else min(raw.count(b"\n"), MAX_ROWS)
        ContactImport.objects.filter(pk=contact_import.pk).update(
            rows_total=estimate, rows_checked=0
        )
        total = _write_rows(contact_import, _plan(contact_import.owner, parsed))
    except FileProblem as error:
        contact_import.rows.all().delete()
        return fail(contact_import=contact_import, message=str(error))
    counts = dict(contact_import.rows.values_list("outcome").annotate(n=Count("pk")))
    contact_import.rows_total = contact_import.rows_checked = total
    contact_import.new_count = counts.get(Outcome.NEW, 0)
    contact_import.duplicate_count = counts.get(Outcome.DUPLICATE, 0)
    contact_import.uncertain_count = counts.get(Outcome.UNCERTAIN, 0)
    contact_import.rejected_count = counts.get(Outcome.REJECTED, 0)
    contact_import.profile = _profile_json(parsed.profile)
    contact_import.status = Status.PREVIEW
    contact_import.error = ""
    contact_import.save()
    return contact_import


def _write_rows(
    contact_import: ContactImport, plan: Iterable[tuple[parsers.Contact, dedupe.Match]]
) -> int:
    """Store the analysed rows CHUNK at a time (bulk.insert: Django's bulk_create spends more
    time building its SQL than SQLite spends storing the rows). Returns how many rows the
    file had."""
    batch: list[dict[str, Any]] = []
    done = 0
    for contact, match in plan:
        values = contact.as_json()
        if match.same_as_line:
            values["same_as_line"] = match.same_as_line
        batch.append(
            {
                "owner_id": contact_import.owner_id,
                "contact_import_id": contact_import.pk,
                "line": contact.line,
                "outcome": match.outcome,
                "reason": match.reason[:300],
                "contact": values,
                "match_id": match.person_id,
                "match_reason": match.reason[:200] if match.person_id or match.same_as_line else "",
                "decision": FIRST_DECISION.get(match.outcome, ""),
            }
        )
        if len(batch) == CHUNK:
            done += _flush(contact_import, batch, done)
    return done + _flush(contact_import, batch, done)


def _flush(contact_import: ContactImport, batch: list[dict[str, Any]], done: int) -> int:
    with transaction.atomic():
        bulk.insert(ImportRow, batch)
        ContactImport.objects.filter(pk=contact_import.pk).update(rows_checked=done + len(batch))
    written = len(batch)
    batch.clear()
    return written


def _profile_json(profile: parsers.Profile) -> dict[str, Any]:
    return (
        {}
        if profile.is_empty()
        else {
            "display_name": profile.display_name,
            "headline": profile.headline,
            "profile_url": profile.profile_url,
            "positions": profile.positions,
            "education": profile.education,
            "skills": profile.skills,
        }
    )


def fail(*, contact_import: ContactImport, message: str) -> ContactImport:
    """Mark the import failed with a message for the user; nothing was imported."""
    contact_import.status = Status.FAILED
    contact_import.error = message
    contact_import.save(update_fields=["status", "error", "updated_at"])
    return contact_import


def decide(*, contact_import: ContactImport, decisions: dict[int, str]) -> int:
    """Record merge / keep separate / skip for matched rows (ids of this import's rows only);
    returns how many rows changed."""
    if contact_import.status != Status.PREVIEW:
        raise ValidationError("This import has already been applied.")
    changed = 0
    for decision in Decision.values:
        ids = [pk for pk, d in decisions.items() if d == decision]
        changed += contact_import.rows.filter(
            pk__in=ids, outcome__in=[Outcome.DUPLICATE, Outcome.UNCERTAIN]
        ).update(decision=decision)
    return changed


def discard(*, contact_import: ContactImport) -> ContactImport:
    """Forget a file that wasn't imported: its bytes and its analysed rows."""
    if contact_import.status in (Status.DONE, Status.IMPORTING, Status.UNDONE):
        raise ValidationError("Only an import that hasn't been applied can be discarded.")
    contact_import.rows.all().delete()
    contact_import.data = b""
    contact_import.status = Status.DISCARDED
    contact_import.save(update_fields=["data", "status", "updated_at"])
    return contact_import
