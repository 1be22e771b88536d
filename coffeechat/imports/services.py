"""Writes for imports: receive a file, analyse it into a preview, apply it in one
transaction, undo it as a whole.

Limits (documented in the upload form and tests/test_limits.py): 20 MB per file, 50,000 rows,
and for zips the checks in parsers/archive.py. Files bigger than ANALYSE_INLINE_BYTES are
analysed, and imports over APPLY_INLINE_ROWS applied, by the background worker
(tasks.py, `manage.py db_worker`); smaller ones right away in the request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.imports import dedupe, parsers
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.parsers import FileProblem, addressbook
from coffeechat.network import services as network_services
from coffeechat.network.models import Organization, Person, Tag
from coffeechat.profile import services as profile_services
from coffeechat.profile.models import Education, Position, Skill

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
ANALYSE_INLINE_BYTES = 512 * 1024
APPLY_INLINE_ROWS = 2_000
CHUNK = 1_000
Kind, Status = ContactImport.Kind, ContactImport.Status
Outcome, Decision, Result = ImportRow.Outcome, ImportRow.Decision, ImportRow.Result
# Fields a merge may fill on an existing person, only where they are empty.
MERGE_FIELDS = ("title", "email", "phone", "linkedin_url", "met_at", "notes")


@dataclass
class Report:
    """How the rows of a file divide: rows_total == imported + duplicates + len(rejected)."""

    rows_total: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


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
        raise ValidationError(f"This file is over {MAX_UPLOAD_BYTES // 2**20} MB, the limit "
                              "for one import. Split it into smaller files.", code="size")
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
        owner=owner, filename=filename[:255] or "upload", kind=kind, data=data, size=len(data),
        mapping=mapping, connection=_connection_for(kind),
        status=Status.MAPPING if kind == Kind.CSV else Status.ANALYSING)
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


def set_mapping(*, contact_import: ContactImport, mapping: dict[str, int],
                connection: str) -> ContactImport:
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
        heartbeat_at=timezone.now() if inline else None)
    if inline:
        return analyse(contact_import=contact_import)
    from coffeechat.imports import tasks  # tasks import this module

    pk = contact_import.pk
    transaction.on_commit(lambda: tasks.analyse_import.enqueue(pk))
    return contact_import


def _plan(owner: User, parsed: parsers.Parsed) -> Iterable[tuple[parsers.Contact, dedupe.Match]]:
    if len(parsed.contacts) > MAX_ROWS:
        raise FileProblem(f"This file has {len(parsed.contacts):,} rows; one import takes at "
                          f"most {MAX_ROWS:,}. Split it into smaller files.")
    matcher = dedupe.Matcher(owner)
    return ((contact, matcher.match(contact)) for contact in parsed.contacts)


def check_file(*, owner: User, data: bytes, kind: str = "",
               mapping: dict[str, int] | None = None) -> Report:
    """What importing this file would do, without writing anything (fuzz tests, CLI)."""
    try:
        kind = kind or parsers.detect(data)
        if kind == Kind.CSV and mapping is None:
            mapping = _guessed_mapping(data)
        plan = list(_plan(owner, parsers.parse(data, kind, mapping)))
    except FileProblem as error:
        raise _problem(error) from None
    report = Report(rows_total=len(plan))
    for contact, match in plan:
        if match.outcome == Outcome.REJECTED:
            report.rejected.append((contact.line, match.reason))
        elif match.outcome == Outcome.NEW:
            report.imported += 1
        else:
            report.duplicates += 1
    return report


def analyse(*, contact_import: ContactImport) -> ContactImport:
    """Parse the file and match every row against the owner's network: the preview.

    Writes ImportRows in chunks, committing progress between them (outside a transaction,
    so the progress bar can read it); nothing in the owner's network changes.
    """
    contact_import.rows.all().delete()
    try:
        parsed = parsers.parse(bytes(contact_import.data), contact_import.kind,
                               contact_import.mapping)
        plan = _plan(contact_import.owner, parsed)
        total = len(parsed.contacts)
        ContactImport.objects.filter(pk=contact_import.pk).update(rows_total=total,
                                                                 rows_checked=0)
        _write_rows(contact_import, plan)
    except FileProblem as error:
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


def _write_rows(contact_import: ContactImport,
                plan: Iterable[tuple[parsers.Contact, dedupe.Match]]) -> None:
    batch: list[ImportRow] = []
    done = 0
    for contact, match in plan:
        batch.append(ImportRow(
            owner_id=contact_import.owner_id, contact_import=contact_import, line=contact.line,
            outcome=match.outcome, reason=match.reason[:300], contact=contact.as_json(),
            match_id=match.person_id, match_reason=match.reason[:200] if match.person_id else "",
            # A sure duplicate merges; an uncertain one stays separate until the user says so.
            decision={Outcome.DUPLICATE: Decision.MERGE,
                      Outcome.UNCERTAIN: Decision.SEPARATE}.get(match.outcome, "")))
        if len(batch) == CHUNK:
            done += _flush(contact_import, batch, done)
    _flush(contact_import, batch, done)


def _flush(contact_import: ContactImport, batch: list[ImportRow], done: int) -> int:
    ImportRow.objects.bulk_create(batch, batch_size=250)
    ContactImport.objects.filter(pk=contact_import.pk).update(rows_checked=done + len(batch))
    written = len(batch)
    batch.clear()
    return written


def _profile_json(profile: parsers.Profile) -> dict[str, Any]:
    return {} if profile.is_empty() else {
        "display_name": profile.display_name, "headline": profile.headline,
        "profile_url": profile.profile_url, "positions": profile.positions,
        "education": profile.education, "skills": profile.skills}


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


# Applying ---------------------------------------------------------------------------------------

def start_import(*, contact_import: ContactImport) -> ContactImport:
    """Apply a previewed import now when it is small, else queue it for the worker."""
    inline = contact_import.rows_total <= APPLY_INLINE_ROWS
    now = timezone.now()
    # The lease (work.py): held by this request when inline; the worker takes it when it starts.
    claimed = ContactImport.objects.filter(pk=contact_import.pk, status=Status.PREVIEW).update(
        status=Status.IMPORTING, updated_at=now, heartbeat_at=now if inline else None)
    # A conditional UPDATE: a double click or two tabs can't apply one import twice.
    if not claimed:
        raise ValidationError("This import isn't waiting to be applied.")
    contact_import.status = Status.IMPORTING
    if inline:
        return run_import(contact_import=contact_import)
    from coffeechat.imports import tasks  # tasks import this module

    pk = contact_import.pk
    transaction.on_commit(lambda: tasks.apply_import.enqueue(pk))
    return contact_import


def run_import(*, contact_import: ContactImport) -> ContactImport:
    """Apply the import all or nothing; on an error nothing is written and it is marked failed."""
    try:
        return apply(contact_import=contact_import)
    except ValidationError as error:
        return fail(contact_import=contact_import,
                    message="Nothing was imported: " + "; ".join(error.messages))


@transaction.atomic
def apply(*, contact_import: ContactImport) -> ContactImport:
    """Create the new people, merge the chosen duplicates, and keep what the file says about the
    owner as proposals for /you/ (the profile itself changes only when they accept): in one
    transaction. Remembers what it created and changed so that `undo` can restore it."""
    owner = contact_import.owner
    rows = list(contact_import.rows.exclude(outcome=Outcome.REJECTED).select_related("match"))
    for row in rows:
        # The person to merge into may have been deleted since the preview: add them anew.
        if row.decision == Decision.MERGE and row.match is None:
            row.decision = Decision.SEPARATE
    creating = [r for r in rows if r.outcome == Outcome.NEW or r.decision == Decision.SEPARATE]
    merging = [r for r in rows if r.outcome != Outcome.NEW and r.decision == Decision.MERGE]
    organizations, new_organizations = _organizations(
        owner, [r.contact["organization"] for r in creating + merging])
    tags, new_tags = _tags(owner, [t for r in creating + merging for t in r.contact["tags"]])
    _create_people(contact_import, creating, organizations, tags)
    for row in merging:
        _merge(contact_import, row, organizations, tags)
    for row in rows:
        if not row.result:
            row.result = Result.SKIPPED
    _save_results(rows)
    proposals = profile_services.propose(owner=owner, found=contact_import.profile,
                                         source=_source(contact_import))
    contact_import.changes = {"organizations": new_organizations, "tags": new_tags,
                              "proposals": [p.pk for p in proposals]}
    contact_import.created_count = len(creating)
    contact_import.merged_count = len(merging)
    contact_import.skipped_count = len(rows) - len(creating) - len(merging)
    contact_import.status = Status.DONE
    contact_import.data = b""  # the file's job is done; don't keep a copy of it
    contact_import.finished_at = timezone.now()
    contact_import.save()
    return contact_import


def _save_results(rows: list[ImportRow]) -> None:
    """Store each row's result and person in one statement per batch of rows.

    bulk_update() builds a CASE WHEN per row and field: minutes for 30,000 rows. Merged rows
    (few) also carry what undo needs, so they are saved one by one.
    """
    table = connection.ops.quote_name(ImportRow._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET result = %s, person_id = %s WHERE id = %s",
                           [(r.result, r.person_id, r.pk) for r in rows
                            if r.result != Result.MERGED])
    for row in rows:
        if row.result == Result.MERGED:
            row.save(update_fields=["result", "person", "before", "added_tag_ids"])


def _organizations(owner: User, names: list[str]) -> tuple[dict[str, Organization], list[int]]:
    """name (lowercase) -> the owner's organization, found or created; and the created ids."""
    found = {o.name.lower(): o for o in Organization.objects.filter(owner=owner)}
    created = []
    for name in dict.fromkeys(n for n in names if n):
        if name.lower() not in found:
            organization = network_services.organization_named(owner=owner, name=name)
            if organization is not None:
                found[name.lower()] = organization
                created.append(organization.pk)
    return found, created


