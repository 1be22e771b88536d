from __future__ import annotations

import pytest

from coffeechat.cards.parsing import OcrLine, normalize_phone, parse_card, phone_in


def lines(*texts: str, heights: dict[str, float] | None = None) -> list[OcrLine]:
    heights = heights or {}
    return [OcrLine(text, 1.0, (0, 40.0 * i, 300, 40.0 * i + heights.get(text, 20)))
            for i, text in enumerate(texts)]


def test_it_reads_a_plain_card() -> None:
    fields = parse_card(lines("Maria Okafor", "Senior Data Engineer", "Northwind Traders Inc.",
                              "maria.okafor@northwind.io", "Tel:(415)555-0142",
                              "www.northwind.io", "500 Market St, Suite 200",
                              "San Francisco, CA 94105"), region="US")

    assert fields.full_name == "Maria Okafor"
    assert fields.title == "Senior Data Engineer"
    assert fields.organization == "Northwind Traders Inc."
    assert fields.email == "maria.okafor@northwind.io"
    assert fields.phone == "+1 415-555-0142"
    assert fields.website == "https://www.northwind.io"
    assert fields.address == "500 Market St, Suite 200, San Francisco, CA 94105"


def test_it_takes_the_largest_name_shaped_line_as_the_name() -> None:
    fields = parse_card(lines("Blue Heron", "Jane Doe", heights={"Jane Doe": 60}), region="US")

    assert fields.full_name == "Jane Doe"
    assert fields.organization == "Blue Heron"


def test_it_recognises_the_organization_by_the_email_domain() -> None:
    fields = parse_card(lines("Sam Lee", "Acme Rockets", "Recruiter", "sam@acmerockets.com"),
                        region="US")

    assert (fields.full_name, fields.organization, fields.title) == (
        "Sam Lee", "Acme Rockets", "Recruiter")


def test_it_splits_two_details_printed_on_one_line() -> None:
    fields = parse_card(lines("Ana Silva", "T 212 555 0100 | www.example.org"), region="US")

    assert fields.phone == "+1 212-555-0100"
    assert fields.website == "https://www.example.org"


def test_it_keeps_a_fax_number_out_of_the_phone_field() -> None:
    fields = parse_card(lines("Ana Silva", "Fax: 212 555 0199", "212 555 0100"), region="US")

    assert fields.phone == "+1 212-555-0100"


def test_it_reads_national_numbers_in_the_users_region() -> None:
    assert phone_in("020 7946 0958", "GB") == "+44 20 7946 0958"
    assert phone_in("020 7946 0958", None) == ""


def test_it_title_cases_a_name_in_capitals() -> None:
    assert parse_card(lines("JOHN SMITH"), region="US").full_name == "John Smith"


def test_it_never_takes_a_suite_number_for_a_phone() -> None:
    fields = parse_card(lines("Ana Silva", "Suite 1200"), region="US")

    assert fields.phone == ""
    assert fields.address == "Suite 1200"


def test_it_returns_empty_fields_when_there_is_no_text() -> None:
    fields = parse_card([], region="US")

    assert fields.is_empty
    assert fields.as_dict()["full_name"] == ""


@pytest.mark.parametrize(("typed", "region", "expected"), [
    ("(415) 555-0142", "US", ("+1 415-555-0142", True)),
    ("+44 20 7946 0958", None, ("+44 20 7946 0958", True)),
    ("12345", "US", ("12345", False)),
    ("call me", "US", ("call me", False)),
])
def test_normalize_phone_keeps_what_it_cannot_read(typed, region, expected) -> None:
    assert normalize_phone(typed, region) == expected
