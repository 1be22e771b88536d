"""Today's reads: what is due, what is coming, the meetings of the day (scoped to one owner).

Each section of Today is capped, with its count and "Show all": never the whole backlog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Meeting, Reminder


def end_of_local_day(owner: User, now: datetime) -> datetime:
    calendar = owner.calendar
    today = calendar.local_date(now)
    return datetime.combine(today + timedelta(days=1), time(0), tzinfo=calendar.zone)


def _open_reminders(owner: User) -> QuerySet[Reminder]:
    return (
        Reminder.objects.filter(owner=owner, status=Reminder.Status.OPEN)
        .select_related("conversation__person__organization")
        .order_by("due_at")
    )


def due_reminders_for(owner: User, now: datetime) -> QuerySet[Reminder]:
    """Open reminders due by the end of the owner's today (overdue ones first)."""
    return _open_reminders(owner).filter(due_at__lt=end_of_local_day(owner, now))


def upcoming_reminders_for(owner: User, now: datetime, days: int = 7) -> QuerySet[Reminder]:
    """Open reminders due after today and within `days` days."""
    start = end_of_local_day(owner, now)
    return _open_reminders(owner).filter(due_at__gte=start, due_at__lt=start + timedelta(days=days))


def upcoming_meetings_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Planned meetings from `now` on, soonest first (the JSON API's /meetings)."""
    return (
        Meeting.objects.filter(owner=owner, starts_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("conversation__person__organization")
        .order_by("starts_at")
    )


def meetings_today_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Meetings on the owner's local today (cancelled ones left out)."""
    end = end_of_local_day(owner, now)
    return (
        Meeting.objects.filter(
            owner=owner, starts_at__gte=end - timedelta(days=1), starts_at__lt=end
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("conversation__person__organization")
        .order_by("starts_at")
    )


SECTION_ROWS = 10  # rows a section of Today shows; the rest are one "Show all" away
COUNT_CAP = 1000  # counted exactly up to here, then "more than 1,000"


class Section:
    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"
    ALL = (OVERDUE, TODAY, UPCOMING)
    TITLES = {OVERDUE: "Overdue", TODAY: "Due today", UPCOMING: "Coming up this week"}


def section_reminders(owner: User, section: str, now: datetime) -> QuerySet[Reminder]:
    """The owner's open reminders of one section of Today, oldest first."""
    end = end_of_local_day(owner, now)
    reminders = _open_reminders(owner)
    if section == Section.OVERDUE:
        return reminders.filter(due_at__lt=now)
    if section == Section.TODAY:
        return reminders.filter(due_at__gte=now, due_at__lt=end)
    return reminders.filter(due_at__gte=end, due_at__lt=end + timedelta(days=7))


@dataclass
class TodaySection:
    name: str
    rows: list[Reminder]
    count: int  # exact up to COUNT_CAP, COUNT_CAP + 1 beyond
    kinds: list[tuple[str, int]]  # (label, how many) when the rows are of several kinds

    @property
    def title(self) -> str:
        return Section.TITLES[self.name]

    @property
    def heading_id(self) -> str:
        return {Section.TODAY: "due-h"}.get(self.name, f"{self.name}-h")

    @property
    def is_capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def count_text(self) -> str:
        return f"{COUNT_CAP:,}+" if self.is_capped else str(self.count)

    @property
    def has_more(self) -> bool:
        return self.count > len(self.rows)


def today_section(owner: User, section: str, now: datetime) -> TodaySection:
    """One section of Today in two queries, whatever the backlog: the first rows, and how
    many of each kind among the first COUNT_CAP + 1 (their sum is the count)."""
    reminders = section_reminders(owner, section, now)
    rows = list(reminders[:SECTION_ROWS])
    # The same two queries however few there are; the count is the kinds' sum (of at most
    # COUNT_CAP + 1 rows: an index range, not the whole backlog).
    counted = Reminder.objects.filter(pk__in=reminders.values("pk")[: COUNT_CAP + 1])
    labels = dict(Reminder.Kind.choices)
    kinds = [
        (labels[row["kind"]], row["n"])
        for row in counted.order_by().values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    ]
    return TodaySection(
        name=section,
        rows=rows,
        count=sum(n for _label, n in kinds),
        kinds=kinds if len(kinds) > 1 else [],
    )
