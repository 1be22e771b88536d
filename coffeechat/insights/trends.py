"""Themes confirmed and obstacles closed, month by month (method.md 11.4, 11.5): from the
strategy app, which insights sits above; a few grouped queries per chart, by month in the
user's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import (
    Count,
    Min,
    QuerySet,
)
from django.db.models.functions import TruncMonth

from coffeechat.accounts.models import User
from coffeechat.strategy import queries as strategy_queries
from coffeechat.strategy.models import Obstacle, Theme

MONTHS_MIN, MONTHS_MAX = 6, 12


def _add_months(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def _months(owner: User, now: datetime, since: datetime | None) -> list[date]:
    """The first days of the months to show, ending with this one: back to the month of
    `since` (the first row), at least MONTHS_MIN and at most MONTHS_MAX of them."""
    zone = owner.calendar.zone
    this = now.astimezone(zone).date().replace(day=1)
    span = MONTHS_MIN
    if since is not None:
        first = since.astimezone(zone).date()
        span = (this.year - first.year) * 12 + this.month - first.month + 1
    span = max(MONTHS_MIN, min(span, MONTHS_MAX))
    return [_add_months(this, i - span + 1) for i in range(span)]


def _per_month(rows: QuerySet[Any], column: str, owner: User, start: date) -> dict[date, int]:
    """How many of `rows` fall in each month (in the owner's zone) from `start` on."""
    zone = owner.calendar.zone
    since = datetime.combine(start, time(0), tzinfo=zone)
    grouped = (
        rows.filter(**{f"{column}__gte": since})
        .annotate(month=TruncMonth(column, tzinfo=zone))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
        .order_by()
    )
    counts: dict[date, int] = {}
    for month, n in grouped:
        day = month.astimezone(zone).date() if isinstance(month, datetime) else month
        counts[day] = counts.get(day, 0) + n
    return counts


# Themes confirmed over time (method.md 11.5 step 2) ----------------------------------------------


@dataclass
class ThemeMonth:
    first: date
    confirmed: int  # standing themes whose second person spoke this month
    total: int  # standing themes confirmed by the end of the month


@dataclass
class ThemeHistory:
    months: list[ThemeMonth]
    by_status: dict[str, int]
    waiting: bool  # older notes are still being read into themes (the worker's job)

    @property
    def standing(self) -> int:
        return self.by_status.get(Theme.Status.CONFIRMED, 0)


def theme_history(owner: User, now: datetime) -> ThemeHistory:
    """Themes that stand today (status confirmed, which includes a theme others were merged
    into), by the month their second person said them (Theme.confirmed_at). Dismissed themes,
    themes merged into another and themes that faded (a source deleted) are counted apart.

    Themes are first brought up to date the way /strategy/ does it: strategy's bounded refresh.
    """
    waiting = strategy_queries.refresh_themes(owner)
    themes = Theme.objects.filter(owner=owner)
    by_status, first = {}, None
    for row in (
        themes.values("status").annotate(n=Count("pk"), first=Min("confirmed_at")).order_by()
    ):
        by_status[row["status"]] = row["n"]
        if row["status"] == Theme.Status.CONFIRMED:
            first = row["first"]
    months = _months(owner, now, first)
    counts = (
        _per_month(themes.filter(status=Theme.Status.CONFIRMED), "confirmed_at", owner, months[0])
        if first
        else {}
    )
    total = by_status.get(Theme.Status.CONFIRMED, 0) - sum(counts.values())  # before the window
    history = []
    for month in months:
        total += counts.get(month, 0)
        history.append(ThemeMonth(month, counts.get(month, 0), total))
    return ThemeHistory(months=history, by_status=by_status, waiting=waiting)


# Obstacles closed (method.md 11.4) ---------------------------------------------------------------


@dataclass
class ObstacleMonth:
    first: date
    named: int
    closed: int
    still_open: int  # open or being worked on at the end of the month


@dataclass
class ObstacleHistory:
    months: list[ObstacleMonth]
    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def closed(self) -> int:
        return self.by_status.get(Obstacle.Status.CLOSED, 0)


def obstacle_history(owner: User, now: datetime) -> ObstacleHistory:
    """Obstacles named and closed per month, and how many were still open at each month's end.

    Read from today's records: an obstacle closed and reopened has no closing date any more, so
    it counts as open all along; a removed one isn't counted at all.
    """
    obstacles = Obstacle.objects.filter(owner=owner)
    by_status, first = {}, None
    for row in (
        obstacles.values("status").annotate(n=Count("pk"), first=Min("created_at")).order_by()
    ):
        by_status[row["status"]] = row["n"]
        first = row["first"] if first is None else min(first, row["first"])
    months = _months(owner, now, first)
    named = _per_month(obstacles, "created_at", owner, months[0]) if first else {}
    closed = (
        _per_month(
            obstacles.filter(status=Obstacle.Status.CLOSED, closed_at__isnull=False),
            "closed_at",
            owner,
            months[0],
        )
        if by_status.get(Obstacle.Status.CLOSED)
        else {}
    )
    total_closed = by_status.get(Obstacle.Status.CLOSED, 0)
    # What stood before the first month shown.
    named_so_far = sum(by_status.values()) - sum(named.values())
    closed_so_far = total_closed - sum(closed.values())
    history = []
    for month in months:
        named_so_far += named.get(month, 0)
        closed_so_far += closed.get(month, 0)
        history.append(
            ObstacleMonth(
                month, named.get(month, 0), closed.get(month, 0), named_so_far - closed_so_far
            )
        )
    return ObstacleHistory(months=history, by_status=by_status)
