"""Answers to an invitation in the shapes real calendars send them (iTIP METHOD:REPLY in iMIP).

Each builder returns the email the attendee's calendar sends back to the organizer, laid out as
that client lays it out (MIME structure, transfer encodings, PRODID, properties and parameters
it writes), with our meeting's UID in it. Written from replies these clients send; the bodies
are shortened.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime

from coffeechat.conversations.models import Meeting


def _z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _berlin(moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y%m%dT%H%M%S")


BERLIN_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""

OUTLOOK_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""


def _crlf(text: str) -> str:
    return "\r\n".join(text.strip("\n").splitlines()) + "\r\n"


# Each client's reply as it lays it out; the one builder, reply_ics(), fills in the fields.
TEMPLATES = {
    "google": """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VEVENT
DTSTART:{start_z}
DTEND:{end_z}
DTSTAMP:{stamp_z}
ORGANIZER;CN=Alice Berger:mailto:{organizer}
UID:{uid}
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN=Dana Whi
 tfield;X-NUM-GUESTS=0:mailto:{attendee}
CREATED:{created_z}
DESCRIPTION:Informational interview
LAST-MODIFIED:{stamp_z}
LOCATION:https://meet.example/x
SEQUENCE:{sequence}
STATUS:CONFIRMED
SUMMARY:Coffee chat: Alice Berger and Dana Whitfield
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR""",
    # Outlook / Exchange: Windows time-zone names, and the note the attendee typed as COMMENT.
    "outlook": """BEGIN:VCALENDAR
METHOD:REPLY
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
{outlook_vtimezone}
BEGIN:VEVENT
ATTENDEE;PARTSTAT={partstat};CN=Dana Whitfield:mailto:{attendee}
{comment_line}SUMMARY;LANGUAGE=en-US:{partstat_title}: Coffee chat
DTSTART;TZID=W. Europe Standard Time:{start_berlin}
DTEND;TZID=W. Europe Standard Time:{end_berlin}
UID:{uid}
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:{stamp_z}
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:{sequence}
LOCATION;LANGUAGE=en-US:https://meet.example/x
X-MICROSOFT-CDO-APPT-SEQUENCE:{sequence}
X-MICROSOFT-CDO-OWNERAPPTID:0
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
END:VEVENT
END:VCALENDAR""",
    # Apple Calendar: quoted parameters on ATTENDEE, REQUEST-STATUS.
    "apple": """BEGIN:VCALENDAR
VERSION:2.0
METHOD:REPLY
PRODID:-//Apple Inc.//macOS 14.4//EN
CALSCALE:GREGORIAN
{berlin_vtimezone}
BEGIN:VEVENT
ATTENDEE;CN="Dana Whitfield";CUTYPE=INDIVIDUAL;EMAIL="{attendee}";PARTSTAT=
 {partstat}:mailto:{attendee}
