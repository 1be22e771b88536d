"""Attendees' answers to our invitations: iTIP METHOD:REPLY (RFC 5546 section 3.2.3), read back.

An answer arrives as an email from their calendar (Google Calendar, Outlook, Apple Calendar,
Thunderbird) with a `text/calendar; method=REPLY` part or an `.ics` attachment, or as a file
the user saves and uploads on the meeting. Each VEVENT names our meeting by its UID and the
attendee's PARTSTAT (ACCEPTED, DECLINED, TENTATIVE). The UID is random and was only ever sent
to the person, so an answer that names it is theirs; everything in the file is still hostile
input: its size is capped and nothing in it is trusted beyond the UID, PARTSTAT, SEQUENCE,
DTSTAMP and a short COMMENT.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message as EmailMessage

from django.core.exceptions import ValidationError
from django.db import transaction
from icalendar import Calendar

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Meeting
from coffeechat.lib import dates

MAX_ICS_BYTES = 256 * 1024  # a reply is a few kilobytes; a calendar dump is not a reply
MAX_PARTS = 20  # calendar parts looked at in one email
PARTSTATS = {
    "ACCEPTED": Meeting.Reply.ACCEPTED,
    "DECLINED": Meeting.Reply.DECLINED,
    "TENTATIVE": Meeting.Reply.TENTATIVE,
}
CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar")
VERBS = {
    Meeting.Reply.ACCEPTED: "accepted",
    Meeting.Reply.DECLINED: "declined",
    Meeting.Reply.TENTATIVE: "said maybe to",
}


@dataclass(frozen=True)
class Answer:
    """One attendee's answer to one meeting, as their calendar wrote it."""

    uid: str
    reply: Meeting.Reply
    attendee: str  # their address, lower case
    sequence: int | None  # the version of the meeting they answered (None: not said)
    stamp: datetime | None  # DTSTAMP: when their calendar wrote the answer
    comment: str


class Outcome:
    RECORDED = "recorded"
    UNCHANGED = "unchanged"  # the same answer again, or an older one read later
    STALE = "stale"  # an answer to a version before the meeting moved
    UNKNOWN = "unknown"  # no meeting of this user has that UID


def read_answers(data: bytes) -> list[Answer]:
    """The answers in an iCalendar object with METHOD:REPLY; [] for any other METHOD.

    Raises ValidationError with a sentence for a file that is too big or not iCalendar.
    """
    if len(data) > MAX_ICS_BYTES:
        raise ValidationError(
            f"This file is larger than {MAX_ICS_BYTES // 1024} KB: a "
            "calendar answer is a few kilobytes. Choose the .ics the "
            "answer came with."
        )
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as error:
        raise ValidationError("This file isn't an iCalendar (.ics) file.") from error
    if str(calendar.get("METHOD", "")).strip().upper() != "REPLY":
        return []
    answers = []
    for event in calendar.walk("VEVENT"):
        answers.extend(_answers_in(event))
    return answers


def _answers_in(event) -> list[Answer]:
    uid = str(event.get("UID", "")).strip()
    if not uid:
        return []
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    sequence = event.get("SEQUENCE")
    found = []
    for attendee in attendees:
        reply = PARTSTATS.get(str(attendee.params.get("PARTSTAT", "")).strip().upper())
        if reply is None:  # NEEDS-ACTION, DELEGATED or nothing: no answer yet
            continue
        found.append(
            Answer(
                uid=uid[:200],
                reply=reply,
                attendee=_address(str(attendee)),
                sequence=int(sequence) if sequence is not None else None,
                stamp=_stamp(event),
                comment=" ".join(str(event.get("COMMENT", "")).split())[:500],
            )
        )
    return found


def _address(value: str) -> str:
    return value.removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()[:254]


def _stamp(event) -> datetime | None:
    stamp = event.get("DTSTAMP")
    moment = getattr(stamp, "dt", None)
    if not isinstance(moment, datetime):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def calendar_parts(email: EmailMessage) -> list[bytes]:
    """The iCalendar parts of an email (the iMIP part or an .ics attachment), decoded."""
    parts = []
    for part in email.walk():
        if part.is_multipart():
            continue
        name = (part.get_filename() or "").lower()
        if part.get_content_type() in CALENDAR_TYPES or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                parts.append(payload)
        if len(parts) >= MAX_PARTS:
            break
    return parts


def record_answers(
    *, owner: User, data: bytes, now: datetime, meeting: Meeting | None = None
) -> list[tuple[Answer, str]]:
    """Record every answer in `data` on the owner's meeting it names; say what became of each.

    With `meeting`, only answers about that meeting count (an upload on its card).
    """
    results = []
    for answer in read_answers(data):
        if meeting is not None and answer.uid != meeting.uid:
            results.append((answer, Outcome.UNKNOWN))
            continue
        results.append((answer, record_answer(owner=owner, answer=answer, now=now)))
    return results


@transaction.atomic
def record_answer(*, owner: User, answer: Answer, now: datetime) -> str:
    """Put the answer on the meeting, unless it is older than what is recorded."""
    meeting = (
        Meeting.objects.select_for_update()
        .filter(owner=owner, uid=answer.uid)
        .select_related("conversation__person", "owner")
        .first()
    )
    if meeting is None:
        return Outcome.UNKNOWN
    if answer.sequence is not None and answer.sequence < meeting.sequence:
        return Outcome.STALE  # they answered the time before it moved
    stamp = answer.stamp or now
    if meeting.reply_stamp is not None and stamp <= meeting.reply_stamp:
        return Outcome.UNCHANGED
    Meeting.objects.filter(pk=meeting.pk).update(
        reply=answer.reply, reply_stamp=stamp, reply_comment=answer.comment, updated_at=now
    )
    conversation = meeting.conversation
    when = dates.day_time(meeting.starts_at, owner.calendar.zone, now)
    said = f": “{answer.comment}”" if answer.comment else ""
    conversation_services.log_activity(
        person=conversation.person,
        conversation=conversation,
        action="meeting.reply",
        when=min(stamp, now),
        reply=answer.reply,
        attendee=answer.attendee,
        summary=f"{conversation.person} {VERBS[answer.reply]} the invitation for {when}{said}",
    )
    return Outcome.RECORDED


def describe(results: list[tuple[Answer, str]], meeting: Meeting) -> tuple[int, str]:
    """A message level and one sentence about what an uploaded answer changed."""
    from django.contrib import messages

    person = meeting.conversation.person
    if not results:
        return messages.ERROR, (
            "This file holds no answer to an invitation (METHOD:REPLY with "
            "accepted, declined or maybe): nothing was recorded."
        )
    outcomes = [outcome for _, outcome in results]
    if Outcome.RECORDED in outcomes:
        answer = results[outcomes.index(Outcome.RECORDED)][0]
        return messages.SUCCESS, f"Recorded: {person} {VERBS[answer.reply]} the invitation."
    if Outcome.STALE in outcomes:
        return messages.WARNING, (
            "This answer is to an earlier time of the meeting, before "
            "it moved: nothing was recorded."
        )
    if Outcome.UNCHANGED in outcomes:
        return messages.INFO, "This answer was already recorded (or a newer one was)."
    return messages.ERROR, "This answer is about another meeting: nothing was recorded."
