"""What an account import must not take on trust from the zip: states, sizes and files.

A record says what state its row was in on the old server, but a crafted file can say
anything: a contact import "ready" with a 200 MB file, a card "queued" with a decompression
bomb for a photo, a message "queued" to a stranger. So every stored file goes through the
checks its upload gets (re-encoded, for photos), and every row whose state would make this
server do work is put back at the start of its app's own path, with that app's limits.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from coffeechat.cards import images
from coffeechat.cards.models import Card
from coffeechat.imports import services as imports
from coffeechat.imports.models import ContactImport
from coffeechat.outreach.models import Message

# Files ------------------------------------------------------------------------------------------


def _card_photo(content: bytes, name: str) -> tuple[bytes, str]:
    image = images.clean_upload(io.BytesIO(content), name=name, size=len(content))
    return image.content, f"card.{image.extension}"


# "app.Model.field" -> the check its uploads get. A file field missing here can't be imported:
# tests/test_import_limits.py fails for a new one until it is added.
FILE_CHECKS: dict[str, Callable[[bytes, str], tuple[bytes, str]]] = {
    "cards.Card.image": _card_photo,
}


def check_file(field: models.FileField, content: bytes, name: str) -> tuple[bytes, str]:
    """The stored file as an upload of this field would be kept, or ValidationError."""
    key = f"{field.model._meta.label}.{field.name}"
    check = FILE_CHECKS.get(key)
    if check is None:
        raise ValidationError(
            f"This coffeechat doesn't know how to check the files of {key}, "
            "so the export can't be imported."
        )
    return check(content, name)


# States ----------------------------------------------------------------------------------------

Then = Callable[[], None] | None


def _contact_import(row: ContactImport) -> Then:
    Status = ContactImport.Status
    data = bytes(row.data or b"")
    row.heartbeat_at, row.interrupted, row.rows_checked = None, "", 0
    if row.status not in (Status.MAPPING, Status.ANALYSING, Status.PREVIEW, Status.IMPORTING):
        # Finished: the file's job is done. `changes` holds the old server's ids.
        row.data, row.size, row.changes = b"", 0, {}
        return None
    if not data or len(data) > imports.MAX_UPLOAD_BYTES:
        row.data, row.size, row.status = b"", 0, Status.FAILED
        row.error = (
            "This import was unfinished when the account was exported, and its file "
            "didn't come along (or was over the limit). Import the file again."
        )
        return None
    # The preview is made again from the file, by the worker, within the import's limits.
    row.size = len(data)
    row.new_count = row.duplicate_count = row.uncertain_count = row.rejected_count = 0
    row.rows_total = 0
    if row.kind == ContactImport.Kind.CSV and not row.mapping:
        row.status = Status.MAPPING
        return None
    row.status = Status.ANALYSING
    return lambda: _analyse(row.pk)


def _analyse(import_id: int) -> None:
    from coffeechat.imports import tasks

    tasks.analyse_import.enqueue(import_id=import_id)


def _card(card: Card) -> Then:
    if card.status not in Card.OPEN and card.image.name:
        # A saved or skipped card keeps no photo.
        card.image.storage.delete(card.image.name)
        card.image = ""
    if card.status == Card.Status.QUEUED:
        return lambda: _read(card.pk)
    return None


def _read(card_id: int) -> None:
    from coffeechat.cards import tasks

    tasks.read_card.enqueue(card_id=card_id)


def _message(message: Message) -> Then:
    message.lease_until = message.next_attempt_at = None
    if message.status == Message.Status.QUEUED:
        # Never sent from here on the file's word: the user sends it again if it should go.
        message.status = Message.Status.FAILED
        message.last_error = (
            "It was waiting to be sent when the account was exported; it "
            "was not sent from here. Send it again if it should still go."
        )
    return None


REDERIVE: dict[type[models.Model], Callable[[Any], Then]] = {
    ContactImport: _contact_import,
    Card: _card,
    Message: _message,
}


def rederive(instance: models.Model) -> Then:
    """Make the row's state one this server can trust (see the module's docstring).

    Returns the work its app would start for it (reading a queued card...), for the import
    to run once all of it is in: a failed import is undone, and the row would be gone.
    """
    handler = REDERIVE.get(type(instance))
    return handler(instance) if handler else None
