"""Every .ics we emit, read back by two parsers and by real clients (Radicale CalDAV, khal).

formats.md section 7 rows 1, 3, 6 and 7.
"""

from __future__ import annotations

import base64
import http.client
import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import vobject
from icalendar import Calendar

from coffeechat.conversations import meetings
from coffeechat.conversations.models import Meeting
from coffeechat.lib.testing.clock import BERLIN, NOW
from coffeechat.scheduling import ics, queries, services

# After the EU clocks went forward (28 March 2027): CEST, UTC+2.
STARTS = datetime(2027, 3, 29, 10, 0, tzinfo=BERLIN)
STAMP = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def meeting(replied) -> Meeting:
    return meetings.schedule_meeting(
        conversation=replied,
        starts_at=STARTS,
        minutes=20,
        mode=Meeting.Mode.VIDEO,
        place="https://meet.example/abc-defg",
        now=NOW,
    )


def both_parsers(body: bytes) -> tuple[Calendar, object]:
    """Parse with icalendar and with vobject (an independent implementation)."""
    return Calendar.from_ical(body), vobject.readOne(body.decode())


def unfolded(body: bytes) -> str:
    return body.decode().replace("\r\n ", "")


def assert_timezones_cover_tzids(body: bytes) -> None:
    text = unfolded(body)
    tzids = set(re.findall(r";TZID=([^:;]+)[:;]", text))
    defined = set(re.findall(r"^TZID:(.+?)\r?$", text, flags=re.MULTILINE))
    assert tzids and tzids <= defined


def test_the_meeting_download_parses_the_same_with_icalendar_and_vobject(meeting) -> None:
    body = ics.meeting_ics(
        meeting,
        stamp=STAMP,
        organizer_email="alice@example.org",
        link="https://coffeechat.example/conversations/1/",
    )

    cal, vcal = both_parsers(body)

    [event] = cal.events
    assert "UID" not in cal and "METHOD" not in cal  # an import, not an invitation
    assert event["UID"] == meeting.uid == vcal.vevent.uid.value
    assert (
        str(event["SUMMARY"])
        == vcal.vevent.summary.value
        == ("Informational interview: Dana Whitfield and Alice Berger")
    )
    assert event.start == vcal.vevent.dtstart.value == STARTS
    assert event.start.utcoffset() == timedelta(hours=2)
    assert event.end - event.start == timedelta(minutes=20)
    assert event.sequence == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert [a["TRIGGER"].dt for a in event.walk("VALARM")] == [
        -timedelta(hours=24),
        -timedelta(hours=1),
    ]
    assert str(event["URL"]) == "https://meet.example/abc-defg"
    assert "https://coffeechat.example/conversations/1/" in str(event["DESCRIPTION"])
    assert_timezones_cover_tzids(body)


def test_the_invitation_carries_organizer_attendee_and_method(meeting) -> None:
    body = ics.itip_ics(meeting, method="REQUEST", stamp=STAMP, organizer_email="alice@example.org")

    cal, vcal = both_parsers(body)

    [event] = cal.events
    assert str(cal["METHOD"]) == vcal.method.value == "REQUEST"
    assert "UID" not in cal
    text = unfolded(body)
    assert 'ORGANIZER;CN="Alice Berger":mailto:alice@example.org' in text
    attendee = next(line for line in text.splitlines() if line.startswith("ATTENDEE"))
    assert attendee.endswith(":mailto:dana@example.com")
    for param in (
        "RSVP=TRUE",
        "PARTSTAT=NEEDS-ACTION",
        "ROLE=REQ-PARTICIPANT",
        'CN="Dana Whitfield"',
    ):
        assert param in attendee or param.replace('"', "") in attendee
    assert not event.walk("VALARM")  # alarms are the user's business, not the guest's
    assert_timezones_cover_tzids(body)