def _tags(owner: User, names: list[str]) -> tuple[dict[str, Tag], list[int]]:
    found = {t.name.lower(): t for t in Tag.objects.filter(owner=owner)}
    created = []
    for name in dict.fromkeys(n for n in names if n):
        if name.lower() not in found:
            found[name.lower()] = tag = Tag.objects.create(owner=owner, name=name)
            created.append(tag.pk)
    return found, created


def _notes(contact: dict[str, Any]) -> str:
    # Person keeps one email and one phone; the others stay visible in the notes.
    extra = [f"Other email: {e}" for e in contact["emails"][1:]]
    extra += [f"Other phone: {p}" for p in contact["phones"][1:]]
    return "\n".join([contact["notes"], *extra]).strip()


def _create_people(contact_import: ContactImport, rows: list[ImportRow],
                   organizations: dict[str, Organization], tags: dict[str, Tag]) -> None:
    people = []
    for row in rows:
        contact = row.contact
        people.append(Person(
            owner_id=contact_import.owner_id, full_name=contact["full_name"],
            title=contact["title"], email=(contact["emails"] or [""])[0],
            phone=(contact["phones"] or [""])[0], linkedin_url=contact["linkedin_url"],
            organization=organizations.get(contact["organization"].lower()),
            connection=contact_import.connection, met_at=contact["met_at"],
            notes=_notes(contact)))
    # Validated field by field when parsed (parsers.base.finish); bulk keeps 30,000 rows fast.
    Person.objects.bulk_create(people, batch_size=500)
    links = []
    for row, person in zip(rows, people, strict=True):
        row.person, row.result = person, Result.CREATED
        links += [Person.tags.through(person_id=person.pk, tag_id=tags[t.lower()].pk)
                  for t in dict.fromkeys(row.contact["tags"])]
    Person.tags.through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)


