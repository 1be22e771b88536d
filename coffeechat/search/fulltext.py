"""Search the owner's people and organizations through the full-text index (schema.py).

Every word typed is a prefix ("tom le" finds "Tomás Lee" as you type), all words must match
(in any column), case and accents don't matter, and the best matches come first (a hit in the
name before one in a note). A run of digits also finds phone numbers however they were
written. This module imports no app: it adds SQL to the caller's queryset of
network.Person / network.Organization, so every app may use it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.expressions import Combinable

from coffeechat.search import schema

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8  # a search box, not a document: the rest of a long paste is ignored
PHONE_DIGITS = 4  # fewer digits are more likely part of a name or an address
RANK: str = "search_rank"  # the column a search adds to its rows: lower is a better match


def fold(text: str) -> str:
    """`text` without case, accents or extra spaces, for comparing names as people type them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def words_of(text: str) -> list[str]:
    return WORD.findall(text)[:MAX_WORDS]


def phone_digits(text: str) -> str:
    """The digits of a typed phone number without leading zeros (a trunk or exit prefix), or ""
    when `text` doesn't look like one."""
    if re.fullmatch(r"[\d\s()+\-./]+", text.strip() or "x") is None:
        return ""
    digits = re.sub(r"\D", "", text).lstrip("0")
    return digits if len(digits) >= PHONE_DIGITS else ""


def _sqlite_match(owner_id: int, text: str, columns: tuple[str, ...]) -> str | None:
    words = words_of(text)
    if not words:
        return None
    searched = " ".join(c for c in columns if c != "owner")
    terms = " AND ".join(f'"{w}"*' for w in words)
    expression = f"({{{searched}}} : ({terms}))"
    digits = phone_digits(text) if "phone" in columns else ""
    if digits:
        expression = f'({expression} OR (phone : "{digits}"*))'
    return f'owner : "o{owner_id}" AND {expression}'


def _pg_tsquery(text: str, *, phone: bool) -> str | None:
    words = words_of(text)
    if not words:
        return None
    query = " & ".join(f"{w}:*" for w in words)
    digits = phone_digits(text) if phone else ""
    return f"({query}) | {digits}:*" if digits else query


def _filter[M: Model](
    queryset: QuerySet[M],
    *,
    owner_id: int,
    text: str,
    table: str,
    key: str,
    base: str,
    columns: tuple[str, ...],
    weights: tuple[float, ...],
) -> QuerySet[M]:
    if connection.vendor == "sqlite":
        match = _sqlite_match(owner_id, text, columns)
        if match is None:
            return queryset
        rank = f"bm25({table}, {', '.join(str(w) for w in weights)})"
        return queryset.extra(
            tables=[table],
            where=[f"{table}.rowid = {base}.id", f"{table} MATCH %s"],
            params=[match],
            select={RANK: rank},
        )
    tsquery = _pg_tsquery(text, phone="phone" in columns)
    if tsquery is None:
        return queryset
    query = "to_tsquery('simple', search_fold(%s))"
    return queryset.extra(
        tables=[table],
        where=[
            f"{table}.{key} = {base}.id",
            f"{table}.owner_id = %s",
            f"{table}.document @@ {query}",
        ],
        params=[owner_id, tsquery],
        select={RANK: f"-ts_rank({table}.document, {query})"},
        select_params=[tsquery],
    )


def search_people[M: Model](queryset: QuerySet[M], *, owner_id: int, text: str) -> QuerySet[M]:
    """`queryset` (of network.Person) narrowed to the matches, with a RANK column (lower is
    better: `best_first` sorts by it)."""
    return _filter(
        queryset,
        owner_id=owner_id,
        text=text,
        table="search_person",
        key="person_id",
        base="network_person",
        columns=schema.PERSON_COLUMNS,
        weights=schema.PERSON_WEIGHTS,
    )


