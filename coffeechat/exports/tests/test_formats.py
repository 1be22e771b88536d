"""CSV without formula injection (security.md T7), vCard 3.0 and iCalendar, read back by
two independent parsers each (formats.md 7, row 7)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from coffeechat.conversations import meetings
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Meeting
from coffeechat.exports import formats, queries
from coffeechat.lib.testing.people import make_person

TRIGGERS = formats.FORMULA_TRIGGERS


# CSV -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1 555 010 4477", "'+1 555 010 4477"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+1", "'  =1+1"),
        ("\n-2", "'\n-2"),
        ("Dana Whitfield", "Dana Whitfield"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_safe_neutralises_formula_triggers(value, cell) -> None:
    assert formats.csv_safe(value) == cell


def _read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_no_exported_cell_starts_with_a_trigger(cells: list[str]) -> None:
    text = formats.csv_text(["h"] * len(cells), [cells])

    row = _read_back(text)[1]

    assert [c for c in row if c[:1] in TRIGGERS or c.lstrip()[:1] in TRIGGERS] == []
    # Nothing is lost: dropping the one apostrophe we add gives the value back.
    assert [c[1:] if c != v else c for c, v in zip(row, cells, strict=True)] == cells


def test_people_csv_has_a_header_and_one_row_per_person(alice) -> None:
    make_person(
        alice, "Dana Whitfield", "Northwind", phone="+1 555 010 4477", tag_names=["mentors"]
    )

    rows = _read_back(
        formats.csv_text(
            formats.PEOPLE_HEADER, formats.people_rows(queries.people_for_export(alice))
        )
    )

    assert rows[0] == formats.PEOPLE_HEADER
    assert rows[1][:5] == ["Dana Whitfield", "", "Northwind", "", "'+1 555 010 4477"]
    assert rows[1][8] == "mentors"


# vCard -----------------------------------------------------------------------------------------


@pytest.fixture
def dana(alice):
    return make_person(
        alice,
        "Dana Whitfield",
        "Northwind Analytics, Inc.",
        title="Staff Data Engineer",
        email="dana.whitfield@example.com",
        phone="+1 555 010 4477",
        linkedin_url="https://www.linkedin.com/in/dana-whitfield-example",
        notes="Met at PyCascades 2026; intro via Priya.",
        met_at="PyCascades",
        tag_names=["mentors", "data"],
    )


def test_vcard_carries_every_field_as_vobject_reads_it(dana) -> None:
    text = formats.vcard(queries.get_person_for_export(dana.owner, dana.pk), host="app.example")

    card = vobject.readOne(text)

    assert card.version.value == "3.0"
    assert card.uid.value == f"person-{dana.pk}@app.example"
    assert card.fn.value == "Dana Whitfield"
    assert (card.n.value.family, card.n.value.given) == ("Whitfield", "Dana")
    assert card.org.value == ["Northwind Analytics, Inc."]
    assert card.title.value == "Staff Data Engineer"
    assert card.email.value == "dana.whitfield@example.com"
    assert card.tel.value == "+1 555 010 4477"
    assert card.url.value == "https://www.linkedin.com/in/dana-whitfield-example"
    assert card.note.value == "Met at PyCascades 2026; intro via Priya.\nWhere we met: PyCascades"
    assert card.categories.value == ["data", "mentors"]


def test_vcard_uses_crlf_and_folds_long_lines(alice) -> None:
    person = make_person(alice, "Zoë Ångström-Ndiaye", notes="ü" * 200)

    text = formats.vcard(queries.get_person_for_export(alice, person.pk), host="app.example")

    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75
    assert vobject.readOne(text).note.value == "ü" * 200


def test_a_bulk_vcf_holds_one_card_per_person(alice, dana) -> None:
    make_person(alice, "Prince")

    cards = list(
        vobject.readComponents(formats.vcards(queries.people_for_export(alice), host="app.example"))
    )

    assert [c.fn.value for c in cards] == ["Dana Whitfield", "Prince"]
    assert cards[1].n.value.given == "Prince"


# iCalendar -------------------------------------------------------------------------------------


@pytest.fixture
def meeting(dana) -> Meeting:
    conversation = conversation_services.start_conversation(
        owner=dana.owner, person=dana, purpose="How pipelines work"
    )
    return meetings.schedule_meeting(
        conversation=conversation,
        starts_at=datetime(2026, 12, 3, 20, 0, tzinfo=UTC),
        minutes=30,
        mode=Meeting.Mode.VIDEO,
        place="https://meet.example/abc-defg",
    )


def _ics(owner) -> bytes:
    return formats.meetings_ics(
        queries.meetings_for_export(owner),
        host="app.example",
        zone=owner.time_zone,
        now=datetime(2026, 11, 21, tzinfo=UTC),
    )


def test_ics_parses_with_icalendar_in_the_owners_zone(meeting) -> None:
    calendar = icalendar.Calendar.from_ical(_ics(meeting.owner))

    event = calendar.events[0]
    assert "UID" not in calendar  # formats.md 4.4: vdirsyncer drops events otherwise
    assert str(event["UID"]) == f"meeting-{meeting.pk}@app.example"
    assert event.start == datetime(2026, 12, 3, 20, 0, tzinfo=UTC)
    assert str(event.start.tzinfo) == "America/New_York"
    assert event.end - event.start == timedelta(minutes=30)
    assert str(event["SUMMARY"]) == "Informational interview: Dana Whitfield"
    assert str(event["LOCATION"]) == "https://meet.example/abc-defg"
    assert [str(tz.tz_name) for tz in calendar.timezones] == ["America/New_York"]


def test_ics_parses_with_vobject_to_the_same_fields(meeting) -> None:
    calendar = vobject.readOne(_ics(meeting.owner).decode())

    event = calendar.vevent
    assert event.uid.value == f"meeting-{meeting.pk}@app.example"
    assert event.dtstart.value == datetime(2026, 12, 3, 20, 0, tzinfo=UTC)
    assert event.summary.value == "Informational interview: Dana Whitfield"


def test_ics_uids_are_stable_between_exports(meeting) -> None:
    first = icalendar.Calendar.from_ical(_ics(meeting.owner)).events[0]["UID"]
    second = icalendar.Calendar.from_ical(_ics(meeting.owner)).events[0]["UID"]

    assert first == second


def test_an_empty_calendar_is_still_valid(alice) -> None:
    calendar = icalendar.Calendar.from_ical(_ics(alice))

    assert calendar.events == [] and str(calendar["VERSION"]) == "2.0"
