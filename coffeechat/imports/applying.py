"""Apply a previewed import: create the new people, merge the chosen duplicates, keep what
the file says about the owner as proposals, all in one transaction, in bulk. Imports over
APPLY_INLINE_ROWS rows are applied by the background worker (tasks.py); smaller ones right
away in the request.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Field
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.imports import bulk
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.services import fail
from coffeechat.network.models import Organization, Person, Tag
from coffeechat.profile import services as profile_services
from coffeechat.search import fulltext

log = logging.getLogger(__name__)

APPLY_INLINE_ROWS = 2_000
Status = ContactImport.Status
Outcome, Decision, Result = ImportRow.Outcome, ImportRow.Decision, ImportRow.Result
# Fields a merge may fill on an existing person, only where they are empty.
MERGE_FIELDS = ("title", "email", "phone", "linkedin_url", "met_at", "notes")


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
    transaction.on_commit(lambda: tasks.apply_import.enqueue(import_id=pk))
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
        for chunk in bulk.chunks(sorted(targets)):
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
    """Store each row's result, person and (merged rows) what undo needs: a statement or
    two whatever the number of rows (bulk.update), not one query per row."""
    bulk.update(
        ImportRow,
        ["result", "person_id"],
        [[r.pk, r.result, r.person_id] for r in rows if r.result != Result.MERGED],
    )
    bulk.update(
        ImportRow,
        ["result", "person_id", "before", "added_tag_ids"],
        [
            [r.pk, r.result, r.person_id, r.before, r.added_tag_ids]
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
    """One bulk.update per set of fields changed together."""
    now = timezone.now()
    groups: dict[frozenset[str], list[Person]] = {}
    for pk, fields in dirty.items():
        groups.setdefault(frozenset(fields), []).append(people[pk])
    for names, group in groups.items():
        columns = [_field(Person, f.removesuffix("_id")).attname for f in sorted(names)]
        bulk.update(
            Person,
            [*columns, "updated_at"],
            [[p.pk, *(getattr(p, c) for c in columns), now] for p in group],
        )


def _field(model: type[Person], name: str) -> Field:
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # a column of the model's own, not a relation's other end
    return field


def _add_tags(plan: _ApplyPlan, tags: dict[str, int]) -> None:
    """The file's tags on merged people, where they don't have them yet."""
    through = Person.tags.through
    merged = {row.person_id for row, _ in plan.merging}
    have: set[tuple[int, int]] = set()
    for chunk in bulk.chunks(sorted(pk for pk in merged if pk)):
        have.update(through.objects.filter(person_id__in=chunk).values_list("person_id", "tag_id"))
    links = []
    for row, _ in plan.merging:
        assert row.person_id is not None  # _merge_all set it
        for name in dict.fromkeys(row.contact["tags"]):
            link = (row.person_id, tags[name.lower()])
            if link not in have:
                have.add(link)
                row.added_tag_ids.append(link[1])
                links.append({"person_id": link[0], "tag_id": link[1]})
    bulk.insert(through, links)


def _source(contact_import: ContactImport) -> str:
    return f"LinkedIn export ({contact_import.filename})"[:100]
