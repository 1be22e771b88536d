"""iCalendar (RFC 5545) documents for meetings and reminders, built with `icalendar`.

Three shapes: a single meeting to download, an iTIP message (METHOD:REQUEST or CANCEL) for
an email invitation, and the private subscription feed. None has a VCALENDAR-level UID:
with one, vdirsyncer-style subscribers keep only one item of the feed (formats.md 4.4).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

from icalendar import STATUS, Alarm, Calendar, Event, vCalAddress, vUri

from coffeechat.conversations.models import Meeting, Reminder
from coffeechat.scheduling import zones

PRODID = "-//coffeechat//coffeechat scheduling//EN"
# RULE-S6: a nudge a day before and an hour before, in the user's own calendar.
ALARMS_BEFORE = (timedelta(hours=24), timedelta(hours=1))
# VTIMEZONE rules are written for this margin around the events: enough for any client
# that expands them, without the ~70 transitions of the 1970-2038 default per zone.
ZONE_MARGIN = timedelta(days=366)

MODE_WORDS: dict[str, str] = {  # by Meeting.mode, the stored text
    Meeting.Mode.IN_PERSON: "Coffee",
    Meeting.Mode.PHONE: "Phone call",
    Meeting.Mode.VIDEO: "Video call",
}


def summary_of(meeting: Meeting) -> str:
    person = meeting.conversation.person
    return f"Informational interview: {person} and {meeting.owner}"


def location_of(meeting: Meeting) -> str:
    if not meeting.place:
        return ""
    if meeting.mode == Meeting.Mode.PHONE:
        return f"Phone: {meeting.place}"
    return meeting.place


def description_of(meeting: Meeting, *, link: str = "") -> str:
    words = MODE_WORDS.get(meeting.mode, "Meeting")
    lines = [f"{words}, {meeting.minutes} minutes."]
    if meeting.place:
        lines.append(location_of(meeting))
    if link:
        lines.append(f"Notes and preparation: {link}")
    return "\n".join(lines)


def _address(email: str, name: str, **params: str) -> vCalAddress:
    # A bare mailto: (no "Name <addr>"): Gmail's in-place update relies on it (formats.md 4.3).
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    address.params.update(params)
    return address


def meeting_event(
    meeting: Meeting,
    *,
    stamp: datetime,
    organizer_email: str = "",
    link: str = "",
    with_alarms: bool = False,
) -> Event:
    """The meeting as a VEVENT in the owner's zone, with its stable UID and SEQUENCE."""
    zone = zones.zone_of_user(meeting.owner)
    person = meeting.conversation.person
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event = Event.new(
        uid=meeting.uid,
        summary=summary_of(meeting),
        start=zones.local(meeting.starts_at, zone),
        end=zones.local(meeting.ends_at, zone),
        stamp=stamp.astimezone(UTC),
        sequence=meeting.sequence,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
        description=description_of(meeting, link=link),
    )
    if location := location_of(meeting):
        event.add("location", location)
    if meeting.mode == Meeting.Mode.VIDEO and meeting.place.startswith(("https://", "http://")):
        event.add("url", vUri(meeting.place))
    if organizer_email:
        event.add("organizer", _address(organizer_email, str(meeting.owner)))
    if person.email:
        event.add(
            "attendee",
            _address(
                person.email,
                person.full_name,
                CUTYPE="INDIVIDUAL",
                ROLE="REQ-PARTICIPANT",
                PARTSTAT="NEEDS-ACTION",
                RSVP="TRUE",
            ),
        )
    if with_alarms and not cancelled:
        for before in ALARMS_BEFORE:
            alarm = Alarm.new(description=summary_of(meeting))
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", -before)
            event.add_component(alarm)
    return event


def reminder_uid(reminder: Reminder) -> str:
    """One UID per reminder *role*, not per row.

    A reschedule cancels the day-before reminder and plans a new row; with the row id in the
    UID, subscribed calendars would delete one item and add another. The method plans at most
    one open reminder of each kind per conversation, so (conversation, kind) names it across
    changes; the user's own reminders are each their own.
    """
    if reminder.kind == Reminder.Kind.CUSTOM:
        return f"reminder-{reminder.pk}@coffeechat"
    return f"reminder-{reminder.conversation_id}-{reminder.kind}@coffeechat"


def reminder_event(
    reminder: Reminder, *, zone: zones.ZoneInfo, stamp: datetime, link: str = "", uid: str = ""
) -> Event:
    """An open reminder as an all-day VEVENT on its local due date.

    A VEVENT, not a VTODO: khal and Google Calendar don't show VTODOs (formats.md 4.1).
    TRANSPARENT, so a to-do never shows the user as busy.
    """
    due_on = zones.local(reminder.due_at, zone).date()
    event = Event.new(
        uid=uid or reminder_uid(reminder),
        summary=reminder.title,
        start=due_on,
        end=due_on + timedelta(days=1),
        stamp=stamp.astimezone(UTC),
    )
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["coffeechat reminder"])
    if link:
        event.add("description", f"Open the conversation: {link}")
    return event


def _calendar(*, method: str = "", name: str = "") -> Calendar:
    # Calendar(), not Calendar.new(): new() adds a VCALENDAR UID (see the module docstring).
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    return calendar


def _finish(calendar: Calendar, days: Iterable[date]) -> bytes:
    days = list(days)
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - ZONE_MARGIN, last_date=max(days) + ZONE_MARGIN
        )
    return calendar.to_ical()


def meeting_ics(
    meeting: Meeting, *, stamp: datetime, organizer_email: str, link: str = ""
) -> bytes:
    """One meeting to import (no METHOD: opening it adds it, it doesn't act as an invite)."""
    calendar = _calendar()
    calendar.add_component(
        meeting_event(
            meeting, stamp=stamp, organizer_email=organizer_email, link=link, with_alarms=True
        )
    )
    return _finish(calendar, [meeting.starts_at.date()])


def itip_ics(meeting: Meeting, *, method: str, stamp: datetime, organizer_email: str) -> bytes:
    """The iTIP message for an invitation, update (REQUEST) or cancellation (CANCEL)."""
    calendar = _calendar(method=method)
    calendar.add_component(meeting_event(meeting, stamp=stamp, organizer_email=organizer_email))
    return _finish(calendar, [meeting.starts_at.date()])


def feed_ics(
    *,
    name: str,
    zone: zones.ZoneInfo,
    meetings: Iterable[Meeting],
    reminders: Iterable[Reminder],
    organizer_email: str,
    link_for: Callable[[int], str],
) -> bytes:
    """The subscription feed: meetings (with alarms) and open reminders, stable UIDs.

    DTSTAMP is each row's last change, not the time of the request, so an unchanged feed
    is byte-for-byte the same on every poll (and its ETag holds).
    """
    calendar = _calendar(name=name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    days = []
    for meeting in meetings:
        calendar.add_component(
            meeting_event(
                meeting,
                stamp=meeting.updated_at,
                organizer_email=organizer_email,
                link=link_for(meeting.conversation_id),
                with_alarms=True,
            )
        )
        days.append(meeting.starts_at.date())
    seen: set[str] = set()
    for reminder in reminders:
        uid = reminder_uid(reminder)
        if uid in seen:  # two open of one kind (never planned so, but never two same UIDs)
            uid = f"reminder-{reminder.pk}@coffeechat"
        seen.add(uid)
        calendar.add_component(
            reminder_event(
                reminder,
                zone=zone,
                stamp=reminder.updated_at,
                link=link_for(reminder.conversation_id),
                uid=uid,
            )
        )
        days.append(reminder.due_at.date())
    return _finish(calendar, days)
