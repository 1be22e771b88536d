"""Bad input (security.md T9, T10): a clear message, nothing half-imported, no 500."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from coffeechat.imports import services
from coffeechat.imports.models import ContactImport
from coffeechat.imports.parsers import archive
from coffeechat.lib.testing import contact_files as files
from coffeechat.network.models import Person


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_it_refuses_files_over_20_mb(alice) -> None:
    with pytest.raises(ValidationError, match="over 20 MB"):
        services.receive_file(
            owner=alice, filename="big.csv", data=b"a" * (services.MAX_UPLOAD_BYTES + 1)
        )


def test_it_refuses_a_zip_bomb_before_inflating_it(alice) -> None:
    bomb = zipped(**{"Connections.csv": b"0" * (archive.MAX_MEMBER_BYTES + 1)})
    assert len(bomb) < 100_000

    contact_import = services.analyse(
        contact_import=services.receive_file(owner=alice, filename="bomb.zip", data=bomb)
    )

    assert contact_import.status == ContactImport.Status.FAILED
    assert "zip bomb" in contact_import.error


def test_it_refuses_a_zip_without_linkedin_files(alice) -> None:
    contact_import = services.analyse(
        contact_import=services.receive_file(
            owner=alice, filename="x.zip", data=zipped(**{"notes.txt": b"hello"})
        )
    )

    assert "isn't a LinkedIn export" in contact_import.error


def test_it_refuses_more_than_50000_rows(alice, monkeypatch) -> None:
    monkeypatch.setattr(services, "MAX_ROWS", 2)

    contact_import = services.analyse(
        contact_import=services.receive_file(
            owner=alice, filename="c.csv", data=files.LINKEDIN_2024
        )
    )

    assert contact_import.status == ContactImport.Status.FAILED
    assert "one import takes at most 2." in contact_import.error
    assert contact_import.rows.count() == 0


def test_a_field_over_the_csv_limit_fails_the_whole_file(alice) -> None:
    raw = files.LINKEDIN_2020 + b'Long,Note,,"' + b"x" * 140_000 + b'",,01 Jan 2020\n'

    contact_import = services.analyse(
        contact_import=services.receive_file(owner=alice, filename="c.csv", data=raw)
    )

    assert contact_import.status == ContactImport.Status.FAILED
    assert "131,072" in contact_import.error
    assert Person.objects.count() == 0


def test_it_sniffs_tab_delimiters(alice) -> None:
    raw = b"Name\tEmail\nAna Lima\tana@example.org\n"

    report = services.check_file(owner=alice, data=raw, kind="csv")

    assert (report.rows_total, report.imported) == (1, 1)
