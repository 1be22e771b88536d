"""Answers to invitations read back (iTIP METHOD:REPLY), from each calendar's own shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coffeechat.conversations import itip, meetings
from coffeechat.conversations.models import Meeting
from coffeechat.lib.testing.clock import BERLIN, NOW
from coffeechat.lib.testing.itip_answers import CLIENTS, ICS
from coffeechat.scheduling import services

STARTS = datetime(2027, 3, 4, 18, 0, tzinfo=BERLIN)
STAMP = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
Reply = Meeting.Reply


@pytest.fixture
def meeting(replied) -> Meeting:
    return meetings.schedule_meeting(
        conversation=replied,
        starts_at=STARTS,
        minutes=20,
        mode=Meeting.Mode.VIDEO,
        place="https://meet.example/x",
        now=NOW,
    )


def answer_email(client: str, meeting: Meeting, partstat: str, **kw) -> bytes:
    kw = {"attendee": "dana@example.com", "organizer": "alice@example.org", "stamp": STAMP, **kw}
    return CLIENTS[client](meeting, partstat=partstat, **kw).as_bytes()


@pytest.mark.parametrize("client", sorted(CLIENTS))
@pytest.mark.parametrize(
    ("partstat", "reply"),
    [("ACCEPTED", Reply.ACCEPTED), ("DECLINED", Reply.DECLINED), ("TENTATIVE", Reply.TENTATIVE)],
)
def test_each_calendars_answer_is_read_from_its_email(meeting, client, partstat, reply) -> None:
    email = message_from_bytes(answer_email(client, meeting, partstat))

    parts = itip.calendar_parts(email)
    answers = [a for part in parts for a in itip.read_answers(part)]

    assert parts, f"{client}: no calendar part found"
    assert {(a.uid, a.reply, a.attendee, a.stamp) for a in answers} == {
        (meeting.uid, reply, "dana@example.com", STAMP)
    }


def test_recording_an_answer_puts_it_on_the_meeting_and_the_timeline(meeting) -> None:
    data = ICS["outlook"](
        meeting,
        partstat="DECLINED",
        attendee="dana@example.com",
        stamp=STAMP,
        organizer="alice@example.org",
        comment="Sorry, I'm travelling that week.",
    ).encode()

    [(answer, outcome)] = itip.record_answers(owner=meeting.owner, data=data, now=NOW)

    meeting.refresh_from_db()
    assert outcome == itip.Outcome.RECORDED
    assert (meeting.reply, meeting.reply_stamp) == (Reply.DECLINED, STAMP)
    assert meeting.reply_comment == "Sorry, I'm travelling that week."
    line = meeting.conversation.activities.get(action="meeting.reply")
    assert line.summary == (
        "Dana Whitfield declined the invitation for Thu 4 Mar, 18:00: "
        "“Sorry, I'm travelling that week.”"
    )


def test_an_older_answer_read_later_never_overrides_a_newer_one(meeting) -> None:
    def record(partstat: str, stamp: datetime) -> str:
        data = ICS["google"](
            meeting,
            partstat=partstat,
            attendee="dana@example.com",
            stamp=stamp,
            organizer="alice@example.org",
        ).encode()
        return itip.record_answers(owner=meeting.owner, data=data, now=NOW)[0][1]

    assert record("TENTATIVE", STAMP + timedelta(hours=1)) == itip.Outcome.RECORDED
    assert record("ACCEPTED", STAMP) == itip.Outcome.UNCHANGED
    assert record("TENTATIVE", STAMP + timedelta(hours=1)) == itip.Outcome.UNCHANGED

    meeting.refresh_from_db()
    assert meeting.reply == Reply.TENTATIVE


def test_an_answer_to_the_time_before_a_reschedule_is_not_taken_for_the_new_time(meeting) -> None:
    old = ICS["thunderbird"](
        meeting,
        partstat="ACCEPTED",
        attendee="dana@example.com",
        stamp=STAMP,
        organizer="alice@example.org",
    ).encode()
    services.reschedule(
        meeting=meeting, starts_at=STARTS + timedelta(days=1), minutes=20, mode="video", now=NOW
    )

    [(_, outcome)] = itip.record_answers(owner=meeting.owner, data=old, now=NOW)

    meeting.refresh_from_db()
    assert (outcome, meeting.reply) == (itip.Outcome.STALE, "")


def test_another_users_meeting_is_never_answered(meeting, mallory) -> None:
    data = ICS["apple"](
        meeting,
        partstat="DECLINED",
        attendee="dana@example.com",
        stamp=STAMP,
        organizer="alice@example.org",
    ).encode()

    [(_, outcome)] = itip.record_answers(owner=mallory, data=data, now=NOW)

    meeting.refresh_from_db()
    assert (outcome, meeting.reply) == (itip.Outcome.UNKNOWN, "")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"not a calendar at all", "isn't an iCalendar"),
        (b"X" * (itip.MAX_ICS_BYTES + 1), "larger than 256 KB"),
    ],
)
def test_a_file_that_is_not_an_answer_is_refused_with_a_sentence(data, error) -> None:
    with pytest.raises(Exception, match=error):
        itip.read_answers(data)


def test_an_invitation_is_not_an_answer(meeting) -> None:
    from coffeechat.scheduling import ics

    request = ics.itip_ics(
        meeting, method="REQUEST", stamp=STAMP, organizer_email="alice@example.org"
    )

    assert itip.read_answers(request) == []


def test_the_answer_uploaded_on_the_meeting_card_shows_on_the_conversation(meeting, client) -> None:
    client.force_login(meeting.owner)
    data = ICS["apple"](
        meeting,
        partstat="TENTATIVE",
        attendee="dana@example.com",
        stamp=STAMP,
        organizer="alice@example.org",
    ).encode()

    response = client.post(
        reverse("scheduling:upload-answer", args=[meeting.pk]),
        {f"answer-{meeting.pk}-ics": SimpleUploadedFile("iCal-1.ics", data, "text/calendar")},
        follow=True,
    )

    page = unescape(response.content.decode())
    assert "Recorded: Dana Whitfield said maybe to the invitation." in page
    assert "Dana: Maybe" in page
    meeting.refresh_from_db()
    assert meeting.reply == Reply.TENTATIVE
