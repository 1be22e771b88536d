"""Writes for imports: receive a file, analyse it into a preview, apply it in one
transaction, undo it as a whole.

Limits (documented in the upload form and tests/test_limits.py): 20 MB per file, 50,000 rows,
and for zips the checks in parsers/archive.py. Files bigger than ANALYSE_INLINE_BYTES are
analysed, and imports over APPLY_INLINE_ROWS applied, by the background worker
(tasks.py, `manage.py db_worker`); smaller ones right away in the request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.imports import bulk, dedupe, parsers
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.parsers import FileProblem, addressbook
from coffeechat.network.models import Organization, Person, Tag
from coffeechat.profile import services as profile_services
from coffeechat.profile.models import Education, Position, Proposal, Skill
from coffeechat.search import fulltext

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
    transaction.on_commit(lambda: tasks.analyse_import.enqueue(pk))
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
                # A sure duplicate merges; an uncertain one stays separate until the user says so.
                "decision": {
                    Outcome.DUPLICATE: Decision.MERGE,
                    Outcome.UNCERTAIN: Decision.SEPARATE,
                }.get(match.outcome, ""),
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


# Applying ---------------------------------------------------------------------------------------


def start_import(*, contact_import: ContactImport) -> ContactImport:
    """Apply a previewed import now when it is small, else queue it for the worker."""
    inline = contact_import.rows_total <= APPLY_INLINE_ROWS
    now = timezone.now()
    # The lease (work.py): held by this request when inline; the worker takes it when it starts.
    claimed = ContactImport.objects.filter(pk=contact_import.pk, status=Status.PREVIEW).update(
        status=Status.IMPORTING, updated_at=now, heartbeat_at=now if inline else None
    )
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
        message = "; ".join(error.messages)
    except DatabaseError as error:
        log.exception("import %s failed", contact_import.pk)
        message = f"the database refused it ({error.__class__.__name__}); try again"
    return fail(contact_import=contact_import, message="Nothing was imported: " + message)


def apply(*, contact_import: ContactImport) -> ContactImport:
    """Create the new people, merge the chosen duplicates, and keep what the file says about the
    owner as proposals for /you/ (the profile itself changes only when they accept): in one
    transaction. Remembers what it created and changed so that `undo` can restore it.

    Everything is read and worked out first; then the writes go in bulk, batch by batch,
    inside one transaction, so SQLite's write lock is held only while writing (logged). A
    constant number of statements per batch of rows, never one per row.
    """
    plan = _ApplyPlan.build(contact_import)
    started = time.perf_counter()
    with transaction.atomic():
        _write(plan)
    log.info(
        "import %s: wrote %s rows in one transaction held for %.2f s",
        contact_import.pk,
        len(plan.rows),
        time.perf_counter() - started,
    )
    return contact_import


@dataclass
class _Row:
    """What applying needs of an ImportRow (loaded as values: 10,000 model instances cost
    half a second), and what it did."""

    pk: int
    line: int
    contact: dict[str, Any]
    person_id: int | None = None
    result: str = ""
    before: dict[str, Any] = field(default_factory=dict)
    added_tag_ids: list[int] = field(default_factory=list)


@dataclass
class _ApplyPlan:
    contact_import: ContactImport
    rows: list[_Row]
    creating: list[_Row]
    merging: list[tuple[_Row, int]]  # the row, and -person id or the line it merges into
    people: dict[int, Person]  # the existing people merges go into, once each

    @classmethod
    def build(cls, contact_import: ContactImport) -> _ApplyPlan:
        owner = contact_import.owner
        found = contact_import.rows.exclude(outcome=Outcome.REJECTED).order_by("line")
        rows, fate = [], {}  # line -> "create" | "merge" | "skip"
        creating: list[_Row] = []
        merging: list[tuple[_Row, int]] = []
        people: dict[int, Person] = {}
        targets = {
            pk
            for pk in found.filter(decision=Decision.MERGE).values_list("match_id", flat=True)
            if pk
        }
        for chunk in _chunks(sorted(targets)):
            people.update((p.pk, p) for p in Person.objects.filter(owner=owner, pk__in=chunk))
        for pk, line, outcome, decision, contact, match_id in found.values_list(
            "pk", "line", "outcome", "decision", "contact", "match_id"
        ):
            row = _Row(pk=pk, line=line, contact=contact)
            rows.append(row)
            same_as = contact.get("same_as_line")
            if outcome == Outcome.NEW or decision == Decision.SEPARATE:
                fate[line] = "create"
            elif decision != Decision.MERGE:
                fate[line] = "skip"
            elif match_id in people:
                fate[line] = "merge"
                merging.append((row, -match_id))
            elif same_as and fate.get(same_as) in ("create", "merge"):
                # A repeat within the file merges into what its first line became.
                fate[line] = "merge"
                merging.append((row, same_as))
            else:
                # The person to merge into has gone since the preview: add them anew.
                fate[line] = "create"
            if fate[line] == "create":
                creating.append(row)
        return cls(
            contact_import=contact_import,
            rows=rows,
            creating=creating,
            merging=merging,
            people=people,
        )

    def used(self) -> list[_Row]:
        return self.creating + [row for row, _ in self.merging]


def _write(plan: _ApplyPlan) -> None:
    contact_import = plan.contact_import
    owner = contact_import.owner
    used = plan.used()
    # The search index is written once at the end, not by a trigger per person and tag link.
    with fulltext.indexed_at_end() as pending:
        organizations, new_organizations = _ensure(
            owner, Organization, [r.contact["organization"] for r in used]
        )
        tags, new_tags = _ensure(owner, Tag, [t for r in used for t in r.contact["tags"]])
        created = _create_people(contact_import, plan.creating, organizations, tags)
        _merge_all(contact_import, plan, created, organizations, tags)
        pending.organizations.update(new_organizations)
        pending.people.update(row.person_id for row in used if row.person_id)
    for row in plan.rows:
        if not row.result:
            row.result = Result.SKIPPED
    _save_results(plan.rows)
    proposals = profile_services.propose(
        owner=owner, found=contact_import.profile, source=_source(contact_import)
    )
    contact_import.changes = {
        "organizations": new_organizations,
        "tags": new_tags,
        "proposals": [p.pk for p in proposals],
    }
    contact_import.created_count = len(plan.creating)
    contact_import.merged_count = len(plan.merging)
    contact_import.skipped_count = len(plan.rows) - len(plan.creating) - len(plan.merging)
    contact_import.status = Status.DONE
    contact_import.data = b""  # the file's job is done; don't keep a copy of it
    contact_import.finished_at = timezone.now()
    contact_import.save()


def _save_results(rows: list[_Row]) -> None:
    """Store each row's result, person and (merged rows) what undo needs: one statement run
    over every row (executemany), not one query per row. bulk_update() builds a CASE WHEN per
    row and field: minutes for 30,000 rows."""
    table = connection.ops.quote_name(ImportRow._meta.db_table)
    before = ImportRow._meta.get_field("before")
    added = ImportRow._meta.get_field("added_tag_ids")
    with connection.cursor() as cursor:
        q = connection.ops.quote_name
        cursor.executemany(
            f"UPDATE {table} SET {q('result')} = %s, {q('person_id')} = %s WHERE id = %s",
            [(r.result, r.person_id, r.pk) for r in rows if r.result != Result.MERGED],
        )
        cursor.executemany(
            f"UPDATE {table} SET {q('result')} = %s, {q('person_id')} = %s, "
            f"{q('before')} = %s, {q('added_tag_ids')} = %s WHERE id = %s",
            [
                (
                    r.result,
                    r.person_id,
                    before.get_db_prep_save(r.before, connection),
                    added.get_db_prep_save(r.added_tag_ids, connection),
                    r.pk,
                )
                for r in rows
                if r.result == Result.MERGED
            ],
        )


def _ensure(
    owner: User, model: type[Organization] | type[Tag], names: list[str]
) -> tuple[dict[str, int], list[int]]:
    """name (lowercase) -> id of the owner's organization or tag of that name, the missing ones
    created in batches; and the ids created. Read inside the transaction, so a name added in
    another tab since the preview is found, not created twice."""
    found = {
        name.lower(): pk for pk, name in model.objects.filter(owner=owner).values_list("pk", "name")
    }
    wanted: dict[str, str] = {}
    for raw in names:
        name = " ".join(raw.split())
        if name and name.lower() not in found:
            wanted.setdefault(name.lower(), name)
    ids = bulk.insert(
        model, ({"owner_id": owner.pk, "name": name} for name in wanted.values()), returning=True
    )
    found.update(zip(wanted, ids, strict=True))
    return found, ids


def _notes(contact: dict[str, Any]) -> str:
    # Person keeps one email and one phone; the others, and the fields coffeechat has no
    # column for (birthday, address, nickname ...), stay visible in the notes, labelled, so
    # that an export (CSV Notes, vCard NOTE) carries them on.
    extra = [f"Other email: {e}" for e in contact["emails"][1:]]
    extra += [f"Other phone: {p}" for p in contact["phones"][1:]]
    details = contact.get("details", {})
    extra += [f"{label}: {details[label]}" for label in sorted(details, key=_detail_order)]
    return "\n".join(part for part in [contact["notes"], *extra] if part).strip()


# The order the labelled lines take in the notes (PostgreSQL's jsonb doesn't keep key order).
DETAIL_ORDER = (
    "Imported as",
    "Honorific",
    "Nickname",
    "Phonetic name",
    "Department",
    "Role",
    "Birthday",
    "Anniversary",
)


def _detail_order(label: str) -> tuple[int, str]:
    if label in DETAIL_ORDER:
        return DETAIL_ORDER.index(label), ""
    return len(DETAIL_ORDER), label.casefold()


def _person_values(
    contact_import: ContactImport, contact: dict[str, Any], organizations: dict[str, int]
) -> dict[str, Any]:
    return {
        "owner_id": contact_import.owner_id,
        "full_name": contact["full_name"],
        "title": contact["title"],
        "email": (contact["emails"] or [""])[0],
        "phone": (contact["phones"] or [""])[0],
        "linkedin_url": contact["linkedin_url"],
        "organization_id": organizations.get(" ".join(contact["organization"].split()).lower()),
        "connection": contact_import.connection,
        "met_at": contact["met_at"],
        "notes": _notes(contact),
    }


def _create_people(
    contact_import: ContactImport,
    rows: list[_Row],
    organizations: dict[str, int],
    tags: dict[str, int],
) -> dict[int, dict]:
    """Create the people of these rows in batches; line -> the values of the person created.
    Validated field by field when parsed (parsers.base.finish)."""
    people = [_person_values(contact_import, row.contact, organizations) for row in rows]
    ids = bulk.insert(Person, people, returning=True)
    links = []
    for row, values, pk in zip(rows, people, ids, strict=True):
        values["id"] = row.person_id = pk
        row.result = Result.CREATED
        links += [
            {"person_id": pk, "tag_id": tags[t.lower()]} for t in dict.fromkeys(row.contact["tags"])
        ]
    bulk.insert(Person.tags.through, links)
    return {row.line: values for row, values in zip(rows, people, strict=True)}


def merge_changes(person: Person, contact: dict[str, Any], connection: str) -> dict[str, Any]:
    """The fields a merge would fill on `person`: only the empty ones, never overwriting; the
    notes get the file's lines they don't have yet (nothing the file says is dropped)."""
    values = {
        "title": contact["title"],
        "email": (contact["emails"] or [""])[0],
        "phone": (contact["phones"] or [""])[0],
        "linkedin_url": contact["linkedin_url"],
        "met_at": contact["met_at"],
    }
    changes = {f: v for f, v in values.items() if v and not getattr(person, f)}
    if notes := _notes_added(person.notes, _notes(contact)):
        changes["notes"] = notes
    if contact["organization"] and person.organization_id is None:
        changes["organization"] = contact["organization"]
    # Knowing someone is warmer than cold: a merge may say so, never the other way.
    if person.connection == Person.Connection.COLD and connection != Person.Connection.COLD:
        changes["connection"] = connection
    return changes


def _notes_added(old: str, new: str) -> str:
    """`old` with the lines of `new` it doesn't hold yet appended ('' when nothing is new)."""
    have = {line.strip() for line in old.splitlines()}
    missing = [line for line in new.splitlines() if line.strip() and line.strip() not in have]
    if not missing:
        return ""
    return "\n".join([old.rstrip(), *missing]).strip()


