"""The JSON document of a full account export, and reading it back into another account.

Shape (version 1; README.md "Your data: export and deletion" documents it for users):

    {"format": "coffeechat-account-export", "version": 1, "exported_at": "...",
     "account": {<the user's profile fields>},
     "omitted": {"models": {label: why}, "fields": {label: [secret field names]}},
     "records": {"network.Person": [{"id": 7, "full_name": "...", "organization": 3,
                                     "tags": [1, 2], ...}], ...}}

Ids are the exporting server's; a foreign key holds the id of a row of the same file, and an
import gives every row a new id. Links to the user (the `owner` column) are implied.
"""

from __future__ import annotations

import base64
import copy
import datetime
import decimal
import itertools
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction

from coffeechat.accounts.models import User
from coffeechat.exports import walk

FORMAT = "coffeechat-account-export"
VERSION = 1
ROW_CHUNK = 2000
# Rows written per transaction by an import, at most: SQLite has one write lock, and other
# users' writes wait while a batch holds it. The batch shrinks when one holds it longer than
# HOLD_SECONDS (a slow disk, a busy machine) and grows back after quick ones
# (scripts/bench_export.py measures the longest hold).
ROWS_PER_TRANSACTION = 1000
HOLD_SECONDS = 0.25
FEWEST_ROWS = 50
MESSAGE_ID = re.compile(r"^<[^<>@\s]+@(?P<domain>[^<>\s]+)>$")

# (path in the zip, field) -> the checked (re-encoded) bytes, and a file name for them.
FileReader = Callable[[str, models.FileField], tuple[bytes, str]]
# Makes a row's state trustworthy; may return what to do once the whole import is in.
Rederive = Callable[[models.Model], Callable[[], None] | None]
Progress = Callable[[str], Any]


# Writing ---------------------------------------------------------------------------------------


def account_fields(user: User) -> dict[str, Any]:
    """The user's own row, without credentials and permission flags."""
    return {
        field.name: _encode(field, field.value_from_object(user))
        for field in user._meta.concrete_fields
        if field.name not in walk.ACCOUNT_NOT_EXPORTED and not walk.is_secret(field)
    }


def omissions() -> dict[str, Any]:
    """What the export leaves out on purpose, so the file says so itself."""
    return {
        "models": dict(walk.NOT_EXPORTED),
        "fields": {
            owned.label: names
            for owned in walk.exported_models()
            if (names := walk.secret_fields(owned.model))
        },
        "not_imported": sorted(walk.NOT_IMPORTED),
    }


FileSink = Callable[[str, models.FileField, str], None]


def records_of(
    owner: User, owned: walk.OwnedModel, file_sink: FileSink | None = None
) -> Iterator[dict[str, Any]]:
    """Each of `owner`'s rows of one model as a JSON-ready dict, in pk order.

    An uploaded file's row holds the file's path in the zip, and `file_sink(zip_path, field,
    storage_name)` copies the bytes there.
    """
    fields = walk.exported_fields(owned.model)
    links = _many_to_many_of(owner, owned)
    rows = owned.rows_of(owner).values("pk", *(f.attname for f in fields))
    for row in rows.iterator(chunk_size=ROW_CHUNK):
        record: dict[str, Any] = {"id": row["pk"]}
        for field in fields:
            value = row[field.attname]
            if isinstance(field, models.FileField) and value and file_sink:
                zip_path = f"files/{owned.label}/{row['pk']}/{value.rsplit('/')[-1]}"
                file_sink(zip_path, field, value)
                value = zip_path
            record[field.name] = _encode(field, value)
        for name, targets in links.items():
            record[name] = sorted(targets.get(row["pk"], []))
        yield record


def _many_to_many_of(owner: User, owned: walk.OwnedModel) -> dict[str, dict[int, list[int]]]:
    # One query per many-to-many field for all rows, not one per row.
    links: dict[str, dict[int, list[int]]] = {}
    for field in walk.many_to_many(owned.model):
        through = walk.through_of(field)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pairs = through._default_manager.filter(**{f"{source}__{owned.owner_path}": owner})
        by_row: dict[int, list[int]] = defaultdict(list)
        for row_id, target_id in pairs.values_list(f"{source}_id", f"{target}_id"):
            by_row[row_id].append(target_id)
        links[field.name] = by_row
    return links


