"""Invitations, updates and cancellations delivered to a real SMTP server (aiosmtpd).

formats.md section 7 row 8: the MIME layout mail clients show as an invitation.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from coffeechat.conversations import meetings
from coffeechat.conversations.models import Meeting
from coffeechat.lib.testing.clock import BERLIN, NOW
from coffeechat.lib.testing.servers import free_port
from coffeechat.outreach.models import OutreachSettings
from coffeechat.scheduling import invites, services

STARTS = datetime(2027, 3, 29, 10, 0, tzinfo=BERLIN)


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


def calendar_parts(message) -> tuple[object, object, object]:
    """The text/plain and text/calendar alternatives and the attachment, checking the tree."""
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    types = [part.get_content_type() for part in alternative.get_payload()]
    assert types[0] == "text/plain" and types[-1] == "text/calendar"
    return alternative.get_payload()[0], alternative.get_payload()[-1], attachment


def check_itip(message, method: str) -> Calendar:
    text, calendar_part, attachment = calendar_parts(message)
    assert calendar_part.get_param("method") == method
    header = calendar_part["Content-Type"]
    assert header.lower().count("charset") == 1
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_content_disposition() == "attachment"
    inline = calendar_part.get_content().encode()
    assert attachment.get_content() == inline  # the same document both ways
    cal = Calendar.from_ical(inline)
    assert str(cal["METHOD"]) == method and "UID" not in cal
    tzids = {e.start.tzinfo.key for e in cal.events}
    assert tzids == {str(tz["TZID"]) for tz in cal.timezones} == {"Europe/Berlin"}
    assert "Dana" in text.get_content()
    return cal


def test_the_invitation_update_and_cancellation_reach_the_person(
    meeting, smtp_server, settings
) -> None:
    settings.DEFAULT_FROM_EMAIL = "coffeechat <noreply@coffeechat.example>"

    services.send_invitation(meeting=meeting, now=NOW)
    services.reschedule(
        meeting=meeting,
        starts_at=STARTS + timedelta(days=1),
        minutes=30,
        mode="video",
        place="https://meet.example/abc-defg",
        notify=True,
        now=NOW,
    )
    services.cancel(meeting=meeting, notify=True, now=NOW)

    invite, update, cancel = smtp_server.messages
    assert smtp_server.envelopes == [("noreply@coffeechat.example", ["dana@example.com"])] * 3
    first = check_itip(invite, "REQUEST").events[0]
    second = check_itip(update, "REQUEST").events[0]
    third = check_itip(cancel, "CANCEL").events[0]
    assert first["UID"] == second["UID"] == third["UID"] == meeting.uid
    assert [first.sequence, second.sequence, third.sequence] == [0, 1, 2]
    assert second.start == STARTS + timedelta(days=1)
    assert str(third["STATUS"]) == "CANCELLED"
    assert str(first["ORGANIZER"]) == "mailto:alice@example.org"
    assert first["ATTENDEE"].params["RSVP"] == "TRUE"
    assert invite["From"] == "Alice Berger <noreply@coffeechat.example>"
    assert invite["Reply-To"] == "Alice Berger <alice@example.org>"
    assert invite["To"] == "dana@example.com"
    # On Dana's clock (PDT since 14 March): 10:00 in Berlin is 01:00 in Los Angeles.
    assert invite["Subject"] == "Invitation: our conversation on Mon 29 Mar, 01:00–01:20 PDT"
    assert update["Subject"].startswith("New time for our conversation")
    assert cancel["Subject"].startswith("Cancelled: our conversation")
    actions = list(
        meeting.conversation.activities.filter(action__endswith="_sent")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["meeting.invite_sent", "meeting.update_sent", "meeting.cancel_sent"]


def test_it_sends_through_the_users_own_smtp_server_when_turned_on(
    meeting, smtp_server, settings
) -> None:
    own_port = settings.MAILERS["default"]["OPTIONS"]["port"]  # where smtp_server listens
    settings.MAILERS = {
        "default": {  # the default mailer points nowhere: must not be used
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    OutreachSettings.objects.create(
        owner=meeting.owner,
        smtp_enabled=True,
        smtp_host="127.0.0.1",
        smtp_port=own_port,
        smtp_security=OutreachSettings.Security.NONE,
        from_email="alice@own.example",
    )

    services.send_invitation(meeting=meeting, now=NOW)

    [message] = smtp_server.messages
    assert smtp_server.envelopes == [("alice@own.example", ["dana@example.com"])]
    cal = check_itip(message, "REQUEST")
    assert str(cal.events[0]["ORGANIZER"]) == "mailto:alice@own.example"


def test_names_cannot_inject_headers(meeting, smtp_server) -> None:
    person = meeting.conversation.person
    person.full_name = "Dana\r\nBcc: eve@example.net"
    person.save()
    owner = meeting.owner
    owner.display_name = "Alice\nBcc: eve.example.net"  # an "@" in a name is refused
    owner.save()
    meeting.refresh_from_db()

    services.send_invitation(meeting=meeting, now=NOW)

    [message] = smtp_server.messages
    assert message["Bcc"] is None
    assert smtp_server.envelopes[0][1] == ["dana@example.com"]
    assert "\n" not in message["From"] and "\n" not in message["Subject"]


def test_a_failed_delivery_says_why_and_records_nothing(meeting, settings) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }

    with pytest.raises(invites.NotSent, match="Couldn't connect to"):
        services.send_invitation(meeting=meeting, now=NOW)

    meeting.refresh_from_db()
    assert meeting.invite_sent_at is None
    assert not meeting.conversation.activities.filter(action="meeting.invite_sent").exists()


def test_no_address_no_invitation(meeting, mailoutbox) -> None:
    person = meeting.conversation.person
    person.email = ""
    person.save()
    meeting.refresh_from_db()

    with pytest.raises(invites.NotSent, match="email address"):
        services.send_invitation(meeting=meeting, now=NOW)
    assert mailoutbox == []


def test_a_second_send_is_the_update_with_the_current_sequence(meeting, mailoutbox) -> None:
    services.send_invitation(meeting=meeting, now=NOW)
    services.reschedule(
        meeting=meeting, starts_at=STARTS + timedelta(hours=2), minutes=20, mode="video", now=NOW
    )

    services.send_invitation(meeting=meeting, now=NOW)

    assert mailoutbox[1].subject.startswith("New time")
    body = mailoutbox[1].alternatives[-1].content
    assert "SEQUENCE:1" in body and meeting.uid in body.replace("\r\n ", "")