def search_organizations[M: Model](
    queryset: QuerySet[M], *, owner_id: int, text: str
) -> QuerySet[M]:
    """`search_people` for network.Organization."""
    return _filter(
        queryset,
        owner_id=owner_id,
        text=text,
        table="search_organization",
        key="organization_id",
        base="network_organization",
        columns=schema.ORGANIZATION_COLUMNS,
        weights=schema.ORGANIZATION_WEIGHTS,
    )


def best_first[M: Model](rows: QuerySet[M], *then: str | Combinable) -> QuerySet[M]:
    """Searched rows best match first, then by `then`; rows no search narrowed (no word was
    typed) by `then` alone."""
    if RANK in rows.query.extra_select:
        return rows.order_by(RANK, *then)
    return rows.order_by(*then)


def rebuild() -> None:
    """Rebuild the whole index from the rows (the triggers keep it current after that)."""
    with connection.cursor() as cursor:
        for statement in schema.rebuild(connection.vendor):
            cursor.execute(statement)


@contextmanager
def paused() -> Iterator[None]:
    """Load many rows without the index's triggers, then rebuild it once, set-based.

    For benchmarks and restores on a quiet database: rows other users write meanwhile are
    indexed by the rebuild at the end, but aren't searchable until then.
    """
    with connection.cursor() as cursor:
        for statement in schema.triggers_off(connection.vendor):
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in schema.triggers_on(connection.vendor):
                cursor.execute(statement)
        rebuild()


@dataclass
class Pending:
    """The rows written while the index's triggers were paused: indexed at the end."""

    people: set[int] = field(default_factory=set)
    organizations: set[int] = field(default_factory=set)


@contextmanager
def indexed_at_end() -> Iterator[Pending]:
    """Inside a transaction: write many people, their tag links and organizations without
    the index's per-row triggers; the ids the block adds to the Pending it is given are
    indexed at the end, in a few statements whatever their number.

    For imports and their undo. On SQLite each trigger costs a DELETE and an INSERT into the
    index per row (a tag link re-reads the person's tags, notes and captures): about 0.2 s per
    10,000 people, all of it inside the write lock. SQLite's DDL is part of the transaction,
    and the write lock is ours from the first DROP, so no other connection ever sees the
    triggers gone; a rollback brings them back. On PostgreSQL, dropping a trigger would lock
    the table against every reader until the commit; there the triggers skip their work while
    a setting local to the transaction says so (about 1.4 ms a row otherwise, 1.6 ms for each
    tag link an undo removes).
    """
    pending = Pending()
    if connection.vendor == "postgresql":
        yield from _indexed_at_end_postgresql(pending)
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexed_at_end() pauses the index only inside a transaction")
    drops, creates = schema.sqlite_bulk_triggers()
    with connection.cursor() as cursor:
        for statement in drops:
            cursor.execute(statement)
    yield pending  # on an error the transaction rolls back, the triggers' DROP included
    ids = "SELECT value FROM json_each(%s)"
    statements = schema.sqlite_index(ids)
    with connection.cursor() as cursor:
        for kind, ids_of in (("people", pending.people), ("organizations", pending.organizations)):
            if ids_of:
                for statement in statements[kind]:
                    cursor.execute(statement, [json.dumps(sorted(ids_of))])
        for statement in creates:
            cursor.execute(statement)


def _indexed_at_end_postgresql(pending: Pending) -> Iterator[Pending]:
    """PostgreSQL: the per-row triggers of people, their tag links and organizations skip
    their work while the transaction says so (schema.PG_BULK_SETTING, local to it); the
    block's people and organizations are indexed in a statement each at the end. Deletes
    keep their triggers: a removed person or organization leaves the index at once."""
    if not connection.in_atomic_block:
        raise RuntimeError("indexed_at_end() pauses the index only inside a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [schema.PG_BULK_SETTING])
    yield pending  # on an error the transaction (or savepoint) rolls back, the setting with it
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'off', true)", [schema.PG_BULK_SETTING])
        for function, ids in (
            ("search_refresh_people", pending.people),
            ("search_refresh_organizations", pending.organizations),
        ):
            if ids:
                cursor.execute(f"SELECT {function}(%s::bigint[])", [sorted(ids)])
