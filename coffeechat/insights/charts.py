"""Chart geometry for server-rendered SVG (templates/insights/_bars.html, _columns.html,
_timeline.html).

Positions along the width are percentages of the SVG's own width and text has a fixed size, so a
chart is as legible on a phone as on a desktop: the bars stretch, the words don't shrink.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coffeechat.insights import queries, trends
from coffeechat.network.models import Person
from coffeechat.strategy.models import Obstacle, Theme

ROW, BAR_HEIGHT = 30, 20
LABEL_WIDTH, BAR_END = 34, 76  # % of the width: labels left of LABEL_WIDTH, values after bars
PLOT_HEIGHT, AXIS_HEIGHT = 140, 22
SHORT_CONNECTIONS = {
    "alumni": "Alumni",
    "referral": "Referred",
    "known": "Already known",
    "group": "Shared group",
    "event": "Met at event",
    "fan": "Fan mail",
    "cold": "Cold",
}


@dataclass(frozen=True)
class Bar:
    label: str
    display: str  # the value written after the bar
    fraction: float  # 0-1 of the longest possible bar
    row: tuple[str, ...]  # the table row behind the chart
    y: int = 0
    muted: bool = False

    @property
    def width(self) -> str:
        return f"{(BAR_END - LABEL_WIDTH) * max(0.0, min(self.fraction, 1.0)):.2f}"

    @property
    def text_x(self) -> str:
        return f"{LABEL_WIDTH + float(self.width):.2f}"


@dataclass
class BarChart:
    key: str
    summary: str  # the SVG's title: what the chart says, in a sentence
    headers: tuple[str, ...]
    bars: list[Bar] = field(default_factory=list)
    label_width: int = LABEL_WIDTH

    def __post_init__(self) -> None:
        self.bars = [
            Bar(b.label, b.display, b.fraction, b.row, 4 + i * ROW, b.muted)
            for i, b in enumerate(self.bars)
        ]

    @property
    def height(self) -> int:
        return 8 + len(self.bars) * ROW


def funnel(steps: list[queries.Step]) -> BarChart:
    first = steps[0].count or 1
    thanked = steps[-1]
    return BarChart(
        "funnel",
        f"Of {steps[0].count} conversations, {steps[1].count} were asked, {steps[2].count} "
        f"replied, {steps[4].count} met and {thanked.count} were thanked ({thanked.share}%).",
        ("Stage reached", "Conversations", "Share of all"),
        [
            Bar(
                s.label,
                f"{s.count} · {s.share}%",
                s.count / first,
                (s.label, str(s.count), f"{s.share}%"),
            )
            for s in steps
        ],
    )


def reply_rates(rates: list[queries.ReplyRate]) -> BarChart:
    labels = {label: key for key, label in Person.Connection.choices}
    bars = []
    for r in rates:
        short = SHORT_CONNECTIONS[labels[r.connection]]
        shown = f"{r.rate}% of {r.settled}" if r.rate is not None else "waiting"
        bars.append(
            Bar(
                short,
                shown,
                (r.rate or 0) / 100,
                (
                    r.connection,
                    str(r.asked),
                    str(r.replied),
                    str(r.waiting),
                    f"{r.rate}%" if r.rate is not None else "–",
                ),
            )
        )
    best = max((r for r in rates if r.rate is not None), key=lambda r: r.rate or 0, default=None)
    summary = "Reply rate by how you're connected, warmest first."
    if best:
        summary += f" Highest: {best.connection.lower()}, {best.rate}% of {best.settled}."
    return BarChart(
        "replies", summary, ("Connection", "Asked", "Replied", "Still waiting", "Reply rate"), bars
    )


def segments(counts: dict[str, int]) -> BarChart:
    names = {
        Person.Segment.BOOSTER: "Boosters",
        Person.Segment.OBLIGATE: "Obligates",
        Person.Segment.CURMUDGEON: "Curmudgeons",
    }
    top = max(counts.values(), default=0) or 1
    total = sum(counts.values())
    return BarChart(
        "segments",
        f"{_count(counts[Person.Segment.BOOSTER], 'booster')}, "
        f"{_count(counts[Person.Segment.OBLIGATE], 'obligate')} and "
        f"{_count(counts[Person.Segment.CURMUDGEON], 'curmudgeon')} among "
        f"{_count(total, 'person', 'people')} whose replies classed them.",
        ("Segment", "People"),
        [
            Bar(names[Person.Segment(s)], str(n), n / top, (names[Person.Segment(s)], str(n)))
            for s, n in counts.items()
        ],
    )


def thank_you(times: queries.ThankYouTimes) -> BarChart:
    rows = [*times.buckets, ("Not yet", times.not_yet)]
    top = max((n for _, n in rows), default=0) or 1
    fast = times.buckets[0][1]
    return BarChart(
        "thanks",
        f"{fast} of {times.thanked} thank-you notes went out within 24 hours of the meeting; "
        f"{times.not_yet} conversations that met have none yet.",
        ("After the meeting", "Conversations"),
        [
            Bar(label, str(n), n / top, (label, str(n)), muted=(label == "Not yet"))
            for label, n in rows
        ],
    )


def referral_depth(referrals: queries.Referrals) -> BarChart:
    top = max((n for _, n in referrals.by_depth), default=0) or 1
    return BarChart(
        "referrals",
        f"{_count(referrals.introduced, 'person', 'people')} came through introductions, up to "
        f"{referrals.deepest} introduction{'s' if referrals.deepest != 1 else ''} away.",
        ("Introductions away", "People"),
        [
            Bar(f"{depth} away", str(n), n / top, (str(depth), str(n)))
            for depth, n in referrals.by_depth
        ],
    )


@dataclass(frozen=True)
class Column:
    label: str  # under the column (every third week), "" otherwise
    sent: int
    x: str  # % of the width
    width: str
    middle: str  # where its number is centred
    y: int
    height: int
    over: bool
    row: tuple[str, ...]


@dataclass
class ColumnChart:
    key: str
    summary: str
    headers: tuple[str, ...]
    columns: list[Column]
    budget_y: int
    budget_label: str
    height: int = PLOT_HEIGHT + AXIS_HEIGHT
    plot_height: int = PLOT_HEIGHT


def weekly_pace(pace: queries.Pace) -> ColumnChart:
    budget = pace.weekly_budget
    top = max([budget, *(w.sent for w in pace.weeks)]) or 1
    scale = (PLOT_HEIGHT - 16) / top  # room above the tallest for its number
    slot = 100 / len(pace.weeks)
    columns = []
    for i, week in enumerate(pace.weeks):
        height = round(week.sent * scale)
        columns.append(
            Column(
                label=_short(week.monday) if i % 3 == 0 else "",
                sent=week.sent,
                x=f"{i * slot + slot * 0.18:.2f}",
                width=f"{slot * 0.64:.2f}",
                middle=f"{i * slot + slot * 0.5:.2f}",
                y=PLOT_HEIGHT - height,
                height=height,
                over=week.sent > budget,
                row=(f"Week of {_short(week.monday)}", str(week.sent), str(week.busiest)),
            )
        )
    recent = pace.weeks[-4:]
    average = sum(w.sent for w in recent) / len(recent)
    return ColumnChart(
        "pace",
        f"New requests per week over {len(pace.weeks)} weeks: {pace.total} in all, about "
        f"{average:.0f} a week lately, against a budget of {budget} a week "
        f"({pace.daily_budget} a day on {pace.working_days} working days).",
        ("Week", "Requests sent", "Most in one day"),
        columns,
        budget_y=PLOT_HEIGHT - round(budget * scale),
        budget_label=f"budget {budget}/week",
    )


# Months: columns for what happened in each, a line for where things stood -------------------------


@dataclass(frozen=True)
class Point:
    x: str  # % of the width
    y: int
    value: int


@dataclass(frozen=True)
class Segment:
    x1: str
    y1: int
    x2: str
    y2: int


@dataclass(frozen=True)
class Tick:
    x: str  # % of the width: the middle of the month's column
    label: str


@dataclass
class TimelineChart:
    key: str
    summary: str
    headers: tuple[str, ...]
    columns: list[Column]
    points: list[Point]
    ticks: list[Tick]
    column_legend: str
    line_legend: str
    line_label: str  # written by the line's last point
    height: int = PLOT_HEIGHT + AXIS_HEIGHT
    plot_height: int = PLOT_HEIGHT

    @property
    def segments(self) -> list[Segment]:
        return [
            Segment(a.x, a.y, b.x, b.y) for a, b in zip(self.points, self.points[1:], strict=False)
        ]

    @property
    def last(self) -> Point:
        return self.points[-1]

    @property
    def line_label_y(self) -> int:
        # Above the last point, or below it when it sits at the top of the plot.
        return self.last.y - 8 if self.last.y > 24 else self.last.y + 18


def _timeline(
    key: str,
    summary: str,
    headers: tuple[str, ...],
    months: list[date],
    bars: list[int],
    line: list[int],
    rows: list[tuple[str, ...]],
    *,
    column_legend: str,
    line_legend: str,
    line_label: str,
) -> TimelineChart:
    top = max([*bars, *line]) or 1
    scale = (PLOT_HEIGHT - 18) / top  # room above the tallest for its number
    slot = 100 / len(months)
    # A month's name every third month, counting back from this one; the first named one and
    # any January carry the year.
    named = [i for i in range(len(months)) if (len(months) - 1 - i) % 3 == 0]
    ticks = [
        Tick(
            f"{i * slot + slot * 0.5:.2f}",
            _month(months[i], year=(i == named[0] or months[i].month == 1)),
        )
        for i in named
    ]
    columns, points = [], []
    for i, (value, level) in enumerate(zip(bars, line, strict=True)):
        height = round(value * scale)
        middle = f"{i * slot + slot * 0.5:.2f}"
        columns.append(
            Column(
                label="",
                sent=value,
                x=f"{i * slot + slot * 0.22:.2f}",
                width=f"{slot * 0.56:.2f}",
                middle=middle,
                y=PLOT_HEIGHT - height,
                height=height,
                over=False,
                row=rows[i],
            )
        )
        points.append(Point(middle, PLOT_HEIGHT - round(level * scale), level))
    return TimelineChart(
        key,
        summary,
        headers,
        columns,
        points,
        ticks,
        column_legend=column_legend,
        line_legend=line_legend,
        line_label=line_label,
    )


def themes_over_time(history: trends.ThemeHistory) -> TimelineChart:
    """What counts: the themes that stand today, once each, in the month their second person
    said them; the sentence says what was left out (see trends.theme_history)."""
    months = history.months
    latest = months[-1]
    count = history.by_status.get
    merged, dismissed, faded = (
        count(Theme.Status.MERGED, 0),
        count(Theme.Status.DISMISSED, 0),
        count(Theme.Status.FADED, 0),
    )
    notes = []
    if merged:
        notes.append(
            f"{merged} you merged into {_verb(merged, 'another', 'others')} "
            f"{_verb(merged, 'counts', 'count')} in the one you kept"
        )
    if dismissed:
        notes.append(f"{dismissed} you dismissed {_verb(dismissed, 'is', 'are')} left out")
    if faded:
        notes.append(
            f"{faded} no longer said by two people (a note was deleted) "
            f"{_verb(faded, 'is', 'are')} left out"
        )
    summary = (
        f"{_count(history.standing, 'theme')} confirmed by two different people, "
        f"{latest.confirmed} in {latest.first:%B}" + "".join(f"; {note}" for note in notes) + "."
    )
    return _timeline(
        "themes",
        summary,
        ("Month", "Themes confirmed", "Themes so far"),
        [m.first for m in months],
        [m.confirmed for m in months],
        [m.total for m in months],
        [(f"{m.first:%B %Y}", str(m.confirmed), str(m.total)) for m in months],
        column_legend="confirmed that month",
        line_legend="themes so far",
        line_label=f"{latest.total} so far",
    )


def obstacles_closed(history: trends.ObstacleHistory) -> TimelineChart:
    months = history.months
    latest = months[-1]
    working = history.by_status.get(Obstacle.Status.WORKING, 0)
    summary = (
        f"{history.closed} of {_count(history.total, 'obstacle')} closed, "
        f"{latest.closed} in {latest.first:%B}; {latest.still_open} still open"
        f"{f', {working} being worked on' if working else ''}."
    )
    return _timeline(
        "obstacles",
        summary,
        ("Month", "Named", "Closed", "Still open at the month's end"),
        [m.first for m in months],
        [m.closed for m in months],
        [m.still_open for m in months],
        [(f"{m.first:%B %Y}", str(m.named), str(m.closed), str(m.still_open)) for m in months],
        column_legend="closed that month",
        line_legend="still open at the month's end",
        line_label=f"{latest.still_open} open",
    )


def _month(first: date, *, year: bool) -> str:
    return f"{first:%b %Y}" if year else f"{first:%b}"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"