def _merge_all(
    contact_import: ContactImport,
    plan: _ApplyPlan,
    created: dict[int, dict],
    organizations: dict[str, int],
    tags: dict[str, int],
) -> None:
    """Fill the merged people's empty fields (grouped into one UPDATE per set of fields, run
    over every person), add the file's tags they lack, and note what undo must restore."""
    into: dict[int, Person] = {}  # line -> the person that line became or merged into
    dirty: dict[int, set[str]] = {}
    for row, target in plan.merging:
        if target < 0:
            person = plan.people[-target]
        elif target not in into:  # a person created just now: merged into in memory
            into[target] = person = Person(**created[target])
        else:
            person = into[target]
        into[row.line] = person
        before: dict[str, list[Any]] = {}
        for name, value in merge_changes(person, row.contact, contact_import.connection).items():
            if name == "organization":
                organization_id = organizations[" ".join(value.split()).lower()]
                before["organization_id"] = [person.organization_id, organization_id]
                person.organization_id = organization_id
            else:
                before[name] = [getattr(person, name), value]
                setattr(person, name, value)
        dirty.setdefault(person.pk, set()).update(before)
        row.person_id, row.result, row.before = person.pk, Result.MERGED, before
    _update_people(
        {pk: fields for pk, fields in dirty.items() if fields},
        {p.pk: p for p in into.values()} | plan.people,
    )
    _add_tags(plan, tags)


