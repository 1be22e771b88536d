"""Build the demo account by replaying `data_*.py` through the real services.

Nothing here writes a conversation, reminder or activity row directly: every step goes through
`coffeechat.conversations.services` / `coffeechat.network.services` with a `now=` in the past,
so the reminders and timelines are exactly what the method's rules would have produced.
"""

from __future__ import annotations

import importlib
import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import ModuleType

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import meetings, reminders
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Activity, Conversation, Meeting, Reminder, Stage
from coffeechat.demo import (
    data,
    data_introductions,
    data_organizations,
    data_people,
    data_threads,
)
from coffeechat.lib.businessdays import WorkingCalendar
from coffeechat.network import services as network
from coffeechat.network.models import Person
from coffeechat.prep import services as prep
from coffeechat.prep.models import Capture

SPEC = re.compile(
    r"^(?P<unit>[dbw])(?P<offset>[+-]?\d+)(?:/(?P<weekday>[0-6]))?"
    r"(?:@(?P<hh>\d{1,2}):(?P<mm>\d{2}))?$"
)
AGO = re.compile(r"^now-(?P<amount>\d+)(?P<unit>[mh])$")


@dataclass(frozen=True)
class Outcome:
    loaded: bool
    message: str


def load_demo(*, force: bool = False, now: datetime | None = None) -> Outcome:
    """Create the demo account, unless the database already has users (or `force`).

    With `force`, an existing demo user is deleted first (with everything it owns) and built
    again; other users are never touched. The whole load is one transaction.
    """
    now = now or timezone.now()
    with transaction.atomic():
        existing = User.objects.filter(email=data.DEMO_EMAIL).first()
        if not force:
            if existing is not None:
                return Outcome(
                    False,
                    f"Skipped the demo: {data.DEMO_EMAIL} already exists "
                    "(use --force to rebuild it).",
                )
            if User.objects.exists():
                return Outcome(
                    False,
                    "Skipped the demo: the database already has users "
                    "(use --force to add the demo account anyway).",
                )
        if existing is not None:
            existing.delete()
        user = User.objects.create_user(data.DEMO_EMAIL, data.DEMO_PASSWORD, **data.DEMO_PROFILE)
        EmailAddress.objects.create(user=user, email=data.DEMO_EMAIL, verified=True, primary=True)
        counts = DemoBuilder(user, now).build()
        for chapter in _chapters():
            counts.update(chapter.load(user, now=now))
        _backdate_people(user)
    summary = ", ".join(f"{n} {label}" for label, n in counts.items())
    return Outcome(
        True, f"Demo account ready: {data.DEMO_EMAIL} / {data.DEMO_PASSWORD}\n  ({summary})"
    )


# The demo's later chapters, one module each in this package with `load(user, *, now)` that
# returns what it added ({"targets": 40}); in this order, since later ones build on earlier ones.
CHAPTERS = ("you", "assessment", "targets", "occupations", "strategy", "resumes")


