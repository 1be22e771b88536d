"""JSON Resume documents: schema checks by pointer, hostile input, exact round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from coffeechat.resumes import document as doc
from coffeechat.resumes import entries, services
from coffeechat.resumes.models import Resume, Version

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted(FIXTURES.glob("*.json"))


def _pairs(text: str) -> object:
    """The JSON with every object as a list of pairs: equal only when key order is too."""
    return json.loads(text, object_pairs_hook=list)


# The vendored schema ----------------------------------------------------------------------------


def test_the_vendored_schema_is_json_resume_1_2_1_with_every_section():
    sections = {
        "basics",
        "work",
        "volunteer",
        "education",
        "awards",
        "certificates",
        "publications",
        "skills",
        "languages",
        "interests",
        "references",
        "projects",
    }

    assert doc.SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert sections <= set(doc.SCHEMA["properties"])
    assert (
        (Path(doc.__file__).parent / "schema" / "LICENSE.md")
        .read_text()
        .startswith("The MIT License")
    )


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_fixture_is_valid(path: Path):
    assert doc.parse(path.read_bytes())


# Every error, by pointer ------------------------------------------------------------------------


def test_it_lists_every_error_by_json_pointer_in_document_order():
    raw = json.dumps(
        {
            "basics": {
                "name": 7,
                "email": "not-an-address",
                "url": "example.org",
                "profiles": [{"url": "www.linkedin.com/in/x"}],
            },
            "work": [
                {
                    "name": "Acme",
                    "startDate": "March 2022",
                    "endDate": "2023/01",
                    "highlights": ["ok", 3],
                }
            ],
            "education": "Oregon State",
            "skills": [{"keywords": "SQL"}],
        }
    )

    with pytest.raises(doc.InvalidResume) as caught:
        doc.parse(raw)

    found = [(p.pointer, p.message) for p in caught.value.problems]
    assert [pointer for pointer, _ in found] == [
        "/basics/name",
        "/basics/email",
        "/basics/url",
        "/basics/profiles/0/url",
        "/work/0/startDate",
        "/work/0/endDate",
        "/work/0/highlights/1",
        "/education",
        "/skills/0/keywords",
    ]
    messages = dict(found)
    assert messages["/basics/name"] == "This should be text, but it is a number."
    assert "isn't an email address" in messages["/basics/email"]
    assert "https://" in messages["/basics/url"]
    assert '"March 2022" isn\'t a date' in messages["/work/0/startDate"]
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in messages["/work/0/endDate"]
    assert messages["/education"] == "This should be a list ([ ... ]), but it is text."


def test_a_place_is_also_said_in_words():
    problem = doc.Problem("/work/0/startDate", "x")

    assert problem.where == "Work, entry 1, Start"


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"[]", "one object"),
        (b'"just text"', "one object"),
        (b'{"basics": {"name": "A"', "isn't valid JSON"),
        (b'{"basics": {"name": "A", "name": "B"}}', 'The key "name" appears twice'),
        (b'{"basics": {"name": NaN}}', "isn't JSON we can read"),
        (b'{"x": ' + b"9" * 5000 + b"}", "isn't JSON we can read"),
        (b"\xff\xfe\x00\xd8", "isn't UTF-8"),
        (b'{"basics": {"name": "caf\xe9"}}', "isn't UTF-8"),
        (b"[" * 50_000 + b"]" * 50_000, "levels deep"),
        (b'{"a": "' + b"x" * 1_000_001 + b'"}', "larger than 1 MB"),
    ],
)
def test_it_refuses_hostile_or_broken_input_with_a_sentence(raw: bytes, says: str):
    with pytest.raises(doc.InvalidResume) as caught:
        doc.parse(raw)

    assert says in str(caught.value)


def test_it_reads_utf8_with_a_byte_order_mark_and_utf16_from_windows_editors():
    text = '{"basics": {"name": "Zoë"}}'

    assert doc.parse(b"\xef\xbb\xbf" + text.encode())["basics"]["name"] == "Zoë"
    assert doc.parse(b"\xff\xfe" + text.encode("utf-16-le"))["basics"]["name"] == "Zoë"


def test_hidden_pointers_that_point_nowhere_are_refused():
    raw = json.dumps({"work": [{"name": "A"}], "meta": {"coffeechat": {"hidden": ["/work/3"]}}})

    with pytest.raises(doc.InvalidResume) as caught:
        doc.parse(raw)

    assert caught.value.problems[0].pointer == "/meta/coffeechat/hidden/0"


# Round trips ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_an_imported_file_exports_as_the_same_json_key_order_and_all(
    path: Path, alice, alice_client
):
    original = path.read_text(encoding="utf-8")

    resume = services.import_resume(owner=alice, raw=path.read_bytes(), filename=path.name)
    fresh = Resume.objects.get(pk=resume.pk)  # through the database (jsonb would reorder)
    exported = alice_client.get(reverse("resumes:download", args=[fresh.pk, "json"]))

    assert exported["Content-Type"] == "application/json"
    assert _pairs(exported.content.decode()) == _pairs(original)
    assert (
        exported.content.decode()
        == json.dumps(json.loads(original), ensure_ascii=False, indent=2) + "\n"
    )
    assert _pairs(Version.objects.get(resume=fresh, number=1).document) == _pairs(original)


@pytest.mark.django_db
def test_the_round_trip_keeps_unusual_key_orders_and_extensions(alice):
    original = (
        '{"meta": {"z": 1, "a": 2}, "work": [{"x-b": true, "name": "N", "x-a": '
        '[1, 2.5, null]}], "basics": {"url": "https://e.example", "name": "Ü"}, '
        '"$schema": "https://example.org/s.json", "custom": {"b": {}, "a": []}}'
    )

    resume = services.import_resume(owner=alice, raw=original)

    stored = Resume.objects.get(pk=resume.pk).document
    assert _pairs(doc.export_text(doc.loads(stored))) == _pairs(original)


# Hidden parts and what prints -------------------------------------------------------------------


def test_printing_leaves_out_hidden_entries_and_bullets_and_our_key():
    document = {
        "basics": {"name": "A"},
        "work": [{"name": "X", "highlights": ["a", "b", "c"]}, {"name": "Y"}],
        "meta": {"version": "v1"},
    }
    doc.set_hidden(document, "/work/0/highlights/1", True)
    doc.set_hidden(document, "/work/1", True)

    printed = doc.printable(document)

    assert printed == {
        "basics": {"name": "A"},
        "work": [{"name": "X", "highlights": ["a", "c"]}],
        "meta": {"version": "v1"},
    }
    assert doc.check(printed) == []
    assert document["meta"]["coffeechat"]["hidden"] == ["/work/0/highlights/1", "/work/1"]


def test_showing_everything_again_leaves_no_trace_of_our_key():
    document = {"work": [{"name": "X"}]}
    doc.set_hidden(document, "/work/0", True)

    doc.set_hidden(document, "/work/0", False)

    assert document == {"work": [{"name": "X"}]}


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2022", True),
        ("2022-03", True),
        ("2022-03-31", True),
        ("2024-02-29", True),
        ("2022-13", False),
        ("2022-02-30", False),
        ("March 2022", False),
        ("22-03", False),
        ("2022/03", False),
        ("2023-02-29", False),
        ("0999", False),
    ],
)
def test_dates_take_the_three_forms_json_resume_allows(value: str, ok: bool):
    assert (entries.date_problem(value) == "") is ok


def test_empty_text_in_a_date_or_address_means_not_given_but_other_text_is_checked():
    # resume-cli's `init` template writes every field as "", and files filled from it keep
    # the ones left out: refusing them would refuse most such files for nothing.
    assert (
        doc.check(
            {
                "work": [{"startDate": "2019", "endDate": " ", "url": ""}],
                "basics": {"email": "", "url": ""},
            }
        )
        == []
    )
    [problem] = doc.check({"work": [{"startDate": "2019", "endDate": "soon", "url": ""}]})
    assert problem.pointer == "/work/0/endDate"