def _update_people(dirty: dict[int, set[str]], people: dict[int, Person]) -> None:
    now = timezone.now()
    groups: dict[frozenset[str], list[Person]] = {}
    for pk, fields in dirty.items():
        groups.setdefault(frozenset(fields), []).append(people[pk])
    table = connection.ops.quote_name(Person._meta.db_table)
    updated_at = Person._meta.get_field("updated_at")
    with connection.cursor() as cursor:
        for fields, group in groups.items():
            columns = [Person._meta.get_field(f.removesuffix("_id")) for f in sorted(fields)]
            sets = ", ".join(
                f"{connection.ops.quote_name(c.column)} = %s" for c in [*columns, updated_at]
            )
            cursor.executemany(
                f"UPDATE {table} SET {sets} WHERE id = %s",
                [
                    [
                        *(c.get_db_prep_save(getattr(p, c.attname), connection) for c in columns),
                        updated_at.get_db_prep_save(now, connection),
                        p.pk,
                    ]
                    for p in group
                ],
            )


def _add_tags(plan: _ApplyPlan, tags: dict[str, int]) -> None:
    """The file's tags on merged people, where they don't have them yet."""
    through = Person.tags.through
    merged = {row.person_id for row, _ in plan.merging}
    have: set[tuple[int, int]] = set()
    for chunk in _chunks(sorted(pk for pk in merged if pk)):
        have.update(through.objects.filter(person_id__in=chunk).values_list("person_id", "tag_id"))
    links = []
    for row, _ in plan.merging:
        for name in dict.fromkeys(row.contact["tags"]):
            link = (row.person_id, tags[name.lower()])
            if link not in have:
                have.add(link)
                row.added_tag_ids.append(link[1])
                links.append({"person_id": link[0], "tag_id": link[1]})
    bulk.insert(through, links)