def merge_changes(person: Person, contact: dict[str, Any], connection: str) -> dict[str, Any]:
    """The fields a merge would fill on `person`: only the empty ones, never overwriting."""
    values = {"title": contact["title"], "email": (contact["emails"] or [""])[0],
              "phone": (contact["phones"] or [""])[0], "linkedin_url": contact["linkedin_url"],
              "met_at": contact["met_at"], "notes": _notes(contact)}
    changes = {f: v for f, v in values.items() if v and not getattr(person, f)}
    if contact["organization"] and person.organization_id is None:
        changes["organization"] = contact["organization"]
    # Knowing someone is warmer than cold: a merge may say so, never the other way.
    if person.connection == Person.Connection.COLD and connection != Person.Connection.COLD:
        changes["connection"] = connection
    return changes


def _merge(contact_import: ContactImport, row: ImportRow,
           organizations: dict[str, Organization], tags: dict[str, Tag]) -> None:
    person = row.match
    assert person is not None
    changes = merge_changes(person, row.contact, contact_import.connection)
    before: dict[str, list[Any]] = {}
    for name, value in changes.items():
        if name == "organization":
            organization = organizations[value.lower()]
            before["organization_id"] = [person.organization_id, organization.pk]
            person.organization = organization
        else:
            before[name] = [getattr(person, name), value]
            setattr(person, name, value)
    if before:
        person.save(update_fields=[*before, "updated_at"])
    have = set(person.tags.values_list("pk", flat=True))
    added = [tags[t.lower()].pk for t in dict.fromkeys(row.contact["tags"])
             if tags[t.lower()].pk not in have]
    person.tags.add(*added)
    row.person, row.result, row.before, row.added_tag_ids = person, Result.MERGED, before, added


