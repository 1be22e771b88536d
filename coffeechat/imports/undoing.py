"""Undo an applied import as a whole: remove the people it added (but those the user has
worked with since), give merged people back their values and tags, withdraw its proposals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.imports import bulk
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.network.models import Organization, Person, Tag
from coffeechat.profile import services as profile_services
from coffeechat.profile.models import Education, Position, Proposal, Skill
from coffeechat.search import fulltext

Status = ContactImport.Status
Result = ImportRow.Result


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
    for chunk in bulk.chunks(made):
        staying.update(
            org
            for pk, org in Person.objects.filter(
                owner=contact_import.owner, organization_id__in=chunk
            ).values_list("pk", "organization_id")
            if pk not in leaving
        )
    organizations = sum(
        Organization.objects.filter(owner=contact_import.owner, pk__in=chunk).count()
        for chunk in bulk.chunks([pk for pk in made if pk not in staying])
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
    # The index's per-row triggers would re-index each person whose tag link goes (1.6 ms
    # each on PostgreSQL): the people who stay are re-indexed once at the end, and the
    # removed ones leave the index by their delete trigger, which always runs.
    with fulltext.indexed_at_end() as pending:
        # Unlink first: the ImportRows point at the people about to go.
        contact_import.rows.filter(result=Result.CREATED).exclude(person_id__in=busy).update(
            person=None
        )
        result.removed = _delete_people(
            contact_import.owner, [pk for pk in created if pk not in busy]
        )
        merged = rows.filter(result=Result.MERGED).select_related("person")
        result.restored = _restore_all(merged.only("pk", "before", "added_tag_ids", "person"))
        pending.people.update(merged.values_list("person_id", flat=True))
        _undo_side_rows(contact_import)
    contact_import.status = Status.UNDONE
    contact_import.undone_at = timezone.now()
    contact_import.save(update_fields=["status", "undone_at", "updated_at"])
    return result


def _delete_people(owner: User, ids: list[int]) -> int:
    """Delete these people, whom nothing but their tags points at (_people_with_history), a
    statement or two (bulk.matching): Django's delete() would look for rows pointing at each
    through every relation again (about 3 s of CPU per 10,000 people). The index's triggers
    on their tag links skip their work (indexed_at_end); the foreign keys are checked at the
    commit."""
    q = connection.ops.quote_name
    table, links = q(Person._meta.db_table), q(Person.tags.through._meta.db_table)
    with connection.cursor() as cursor:
        for match, params in bulk.matching(ids):
            cursor.execute(
                f"DELETE FROM {table} WHERE owner_id = %s AND id {match}", [owner.pk, *params]
            )
            cursor.execute(f"DELETE FROM {links} WHERE person_id {match}", params)
    return len(ids)


def _people_with_history(ids: list[int]) -> set[int]:
    """Those of these people that any other row points at (conversations, notes, …): a
    query per relation (and per few hundred people on SQLite)."""
    busy: set[int] = set()
    relations = [
        r
        for r in Person._meta.related_objects
        if not r.many_to_many and r.related_model is not ImportRow
    ]
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for relation in relations:
            assert relation.field.column is not None  # a foreign key: a column of its own
            table, column = q(relation.related_model._meta.db_table), q(relation.field.column)
            for match, params in bulk.matching(ids):
                cursor.execute(
                    f"SELECT DISTINCT {column} FROM {table} WHERE {column} {match}", params
                )
                busy.update(pk for (pk,) in cursor.fetchall())
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
        for chunk in bulk.chunks(people):
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
