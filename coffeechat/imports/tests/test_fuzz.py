"""Random and mutated files (security.md T10): no unhandled exception, and every report
adds up: rows_total == imported + duplicates + rejected."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.imports import services
from coffeechat.lib.testing import contact_files as files

SEEDS = [
    files.LINKEDIN_2024,
    files.LINKEDIN_EXCEL,
    files.linkedin_zip(),
    files.GOOGLE,
    files.OUTLOOK_CP1252,
    files.VCARD_30,
    files.VCARD_21_QP,
    files.VCARD_40,
    files.UTF16_CSV,
    files.SEMICOLON_CSV,
]
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(owner, raw: bytes, kind: str = "") -> None:
    try:
        report = services.check_file(owner=owner, data=raw, kind=kind)
    except ValidationError as error:
        assert error.messages  # a domain error, with something to tell the user
        return
    assert report.rows_total == report.imported + report.duplicates + len(report.rejected)
    assert all(line >= 1 and reason for line, reason in report.rejected)


@st.composite
def mutated(draw) -> bytes:
    raw = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, max(len(raw) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip" and raw:
            raw[position] = draw(st.integers(0, 255))
        elif action == "insert":
            raw[position:position] = draw(
                st.sampled_from(
                    [
                        b'"',
                        b",",
                        b";",
                        b"\t",
                        b"\n",
                        b"\r\n ",
                        b"=",
                        b":",
                        b"\x00",
                        b"\xff\xfe",
                        b"BEGIN:VCARD\n",
                        b"END:VCARD\n",
                        b" ::: ",
                        b"\\",
                    ]
                )
            )
        elif action == "delete":
            del raw[position : position + draw(st.integers(1, 20))]
        else:
            del raw[position:]
    return bytes(raw)


@pytest.mark.django_db
@FUZZ
@given(raw=mutated())
def test_mutated_seed_files_never_crash_the_importer(raw: bytes, alice) -> None:
    check(alice, raw)


@pytest.mark.django_db
@FUZZ
@given(
    raw=st.binary(max_size=2000),
    kind=st.sampled_from(["", "linkedin", "google", "outlook", "vcard", "csv"]),
)
def test_random_bytes_never_crash_the_importer(raw: bytes, kind: str, alice) -> None:
    check(alice, raw, kind)


names = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(st.tuples(names, names, names, names), max_size=20))
def test_structured_linkedin_rows_always_add_up(rows: list, alice) -> None:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for first, last, company, position in rows:
        cells = [first, last, "", "", company, position, "01 Jan 2020"]
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))

    check(alice, "\n".join(lines).encode())
