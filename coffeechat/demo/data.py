"""The demo account: who Sam is, and the language its content is written in.

The content (a job seeker, the people they found, and where each thread stands) is in
data_organizations.py, data_people.py (and data_people_more.py), data_introductions.py, data_threads.py and
data_threads_met.py.

Everything here is synthetic: organizations live on example.com / example.org, phone numbers
are in the 555-01xx range, and every name was made up for this file.

Moments are written relative to the day the demo is loaded, in the demo user's time zone:

- ``"d-3@14:30"``  three calendar days ago at 14:30 local time (``d0`` is today);
- ``"b-5@08:50"``  five business days ago (weekends and the user's holidays skipped);
  ``b+1`` is the next business day, ``b0`` today or the last business day before it;
- ``"w+1/2@11:30"`` Wednesday (Monday = 0) of next week, or the next business day after it;
- ``"now-2h"``     two hours before the load (``m`` for minutes);
- ``"today-soon"`` later today if the day allows, else midday today.

The time part may be left off (09:00). A conversation is a list of steps the builder replays
through the services, so reminders and timelines come out exactly as if a person had used
the app over the last few months.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEMO_EMAIL = "demo@coffeechat.test"
DEMO_PASSWORD = "coffeechat-demo"
DEMO_PROFILE = {
    "display_name": "Sam Rivera",
    "time_zone": "America/Chicago",
    "holiday_country": "US",
    "digest_enabled": False,
}
SEED = 2026

Step = tuple


@dataclass(frozen=True)
class Org:
    name: str
    industry: str
    location: str
    website: str
    notes: str = ""


# How Sam came to know someone (Person.Connection values), and two tags many of them carry.
ALUMNI, REFERRAL, KNOWN, GROUP, EVENT, FAN, COLD = (
    "alumni",
    "referral",
    "known",
    "group",
    "event",
    "fan",
    "cold",
)
LSU = "LSU alumni"
FAIR = "career fair 2026"


@dataclass(frozen=True)
class Contact:
    full_name: str
    title: str
    organization: str
    connection: str
    met_at: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Thread:
    person: str
    purpose: str
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class Intro:
    introducer: str
    introduced: str
    on: str
    context: str


# Steps ---------------------------------------------------------------------------------------


def start(at: str) -> Step:
    return ("start", at)


def move(stage: str, at: str, on: str | None = None) -> Step:
    return ("move", stage, at, on)


def follow_up(at: str) -> Step:
    return ("follow_up", at)


def meeting(at: str, starts: str, mode: str, place: str = "", minutes: int = 20) -> Step:
    return ("meeting", at, starts, mode, place, minutes)


def done(kind: str, at: str | None = None) -> Step:
    """Complete the open reminder of `kind` (by default half an hour after it fell due)."""
    return ("done", kind, at)


def dismiss(kind: str, at: str) -> Step:
    return ("dismiss", kind, at)


def note(at: str, body: str) -> Step:
    return ("note", at, body)


def remind(title: str, due: str) -> Step:
    return ("remind", title, due)


def booked(
    *,
    start_at: str,
    contacted: str,
    replied: str,
    booked_at: str,
    starts: str,
    mode: str,
    place: str = "",
    minutes: int = 20,
    confirmed: bool = True,
    contacted_on: str | None = None,
) -> list[Step]:
    """The usual road to a meeting: found, asked, answered, a time agreed (and confirmed)."""
    steps = [
        start(start_at),
        move("contacted", contacted, contacted_on),
        move("replied", replied),
        meeting(booked_at, starts, mode, place, minutes),
    ]
    if confirmed:
        steps.append(done("confirm"))
    return steps


def advice(text: str) -> Step:
    """Advice captured right after the step before (it makes a report-back due after thanks)."""
    return ("advice", text)


def thanked(*, met: str, learned: str, thanked_at: str) -> list[Step]:
    return [
        move("met", met),
        note(met, learned),
        advice(learned),
        done("thank_you", thanked_at),
        move("thanked", thanked_at),
    ]


def nurturing(*, reported: str, since: str) -> list[Step]:
    return [done("report_back", reported), move("nurturing", since)]


def unanswered(*, start_at: str, contacted: str, nudged: str, closed: str) -> list[Step]:
    return [
        start(start_at),
        move("contacted", contacted),
        follow_up(nudged),
        done("close_no_reply", closed),
        move("no_reply", closed),
    ]