def _source(contact_import: ContactImport) -> str:
    return f"LinkedIn export ({contact_import.filename})"[:100]


# Undoing ----------------------------------------------------------------------------------------


@dataclass
class Undone:
    removed: int = 0
    restored: int = 0
    kept: list[Person] = field(default_factory=list)


@dataclass
class UndoPreview:
    """What undoing would do, said before it is done (the confirmation page)."""

    removes: int = 0  # people the import added, nobody has worked with since
    keeps: int = 0  # people it added that the user has worked with since
    restores: int = 0  # people it merged into whose fields or tags go back
    organizations: int = 0  # organizations it created that nobody else is at
    proposals: int = 0  # suggestions for the owner's profile still waiting


def undo_preview(*, contact_import: ContactImport) -> UndoPreview:
    """Count what `undo` would remove, keep and restore, in a constant number of queries."""
    if contact_import.status != Status.DONE:
        raise ValidationError("Only a finished import can be undone.")
    rows = contact_import.rows.filter(person__isnull=False)
    created = list(rows.filter(result=Result.CREATED).values_list("person_id", flat=True))
    busy = _people_with_history(created)
    restores = rows.filter(result=Result.MERGED).exclude(before={}, added_tag_ids=[]).count()
    leaving = set(created) - busy
    made = contact_import.changes.get("organizations", [])
    staying: set[int] = set()
    for chunk in _chunks(made):
        staying.update(
            org
            for pk, org in Person.objects.filter(
                owner=contact_import.owner, organization_id__in=chunk
            ).values_list("pk", "organization_id")
            if pk not in leaving
        )
    organizations = sum(
        Organization.objects.filter(owner=contact_import.owner, pk__in=chunk).count()
        for chunk in _chunks([pk for pk in made if pk not in staying])
    )
    proposals = Proposal.objects.filter(
        owner=contact_import.owner,
        pk__in=contact_import.changes.get("proposals", []),
        status=Proposal.Status.PENDING,
    ).count()
    return UndoPreview(
        removes=len(leaving),
        keeps=len(busy),
        restores=restores,
        organizations=organizations,
        proposals=proposals,
    )


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
    rows = contact_import.rows.filter(person__isnull=False)
    created = list(rows.filter(result=Result.CREATED).values_list("person_id", flat=True))
    busy = _people_with_history(created)
    result = Undone(kept=list(Person.objects.filter(pk__in=busy)))
    # Unlink first: the ImportRows point at the people about to go.
    contact_import.rows.filter(result=Result.CREATED).exclude(person_id__in=busy).update(
        person=None
    )
    result.removed = _delete_people(contact_import.owner, [pk for pk in created if pk not in busy])
    merged = rows.filter(result=Result.MERGED).select_related("person")
    result.restored = _restore_all(merged.only("pk", "before", "added_tag_ids", "person"))
    _undo_side_rows(contact_import)
    contact_import.status = Status.UNDONE
    contact_import.undone_at = timezone.now()
    contact_import.save(update_fields=["status", "undone_at", "updated_at"])
    return result


