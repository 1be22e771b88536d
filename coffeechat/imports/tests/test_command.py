from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from coffeechat.imports.models import ContactImport
from coffeechat.lib.testing import contact_files as files
from coffeechat.network.models import Person
from coffeechat.profile.models import Position, Proposal


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_contacts", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_counts_and_reasons_and_writes_nothing(alice, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(files.LINKEDIN_2024)

    output = run(str(path), "--user", "ALICE@example.org", "--dry-run")

    # Every row is accounted for: the trailing row of only commas too, with its line.
    assert "5 rows: 3 new, 0 duplicates, 0 possible duplicates, 2 rejected" in output
    assert "line 8: Hidden profile" in output
    assert "line 9: Blank row: nothing to import." in output
    assert Person.objects.count() == ContactImport.objects.count() == 0


def test_it_imports_for_the_user(alice, tmp_path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(files.VCARD_30)

    output = run(str(path), "--user", "alice@example.org")

    assert "Imported: 2 added" in output
    assert Person.objects.filter(owner=alice).count() == 2


def test_it_reports_a_bad_file_as_an_error(alice, tmp_path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")

    with pytest.raises(CommandError, match="image"):
        run(str(path), "--user", "alice@example.org")
    assert ContactImport.objects.count() == 0


def test_it_reports_the_owners_profile_as_waiting_for_confirmation(alice, tmp_path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(files.linkedin_zip())

    output = run(str(path), "--user", "alice@example.org")

    assert "Found in your own LinkedIn profile (8), waiting for you to accept or ignore" in output
    assert "/you/" in output
    assert "  Position: Senior Data Analyst at Cascadia Health Data" in output
    assert Position.objects.count() == 0
    alice.refresh_from_db()
    assert alice.school == ""


def test_accept_profile_accepts_and_reports_line_by_line(alice, tmp_path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(files.linkedin_zip())

    output = run(str(path), "--user", "alice@example.org", "--accept-profile")

    assert "Your own LinkedIn profile: 6 accepted." in output
    assert "  accepted: Your school: Oregon State University" in output
    assert "  accepted: Skill: Python" in output
    # Alice already has a name; the headline never becomes the field.
    assert "Your name: Priya Okonkwo-Laurent (you already have one)" in output
    assert "Your LinkedIn headline: Data analyst exploring health tech (a headline" in output
    alice.refresh_from_db()
    assert (alice.display_name, alice.school, alice.field_broad) == (
        "Alice",
        "Oregon State University",
        "",
    )
    assert Position.objects.filter(owner=alice).count() == 2


def test_a_dry_run_says_what_the_profile_holds_and_keeps_nothing(alice, tmp_path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(files.linkedin_zip())

    output = run(str(path), "--user", "alice@example.org", "--dry-run")

    assert "Your own profile in the file: 2 positions, 1 school, 3 skills" in output
    assert Proposal.objects.count() == 0
