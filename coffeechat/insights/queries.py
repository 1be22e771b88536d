"""The user's own figures (method.md 13): each one aggregated in the database, owner-scoped, with
a fixed number of queries whatever the size of the network.

How far a conversation got: its current stage (the user moves it back when they undo a slip),
and for a closed one the stage it was closed from: "no reply" follows a request (asked), and
"declined" counts as a reply, or as scheduled when the timeline shows it was closed from there.
Keeping in touch counts as thanked. Only declined conversations need their timeline, so the
whole funnel is one grouped query that reads no JSON for the others.

Themes and obstacles come from the strategy app (insights sits above it): a few grouped queries
per chart, by month in the user's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate, TruncMonth

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Activity, Conversation, Meeting, Stage
from coffeechat.network.models import Introduction, Person
from coffeechat.outreach.queries import settings_for
from coffeechat.prep.models import Capture
from coffeechat.strategy import queries as strategy_queries
from coffeechat.strategy.models import Obstacle, Theme

STAGE_CHANGED = "conversation.stage_changed"
# The funnel's steps, and how far each stage (open or closed) got.
FUNNEL = [
    (Stage.IDENTIFIED, "Identified"),
    (Stage.CONTACTED, "Asked"),
    (Stage.REPLIED, "Replied"),
    (Stage.SCHEDULED, "Scheduled"),
    (Stage.MET, "Met"),
    (Stage.THANKED, "Thanked"),
]
RANK = {
    Stage.IDENTIFIED: 0,
    Stage.CONTACTED: 1,
    Stage.NO_REPLY: 1,
    Stage.REPLIED: 2,
    Stage.DECLINED: 2,
    Stage.SCHEDULED: 3,
    Stage.MET: 4,
    Stage.THANKED: 5,
    Stage.NURTURING: 5,
}
ASKED, REPLIED = 1, 2
MIN_REQUESTS_FOR_RATE = 5
WEEKS = 12
THANK_YOU_BUCKETS = [
    ("Within 24 hours", timedelta(hours=24)),
    ("1–2 days", timedelta(days=2)),
    ("3–7 days", timedelta(days=7)),
    ("Later", None),
]
MAX_DEPTH = 10  # referral chains longer than this are counted at this depth


def _rank(lookup: str) -> Case:
    return Case(
        *[When(**{lookup: stage.value}, then=Value(rank)) for stage, rank in RANK.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def stage_totals(owner: User) -> dict[str, int]:
    """One pass over the owner's conversations and their timelines: how many reached each stage
    (`reached_<rank>`), and per kind of connection how many were asked, replied and are still
    waiting (`<connection>_asked` ...). Funnel and reply rates both read it."""
    closed_from = (
        Activity.objects.filter(conversation=OuterRef("pk"), action=STAGE_CHANGED)
        .values("conversation")
        .annotate(top=Max(_rank("data__old")))
        .values("top")
    )
    per_conversation = Conversation.objects.filter(owner=owner).annotate(
        furthest=Greatest(
            _rank("stage"),
            Case(
                When(stage=Stage.DECLINED, then=Coalesce(Subquery(closed_from), Value(0))),
                default=Value(0),
            ),
            output_field=IntegerField(),
        )
    )
    # Grouped by (connection, furthest, stage): at most 7 x 6 x 9 small rows, summed here.
    groups = (
        per_conversation.values("person__connection", "furthest", "stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals = dict.fromkeys(
        [f"reached_{rank}" for rank in range(len(FUNNEL))]
        + [
            f"{kind}_{what}"
            for kind in Person.Connection.values
            for what in ("asked", "replied", "waiting")
        ],
        0,
    )
    for group in groups:
        kind, furthest, n = group["person__connection"], group["furthest"], group["n"]
        for rank in range(min(furthest, len(FUNNEL) - 1) + 1):
            totals[f"reached_{rank}"] += n
        totals[f"{kind}_asked"] += n if furthest >= ASKED else 0
        totals[f"{kind}_replied"] += n if furthest >= REPLIED else 0
        totals[f"{kind}_waiting"] += n if group["stage"] == Stage.CONTACTED else 0
    return totals


# The funnel ---------------------------------------------------------------------------------------


@dataclass
class Step:
    label: str
    count: int
    share: int  # % of the conversations started


def funnel(totals: dict[str, int]) -> list[Step]:
    started = totals["reached_0"]
    return [
        Step(
            label,
            totals[f"reached_{rank}"],
            round(100 * totals[f"reached_{rank}"] / started) if started else 0,
        )
        for rank, (_, label) in enumerate(FUNNEL)
    ]


# Reply rate by kind of connection (method.md 13: by warmth) -------------------------------------


@dataclass
class ReplyRate:
    connection: str  # its label
    asked: int
    replied: int
    waiting: int  # asked, still without an answer and not closed

    @property
    def settled(self) -> int:
        return self.asked - self.waiting

    @property
    def rate(self) -> int | None:
        return round(100 * self.replied / self.settled) if self.settled else None


def reply_rates(totals: dict[str, int]) -> list[ReplyRate]:
    return [
        ReplyRate(
            label, totals[f"{kind}_asked"], totals[f"{kind}_replied"], totals[f"{kind}_waiting"]
        )
        for kind, label in Person.Connection.choices  # warmest first
        if totals[f"{kind}_asked"]
    ]


# Boosters, obligates, curmudgeons (method.md RULE-F4) --------------------------------------------

SEGMENT_ORDER = [Person.Segment.BOOSTER, Person.Segment.OBLIGATE, Person.Segment.CURMUDGEON]


def segments(owner: User) -> dict[str, int]:
    counts = dict(
        Person.objects.filter(owner=owner)
        .values("segment")
        .annotate(n=Count("pk"))
        .values_list("segment", "n")
    )
    return {segment: counts.get(segment, 0) for segment in SEGMENT_ORDER}


# Weekly pace against the daily budget (method.md RULE-F3) ----------------------------------------


@dataclass
class Week:
    monday: date
    sent: int
    busiest: int  # the most requests on one day that week


@dataclass
class Pace:
    weeks: list[Week]
    daily_budget: int
    working_days: int
    days_over: int  # days in the period with more requests than the budget

    @property
    def weekly_budget(self) -> int:
        return self.daily_budget * self.working_days

    @property
    def total(self) -> int:
        return sum(w.sent for w in self.weeks)


def pace(owner: User, now: datetime) -> Pace:
    """Requests sent (moves to "asked") per week over the last WEEKS weeks, in the user's zone."""
    calendar = owner.calendar
    today = calendar.local_date(now)
    first = today - timedelta(days=today.weekday(), weeks=WEEKS - 1)
    start = datetime.combine(first, time(0), tzinfo=calendar.zone)
    per_day = dict(
        Activity.objects.filter(
            owner=owner,
            action=STAGE_CHANGED,
            data__new=Stage.CONTACTED.value,
            occurred_at__gte=start,
        )
        .annotate(day=TruncDate("occurred_at", tzinfo=calendar.zone))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    budget = settings_for(owner).daily_request_budget
    weeks = []
    for i in range(WEEKS):
        monday = first + timedelta(weeks=i)
        days = [per_day.get(monday + timedelta(days=d), 0) for d in range(7)]
        weeks.append(Week(monday, sum(days), max(days)))
    return Pace(
        weeks=weeks,
        daily_budget=budget,
        working_days=len(owner.working_days) or 5,
        days_over=sum(1 for n in per_day.values() if n > budget),
    )


# Time to the thank-you (method.md RULE-T1: within 24 hours) --------------------------------------


@dataclass
class ThankYouTimes:
    buckets: list[tuple[str, int]]
    not_yet: int  # conversations that met with no thank-you recorded

    @property
    def thanked(self) -> int:
        return sum(n for _, n in self.buckets)


def thank_you_times(owner: User) -> ThankYouTimes:
    """From the end of the meeting to the thank-you, per conversation that met.

    Per conversation (one grouped pass over the owner's timeline): when it was first recorded
    as met (or further), when first as thanked (sending one from the composer makes that move),
    and the end of its first meeting not cancelled; without a meeting, the moment it was
    recorded as met stands in. The buckets are then counted over those rows in the database.
    """
    first_meeting_end = (
        Meeting.objects.filter(conversation=OuterRef("conversation"))
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .annotate(
            ends=ExpressionWrapper(
                F("starts_at") + _minutes("minutes"), output_field=DateTimeField()
            )
        )
        .values("ends")[:1]
    )
    met = [s.value for s in (Stage.MET, Stage.THANKED, Stage.NURTURING)]
    thanked = [s.value for s in (Stage.THANKED, Stage.NURTURING)]
    per_conversation = (
        # Only conversations that are at met or beyond can have met (none closes from there).
        Activity.objects.filter(
            owner=owner, action=STAGE_CHANGED, conversation__stage__in=met, data__new__in=met
        )
        .values("conversation")
        .annotate(
            met_at=Min("occurred_at"),
            thanked_at=Min("occurred_at", filter=Q(data__new__in=thanked)),
        )
        .annotate(
            delay=ExpressionWrapper(
                F("thanked_at") - Coalesce(Subquery(first_meeting_end), F("met_at")),
                output_field=DurationField(),
            )
        )
    )
    counts, lower = {}, None
    for i, (_, upper) in enumerate(THANK_YOU_BUCKETS):
        within = Q(met_at__isnull=False, thanked_at__isnull=False)
        if lower is not None:
            within &= Q(delay__gt=lower)
        if upper is not None:
            within &= Q(delay__lte=upper)
        counts[f"bucket{i}"] = Count("conversation", filter=within)
        lower = upper
    counts["not_yet"] = Count(
        "conversation", filter=Q(met_at__isnull=False, thanked_at__isnull=True)
    )
    row = per_conversation.aggregate(**counts)
    return ThankYouTimes(
        buckets=[(label, row[f"bucket{i}"]) for i, (label, _) in enumerate(THANK_YOU_BUCKETS)],
        not_yet=row["not_yet"],
    )


def _minutes(column: str) -> ExpressionWrapper:
    """An integer column of minutes as a duration: PostgreSQL multiplies an interval, SQLite
    keeps durations as integer microseconds."""
    if connection.vendor == "postgresql":
        return ExpressionWrapper(
            F(column) * Value(timedelta(minutes=1)), output_field=DurationField()
        )
    return ExpressionWrapper(F(column) * Value(60_000_000), output_field=DurationField())


# Network growth through referrals ----------------------------------------------------------------


@dataclass
class Referrals:
    by_depth: list[tuple[int, int]]  # (introductions away, people)
    referral_captures: int  # "talk to X" captured in conversations
    conversations_met: int
    introduced: int = field(default=0)

    @property
    def deepest(self) -> int:
        return max((depth for depth, _ in self.by_depth), default=0)


def referrals(owner: User, totals: dict[str, int]) -> Referrals:
    """How far introductions reach: a person introduced by someone nobody introduced is one
    introduction away; introduced by them, two; and so on (a recursive query, cycles included)."""
    table = Introduction._meta.db_table
    sql = f"""
        WITH RECURSIVE reach(person_id, depth) AS (
            SELECT i.introduced_id, 1 FROM {table} i
             WHERE i.owner_id = %s AND i.introducer_id NOT IN (
                   SELECT j.introduced_id FROM {table} j WHERE j.owner_id = %s)
            UNION
            SELECT i.introduced_id, r.depth + 1 FROM {table} i
              JOIN reach r ON i.introducer_id = r.person_id
             WHERE i.owner_id = %s AND r.depth < %s
        )
        SELECT depth, COUNT(*) FROM (
            SELECT person_id, MIN(depth) AS depth FROM reach GROUP BY person_id
        ) firsts GROUP BY depth ORDER BY depth
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [owner.pk, owner.pk, owner.pk, MAX_DEPTH])
        by_depth = [(int(depth), int(n)) for depth, n in cursor.fetchall()]
    captures = Capture.objects.filter(owner=owner, kind=Capture.Kind.REFERRAL).count()
    return Referrals(
        by_depth=by_depth,
        referral_captures=captures,
        conversations_met=totals[f"reached_{RANK[Stage.MET]}"],
        introduced=sum(n for _, n in by_depth),
    )


# Months, for themes and obstacles ----------------------------------------------------------------

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
