"""Reads for exports. Every function is scoped to one owner."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Meeting
from coffeechat.exports import walk
from coffeechat.exports.models import AccountExport, AccountImport
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Person, Tag


def people_for_export(owner: User) -> QuerySet[Person]:
    """The owner's people with organization and tags preloaded, in pk order."""
    return (
        Person.objects.filter(owner=owner)
        .select_related("organization")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("pk")
    )


def meetings_for_export(owner: User) -> QuerySet[Meeting]:
    """The owner's meetings with their conversation and person, oldest first."""
    return (
        Meeting.objects.filter(owner=owner)
        .select_related("conversation", "conversation__person")
        .order_by("starts_at", "pk")
    )


def exports_for(owner: User) -> QuerySet[AccountExport]:
    """The owner's recent exports, newest first."""
    return AccountExport.objects.filter(owner=owner)


def get_export(owner: User, export_id: int) -> AccountExport:
    """The owner's export, or 404, also when the id is someone else's."""
    return get_owned(AccountExport, owner=owner, pk=export_id)


def row_counts(owner: User) -> dict[str, int]:
    """How many rows of each imported model the owner has (only the non-zero ones).

    Rows that hold nothing but defaults (a settings row made by opening a settings page)
    don't count: the account is still empty.
    """
    pristine = {(type(row), row.pk) for row in pristine_rows(owner)}
    counts = {}
    for owned in walk.imported_models():
        pks = owned.rows_of(owner).values_list("pk", flat=True)
        n = sum(1 for pk in pks if (owned.model, pk) not in pristine)
        if n:
            counts[str(owned.model._meta.verbose_name_plural)] = n
    return counts


def pristine_rows(owner: User) -> list[models.Model]:
    """The owner's rows that hold only their fields' defaults (one-per-owner settings rows)."""
    return [row for owned in walk.imported_models() if (row := pristine_row(owner, owned))]


def pristine_row(owner: User, owned: walk.OwnedModel) -> models.Model | None:
    """The owner's one row of this model if it holds only defaults, else None."""
    rows = owned.rows_of(owner)
    if rows[:2].count() == 1 and _is_pristine(row := rows.get()):
        found: models.Model = row  # walk's querysets are untyped: the row is a model's row
        return found
    return None


def _is_pristine(row: models.Model) -> bool:
    for field in walk.exported_fields(type(row)):
        computed = field.has_default() and callable(field.default)  # timezone.now, uuid4
        if field.is_relation or getattr(field, "auto_now", False) or computed:
            continue
        expected = field.get_default() if field.has_default() else (None if field.null else "")
        if getattr(row, field.attname) != expected:
            return False
    return True


def get_person_for_export(owner: User, person_id: int) -> Person:
    """The owner's person with organization and tags preloaded, or 404."""
    return get_owned(people_for_export(owner), owner=owner, pk=person_id)


def rows_about(model: type[models.Model], pks: set[int]) -> dict[type[models.Model], set[int]]:
    """`pks` of `model` plus every user-linked row that points at them, transitively.

    Nearest first. Follows every foreign key, also those that would only be cleared
    (SET_NULL): a row that points at a person is about that person.
    """
    found: dict[type[models.Model], set[int]] = {model: set(pks)}
    queue = [(model, set(pks))]
    while queue:
        target, target_pks = queue.pop(0)
        for owned in walk.user_linked_models():
            for field in owned.model._meta.concrete_fields:
                if not field.is_relation or field.related_model is not target:
                    continue
                referrers = set(
                    owned.model._default_manager.filter(
                        **{f"{field.name}__in": target_pks}
                    ).values_list("pk", flat=True)
                )
                new = referrers - found.get(owned.model, set())
                if new:
                    found.setdefault(owned.model, set()).update(new)
                    queue.append((owned.model, new))
    return found


def about_person(person: Person) -> list[tuple[str, int]]:
    """What forgetting `person` deletes besides them: (plural name, count), largest first."""
    rows = rows_about(Person, {person.pk})
    rows.pop(Person)
    counts = [(str(model._meta.verbose_name_plural), len(pks)) for model, pks in rows.items()]
    return sorted(counts, key=lambda item: -item[1])


def get_account_import(owner: User, import_id: int) -> AccountImport:
    """The owner's account import, or 404 (also for another user's id)."""
    return get_owned(AccountImport, owner=owner, pk=import_id)
