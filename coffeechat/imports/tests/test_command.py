from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from coffeechat.imports.models import ContactImport
from coffeechat.imports.tests import files
from coffeechat.network.models import Person


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_contacts", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_counts_and_reasons_and_writes_nothing(alice, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(files.LINKEDIN_2024)

    output = run(str(path), "--user", "ALICE@example.org", "--dry-run")

    assert "4 rows: 3 new, 0 duplicates, 0 possible duplicates, 1 rejected" in output
    assert "line 8: Hidden profile" in output
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
