"""INSERTs and UPDATEs of many rows for the import, without Django's per-value SQL compiler.

bulk_create() spends more time compiling its SQL than SQLite spends storing the rows (about
1 s per 10,000 people on this hardware); these write the same rows in a few statements per
batch. Fields a row doesn't give get their model default, so a field another app adds to a
model later is filled as bulk_create would fill it. No signals are sent (bulk_create sends
none either).

On PostgreSQL rows go in and are updated by statements over one array per column (unnest):
a multi-row VALUES of 500 rows is 5,000 placeholders that psycopg's client-side binding
parses in Python on every statement (about 60 ms each), and executemany() is a statement per
row. (COPY would be a little faster still, but Django's cursor doesn't see it: no query
logging, no execute wrappers.)
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb

BATCH = 500  # rows per statement: under SQLite's 32,766 variables for every model here
UPDATE_BATCH = 10_000  # rows per UPDATE over arrays (PostgreSQL): bounds the statement's size
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

    if connection.vendor == "postgresql":
        return _insert_json(model, fields, [values(row) for row in rows], returning=returning)
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


def _insert_json(
    model: type[models.Model],
    fields: list[models.Field],
    rows: list[list[Any]],
    *,
    returning: bool,
) -> list[int]:
    """PostgreSQL: the rows as one JSON array of arrays, UPDATE_BATCH rows a statement,
    turned back into columns by the server; with `returning`, their ids are drawn from the
    table's sequence first (one statement), so each row's id is known without relying on
    RETURNING's order."""
    if not rows:
        return []
    meta = model._meta
    assert meta.pk is not None
    table = connection.ops.quote_name(meta.db_table)
    ids: list[int] = []
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = sorted(r[0] for r in cursor.fetchall())
            fields = [meta.pk, *fields]
            rows = [[pk, *row] for pk, row in zip(ids, rows, strict=True)]
        columns = ", ".join(quoted_column(f) for f in fields)
        # A JSONField's value comes wrapped in a one-element array (_json_value): -> 0 gives
        # it back, and a SQL NULL (Python None, JSON null) stays NULL.
        values = ", ".join(
            f"r -> {n} -> 0" if _sql_type(f) == "jsonb" else f"(r ->> {n})::{_sql_type(f)}"
            for n, f in enumerate(fields)
        )
        for start in range(0, len(rows), UPDATE_BATCH):
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {values} "
                "FROM jsonb_array_elements(%s::jsonb) AS r",
                [
                    json.dumps(
                        rows[start : start + UPDATE_BATCH], default=_json_value, ensure_ascii=False
                    )
                ],
            )
    return ids


def _json_value(value: Any) -> Any:
    """What json.dumps can't write itself, as PostgreSQL reads it back in its column."""
    if isinstance(value, Jsonb):  # a JSONField's value, prepared: see _insert_json
        dumps = value.dumps
        if dumps is None or dumps is json.dumps:
            return [value.obj]
        return [json.loads(dumps(value.obj))]  # through the field's own encoder
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    raise TypeError(f"bulk.insert can't write a {type(value).__name__}")


def _arrays(fields: list[models.Field]) -> str:
    return ", ".join(f"%s::{_sql_type(f)}[]" for f in fields)


def _sql_type(field: models.Field) -> str:
    """The type to read a value as before it goes into `field`'s column. varchar(n) is read
    as text: an explicit cast to varchar(n) would cut a longer value silently, where storing
    text in the column refuses it, as a plain INSERT does."""
    db_type = field.db_type(connection) or "text"
    return "text" if db_type.startswith("varchar") else db_type


def _columns_of(rows: list[list[Any]]) -> list[list[Any]]:
    return [list(column) for column in zip(*rows, strict=True)]


def update(model: type[models.Model], names: list[str], rows: list[list[Any]]) -> None:
    """Set the fields `names` (attnames) of many rows, each given as [pk, *values] (Python
    values, prepared here): an UPDATE over arrays on PostgreSQL, an executemany on SQLite
    (a prepared statement there). bulk_update() builds a CASE WHEN per row and field:
    minutes for 30,000 rows."""
    if not rows:
        return
    meta = model._meta
    assert meta.pk is not None
    fields = [_own_field(model, name) for name in names]
    table = connection.ops.quote_name(meta.db_table)
    prepared = [
        [pk, *(f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True))]
        for pk, *values in rows
    ]
    pk = quoted_column(meta.pk)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            sets = ", ".join(f"{quoted_column(f)} = %s" for f in fields)
            cursor.executemany(
                f"UPDATE {table} SET {sets} WHERE {pk} = %s",
                [[*values, key] for key, *values in prepared],
            )
            return
        sets = ", ".join(f"{quoted_column(f)} = v.c{n}" for n, f in enumerate(fields))
        arrays = _arrays([meta.pk, *fields])
        names_v = ", ".join(["k", *(f"c{n}" for n in range(len(fields)))])
        for chunk in range(0, len(prepared), UPDATE_BATCH):
            part = prepared[chunk : chunk + UPDATE_BATCH]
            cursor.execute(
                f"UPDATE {table} SET {sets} FROM unnest({arrays}) AS v({names_v}) "
                f"WHERE {table}.{pk} = v.k",
                _columns_of(part),
            )


def _own_field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # a column of the model's own, not a relation's end
    return field


def quoted_column(field: models.Field) -> str:
    assert field.column is not None  # every concrete field has its column
    return connection.ops.quote_name(field.column)


def matching(ids: list[int]) -> Iterable[tuple[str, list[Any]]]:
    """`ids` as the SQL that follows a column to match them, and its parameters, in as few
    pieces as the database takes: PostgreSQL one array (`= ANY(%s)`: one parameter, and
    nothing for psycopg to parse per id), SQLite `IN (%s, …)` a few hundred at a time."""
    if connection.vendor == "postgresql":
        if ids:
            yield "= ANY(%s::bigint[])", [list(ids)]
        return
    for chunk in chunks(ids):
        yield f"IN ({', '.join(['%s'] * len(chunk))})", chunk


def chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    """`ids` a few hundred at a time: SQLite caps the variables in one statement."""
    return (ids[i : i + size] for i in range(0, len(ids), size))
