"""Card photos cost bounded web CPU: budgets checked on the photos' headers, before decoding
(issue: twenty 30-megapixel photos in one 2 MB request cost 26 s of web CPU)."""

from __future__ import annotations

import io
import time

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from coffeechat.cards import services
from coffeechat.cards.models import Card
from coffeechat.cards.tests.factories import as_upload, stored_files
from coffeechat.lib.testing.cardgen import png_bytes


def _photo_30_megapixels() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6_000, 5_000), "white").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def test_twenty_30_megapixel_photos_are_refused_before_any_is_decoded(alice) -> None:
    photo = _photo_30_megapixels()
    uploads = [as_upload(f"{i}.png", photo) for i in range(20)]
    assert sum(size for _, size, _ in uploads) < 2 * 1024 * 1024

    started = time.process_time()
    with pytest.raises(ValidationError) as refused:
        services.capture_cards(owner=alice, event="Fair", uploads=uploads)
    spent = time.process_time() - started

    assert "600 megapixels together" in refused.value.messages[0]
    assert "smaller groups" in refused.value.messages[0]
    assert spent < 1.0  # decoding one of them alone takes more
    assert not Card.objects.exists() and stored_files() == []


def test_a_few_phone_photos_in_one_upload_are_fine(alice) -> None:
    uploads = [as_upload(f"{i}.png", png_bytes()) for i in range(services.MAX_FILES)]
    assert len(services.capture_cards(owner=alice, event="Fair", uploads=uploads)) == 20
    for card in Card.objects.all():
        card.image.delete(save=False)


def test_one_person_has_a_budget_of_cards_waiting_to_be_read(alice, mallory) -> None:
    Card.objects.bulk_create([Card(owner=alice, event="Fair") for _ in range(services.MAX_WAITING)])

    with pytest.raises(ValidationError, match="60 of your cards are still waiting"):
        services.capture_cards(
            owner=alice, event="Fair", uploads=[as_upload("card.png", png_bytes())]
        )
    # Somebody else's queue is theirs.
    [card] = services.capture_cards(
        owner=mallory, event="Fair", uploads=[as_upload("card.png", png_bytes())]
    )
    card.image.delete(save=False)
