"""Issue 11, "Imports that keep everything and count right": every row accounted for, repeats
found without a profile URL, re-imports that add nobody, nothing a file carried dropped, and
problems said where they are."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coffeechat.exports import formats
from coffeechat.imports import applying, parsers, services, undoing
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.parsers import FileProblem
from coffeechat.lib.testing import contact_files as files
from coffeechat.network.models import Organization, Person

Status, Outcome = ContactImport.Status, ImportRow.Outcome


def preview(owner, raw: bytes, kind: str = "") -> ContactImport:
    return services.analyse(
        contact_import=services.receive_file(owner=owner, filename="contacts", data=raw, kind=kind)
    )


def imported(owner, raw: bytes, kind: str = "") -> ContactImport:
    return applying.start_import(contact_import=preview(owner, raw, kind))


def adds_up(contact_import: ContactImport) -> bool:
    return contact_import.rows_total == (
        contact_import.new_count
        + contact_import.duplicate_count
        + contact_import.uncertain_count
        + contact_import.rejected_count
    )


def test_every_row_is_accounted_for_blank_rows_included_with_their_line(alice) -> None:
    contact_import = preview(alice, files.GOOGLE_FULL)

    # Keiko (her address spans lines 2-4), the blank row on line 5, the front desk on line 6.
    assert (contact_import.rows_total, contact_import.new_count, contact_import.rejected_count) == (
        3,
        2,
        1,
    )
    assert adds_up(contact_import)
    blank = contact_import.rows.get(outcome=Outcome.REJECTED)
    assert (blank.line, blank.reason) == (5, "Blank row: nothing to import.")


@pytest.mark.parametrize(
    "raw",
    [
        files.LINKEDIN_2024,
        files.LINKEDIN_2020,
        files.LINKEDIN_EXCEL,
        files.linkedin_zip(),
        files.GOOGLE,
        files.OUTLOOK_CP1252,
        files.VCARD_30,
        files.VCARD_21_QP,
        files.VCARD_IPHONE,
        files.LINKEDIN_2020_NO_ORG,
    ],
)
def test_the_preview_adds_up_for_every_kind_of_file(alice, raw: bytes) -> None:
    contact_import = preview(alice, raw)

    assert contact_import.status == Status.PREVIEW
    assert adds_up(contact_import)
    assert contact_import.rows.count() == contact_import.rows_total


def test_a_repeat_within_a_file_without_urls_is_a_duplicate_and_one_person(alice) -> None:
    contact_import = preview(alice, files.LINKEDIN_2020_NO_ORG)
    repeat = contact_import.rows.get(line=4)

    assert repeat.outcome == Outcome.DUPLICATE
    assert repeat.reason == "Same details as line 3 of this file"
    assert (contact_import.new_count, contact_import.duplicate_count) == (2, 1)

    done = applying.start_import(contact_import=contact_import)

    assert (done.created_count, done.merged_count) == (2, 1)
    assert sorted(Person.objects.values_list("full_name", flat=True)) == ["Ana Lima", "Sam Rivera"]


def test_identical_google_rows_without_an_email_are_one_person(alice) -> None:
    row = b"Ana,,Lima,,,,,,,,Contoso Labs,Designer,,,,,,,,Mobile,+1 555 010 2030,,\n"
    header = files.GOOGLE.split(b"\n")[0] + b"\n"

    imported(alice, header + row + row)

    assert Person.objects.count() == 1


def test_reimporting_linkedin_without_urls_or_organizations_adds_nobody(alice) -> None:
    imported(alice, files.LINKEDIN_2020_NO_ORG)

    again = imported(alice, files.LINKEDIN_2020_NO_ORG)

    assert (again.created_count, again.merged_count, again.uncertain_count) == (0, 3, 0)
    assert Person.objects.count() == 2


def test_reimporting_an_address_book_without_organizations_adds_nobody(alice) -> None:
    imported(alice, files.VCARD_21_LATIN1)

    again = imported(alice, files.VCARD_21_LATIN1)

    assert (again.created_count, again.merged_count) == (0, 1)
    assert Person.objects.get().full_name == "Inés García"


def test_the_command_line_reimport_adds_nobody(alice, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(files.LINKEDIN_2020_NO_ORG)

    for _ in range(2):
        output = StringIO()
        call_command("import_contacts", str(path), "--user", "alice@example.org", stdout=output)

    assert "Imported: 0 added, 3 merged" in output.getvalue()
    assert Person.objects.count() == 2


def test_a_contact_with_only_an_organization_is_kept_named_after_it(alice) -> None:
    imported(alice, files.GOOGLE_FULL)

    desk = Person.objects.get(email="desk@contoso.example")
    assert desk.full_name == "Contoso Front Desk"
    assert desk.organization.name == "Contoso Front Desk"
    assert "named after the organization" in desk.notes
    assert desk.phone == "+1 425-555-0100"


def test_the_fields_people_fill_in_are_kept_in_the_notes(alice) -> None:
    imported(alice, files.GOOGLE_FULL)
    imported(alice, files.OUTLOOK_FULL)
    imported(alice, files.VCARD_IPHONE)
    imported(alice, files.VCARD_21_LATIN1)

    keiko = Person.objects.get(full_name="Keiko Tanaka")  # "Dr." isn't glued to her name
    for line in (
        "Honorific: Dr.",
        "Nickname: Kei",
        "Phonetic name: ケイコ タナカ",
        "Department: Cardiology",
        "Birthday: 1979-03-14",
        "Address (Work): 1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan",
        "Other website: https://keiko.example.org",
        "Assistant: Yumi",
        "Photo: https://lh3.googleusercontent.com/contacts/photo-example",
    ):
        assert line in keiko.notes.splitlines()
    bram = Person.objects.get(full_name="Bram de Vries")
    for line in (
        "Honorific: Mr.",
        "Nickname: Bramster",
        "Department: Platform",
        "Birthday: 4/15/1982",
        "Address (Business): Keizersgracht 1, Amsterdam, NH, 1015 CJ, Netherlands",
    ):
        assert line in bram.notes.splitlines()
    assert "Anniversary" not in bram.notes  # Outlook's 0/0/00 means "none"
    chidi = Person.objects.get(full_name="Chidi Okafor")
    for line in (
        "Honorific: Prof.",
        "Nickname: Chid",
        "Phonetic name: Chee-dee Oh-kah-for",
        "Department: Risk Analytics",
        "Birthday: 2 November 1985",
        "Address (work): 12 Harbour Street, Lagos, 101241, Nigeria",
    ):
        assert line in chidi.notes.splitlines()
    ines = Person.objects.get(full_name="Inés García")
    assert "Address (home): Calle Mayor 5, Málaga, 29001, España" in ines.notes


def test_a_merge_adds_the_files_extra_lines_to_existing_notes(alice) -> None:
    existing = Person.objects.create(
        owner=alice,
        full_name="Keiko Tanaka",
        email="keiko.tanaka@example.org",
        notes="Met in 2019.",
    )

    contact_import = imported(alice, files.GOOGLE_FULL)
    existing.refresh_from_db()

    assert existing.notes.startswith("Met in 2019.\nMet at HIMSS\nHonorific: Dr.")
    undoing.undo(contact_import=contact_import)
    existing.refresh_from_db()
    assert existing.notes == "Met in 2019."


def test_a_vcard_round_trip_through_coffeechat_loses_nothing(alice, mallory) -> None:
    imported(alice, files.VCARD_IPHONE + files.VCARD_21_LATIN1)
    people = Person.objects.filter(owner=alice).select_related("organization").order_by("pk")
    exported = formats.vcards(people.prefetch_related("tags"), host="test").encode()

    imported(mallory, exported)

    again = Person.objects.filter(owner=mallory).select_related("organization").order_by("pk")
    fields = ("full_name", "title", "email", "phone", "notes")
    assert [[getattr(p, f) for f in fields] for p in again] == [
        [getattr(p, f) for f in fields] for p in people
    ]
    assert [p.organization and p.organization.name for p in again] == [
        p.organization and p.organization.name for p in people
    ]
    chidi = again.get(full_name="Chidi Okafor")
    assert {
        "Nickname: Chid",
        "Birthday: 2 November 1985",
        "Department: Risk Analytics",
        "Honorific: Prof.",
    } <= set(chidi.notes.splitlines())


def test_a_csv_round_trip_through_coffeechat_loses_nothing(alice, mallory) -> None:
    imported(alice, files.GOOGLE_FULL)
    people = list(
        Person.objects.filter(owner=alice)
        .select_related("organization")
        .prefetch_related("tags")
        .order_by("pk")
    )
    exported = formats.csv_text(formats.PEOPLE_HEADER, formats.people_rows(people)).encode()

    contact_import = services.receive_file(owner=mallory, filename="people.csv", data=exported)
    services.set_mapping(
        contact_import=contact_import, mapping=contact_import.mapping, connection="known"
    )
    applying.start_import(contact_import=services.analyse(contact_import=contact_import))

    for before in people:
        after = Person.objects.get(owner=mallory, email=before.email)
        assert (after.full_name, after.title, after.phone) == (
            before.full_name,
            before.title,
            before.phone,
        )
        # Every line of the notes comes back; the columns coffeechat wrote beside them too.
        assert set(before.notes.splitlines()) <= set(after.notes.splitlines())
        assert "Where we met: " not in after.notes or before.met_at
    keiko = Person.objects.get(owner=mallory, full_name="Keiko Tanaka")
    assert {"Department: Cardiology", "Nickname: Kei"} <= set(keiko.notes.splitlines())


def test_a_vcard_photo_is_checked_and_kept_and_a_broken_one_reported(alice) -> None:
    contact_import = preview(alice, files.VCARD_IPHONE)
    chidi, layla, sven = contact_import.rows.order_by("line")

    assert chidi.contact["photo"].startswith("data:image/jpeg;base64,")
    assert chidi.contact["warnings"] == []
    assert sven.contact["warnings"] == [
        "The photo's data is damaged (not valid base64); it was skipped.",
        "1 line without a colon (not a vCard property) skipped.",
    ]
    assert layla.contact["warnings"] == [
        "No FN (formatted name): the name was put together from N."
    ]
    assert sven.outcome == layla.outcome == Outcome.NEW


def test_the_preview_page_says_what_each_card_lost(alice, alice_client: Client) -> None:
    contact_import = preview(alice, files.VCARD_IPHONE)

    page = alice_client.get(reverse("imports:import", args=[contact_import.pk])).content.decode()

    assert "Imported with something left out (2)" in page
    assert "line without a colon" in page
    assert "photo&#x27;s data is damaged" in page
    assert "No FN (formatted name)" in page


def test_an_unterminated_quote_is_refused_at_the_line_where_its_record_starts() -> None:
    raw = (
        b"Name,Email,Notes\nAna Lima,ana@example.org,fine\n"
        b'Sam Rivera,sam@example.org,"starts here and never ends\n'
        b"Kim Lee,kim@example.org,late\nJo Park,jo@example.org,later\n"
    )

    with pytest.raises(FileProblem, match=r"^Line 3: a quotation mark opens a field"):
        list(parsers.parse(raw, "csv", {"full_name": 0}).contacts)


def test_undo_asks_first_and_says_how_many_it_removes(alice, alice_client: Client) -> None:
    contact_import = imported(alice, files.LINKEDIN_2024)
    url = reverse("imports:undo", args=[contact_import.pk])

    page = alice_client.get(url).content.decode()

    assert "Undo this import?" in page
    assert "remove 3 people" in page
    assert "remove 3 organizations" in page
    assert Person.objects.count() == 3  # asking removed nothing
    alice_client.post(url)
    assert Person.objects.count() == Organization.objects.count() == 0


def test_the_import_page_links_to_the_confirmation_not_a_one_click_undo(
    alice, alice_client: Client
) -> None:
    contact_import = imported(alice, files.LINKEDIN_2024)

    page = alice_client.get(reverse("imports:import", args=[contact_import.pk])).content.decode()

    assert f'href="{reverse("imports:undo", args=[contact_import.pk])}"' in page
    assert f'action="{reverse("imports:undo", args=[contact_import.pk])}"' not in page