def test_the_cancellation_has_the_same_uid_a_higher_sequence_and_cancelled(meeting) -> None:
    services.cancel(meeting=meeting, now=NOW)

    body = ics.itip_ics(meeting, method="CANCEL", stamp=STAMP, organizer_email="alice@example.org")

    cal, vcal = both_parsers(body)
    [event] = cal.events
    assert str(cal["METHOD"]) == "CANCEL"
    assert (event["UID"], event.sequence, str(event["STATUS"])) == (meeting.uid, 1, "CANCELLED")
    assert vcal.vevent.status.value == "CANCELLED"


def test_a_meeting_across_a_dst_change_keeps_its_local_time(replied) -> None:
    # Offered before the EU change, held after it: still 10:00 on the Berlin clock.
    before = meetings.schedule_meeting(
        conversation=replied,
        starts_at=datetime(2027, 3, 26, 10, 0, tzinfo=BERLIN),
        minutes=20,
        mode="phone",
        now=NOW,
    )
    after = meetings.schedule_meeting(
        conversation=replied,
        starts_at=datetime(2027, 3, 29, 10, 0, tzinfo=BERLIN),
        minutes=20,
        mode="phone",
        now=NOW,
    )
    services.regenerate_feed_token(user=replied.owner)

    body = feed_body(replied.owner)

    cal, _ = both_parsers(body)
    starts = {e["UID"]: e.start for e in cal.events}
    assert starts[before.uid].utcoffset() == timedelta(hours=1)
    assert starts[after.uid].utcoffset() == timedelta(hours=2)
    assert "DTSTART;TZID=Europe/Berlin:20270326T100000" in unfolded(body)
    assert "DTSTART;TZID=Europe/Berlin:20270329T100000" in unfolded(body)
    [vtimezone] = cal.timezones
    assert {str(c["TZNAME"]) for c in vtimezone.subcomponents} >= {"CET", "CEST"}


def feed_body(owner) -> bytes:
    return ics.feed_ics(
        name="coffeechat",
        zone=BERLIN,
        meetings=queries.feed_meetings_for(owner, NOW),
        reminders=queries.feed_reminders_for(owner, NOW),
        organizer_email=owner.email,
        link_for=lambda pk: f"https://x/{pk}/",
    )


def test_the_feed_has_every_meeting_and_reminder_with_stable_uids(meeting) -> None:
    services.regenerate_feed_token(user=meeting.owner)

    first, second = feed_body(meeting.owner), feed_body(meeting.owner)

    assert first == second  # nothing changed: byte-for-byte the same (ETag holds)
    cal, vcal = both_parsers(first)
    assert "UID" not in cal
    assert "BEGIN:VTODO" not in first.decode()  # khal and Google don't show VTODOs
    uids = [str(e["UID"]) for e in cal.events]
    assert uids == [e.uid.value for e in vcal.vevent_list]
    assert meeting.uid in uids
    reminder = meeting.conversation.reminders.get(kind="confirm", status="open")
    assert f"reminder-{reminder.conversation_id}-confirm@coffeechat" in uids
    [todo] = [e for e in cal.events if str(e["UID"]).startswith("reminder-")]
    assert todo.start == date(2027, 3, 28) and str(todo["TRANSP"]) == "TRANSPARENT"


def test_the_day_before_reminder_keeps_its_uid_when_the_meeting_moves(meeting) -> None:
    def confirm_item(body: bytes):
        [item] = [
            e for e in Calendar.from_ical(body).events if str(e["UID"]).startswith("reminder-")
        ]
        return str(item["UID"]), item.start

    before_uid, before_day = confirm_item(feed_body(meeting.owner))
    services.reschedule(
        meeting=meeting,
        starts_at=STARTS + timedelta(days=2),
        minutes=20,
        mode=Meeting.Mode.VIDEO,
        now=NOW + timedelta(hours=1),
    )

    after_uid, after_day = confirm_item(feed_body(meeting.owner))

    # Subscribed calendars update the item in place instead of deleting one and adding one.
    assert (after_uid, after_day) == (before_uid, before_day + timedelta(days=2))


def test_the_feed_leaves_out_cancelled_meetings(meeting) -> None:
    services.cancel(meeting=meeting, now=NOW)

    cal = Calendar.from_ical(feed_body(meeting.owner))

    assert meeting.uid not in [str(e["UID"]) for e in cal.events]