def _delete_people(owner: User, ids: list[int]) -> int:
    """Delete these people, whom nothing but their tags points at (_people_with_history), a
    few statements per 900 of them: Django's delete() would look for rows pointing at each
    through every relation again (about 3 s of CPU per 10,000 people). The people go before
    their tag links, so that the index's trigger on a removed link finds nobody to re-index
    (the foreign keys are checked at the commit)."""
    table = connection.ops.quote_name(Person._meta.db_table)
    through = Person.tags.through
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM {table} WHERE owner_id = %s AND id IN ({marks})", [owner.pk, *chunk]
            )
            through.objects.filter(person_id__in=chunk).delete()
    return len(ids)


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    # SQLite caps the variables in one statement.
    return (ids[i : i + size] for i in range(0, len(ids), size))


def _people_with_history(ids: list[int]) -> set[int]:
    """Those of these people that any other row points at (conversations, notes, …)."""
    busy: set[int] = set()
    relations = [
        r
        for r in Person._meta.related_objects
        if not r.many_to_many and r.related_model is not ImportRow
    ]
    for relation in relations:
        name = relation.field.name
        for chunk in _chunks(ids):
            busy.update(
                relation.related_model._base_manager.filter(**{f"{name}__in": chunk}).values_list(
                    name, flat=True
                )
            )
    return busy


def _restore_all(rows: Iterable[ImportRow]) -> int:
    """Give the people the import merged into their values and tags back; how many changed.
    A value the user changed after the import is theirs now: it stays."""
    restored = 0
    added: dict[int, list[int]] = {}  # tag id -> the people the import gave it to
    for row in rows:
        person = row.person
        assert person is not None
        fields = [name for name, (_old, new) in row.before.items() if getattr(person, name) == new]
        for name in fields:
            setattr(person, name, row.before[name][0])
        if fields:
            person.save(update_fields=[*fields, "updated_at"])
        for tag_id in row.added_tag_ids:
            added.setdefault(tag_id, []).append(person.pk)
        restored += bool(fields or row.added_tag_ids)
    through = Person.tags.through
    for tag_id, people in added.items():
        for chunk in _chunks(people):
            through.objects.filter(tag_id=tag_id, person_id__in=chunk).delete()
    return restored


def _undo_side_rows(contact_import: ContactImport) -> None:
    owner, changes = contact_import.owner, contact_import.changes
    Organization.objects.filter(owner=owner, pk__in=changes.get("organizations", [])).annotate(
        n=Count("people")
    ).filter(n=0).delete()
    Tag.objects.filter(owner=owner, pk__in=changes.get("tags", [])).annotate(
        n=Count("people")
    ).filter(n=0).delete()
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
