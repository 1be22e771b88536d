"""The user's own figures (method.md 13): each one aggregated in the database, owner-scoped, with
a fixed number of queries whatever the size of the network.

How far a conversation got: its current stage (the user moves it back when they undo a slip),
and for a closed one the stage it was closed from: "no reply" follows a request (asked), and
"declined" counts as a reply, or as scheduled when the timeline shows it was closed from there.
Keeping in touch counts as thanked. Only declined conversations need their timeline, so the
whole funnel is one grouped query that reads no JSON for the others.

Themes and obstacles over time, from the strategy app, are in trends.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

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
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce, Greatest, TruncDate

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Activity, Conversation, Meeting, Stage
from coffeechat.network.models import Introduction, Person
from coffeechat.outreach.queries import settings_for
from coffeechat.prep.models import Capture

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


def _minutes(column: str) -> ExpressionWrapper[CombinedExpression]:
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
