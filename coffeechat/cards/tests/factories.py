from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from coffeechat.cards import services
from coffeechat.cards.models import Card
from coffeechat.cards.parsing import OcrLine
from coffeechat.lib.testing.cardgen import png_bytes


def upload(name: str = "card.png", content: bytes | None = None) -> SimpleUploadedFile:
    content = png_bytes() if content is None else content
    return SimpleUploadedFile(name, content, content_type="image/png")


def as_upload(name: str, content: bytes) -> tuple[str, int, io.BytesIO]:
    return name, len(content), io.BytesIO(content)


def make_card(
    owner, *, event: str = "Spring career fair 2026", lines: list[str] | None = None
) -> Card:
    """A card as the worker leaves it: stored and (unless `lines` is None) read."""
    [card] = services.capture_cards(
        owner=owner, event=event, uploads=[as_upload("card.png", png_bytes())]
    )
    services.clean_photo(card=card)  # the worker's first step
    if lines is not None:
        card = services.store_reading(card=card, lines=[OcrLine(t) for t in lines])
    return card


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "cards"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
