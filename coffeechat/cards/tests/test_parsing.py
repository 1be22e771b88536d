from __future__ import annotations

import pytest

from coffeechat.cards.parsing import OcrLine, normalize_phone, parse_card, phone_in


def lines(*texts: str, heights: dict[str, float] | None = None) -> list[OcrLine]:
    heights = heights or {}
    return [
        OcrLine(text, 1.0, (0, 40.0 * i, 300, 40.0 * i + heights.get(text, 20)))
        for i, text in enumerate(texts)
    ]


def test_it_reads_a_plain_card() -> None:
    fields = parse_card(
        lines(
            "Maria Okafor",
            "Senior Data Engineer",
            "Northwind Traders Inc.",
            "maria.okafor@northwind.io",
            "Tel:(415)555-0142",
            "www.northwind.io",
            "500 Market St, Suite 200",
            "San Francisco, CA 94105",
        ),
        region="US",
    )

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
    fields = parse_card(
        lines("Sam Lee", "Acme Rockets", "Recruiter", "sam@acmerockets.com"), region="US"
    )

    assert (fields.full_name, fields.organization, fields.title) == (
        "Sam Lee",
        "Acme Rockets",
        "Recruiter",
    )


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


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("(415) 555-0142", "US", ("+1 415-555-0142", True)),
        ("+44 20 7946 0958", None, ("+44 20 7946 0958", True)),
        ("12345", "US", ("12345", False)),
        ("call me", "US", ("call me", False)),
    ],
)
def test_normalize_phone_keeps_what_it_cannot_read(typed, region, expected) -> None:
    assert normalize_phone(typed, region) == expected


@pytest.mark.parametrize(
    "printed",
    [
        "W www.quarrypoint.com",
        "W: www.quarrypoint.com",
        "Web www.quarrypoint.com",
        "Wwww.quarrypoint.com",
        "W. www.quarrypoint.com",
        "Website www.quarrypoint.com",
    ],
)
def test_it_takes_the_label_off_a_website_line(printed) -> None:
    fields = parse_card(lines("Nadia Brooks", "Quarry Point Systems", printed), region="US")

    assert fields.website == "https://www.quarrypoint.com"
    assert fields.organization == "Quarry Point Systems"
    assert fields.other == []


@pytest.mark.parametrize("printed", ["Web bluepeak.vc", "www bluepeak.vc", "W bluepeak.vc"])
def test_a_labelled_website_is_read_whatever_its_domain_ending(printed) -> None:
    fields = parse_card(lines("Omar Haddad", "Bluepeak Ventures", printed), region="US")

    assert fields.website == "https://bluepeak.vc"
    assert fields.organization == "Bluepeak Ventures"


@pytest.mark.parametrize(
    "printed",
    [
        "E: lucia@helixbio.com +1 858 555 0107",
        "lucia@helixbio.com (858) 555-0107",
        "T +1 858 555 0107 lucia@helixbio.com",
        "+1 858 555 0107lucia@helixbio.com",
    ],
)
def test_it_separates_an_email_and_a_phone_printed_on_one_line(printed) -> None:
    fields = parse_card(lines("Lucia Romero", printed), region="US")

    assert fields.email == "lucia@helixbio.com"
    assert fields.phone == "+1 858-555-0107"


def test_it_keeps_an_email_that_starts_with_digits() -> None:
    assert parse_card(lines("Jo Park", "2024jobs@acme.com"), region="US").email == (
        "2024jobs@acme.com"
    )


@pytest.mark.parametrize(
    ("logo", "organization"),
    [
        ("HELIX", "Helix Biotherapeutics"),
        ("BP", "Bluepeak Ventures"),
        ("LAKESHORE", "Lakeshore Freight Inc."),
    ],
)
def test_the_logos_big_letters_are_neither_organization_nor_note(logo, organization) -> None:
    fields = parse_card(
        lines(
            logo,
            "Lucia Romero",
            "Research Scientist",
            organization,
            heights={logo: 80, "Lucia Romero": 60},
        ),
        region="US",
    )

    assert (fields.full_name, fields.organization) == ("Lucia Romero", organization)
    assert fields.other == []


def test_a_lone_word_that_is_the_only_organization_is_kept() -> None:
    fields = parse_card(lines("HELIX", "Lucia Romero", "lucia@helixbio.com"), region="US")

    assert fields.organization == "HELIX"
