"""INSERTs of many rows for the import, without Django's per-value SQL compiler.

bulk_create() spends more time compiling its SQL than SQLite spends storing the rows (about
1 s per 10,000 people on this hardware); these write the same rows in a few statements per
batch. Fields a row doesn't give get their model default, so a field another app adds to a
model later is filled as bulk_create would fill it. No signals are sent (bulk_create sends
none either).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 500  # rows per statement: under SQLite's 32,766 variables for every model here
RAW_TYPES = {
    "CharField",
    "TextField",
    "IntegerField",
    "BigIntegerField",
    "ForeignKey",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "BooleanField",
    "EmailField",
    "URLField",
    "SlugField",
}


def insert(
    model: type[models.Model], rows: Iterable[dict[str, Any]], *, returning: bool = False
) -> list[int]:
    """Insert rows given as {attname: value}; with `returning`, their new ids in order."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults = {
        f.attname: (
            now
            if getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)
            or f.default is timezone.now
            else f.get_default()
        )
        for f in fields
    }
    prep = [f.get_internal_type() not in RAW_TYPES for f in fields]
    # Defaults are prepared once, not once per row: JSON and dates cost microseconds each.
    prepared = [
        field.get_db_prep_save(defaults[field.attname], connection)
        if needs_prep
        else defaults[field.attname]
        for field, needs_prep in zip(fields, prep, strict=True)
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(quoted_column(f) for f in fields)
    one = f"({', '.join(['%s'] * len(fields))})"

    def values(row: dict[str, Any]) -> list[Any]:
        out = []
        for field, needs_prep, default in zip(fields, prep, prepared, strict=True):
            if field.attname not in row:
                out.append(default)
            elif needs_prep:
                out.append(field.get_db_prep_save(row[field.attname], connection))
            else:
                out.append(row[field.attname])
        return out

    ids: list[int] = []
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:

        def flush() -> None:
            if not batch:
                return
            if returning:
                pk = quoted_column(model._meta.pk)
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES "
                    f"{', '.join([one] * len(batch))} RETURNING {pk}",
                    [v for row in batch for v in row],
                )
                # Sorted: RETURNING's order isn't promised, but ids are handed out in row
                # order within one statement (SQLite AUTOINCREMENT, PostgreSQL identity).
                ids.extend(sorted(r[0] for r in cursor.fetchall()))
            else:
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}", batch)
            batch.clear()

        for row in rows:
            batch.append(values(row))
            if len(batch) == BATCH:
                flush()
        flush()
    return ids


def quoted_column(field: models.Field) -> str:
    assert field.column is not None  # every concrete field has its column
    return connection.ops.quote_name(field.column)


def chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    """`ids` a few hundred at a time: SQLite caps the variables in one statement."""
    return (ids[i : i + size] for i in range(0, len(ids), size))