def _encode(field: models.Field, value: Any) -> Any:
    # Full precision: DjangoJSONEncoder would cut datetimes to milliseconds.
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


# Reading ---------------------------------------------------------------------------------------


def check_header(document: Any) -> None:
    """Refuse anything that is not a version this code reads."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError("This file is not a coffeechat account export (data.json).")
    if document.get("version") != VERSION:
        raise ValidationError(
            f"This export has format version {document.get('version')!r}; "
            f"this coffeechat reads version {VERSION}."
        )
    records = document.get("records")
    if not isinstance(records, dict) or not isinstance(document.get("account"), dict):
        raise ValidationError("The export's data.json has no records.")
    known = {owned.label for owned in walk.exported_models()}
    unknown = sorted(set(records) - known)
    if unknown:
        raise ValidationError(
            f"The export holds kinds of records this coffeechat doesn't know: {', '.join(unknown)}."
        )


def checked_account(user: User, account: dict[str, Any]) -> Callable[[], None]:
    """Check the exported profile now; return what copies it onto `user` (at the very end).

    Never the email, password or permissions.
    """
    allowed = {
        field.name: field
        for field in user._meta.concrete_fields
        if field.name not in walk.ACCOUNT_NOT_EXPORTED | walk.ACCOUNT_NOT_IMPORTED
        and not walk.is_secret(field)
    }
    values = {
        allowed[name].attname: _decode(allowed[name], value)
        for name, value in account.items()
        if name in allowed
    }
    trial = copy.copy(user)
    for attname, value in values.items():
        setattr(trial, attname, value)
    trial.full_clean(exclude=["password"])

    def save() -> None:
        for attname, value in values.items():
            setattr(user, attname, value)
        if values:
            user.save(update_fields=list(values))

    return save


class Loader:
    """Writes one export's records into an empty account, with new ids.

    Every foreign key is translated through the ids of this file only, so a crafted file can't
    point at anybody else's rows. Values that must be unique across the server (Message-IDs,
    idempotency keys) are kept unless another row already uses them, and then replaced.
    Records are read ROWS_PER_TRANSACTION at a time (`records` may be spooled on disk:
    archive.py) and written one transaction per batch: checked and their files stored first,
    so the write lock is held only to insert them. Nothing the file says about the state of
    work is trusted: `rederive` (rederive.py) puts every row whose state would make the server
    act (a queued card, an import waiting with its file, a message queued to send) back
    through the checks of its own app, and what that app would then start waits in
    `after_import` until the whole import is in. Undoing a failed load is the caller's
    (importing.py), but for `remove_unsaved_files`.
    """

    def __init__(
        self,
        owner: User,
        records: Mapping[str, Iterable[dict[str, Any]]],
        read_file: FileReader,
        rederive: Rederive | None = None,
        *,
        drop_pristine: Callable[[User, walk.OwnedModel], models.Model | None] | None = None,
        progress: Progress = lambda step: None,
    ) -> None:
        self.owner = owner
        self.records = records
        self.read_file = read_file
        self.rederive = rederive
        self.drop_pristine = drop_pristine
        self.progress = progress
        self.new_ids: dict[type[models.Model], dict[int, int]] = {}
        self.counts: dict[str, int] = {}
        self.unsaved: list[tuple[Any, str]] = []  # files stored for rows not written yet
        self.after_import: list[Callable[[], None]] = []
        self.most_rows = ROWS_PER_TRANSACTION
        self.batch_size = self.most_rows

    def remove_unsaved_files(self) -> None:
        """Delete the files stored for rows that never got in (the load failed)."""
        for storage, name in self.unsaved:
            storage.delete(name)
        self.unsaved = []

    def load(self) -> dict[str, int]:
        for owned in walk.imported_models():
            self._load_model(owned, self.records.get(owned.label, []))
        for owned in walk.imported_models():
            self._link_many_to_many(owned, self.records.get(owned.label, []))
        return self.counts

    def _load_model(self, owned: walk.OwnedModel, rows: Iterable[dict[str, Any]]) -> None:
        model = owned.model
        self.new_ids[model] = {}
        self.counts[owned.label] = 0
        # A row of defaults only (opening a settings page makes one) gives way to the file's,
        # which a one-per-owner constraint would otherwise refuse.
        if self.drop_pristine and (pristine := self.drop_pristine(self.owner, owned)):
            pristine.delete()
        self_links: list[tuple[models.Model, models.Field, int]] = []
        for chunk in self._batches(rows):
            self._load_chunk(owned, chunk, self_links)
            self.progress(f"Added {sum(self.counts.values()):,} records")
        self._link_self(model, self_links)

    def _batches(self, rows: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], ...]]:
        remaining = iter(rows)
        while chunk := tuple(itertools.islice(remaining, self.batch_size)):
            yield chunk

    def _pace(self, held: float) -> None:
        if held > HOLD_SECONDS:
            self.batch_size = max(min(FEWEST_ROWS, self.most_rows), self.batch_size // 2)
        elif held < HOLD_SECONDS / 4:
            self.batch_size = min(self.most_rows, self.batch_size * 2)

    def _load_chunk(
        self,
        owned: walk.OwnedModel,
        rows: tuple[dict[str, Any], ...],
        self_links: list[tuple[models.Model, models.Field, int]],
    ) -> None:
        model = owned.model
        fields = {field.name: field for field in walk.exported_fields(model)}
        m2m = {field.name for field in walk.many_to_many(model)}
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        instances = []
        for row in rows:
            if not isinstance(row, dict):
                raise ValidationError(f"A {owned.label} record is not an object.")
            extra = set(row) - set(fields) - m2m - {"id"}
            if extra or not isinstance(row.get("id"), int):
                raise ValidationError(
                    f"A {owned.label} record has unknown fields "
                    f"({', '.join(sorted(map(str, extra))) or 'no id'})."
                )
            instance = model(**self._user_links(model))
            for name, value in row.items():
                if name in fields:
                    self._set(instance, fields[name], value, self_links)
            then = self.rederive(instance) if self.rederive else None
            if then:
                self.after_import.append(then)
            # Foreign keys are checked by the id translation; validating them here would cost
            # one query per link.
            instance.full_clean(
                exclude=relations, validate_unique=False, validate_constraints=False
            )
            instances.append(instance)
        started = time.monotonic()
        with transaction.atomic():  # the batch's one hold of the write lock
            self._make_unique(model, instances)
            created = model._default_manager.bulk_create(instances, batch_size=500)
            self._restore_auto_now(model, created, list(rows))
        self._pace(time.monotonic() - started)
        self.unsaved = []  # the files are the rows' now: undoing erases them with the rows
        self.new_ids[model].update(
            {row["id"]: obj.pk for row, obj in zip(rows, created, strict=True)}
        )
        self.counts[owned.label] += len(created)

    def _user_links(self, model: type[models.Model]) -> dict[str, Any]:
        return {
            field.name: self.owner
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is User
        }

    def _set(
        self,
        instance: models.Model,
        field: models.Field,
        value: Any,
        self_links: list[tuple[models.Model, models.Field, int]],
    ) -> None:
        if field.is_relation and value is not None:
            if field.related_model is type(instance):
                # Rows of the same model may point forwards: link them once all exist.
                self_links.append((instance, field, value))
                return
            target = field.related_model
            ids = self.new_ids.get(target) if target else None
            if target and ids is not None:
                if value not in ids:
                    raise ValidationError(
                        f"A {instance._meta.label} record points at a "
                        f"{target._meta.label} that isn't in the file."
                    )
                value = ids[value]
            setattr(instance, field.attname, value)
        elif isinstance(field, models.FileField) and value:
            if not isinstance(value, str):
                raise ValidationError(f"A {instance._meta.label} record names a file oddly.")
            content, name = self.read_file(value, field)
            stored = field.storage.save(
                field.generate_filename(instance, name), _content_file(content)
            )
            self.unsaved.append((field.storage, stored))
            setattr(instance, field.attname, stored)
        else:
            setattr(instance, field.attname, _decode(field, value))

    def _make_unique(self, model: type[models.Model], instances: list[models.Model]) -> None:
        for field in model._meta.concrete_fields:
            if not field.unique or field.primary_key:
                continue
            values = [getattr(obj, field.attname) for obj in instances]
            taken = set()
            wanted = [v for v in values if v is not None]
            for start in range(0, len(wanted), 500):
                taken |= set(
                    model._default_manager.filter(
                        **{f"{field.attname}__in": wanted[start : start + 500]}
                    ).values_list(field.attname, flat=True)
                )
            for obj, value in zip(instances, values, strict=True):
                if value in taken:
                    setattr(obj, field.attname, fresh_unique(field, value))

    def _restore_auto_now(
        self, model: type[models.Model], created: list[models.Model], rows: list[dict[str, Any]]
    ) -> None:
        # bulk_create stamps auto_now fields with the import time; put the exported ones back.
        # One executemany, not bulk_update: its CASE expressions cost seconds per 10,000 rows.
        stamped = [
            f
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        connection = connections[router.db_for_write(model)]
        quote = connection.ops.quote_name
        for field in stamped:
            values = [
                (field.get_db_prep_value(_decode(field, row[field.name]), connection), obj.pk)
                for obj, row in zip(created, rows, strict=True)
                if row.get(field.name) is not None
            ]
            column, pk_column = field.column, model._meta.pk.column
            assert column and pk_column  # set once the model is ready
            if values:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s "
                        f"WHERE {quote(pk_column)} = %s",
                        values,
                    )

    def _link_self(
        self, model: type[models.Model], links: list[tuple[models.Model, models.Field, int]]
    ) -> None:
        ids = self.new_ids[model]
        for batch in itertools.batched(links, self.batch_size):
            with transaction.atomic():
                for instance, field, old_id in batch:
                    if old_id not in ids:
                        raise ValidationError(
                            f"A {model._meta.label} record points at one that isn't in the file."
                        )
                    model._default_manager.filter(pk=instance.pk).update(
                        **{field.attname: ids[old_id]}
                    )

    def _insert(self, model: type[models.Model], rows: list[models.Model]) -> None:
        started = time.monotonic()
        with transaction.atomic():
            model._default_manager.bulk_create(rows, batch_size=500)
        self._pace(time.monotonic() - started)

    def _link_many_to_many(self, owned: walk.OwnedModel, rows: Iterable[dict[str, Any]]) -> None:
        for field in walk.many_to_many(owned.model):
            through = walk.through_of(field)
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            own_ids, target_ids = self.new_ids[owned.model], self.new_ids[field.related_model]
            pairs = []
            for row in rows:
                targets = row.get(field.name, [])
                if not isinstance(targets, list):
                    raise ValidationError(f"A {owned.label} record's {field.name} is not a list.")
                for target_id in targets:
                    if target_id not in target_ids:
                        raise ValidationError(
                            f"A {owned.label} record is linked to a "
                            f"{field.related_model._meta.label} that isn't "
                            "in the file."
                        )
                    pairs.append(
                        through(
                            **{
                                f"{source}_id": own_ids[row["id"]],
                                f"{target}_id": target_ids[target_id],
                            }
                        )
                    )
                if len(pairs) >= self.batch_size:
                    self._insert(through, pairs)
                    pairs = []
            self._insert(through, pairs)


def fresh_unique(field: models.Field, value: Any) -> Any:
    """A new value for a server-wide unique column that another row already holds."""
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    match = MESSAGE_ID.match(str(value))
    if match:  # keep the shape and domain of a Message-ID
        return f"<{uuid.uuid4().hex}@{match['domain']}>"
    return f"{uuid.uuid4().hex}-{value}"[: field.max_length or None]


def _decode(field: models.Field, value: Any) -> Any:
    if value is None or isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    try:
        return field.to_python(value)
    except ValidationError as error:
        raise ValidationError(
            f"{field.model._meta.label}.{field.name}: {error.messages[0]}"
        ) from None


def _content_file(content: bytes) -> Any:
    from django.core.files.base import ContentFile

    return ContentFile(content)
