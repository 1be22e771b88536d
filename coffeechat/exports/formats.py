"""Writers for the interchange formats: CSV, vCard 3.0 (vobject) and iCalendar (icalendar).

Pure functions of the rows they are given; the caller scopes the rows to one owner.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import vobject
from icalendar import Calendar, Event

from coffeechat.conversations.models import Meeting
from coffeechat.network.models import Person

# Spreadsheets run a cell starting with one of these as a formula (security.md T7).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
PRODID = "-//coffeechat//coffeechat export//EN"
PEOPLE_HEADER = [
    "Name",
    "Title",
    "Organization",
    "Email",
    "Phone",
    "LinkedIn",
    "Connection",
    "Where we met",
    "Tags",
    "Notes",
    "Segment",
]


# CSV -------------------------------------------------------------------------------------------


def csv_safe(value: Any) -> str:
    """The cell as text that no spreadsheet runs as a formula.

    A cell whose first character, or first one after leading whitespace, is = + - @ tab, CR or
    NUL gets a leading apostrophe. Spreadsheets hide that apostrophe and show the rest as text,
    so "+1 555 0100" still reads "+1 555 0100" (as text, not as the number 15550100) and "-3"
    reads "-3"; other programs see the apostrophe and may strip it.
    """
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_TRIGGERS or text.lstrip()[:1] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def write_csv(out: io.TextIOBase, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    """RFC 4180 CSV (CRLF, quotes where needed) with every cell passed through csv_safe."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])


def csv_text(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    # A byte-order mark makes Excel read the file as UTF-8 (formats.md 2.1).
    out = io.StringIO()
    out.write("\ufeff")
    write_csv(out, header, rows)
    return out.getvalue()


def people_rows(people: Iterable[Person]) -> Iterable[list[Any]]:
    """One row per person under PEOPLE_HEADER; expects organization and tags preloaded."""
    for person in people:
        yield [
            person.full_name,
            person.title,
            person.organization.name if person.organization else "",
            person.email,
            person.phone,
            person.linkedin_url,
            person.get_connection_display(),
            person.met_at,
            ", ".join(tag.name for tag in person.tags.all()),
            person.notes,
            person.get_segment_display(),
        ]


# vCard 3.0 -------------------------------------------------------------------------------------


def vcard(person: Person, *, host: str) -> str:
    """One vCard 3.0 (CRLF lines, folded at 75 octets) for a person with its tags preloaded."""
    card = vobject.vCard()
    card.add("uid").value = f"person-{person.pk}@{host}"
    card.add("fn").value = person.full_name
    family, given = _split_name(person.full_name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if person.organization:
        card.add("org").value = [person.organization.name]
    if person.title:
        card.add("title").value = person.title
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = ["INTERNET", "WORK"]
    if person.phone:
        tel = card.add("tel")
        tel.value = person.phone
        tel.type_param = "WORK"
    if person.linkedin_url:
        card.add("url").value = person.linkedin_url
    note = "\n".join(part for part in (person.notes, _met_at(person)) if part)
    if note:
        card.add("note").value = note
    tags = [tag.name for tag in person.tags.all()]
    if tags:
        card.add("categories").value = tags
    return card.serialize()


def vcards(people: Iterable[Person], *, host: str) -> str:
    """Many cards in one .vcf file, one after another."""
    return "".join(vcard(person, host=host) for person in people)


def _split_name(full_name: str) -> tuple[str, str]:
    # The last word as the family name is a guess; FN keeps the name exactly as written.
    words = full_name.split()
    if len(words) < 2:
        return "", full_name
    return words[-1], " ".join(words[:-1])


def _met_at(person: Person) -> str:
    return f"Where we met: {person.met_at}" if person.met_at else ""


# iCalendar -------------------------------------------------------------------------------------


def meetings_ics(meetings: Iterable[Meeting], *, host: str, zone: str, now: datetime) -> bytes:
    """A VCALENDAR of meetings (conversation and person preloaded) in the owner's time zone.

    UIDs are stable (`meeting-<id>@host`), so importing the file twice updates, not doubles.
    No VCALENDAR-level UID: vdirsyncer drops every event of a calendar that has one
    (formats.md 4.4).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "coffeechat meetings")
    tz = ZoneInfo(zone)
    days = []
    for meeting in meetings:
        calendar.add_component(_event(meeting, host=host, tz=tz, now=now))
        days.append(meeting.starts_at.astimezone(tz).date())
    if days:
        # A narrow range: the default one writes some 70 transitions per zone.
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=1), last_date=max(days) + timedelta(days=1)
        )
    return calendar.to_ical()


def _event(meeting: Meeting, *, host: str, tz: ZoneInfo, now: datetime) -> Event:
    person = meeting.conversation.person
    event = Event.new(
        uid=f"meeting-{meeting.pk}@{host}",
        summary=f"Informational interview: {person.full_name}",
        start=meeting.starts_at.astimezone(tz),
        end=meeting.ends_at.astimezone(tz),
        stamp=now,
    )
    if meeting.place:
        event.add("location", meeting.place)
    description = "\n".join(
        part
        for part in (meeting.conversation.purpose, f"Mode: {meeting.get_mode_display()}")
        if part
    )
    event.add("description", description)
    return event
