"""OCR accuracy on generated business cards (rapidocr on its bundled models).

Each card is read once per module. Timing is not asserted here: scripts/bench_ocr.py
reports the time per card.
"""

from __future__ import annotations

import re

import phonenumbers
import pytest

from coffeechat.cards import ocr, parsing
from coffeechat.lib.testing.cardgen import CARDS, LAYOUT_CARDS, CardSpec, card_bytes

pytestmark = pytest.mark.system  # reads every generated card with the real OCR models

MIN_ACCURACY = 0.9


def comparable(field: str, value: str) -> str:
    """A field as a person would judge it right: case, spacing and punctuation aside."""
    if field == "phone":
        try:
            number = phonenumbers.parse(value, "US")
        except phonenumbers.NumberParseException:
            return value
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if field == "website":
        value = re.sub(r"^https?://", "", value.lower()).rstrip("/")
    return re.sub(r"[^\w@.]", "", value.lower())


@pytest.fixture(scope="module")
def readings() -> list[tuple[CardSpec, parsing.CardFields]]:
    found = []
    for spec in CARDS:
        lines, _seconds = ocr.read_lines(card_bytes(spec))
        found.append((spec, parsing.parse_card(lines, region="US")))
    return found


def test_it_gets_at_least_90_percent_of_fields_right(readings) -> None:
    wrong, total = [], 0
    for spec, fields in readings:
        for name, expected in spec.expected().items():
            total += 1
            if comparable(name, getattr(fields, name)) != comparable(name, expected):
                wrong.append(
                    f"{spec.full_name}: {name} {getattr(fields, name)!r} (expected {expected!r})"
                )

    accuracy = 1 - len(wrong) / total
    assert accuracy >= MIN_ACCURACY, "\n".join(wrong)


def test_it_covers_the_variations_a_phone_photo_has() -> None:
    assert len(CARDS) >= 10
    assert {spec.layout for spec in CARDS} == {"left", "center", "columns"}
    assert any(spec.dark for spec in CARDS) and any(not spec.dark for spec in CARDS)
    assert any(spec.rotate for spec in CARDS) and any(spec.blur for spec in CARDS)
    assert any(spec.jpeg_quality == 70 for spec in CARDS)
    assert len({spec.font.split("/")[1].split("-")[0] for spec in CARDS}) >= 4


def test_it_reads_every_card_name(readings) -> None:
    names = [fields.full_name for _spec, fields in readings]

    assert names == [spec.full_name for spec in CARDS]


def test_it_finds_no_lines_on_a_blank_card() -> None:
    from coffeechat.lib.testing.cardgen import png_bytes

    lines, _seconds = ocr.read_lines(png_bytes((1050, 600)))

    assert lines == []


@pytest.mark.parametrize("spec", LAYOUT_CARDS, ids=lambda spec: spec.full_name)
def test_it_reads_every_field_of_cards_with_labels_logos_and_shared_lines(spec) -> None:
    lines, _seconds = ocr.read_lines(card_bytes(spec))
    fields = parsing.parse_card(lines, region="US")

    found = {name: comparable(name, getattr(fields, name)) for name in spec.expected()}
    assert found == {name: comparable(name, value) for name, value in spec.expected().items()}
    assert fields.other == []