def _source(contact_import: ContactImport) -> str:
    return f"LinkedIn export ({contact_import.filename})"[:100]


# Undoing ----------------------------------------------------------------------------------------

@dataclass
class Undone:
    removed: int = 0
    restored: int = 0
    kept: list[Person] = field(default_factory=list)


@transaction.atomic
def undo(*, contact_import: ContactImport) -> Undone:
    """Take an applied import back: delete the people it created, restore the fields and tags
    it changed on merged people, withdraw the profile proposals still waiting.

    People the user has since worked with (a conversation, a note, an introduction, …) are
    kept, and so are values the user edited after the import.
    """
    locked = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
    if locked.status != Status.DONE:
        raise ValidationError("Only a finished import can be undone.")
    rows = contact_import.rows.filter(person__isnull=False).select_related("person")
    created = [r.person_id for r in rows if r.result == Result.CREATED]
    busy = _people_with_history(created)
    result = Undone(kept=list(Person.objects.filter(pk__in=busy)))
    # Unlink first: otherwise deleting each person loads its ImportRows to set them to NULL.
    contact_import.rows.filter(result=Result.CREATED).exclude(person_id__in=busy).update(
        person=None)
    for chunk in _chunks([pk for pk in created if pk not in busy]):
        Person.objects.filter(owner=contact_import.owner, pk__in=chunk).delete()
        result.removed += len(chunk)
    for row in rows:
        if row.result == Result.MERGED and row.person is not None:
            result.restored += _restore(row)
    _undo_side_rows(contact_import)
    contact_import.status = Status.UNDONE
    contact_import.undone_at = timezone.now()
    contact_import.save(update_fields=["status", "undone_at", "updated_at"])
    return result


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    # SQLite caps the variables in one statement.
    return (ids[i:i + size] for i in range(0, len(ids), size))


def _people_with_history(ids: list[int]) -> set[int]:
    """Those of these people that any other row points at (conversations, notes, …)."""
    busy: set[int] = set()
    relations = [r for r in Person._meta.related_objects
                 if not r.many_to_many and r.related_model is not ImportRow]
    for relation in relations:
        name = relation.field.name
        for chunk in _chunks(ids):
            busy.update(relation.related_model._base_manager.filter(
                **{f"{name}__in": chunk}).values_list(name, flat=True))
    return busy


def _restore(row: ImportRow) -> int:
    person = row.person
    assert person is not None
    restored = []
    for name, (old, new) in row.before.items():
        # A value the user changed after the import is theirs now: leave it.
        if getattr(person, name) == new:
            setattr(person, name, old)
            restored.append(name)
    if restored:
        person.save(update_fields=[*restored, "updated_at"])
    person.tags.remove(*row.added_tag_ids)
    return 1 if restored or row.added_tag_ids else 0


def _undo_side_rows(contact_import: ContactImport) -> None:
    owner, changes = contact_import.owner, contact_import.changes
    Organization.objects.filter(owner=owner, pk__in=changes.get("organizations", [])).annotate(
        n=Count("people")).filter(n=0).delete()
    Tag.objects.filter(owner=owner, pk__in=changes.get("tags", [])).annotate(
        n=Count("people")).filter(n=0).delete()
    # What the import proposed and the user hasn't decided on goes; what they accepted is theirs.
    profile_services.withdraw(owner=owner, proposal_ids=changes.get("proposals", []))
    # Imports applied before proposals existed wrote the profile directly: take that back.
    Position.objects.filter(owner=owner, pk__in=changes.get("positions", [])).delete()
    Education.objects.filter(owner=owner, pk__in=changes.get("education", [])).delete()
    Skill.objects.filter(owner=owner, pk__in=changes.get("skills", [])).delete()
    user_fields = []
    for name, (old, new) in changes.get("user", {}).items():
        if getattr(owner, name) == new:
            setattr(owner, name, old)
            user_fields.append(name)
    if user_fields:
        owner.save(update_fields=user_fields)
