"""Background work for cards: OCR runs in the task worker, never in a web request."""

from __future__ import annotations

from django.tasks import task

from coffeechat.cards import services


@task(queue_name="cards")  # its own worker: photos never wait behind an import
def read_card(*, card_id: int) -> None:
    services.read_card(card_id=card_id)
