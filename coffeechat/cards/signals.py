"""Card images leave the disk with their row, however the row goes (its person deleted, the
account deleted by another app): those code paths need not know that cards keep files."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from coffeechat.cards.models import Card


@receiver(post_delete, sender=Card)
def delete_image_file(sender: type[Card], instance: Card, **kwargs: Any) -> None:
    if name := instance.image_path:
        storage = instance.image.storage
        # After commit: a rolled-back delete must not lose the file of a row that still exists.
        transaction.on_commit(lambda: storage.delete(name))