# Real clients -------------------------------------------------------------------------------------


def dav(base: str, method: str, path: str, body: bytes = b"", **headers: str) -> tuple[int, bytes]:
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    auth = base64.b64encode(b"alice:x").decode()
    try:
        connection.request(
            method, path, body=body, headers={"Authorization": f"Basic {auth}", **headers}
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


REPORT_BY_UID = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:prop-filter name="UID"><C:text-match collation="i;octet">{uid}</C:text-match></C:prop-filter>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>"""


def test_radicale_accepts_the_meeting_and_finds_it_by_uid(meeting, radicale) -> None:
    body = ics.meeting_ics(meeting, stamp=STAMP, organizer_email="alice@example.org")
    dav(radicale, "PROPFIND", "/alice/", Depth="0")  # signs alice in: her home appears

    made, _ = dav(radicale, "MKCALENDAR", "/alice/coffeechat/")
    put, _ = dav(
        radicale,
        "PUT",
        f"/alice/coffeechat/{meeting.uid}.ics",
        body,
        **{"Content-Type": "text/calendar; charset=utf-8"},
    )
    found, xml = dav(
        radicale,
        "REPORT",
        "/alice/coffeechat/",
        REPORT_BY_UID.format(uid=meeting.uid).encode(),
        Depth="1",
        **{"Content-Type": "application/xml; charset=utf-8"},
    )

    assert (made, put, found) == (201, 201, 207)
    data = re.search(r"<[^>]*calendar-data[^>]*>(.*?)</", xml.decode(), re.DOTALL)[1]
    data = data.replace("&#13;", "\r").replace("&gt;", ">").replace("&lt;", "<")
    [event] = Calendar.from_ical(data).events
    assert str(event["UID"]) == meeting.uid
    assert str(event["SUMMARY"]) == "Informational interview: Dana Whitfield and Alice Berger"
    assert event.start == STARTS
    assert len(event.walk("VALARM")) == 2


def test_radicale_refuses_an_event_without_uid(radicale) -> None:
    # The control: Radicale does check what it is given.
    dav(radicale, "PROPFIND", "/alice/", Depth="0")
    dav(radicale, "MKCALENDAR", "/alice/coffeechat/")
    broken = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\n"
        b"DTSTART:20270329T080000Z\r\nSUMMARY:No UID\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )

    status, _ = dav(
        radicale, "PUT", "/alice/coffeechat/broken.ics", broken, **{"Content-Type": "text/calendar"}
    )

    assert status == 400


def test_khal_lists_the_meeting_at_its_local_time(meeting, khal, tmp_path) -> None:
    path = tmp_path / "meeting.ics"
    path.write_bytes(ics.meeting_ics(meeting, stamp=STAMP, organizer_email="alice@example.org"))

    khal("import", "--batch", str(path))
    listing = khal("list", "2027-03-29", "7d")

    assert "10:00-10:20 Informational interview: Dana Whitfield and Alice Berger" in listing
    assert (khal.vdir / f"{meeting.uid}.ics").exists()


def test_khal_shows_every_item_of_the_feed(meeting, khal, tmp_path) -> None:
    second = meetings.schedule_meeting(
        conversation=meeting.conversation,
        starts_at=STARTS + timedelta(days=1, hours=4),
        minutes=30,
        mode="in_person",
        place="Blue Bottle",
        now=NOW,
    )
    path = tmp_path / "feed.ics"
    path.write_bytes(feed_body(meeting.owner))

    khal("import", "--batch", str(path))
    listing = khal("list", "2027-03-27", "7d")

    assert "10:00-10:20 Informational interview: Dana Whitfield" in listing
    assert "14:00-14:30 Informational interview: Dana Whitfield" in listing
    assert "Confirm tomorrow's meeting with Dana Whitfield" in listing  # all-day reminder
    assert len(list(khal.vdir.glob("*.ics"))) == 3
    assert second.uid