def _chapters() -> list[ModuleType]:
    found = []
    for name in CHAPTERS:
        try:
            found.append(importlib.import_module(f"coffeechat.demo.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"coffeechat.demo.{name}":
                raise  # a chapter that exists but fails to import is a bug, not a gap
    return found


def _backdate_people(user: User) -> None:
    """Put each person's "added to your network" before the first thing that happened with them.

    The services stamp people with the load time; a lived-in account added them earlier.
    """
    first_events = (
        Activity.objects.filter(owner=user).values("person_id").annotate(first=Min("occurred_at"))
    )
    for row in first_events:
        Person.objects.filter(pk=row["person_id"]).update(
            created_at=row["first"] - timedelta(days=1)
        )


class Clock:
    """Turns the relative moments of `data_*.py` into aware datetimes around `now`."""

    def __init__(self, calendar: WorkingCalendar, now: datetime) -> None:
        self.calendar = calendar
        self.now = now
        self.today = calendar.local_date(now)

    def day(self, spec: str) -> date:
        match = SPEC.match(spec)
        if not match:
            raise ValueError(f"Bad demo date {spec!r}")
        offset = int(match["offset"])
        if match["unit"] == "d":
            return self.today + timedelta(days=offset)
        if match["unit"] == "w":
            monday = self.today - timedelta(days=self.today.weekday())
            day = monday + timedelta(weeks=offset, days=int(match["weekday"] or 0))
            return self.calendar.first_business_day_from(day)
        return self._business_day(offset)

    def _business_day(self, offset: int) -> date:
        """The business day `offset` business days from today, counting today as day 0."""
        step = timedelta(days=1 if offset > 0 else -1)
        day, remaining = self.today, abs(offset)
        if remaining == 0:
            while not self.calendar.is_business_day(day):
                day -= timedelta(days=1)
        while remaining > 0:
            day += step
            if self.calendar.is_business_day(day):
                remaining -= 1
        return day

    def at(self, spec: str) -> datetime:
        if spec == "today-soon":
            return self._later_today()
        ago = AGO.match(spec)
        if ago:
            unit = "minutes" if ago["unit"] == "m" else "hours"
            return self.now - timedelta(**{unit: int(ago["amount"])})
        match = SPEC.match(spec)
        if not match:
            raise ValueError(f"Bad demo moment {spec!r}")
        clock = time(int(match["hh"] or 9), int(match["mm"] or 0))
        return self.local(self.day(spec), clock)

    def local(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.calendar.zone).astimezone(UTC)

    def _later_today(self) -> datetime:
        """A meeting later today: the next half hour at least an hour away, within 9-18 h.

        Late in the evening that is no longer possible, so the meeting was at 12:30.
        """
        local = self.now.astimezone(self.calendar.zone)
        soon = local + timedelta(minutes=60 + (30 - local.minute % 30))
        soon = soon.replace(second=0, microsecond=0)
        if soon.date() != self.today or soon.hour >= 18:
            return self.local(self.today, time(12, 30))
        return max(soon.astimezone(UTC), self.local(self.today, time(9, 30)))


MET_OR_LATER = (Stage.MET, Stage.THANKED, Stage.NURTURING)


class DemoBuilder:
    def __init__(self, user: User, now: datetime) -> None:
        self.user = user
        self.clock = Clock(user.calendar, now)
        self.rng = random.Random(data.SEED)
        self.people: dict[str, Person] = {}
        # For tests and debugging: steps the calendar made moot, moments moved to keep order.
        self.skipped: list[str] = []
        self.reordered: list[str] = []

    def build(self) -> dict[str, int]:
        self._organizations()
        self._people()
        for intro in data_introductions.INTRODUCTIONS:
            network.add_introduction(
                introducer=self.people[intro.introducer],
                introduced=self.people[intro.introduced],
                introduced_on=self.clock.day(intro.on),
                context=intro.context,
            )
        for name, at, body in data_introductions.PERSON_NOTES:
            conversations.add_note(person=self.people[name], body=body, now=self._past(at))
        for thread in data_threads.THREADS:
            self._replay(thread)
        self._referrals_heard()
        return {
            "organizations": len(data_organizations.ORGANIZATIONS),
            "people": len(self.people),
            "conversations": len(data_threads.THREADS),
            "introductions": len(data_introductions.INTRODUCTIONS),
        }

    def _referrals_heard(self) -> None:
        """An introduction made after a meeting was first a "talk to X" on that meeting's page,
        as the live page captures it (Progress counts referrals per conversation met)."""
        for intro in data_introductions.INTRODUCTIONS:
            introducer, introduced = self.people[intro.introducer], self.people[intro.introduced]
            made = self.clock.local(self.clock.day(intro.on), time(21, 0))
            meeting = (
                Meeting.objects.filter(
                    conversation__person=introducer,
                    starts_at__lt=made,
                    conversation__stage__in=MET_OR_LATER,
                )
                .select_related("conversation")
                .order_by("-starts_at")
                .first()
            )
            if meeting is None:
                continue
            ended = meeting.starts_at + timedelta(minutes=meeting.minutes)
            if ended > made:
                continue
            where = f" at {introduced.organization}" if introduced.organization else ""
            Capture.objects.create(
                owner=self.user,
                conversation=meeting.conversation,
                kind=Capture.Kind.REFERRAL,
                text=f"Talk to {introduced}{where}: {intro.context}",
                referred=introduced,
                created_at=ended,
            )

    # Network ---------------------------------------------------------------------------------

    def _organizations(self) -> None:
        for org in data_organizations.ORGANIZATIONS:
            network.add_organization(
                owner=self.user,
                name=org.name,
                website=org.website,
                industry=org.industry,
                location=org.location,
                notes=org.notes,
            )

    def _people(self) -> None:
        domains = {
            org.name: org.website.removeprefix("https://")
            for org in data_organizations.ORGANIZATIONS
        }
        asked = {thread.person for thread in data_threads.THREADS if len(thread.steps) > 1}
        for contact in data_people.PEOPLE:
            # Everyone Sam wrote to has an address; others only sometimes, as in real life.
            email = ""
            if contact.full_name in asked or self.rng.random() < 0.55:
                domain = domains.get(contact.organization, "example.com")
                email = f"{_mailbox(contact.full_name)}@{domain}"
            phone = ""
            if self.rng.random() < 0.3:  # 555-0100 to 555-0199 are reserved for fiction
                area = self.rng.choice(["312", "773", "872", "630"])
                phone = f"({area}) 555-01{self.rng.randrange(100):02d}"
            self.people[contact.full_name] = network.add_person(
                owner=self.user,
                full_name=contact.full_name,
                title=contact.title,
                organization_name=contact.organization,
                connection=contact.connection,
                met_at=contact.met_at,
                tag_names=list(contact.tags),
                notes=contact.notes,
                email=email,
                phone=phone,
            )

    # Conversations ---------------------------------------------------------------------------

    def _replay(self, thread: data.Thread) -> None:
        person = self.people[thread.person]
        conversation: Conversation | None = None
        last: datetime | None = None

        def when(spec: str | datetime) -> datetime:
            """The step's moment: in the past, and after the thread's previous step."""
            nonlocal last
            moment = self._past(spec)
            if last is not None and moment <= last:
                if moment < last:  # steps written at the same moment are simply spaced out
                    self.reordered.append(f"{thread.person}: {spec}")
                moment = last + timedelta(minutes=1)
            last = moment
            return moment

        for step in thread.steps:
            action, *args = step
            if action == "start":
                conversation = conversations.start_conversation(
                    owner=self.user, person=person, purpose=thread.purpose, now=when(args[0])
                )
                continue
            assert conversation is not None, f"{thread.person}: the first step must be start"
            if action == "move":
                stage, at, on = args
                conversations.move_to_stage(
                    conversation=conversation,
                    stage=stage,
                    now=when(at),
                    on=self.clock.day(on) if on else None,
                )
            elif action == "follow_up":
                conversations.record_follow_up(conversation=conversation, now=when(args[0]))
            elif action == "meeting":
                at, starts, mode, place, minutes = args
                meetings.schedule_meeting(
                    conversation=conversation,
                    starts_at=self.clock.at(starts),
                    minutes=minutes,
                    mode=mode,
                    place=place,
                    now=when(at),
                )
                conversation.refresh_from_db()
            elif action in ("done", "dismiss"):
                kind, at = args
                reminder = (
                    conversation.reminders.filter(kind=kind, status=Reminder.Status.OPEN)
                    .order_by("due_at")
                    .first()
                )
                if reminder is None:
                    self.skipped.append(f"{thread.person}: {action} {kind}")
                    continue  # the calendar made this step moot (e.g. no confirm needed)
                # By default, half an hour after it fell due, as a tidy user would.
                moment = when(at or reminder.due_at + timedelta(minutes=30))
                if action == "done":
                    reminders.complete_reminder(reminder=reminder, now=moment)
                else:
                    reminders.dismiss_reminder(reminder=reminder, now=moment)
            elif action == "note":
                at, body = args
                conversations.add_note(
                    person=person, conversation=conversation, body=body, now=when(at)
                )
            elif action == "advice":
                (text,) = args
                assert last is not None
                prep.add_capture(
                    conversation=conversation,
                    kind="advice",
                    text=text,
                    now=when(last + timedelta(minutes=1)),
                )
            elif action == "remind":
                title, due = args
                reminders.add_reminder(
                    conversation=conversation, title=title, due_at=self.clock.at(due)
                )
            else:
                raise ValueError(f"Unknown demo step {action!r}")

    def _past(self, spec: str | datetime) -> datetime:
        """The moment `spec` names, never later than a minute before the load."""
        moment = spec if isinstance(spec, datetime) else self.clock.at(spec)
        return min(moment, self.clock.now - timedelta(minutes=1))


def _mailbox(full_name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode()
    parts = [re.sub(r"[^a-z]", "", part) for part in ascii_name.lower().split()]
    return ".".join(part for part in parts if part)
