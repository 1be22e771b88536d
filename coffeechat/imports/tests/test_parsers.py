from __future__ import annotations

import pytest

from coffeechat.imports import parsers
from coffeechat.imports.parsers import FileProblem
from coffeechat.imports.parsers.addressbook import guess_mapping
from coffeechat.imports.parsers.base import parse_date
from coffeechat.lib.testing import contact_files as files


def contacts(raw: bytes, kind: str = "", mapping: dict | None = None) -> list:
    return list(parsers.parse(raw, kind or parsers.detect(raw), mapping).contacts)


@pytest.mark.parametrize(
    "raw",
    [
        files.LINKEDIN_2020,
        files.LINKEDIN_2022,
        files.LINKEDIN_2024,
        files.LINKEDIN_EXCEL,
        files.linkedin_zip(),
    ],
)
def test_it_finds_the_linkedin_header_in_every_era(raw: bytes) -> None:
    assert parsers.detect(raw) == "linkedin"
    dana = contacts(raw)[0]
    assert dana.full_name == "Dana Whitfield"
    assert dana.tags == ["linkedin import"]
    assert dana.problem == ""


def test_it_reads_linkedin_quirks() -> None:
    found = contacts(files.LINKEDIN_2024)

    assert [c.full_name for c in found] == [
        "Dana Whitfield",
        "Marisol Ibarra-Chen",
        "Zoë Ångström-Ndiaye",
        "",
        "",
    ]
    assert found[0].organization == "Northwind Analytics, Inc."
    assert found[0].notes == "Connected on LinkedIn on 8 February 2026."
    assert found[1].linkedin_url == "https://www.linkedin.com/in/marisol-ibarra-chen-3f9a1b"
    assert found[1].emails == ["m.ibarra@example.net"]
    assert found[2].title == 'Researcher "Applied ML"'
    assert found[0].connected_on == "2026-02-08"
    # The hidden profile and the row of only commas are rows too, each with its reason.
    assert found[3].problem.startswith("Hidden profile")
    assert found[3].line == 8
    assert (found[4].line, found[4].problem) == (9, "Blank row: nothing to import.")


def test_it_reads_excel_dates() -> None:
    assert parse_date("7-Feb-22").isoformat() == "2022-02-07"
    assert parse_date("07 Feb 2022").isoformat() == "2022-02-07"
    assert parse_date("Mar 2022").isoformat() == "2022-03-01"
    assert parse_date("31 Feb 2022") is None
    assert parse_date("someday") is None


def test_it_reads_the_owners_profile_from_the_zip() -> None:
    profile = parsers.parse(files.linkedin_zip(), "linkedin").profile

    assert profile.display_name == "Priya Okonkwo-Laurent"
    assert profile.headline == "Data analyst exploring health tech"
    assert [p["organization_name"] for p in profile.positions] == [
        "Cascadia Health Data",
        "Old Corp",
    ]
    assert profile.positions[0]["started_on"] == "2022-03-01"
    assert profile.positions[0]["finished_on"] is None
    assert profile.education[0]["school"] == "Oregon State University"
    assert profile.skills == ["SQL", "Python", "sql"]


def test_it_reads_google_multi_values() -> None:
    [dana] = contacts(files.GOOGLE)

    assert parsers.detect(files.GOOGLE) == "google"
    assert dana.emails == ["dana.whitfield@example.com", "dana@whitfield.example.net"]
    assert dana.tags == ["google import", "Mentors"]
    assert dana.phones == ["+1 206-555-0144"]
    assert dana.linkedin_url == "https://www.linkedin.com/in/dana-whitfield-example"
    assert dana.notes == "Met at PyCascades 2026, intro via Priya"


def test_it_reads_outlook_in_windows_1252() -> None:
    [renee] = contacts(files.OUTLOOK_CP1252)

    assert parsers.detect(files.OUTLOOK_CP1252) == "outlook"
    assert renee.full_name == "Renée O’Brien"
    assert renee.organization == "Café Analytics"
    assert renee.title == "Staff Data Engineer"  # Job Title, not Title (the honorific)
    assert renee.linkedin_url == "https://www.linkedin.com/in/renee-example"


def test_it_reads_vcard_30_and_skips_photos_unread() -> None:
    dana, tomas = contacts(files.VCARD_30)

    assert (dana.full_name, dana.organization, dana.title) == (
        "Dana Whitfield",
        "Northwind Analytics",
        "Staff Data Engineer",
    )
    assert dana.notes == "Met at PyCascades 2026; intro via Priya."
    assert dana.linkedin_url == "https://www.linkedin.com/in/dana-whitfield-example"
    assert tomas.full_name == "Tomás Reyes"
    assert tomas.problem == ""  # a broken base64 PHOTO, and a PHOTO URL never fetched


def test_it_reads_android_21_quoted_printable() -> None:
    [jorg] = contacts(files.VCARD_21_QP)

    assert jorg.full_name == "Jörg Müller"
    assert jorg.phones == ["+49 30 1234567"]
    assert jorg.notes == "Erste Zeile\r\nZweite"


def test_it_reads_vcard_40_with_a_yearless_birthday() -> None:
    [ana] = contacts(files.VCARD_40)

    assert ana.emails == ["ana@example.org"]
    assert ana.phones == ["+1-555-010-4477"]  # 555-01xx is fictional: kept as written
    assert ana.notes == ""
    assert ana.details["Birthday"] == "15 April"
    assert ana.tags == ["vcard import", "mentors", "alumni, 2019"]
    assert ana.linkedin_url == "https://www.linkedin.com/in/ana-lima"


def test_it_reads_utf16_and_semicolon_csvs_through_a_mapping() -> None:
    [zoe] = contacts(files.UTF16_CSV, "csv", {"full_name": 0, "email": 1})
    jurgen, ana = contacts(
        files.SEMICOLON_CSV, "csv", {"full_name": 0, "organization": 1, "email": 2}
    )

    assert zoe.full_name == "Zoë Ångström"
    assert (jurgen.full_name, jurgen.organization) == ("Jürgen Bauer", "Müller GmbH")
    assert ana.emails == ["ana@example.org"]


def test_it_guesses_the_mapping_from_header_names() -> None:
    assert guess_mapping(["Name", "Company", "E-mail"]) == {
        "full_name": 0,
        "organization": 1,
        "email": 2,
    }


def test_it_gives_each_bad_row_a_reason() -> None:
    raw = b"Name,Email,Title\nA Person,not-an-email,x\n,x@example.org,\nB,b@example.org,t,extra\n"

    found = contacts(raw, "csv", {"full_name": 0, "email": 1, "title": 2})

    assert [(c.line, c.problem) for c in found] == [
        (2, "“not-an-email” is not a valid email address."),
        (3, ""),
        (4, "This row has 4 columns but the header has 3 (a stray delimiter or quote?)."),
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, r"an image \(PNG\)"),
        (b"%PDF-1.7 hello", "a PDF document"),
        (bytes(range(256)) * 10, "binary data"),
        (b'Name,Notes\nA,"' + b"x" * 140_000 + b'"\n', "longer than 131,072 characters"),
        (b'Name,Notes\nA,"never closed\n', "Line 2: a quotation mark .* is never closed"),
        (b"PK\x03\x04broken", "damaged"),
    ],
)
def test_it_refuses_files_that_are_not_contacts(raw: bytes, message: str) -> None:
    with pytest.raises(FileProblem, match=message):
        list(
            parsers.parse(
                raw, "csv" if not raw.startswith(b"PK") else "linkedin", {"full_name": 0}
            ).contacts
        )