DTEND;TZID=Europe/Berlin:{end_berlin}
DTSTAMP:{stamp_z}
DTSTART;TZID=Europe/Berlin:{start_berlin}
ORGANIZER;CN="Alice Berger":mailto:{organizer}
REQUEST-STATUS:2.0;Success
SEQUENCE:{sequence}
SUMMARY:Coffee chat: Alice Berger and Dana Whitfield
UID:{uid}
X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC
END:VEVENT
END:VCALENDAR""",
    "thunderbird": """BEGIN:VCALENDAR
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
VERSION:2.0
METHOD:REPLY
{berlin_vtimezone}
BEGIN:VEVENT
CREATED:{created_z}
LAST-MODIFIED:{stamp_z}
DTSTAMP:{stamp_z}
UID:{uid}
SUMMARY:Coffee chat: Alice Berger and Dana Whitfield
ORGANIZER;CN=Alice Berger:mailto:{organizer}
ATTENDEE;RSVP=TRUE;PARTSTAT={partstat};ROLE=REQ-PARTICIPANT:mailto:{attendee}
DTSTART;TZID=Europe/Berlin:{start_berlin}
DTEND;TZID=Europe/Berlin:{end_berlin}
SEQUENCE:{sequence}
X-MOZ-RECEIVED-SEQUENCE:{sequence}
X-MOZ-RECEIVED-DTSTAMP:{stamp_z}
END:VEVENT
END:VCALENDAR""",
}


def reply_ics(
    client: str,
    meeting: Meeting,
    *,
    partstat: str,
    attendee: str,
    stamp: datetime,
    organizer: str,
    comment: str = "",
    sequence: int | None = None,
) -> str:
    """The iTIP REPLY `client` sends for `meeting` (the sequence it answers: the meeting's
    unless given; `comment`: the note an Outlook user typed)."""
    end = meeting.starts_at + timedelta(minutes=meeting.minutes)
    return _crlf(
        TEMPLATES[client].format(
            start_z=_z(meeting.starts_at),
            end_z=_z(end),
            start_berlin=_berlin(meeting.starts_at),
            end_berlin=_berlin(end),
            stamp_z=_z(stamp),
            created_z=_z(stamp - timedelta(days=1)),
            uid=meeting.uid,
            sequence=meeting.sequence if sequence is None else sequence,
            partstat=partstat,
            partstat_title=partstat.title(),
            attendee=attendee,
            organizer=organizer,
            comment_line=f"COMMENT;LANGUAGE=en-US:{comment}\n" if comment else "",
            berlin_vtimezone=BERLIN_VTIMEZONE,
            outlook_vtimezone=OUTLOOK_VTIMEZONE,
        )
    )


def google(meeting: Meeting, **kw) -> EmailMessage:
    """Google Calendar: multipart/mixed with the iMIP part inside multipart/alternative
    (7bit) and the same .ics again as a base64 application/ics attachment."""
    ics = reply_ics("google", meeting, **kw)
    word = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentatively Accepted"}
    alternative = MIMEMultipart("alternative")
    alternative.attach(
        MIMEText(
            f"Dana Whitfield has {word[kw['partstat']].lower()} this invitation.", "plain", "utf-8"
        )
    )
    alternative.attach(MIMEText("<p>Dana Whitfield has answered.</p>", "html", "utf-8"))
    calendar = MIMEText(ics, "calendar", "utf-8")
    calendar.set_param("method", "REPLY")
    alternative.attach(calendar)
    outer = MIMEMultipart("mixed")
    outer.attach(alternative)
    attachment = MIMEApplication(ics.encode(), "ics", name="invite.ics")
    attachment.add_header("Content-Disposition", "attachment", filename="invite.ics")
    outer.attach(attachment)
    return _headers(
        outer,
        kw["attendee"],
        kw["organizer"],
        kw["stamp"],
        f"{word[kw['partstat']]}: Coffee chat @ Thu 4 Mar 2027 (Alice Berger)",
    )


def outlook(meeting: Meeting, **kw) -> EmailMessage:
    """Outlook / Exchange: multipart/alternative, the calendar part base64-encoded, Windows
    time-zone names, and the note the attendee typed as COMMENT."""
    ics = reply_ics("outlook", meeting, **kw)
    outer = MIMEMultipart("alternative")
    outer.attach(MIMEText(kw.get("comment", "") or " ", "plain", "utf-8"))
    outer.attach(MIMEText("<html><body></body></html>", "html", "utf-8"))
    calendar = MIMEBase("text", "calendar", charset="utf-8", method="REPLY")
    calendar.set_payload(ics.encode())
    from email import encoders

    encoders.encode_base64(calendar)
    outer.attach(calendar)
    word = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentative"}
    return _headers(
        outer, kw["attendee"], kw["organizer"], kw["stamp"], f"{word[kw['partstat']]}: Coffee chat"
    )


def apple(meeting: Meeting, **kw) -> EmailMessage:
    """Apple Calendar (macOS/iOS): the reply as a lone text/calendar attachment with a
    generated iCal-*.ics name, quoted parameters on ATTENDEE, REQUEST-STATUS."""
    ics = reply_ics("apple", meeting, **kw)
    outer = MIMEMultipart("mixed")
    outer.attach(MIMEText("", "plain", "us-ascii"))
    calendar = MIMEText(ics, "calendar", "utf-8")
    calendar.set_param("method", "REPLY")
    calendar.set_param("name", "iCal-20270301-080000.ics")
    calendar.add_header("Content-Disposition", "attachment", filename="iCal-20270301-080000.ics")
    outer.attach(calendar)
    word = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Maybe"}
    return _headers(
        outer,
        kw["attendee"],
        kw["organizer"],
        kw["stamp"],
        f"Invitation: Coffee chat ({word[kw['partstat']]})",
    )


def thunderbird(meeting: Meeting, **kw) -> EmailMessage:
    """Thunderbird: multipart/mixed with a text part, the text/calendar; method=REPLY part,
    and the same data again as an application/ics attachment named invite.ics."""
    ics = reply_ics("thunderbird", meeting, **kw)
    outer = MIMEMultipart("mixed")
    word = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentatively accepted"}
    outer.attach(
        MIMEText(
            f"Dana Whitfield <{kw['attendee']}> has {word[kw['partstat']]} your event invitation.",
            "plain",
            "utf-8",
        )
    )
    calendar = MIMEText(ics, "calendar", "utf-8")
    calendar.set_param("method", "REPLY")
    outer.attach(calendar)
    attachment = MIMEApplication(ics.encode(), "ics", name="invite.ics")
    attachment.add_header("Content-Disposition", "attachment", filename="invite.ics")
    outer.attach(attachment)
    return _headers(
        outer,
        kw["attendee"],
        kw["organizer"],
        kw["stamp"],
        "Accepted: Coffee chat"
        if kw["partstat"] == "ACCEPTED"
        else f"{word[kw['partstat']].capitalize()}: Coffee chat",
    )


def _headers(message, sender: str, to: str, stamp: datetime, subject: str):
    message["From"] = f"Dana Whitfield <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = f"<{abs(hash((sender, subject, stamp)))}@calendar.example>"
    return message


CLIENTS = {"google": google, "outlook": outlook, "apple": apple, "thunderbird": thunderbird}
ICS = {name: functools.partial(reply_ics, name) for name in CLIENTS}
