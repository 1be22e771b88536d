"""Uploads (security.md T9): only real images are stored, re-encoded, under generated names."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from coffeechat.cards import images, services
from coffeechat.cards.models import Card
from coffeechat.cards.tests.factories import as_upload, stored_files, upload
from coffeechat.lib.testing.cardgen import CARDS, card_bytes, png_bytes


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (200, 120), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue()


def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid PNG header for a huge image, with a tiny (wrong) body: it must never decode."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


BAD_FILES = {
    "text named .jpg": ("card.jpg", b"hello, I am not an image\n" * 10, "not an image"),
    "a PDF named .jpg": (
        "card.jpg",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n%%EOF",
        "not an image",
    ),
    "an SVG named .png": (
        "card.png",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>',
        "not an image",
    ),
    "HTML named .png": ("card.png", b"<!doctype html><script>alert(1)</script>", "not an image"),
    "a GIF": ("card.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "not an image"),
    "a zero-byte file": ("card.jpg", b"", "is empty"),
    "huge dimensions": ("card.png", huge_png(), "too large"),
    "a HEIC photo": ("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_it_refuses_bad_files_with_a_clear_message(case: str, alice) -> None:
    name, content, message = BAD_FILES[case]

    with pytest.raises(ValidationError) as error:
        services.capture_cards(owner=alice, event="Fair", uploads=[as_upload(name, content)])

    assert message in error.value.messages[0]
    assert Card.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_the_capture_page_answers_bad_files_with_400_and_a_message(case: str, alice_client) -> None:
    name, content, message = BAD_FILES[case]

    response = alice_client.post(
        reverse("cards:capture"), {"event": "Fair", "images": upload(name, content)}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Card.objects.count() == 0
    assert stored_files() == []


def test_it_refuses_a_file_over_10_mb_before_decoding_it(alice) -> None:
    content = b"\xff\xd8\xff" + b"\x00" * (images.MAX_BYTES + 1)

    with pytest.raises(ValidationError, match="larger than 10 MB"):
        services.capture_cards(owner=alice, event="Fair", uploads=[as_upload("a.jpg", content)])


def test_it_stores_nothing_when_one_file_of_several_is_bad(alice) -> None:
    uploads = [as_upload("good.png", png_bytes()), as_upload("bad.jpg", b"%PDF-1.4")]

    with pytest.raises(ValidationError) as error:
        services.capture_cards(owner=alice, event="Fair", uploads=uploads)

    assert error.value.messages == [f"“bad.jpg” {images.NOT_AN_IMAGE}"]
    assert Card.objects.count() == 0
    assert stored_files() == []


def _captured(alice, name: str, content: bytes) -> Card:
    """A card whose photo the worker has decoded and re-encoded (services.clean_photo)."""
    [card] = services.capture_cards(owner=alice, event="Fair", uploads=[as_upload(name, content)])
    assert card.image.name.endswith(".upload")  # as sent: nothing decoded in the request
    assert services.clean_photo(card=card)
    card.refresh_from_db()
    return card


@pytest.mark.parametrize(
    ("name", "content"),
    [("card.jpg", card_bytes(CARDS[1])[:4000]), ("card.png", png_bytes((400, 300))[:60])],
)
def test_a_truncated_photo_is_marked_unreadable_by_the_worker(name, content, alice) -> None:
    [card] = services.capture_cards(owner=alice, event="Fair", uploads=[as_upload(name, content)])

    assert not services.clean_photo(card=card)
    card.refresh_from_db()
    assert (card.status, card.image.name) == ("failed", "")
    assert stored_files() == []


def test_the_photo_as_sent_is_never_served(alice, alice_client) -> None:
    [card] = services.capture_cards(
        owner=alice, event="Fair", uploads=[as_upload("photo.jpg", jpeg_with_gps())]
    )
    assert alice_client.get(reverse("cards:image", args=[card.pk])).status_code == 404
    card.image.delete(save=False)


def test_it_strips_exif_and_gps(alice) -> None:
    card = _captured(alice, "photo.jpg", jpeg_with_gps())

    stored = Image.open(card.image.path)
    assert stored.format == "JPEG"
    assert stored.getexif() == {}
    assert "comment" not in stored.info and "exif" not in stored.info
    assert b"PhoneMaker" not in card.image.read()


def test_it_keeps_webp_as_a_re_encoded_jpeg(alice) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, "WEBP")

    card = _captured(alice, "card.webp", buffer.getvalue())

    assert Image.open(card.image.path).format == "JPEG"


def test_it_scales_down_big_photos(alice) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(buffer, "JPEG")

    card = _captured(alice, "big.jpg", buffer.getvalue())

    assert max(Image.open(card.image.path).size) == images.MAX_SIDE


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.png",
        "a\x00b.png",
        "x\r\nSet-Cookie: a.png",
        "\u202egnp.exe",
        "n" * 300 + ".png",
    ],
)
def test_it_stores_under_a_generated_name(name: str, alice) -> None:
    card = _captured(alice, name, png_bytes())

    assert card.image.name.startswith(f"cards/{alice.pk}/")
    assert len(card.image.name.rpartition("/")[2]) == len("0" * 32 + ".jpg")
    assert [p.name for p in stored_files()] == [card.image.name.rpartition("/")[2]]


def test_it_limits_how_many_cards_one_upload_holds(alice) -> None:
    uploads = [as_upload(f"{i}.png", png_bytes()) for i in range(services.MAX_FILES + 1)]

    with pytest.raises(ValidationError, match="at most 20"):
        services.capture_cards(owner=alice, event="Fair", uploads=uploads)
