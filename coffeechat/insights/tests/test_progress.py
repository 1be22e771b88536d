from __future__ import annotations

import html
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.conversations import meetings
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Stage
from coffeechat.insights import charts, queries, trends
from coffeechat.network import services as network
from coffeechat.network.models import Person
from coffeechat.prep import services as prep
from coffeechat.strategy import obstacles
from coffeechat.strategy import services as strategy
from coffeechat.strategy.models import Theme

pytestmark = pytest.mark.django_db


def page(client: Client) -> str:
    response = client.get(reverse("insights:progress"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def thread(
    owner,
    name: str,
    stages: list[str],
    *,
    connection: str = "cold",
    start=None,
    meet_minutes: int | None = None,
    thank_after: timedelta | None = None,
):
    """A conversation moved through `stages`, a day apart, starting `start`."""
    now = start or timezone.now() - timedelta(days=30)
    person = network.add_person(owner=owner, full_name=name, connection=connection)
    conversation = conversations.start_conversation(owner=owner, person=person, now=now)
    for stage in stages:
        now += timedelta(days=1)
        if stage == Stage.MET and meet_minutes:
            meetings.schedule_meeting(
                conversation=conversation,
                starts_at=now,
                minutes=meet_minutes,
                mode="video",
                now=now,
            )
            now += timedelta(minutes=meet_minutes)
        if stage == Stage.THANKED and thank_after is not None:
            now += thank_after - timedelta(days=1)
        conversations.move_to_stage(conversation=conversation, stage=stage, now=now)
    return conversation


ASK, REPLY, SCHEDULE = Stage.CONTACTED, Stage.REPLIED, Stage.SCHEDULED


def test_a_new_account_gets_empty_states_that_say_what_comes(alice_client: Client) -> None:
    text = page(alice_client)

    assert "Your funnel starts with your first conversation." in text
    assert "Your reply rate appears after your first five requests." in text
    assert "Your pace appears after your first request." in text
    assert "This appears after your first meeting." in text
    assert "Themes appear when two different people tell you the same thing." in text
    assert "Name what stands between you and the role you want." in text
    assert 'role="img"' not in text


def test_the_funnel_counts_each_conversation_where_it_got_to(alice) -> None:
    thread(alice, "Asked Only", [ASK])
    thread(alice, "Met", [ASK, REPLY, SCHEDULE, Stage.MET])
    declined = thread(alice, "Declined", [ASK])
    conversations.move_to_stage(conversation=declined, stage=Stage.DECLINED)
    late_no = thread(alice, "Declined Late", [ASK, REPLY, SCHEDULE])
    conversations.move_to_stage(conversation=late_no, stage=Stage.DECLINED)
    slip = thread(alice, "Slip Undone", [ASK, REPLY, SCHEDULE, Stage.MET])
    conversations.move_to_stage(conversation=slip, stage=Stage.SCHEDULED)
    thread(
        alice, "Kept In Touch", [ASK, REPLY, SCHEDULE, Stage.MET, Stage.THANKED, Stage.NURTURING]
    )
    thread(alice, "Not Asked", [])

    steps = {s.label: s.count for s in queries.funnel(queries.stage_totals(alice))}

    assert steps == {
        "Identified": 7,
        "Asked": 6,
        "Replied": 5,
        "Scheduled": 4,
        "Met": 2,
        "Thanked": 1,
    }


def test_reply_rates_leave_out_requests_still_waiting(alice, alice_client: Client) -> None:
    for n in range(3):
        thread(alice, f"Alum {n}", [ASK, REPLY], connection="alumni")
    thread(alice, "Cold Waiting", [ASK])
    silent = thread(alice, "Cold Silent", [ASK])
    conversations.move_to_stage(conversation=silent, stage=Stage.NO_REPLY)
    thread(alice, "Cold Answered", [ASK, REPLY])

    rates = {
        r.connection: (r.asked, r.replied, r.waiting, r.rate)
        for r in queries.reply_rates(queries.stage_totals(alice))
    }
    text = page(alice_client)

    assert rates == {"Alumni": (3, 3, 0, 100), "Cold": (3, 1, 1, 50)}
    assert "100% of 3" in text and "50% of 2" in text
    assert "Highest: alumni, 100% of 3." in text


def test_time_to_thank_you_runs_from_the_meetings_end(alice) -> None:
    thread(
        alice,
        "Quick",
        [ASK, REPLY, SCHEDULE, Stage.MET, Stage.THANKED],
        meet_minutes=30,
        thank_after=timedelta(hours=20),
    )
    thread(
        alice,
        "Slow",
        [ASK, REPLY, SCHEDULE, Stage.MET, Stage.THANKED],
        meet_minutes=30,
        thank_after=timedelta(days=4),
    )
    thread(alice, "Owed", [ASK, REPLY, SCHEDULE, Stage.MET], meet_minutes=30)

    times = queries.thank_you_times(alice)

    assert times.buckets == [("Within 24 hours", 1), ("1–2 days", 0), ("3–7 days", 1), ("Later", 0)]
    assert times.not_yet == 1


def test_weekly_pace_counts_requests_against_the_budget(alice, alice_client: Client) -> None:
    now = timezone.now()
    for n in range(7):  # seven requests today: two over the default budget of five
        thread(alice, f"Today {n}", [ASK], start=now - timedelta(days=1, minutes=n))

    pace = queries.pace(alice, now)
    text = page(alice_client)

    assert pace.weeks[-1].sent == 7 and pace.weeks[-1].busiest == 7
    assert pace.days_over == 1
    assert "budget 25/week" in text and "1 day went over it" in text


def test_referral_depth_follows_introductions_through_generations(
    alice, alice_client: Client
) -> None:
    first = thread(alice, "First Friend", [ASK, REPLY, SCHEDULE, Stage.MET])
    capture = prep.add_referral(conversation=first, full_name="Second Step")
    second = capture.referred
    third = network.add_person(owner=alice, full_name="Third Step")
    network.add_introduction(
        introducer=second, introduced=third, introduced_on=timezone.localdate()
    )
    # A loop back to the start must not count anyone twice or run forever.
    network.add_introduction(
        introducer=third, introduced=second, introduced_on=timezone.localdate()
    )
    network.add_introduction(
        introducer=third, introduced=first.person, introduced_on=timezone.localdate()
    )

    referrals = queries.referrals(alice, queries.stage_totals(alice))

    assert referrals.referral_captures == 1
    assert referrals.introduced == 0  # everyone in a loop: nobody is the first introducer
    Person.objects.filter(full_name="Third Step").delete()
    referrals = queries.referrals(alice, queries.stage_totals(alice))
    assert referrals.by_depth == [(1, 1)]
    assert "1 person came through introductions, up to 1 introduction away." in page(alice_client)


def test_segments_show_boosters_obligates_and_curmudgeons(alice, alice_client: Client) -> None:
    for name, segment in [
        ("B1", "booster"),
        ("B2", "booster"),
        ("O1", "obligate"),
        ("C1", "curmudgeon"),
        ("U1", "unknown"),
    ]:
        person = network.add_person(owner=alice, full_name=name)
        Person.objects.filter(pk=person.pk).update(segment=segment)

    text = page(alice_client)

    assert "2 boosters, 1 obligate and 1 curmudgeon among 4 people" in text


def test_another_users_rows_never_count(alice, mallory) -> None:
    thread(mallory, "Mallory's Contact", [ASK, REPLY, SCHEDULE, Stage.MET, Stage.THANKED])

    assert queries.funnel(queries.stage_totals(alice))[0].count == 0
    assert queries.thank_you_times(alice).thanked == 0
    assert queries.reply_rates(queries.stage_totals(alice)) == []
    obstacles.add_obstacle(owner=mallory, title="Mallory's gap")
    assert trends.obstacle_history(alice, timezone.now()).total == 0
    assert trends.theme_history(alice, timezone.now()).by_status == {}


@pytest.mark.parametrize("people", [3, 30])
def test_the_page_costs_the_same_queries_however_big_the_network(
    alice, alice_client: Client, people: int, django_assert_max_num_queries
) -> None:
    for n in range(people):
        conversation = thread(
            alice,
            f"Person {n}",
            [ASK, REPLY, SCHEDULE, Stage.MET, Stage.THANKED],
            meet_minutes=20,
            connection=["alumni", "cold", "event"][n % 3],
        )
        if n % 2:
            prep.add_referral(conversation=conversation, full_name=f"Referred {n}")
        prep.add_capture(
            conversation=conversation,
            kind="advice",
            text=f"Learn SQL, then {['Tableau', 'survival analysis'][n % 2]}",
        )
        obstacle = obstacles.add_obstacle(owner=alice, title=f"Gap number {n}")
        if n % 3 == 0:
            obstacles.set_obstacle_status(obstacle=obstacle, status="closed")

    # The first visit reads the new notes into themes: bounded by mentions.SYNC_BATCH a kind.
    with django_assert_max_num_queries(50):
        page(alice_client)
    with django_assert_max_num_queries(20):
        text = page(alice_client)

    assert f"Of {people + people // 2} conversations" in text
    standing = Theme.objects.filter(owner=alice, status=Theme.Status.CONFIRMED)
    assert standing.filter(key="sql", people_count=people).exists()
    assert f"{standing.count()} themes confirmed by two different people" in text
    closed = len(range(0, people, 3))
    assert f"{closed} of {people} obstacles closed, {closed} in" in text


# Themes and obstacles (from the strategy app) ----------------------------------------------------

APRIL_15 = datetime(2026, 4, 15, 16, 0, tzinfo=UTC)


def said(owner, name: str, text: str, when: datetime):
    """`name` (a new person, met) said `text` at `when`."""
    conversation = thread(
        owner, name, [ASK, REPLY, SCHEDULE, Stage.MET], start=when - timedelta(days=10)
    )
    return prep.add_capture(conversation=conversation, kind="advice", text=text, now=when)


def test_themes_count_once_in_the_month_their_second_person_said_them(
    alice, alice_client: Client
) -> None:
    # 23:30 on 31 March in New York is already April in UTC: it counts in March, alice's month.
    march_31_late = datetime(2026, 4, 1, 3, 30, tzinfo=UTC)
    said(alice, "Ana Early", "Learn SQL window functions", datetime(2026, 1, 10, tzinfo=UTC))
    said(alice, "Ben Second", "SQL is a must; so is Tableau", march_31_late)
    said(alice, "Cy Third", "Tableau dashboards win interviews", APRIL_15 - timedelta(days=1))
    said(alice, "Di Fourth", "Build a portfolio project", APRIL_15 - timedelta(days=2))
    said(alice, "Ed Fifth", "A portfolio project beats a certificate", APRIL_15 - timedelta(days=2))
    trends.theme_history(alice, APRIL_15)  # reads the notes into themes
    portfolio = Theme.objects.get(owner=alice, key="portfolio project")
    strategy.dismiss_theme(theme=portfolio)

    history = trends.theme_history(alice, APRIL_15)
    chart = charts.themes_over_time(history)

    months = {m.first.month: (m.confirmed, m.total) for m in history.months}
    assert [m.first for m in history.months][0] == date(2025, 11, 1)  # at least six months
    assert months[3] == (1, 1) and months[4] == (1, 2) and months[1] == (0, 0)
    assert chart.summary == (
        "2 themes confirmed by two different people, 1 in April; 1 you dismissed is left out."
    )
    assert chart.columns[-2].row == ("March 2026", "1", "1")
    assert chart.line_label == "2 so far"


def test_a_theme_merged_into_another_counts_once(alice) -> None:
    said(alice, "Ana Merger", "Learn SQL. Tableau helps", APRIL_15 - timedelta(days=40))
    said(alice, "Ben Merger", "Tableau dashboards; SQL first", APRIL_15 - timedelta(days=30))
    trends.theme_history(alice, APRIL_15)
    sql, tableau = (Theme.objects.get(owner=alice, key=key) for key in ("sql", "tableau"))
    strategy.merge_themes(theme=tableau, into=sql)

    history = trends.theme_history(alice, APRIL_15)

    assert history.standing == 1 and history.months[-1].total == 1
    assert "1 you merged into another counts in the one you kept" in (
        charts.themes_over_time(history).summary
    )


def test_obstacles_closed_per_month_and_still_open_at_each_months_end(
    alice, alice_client: Client
) -> None:
    january, february = datetime(2026, 1, 20, tzinfo=UTC), datetime(2026, 2, 20, tzinfo=UTC)
    sql = obstacles.add_obstacle(owner=alice, title="No SQL in production", now=january)
    domain = obstacles.add_obstacle(owner=alice, title="No claims data", now=january)
    speaking = obstacles.add_obstacle(owner=alice, title="Never presented", now=february)
    obstacles.add_obstacle(owner=alice, title="No portfolio", now=APRIL_15 - timedelta(days=3))
    obstacles.set_obstacle_status(obstacle=speaking, status="closed", now=february)
    obstacles.set_obstacle_status(obstacle=sql, status="closed", now=APRIL_15 - timedelta(days=1))
    # Closed, then reopened: no closing date any more, open all along.
    obstacles.set_obstacle_status(obstacle=domain, status="closed", now=february)
    obstacles.set_obstacle_status(obstacle=domain, status="working", now=february)

    history = trends.obstacle_history(alice, APRIL_15)
    chart = charts.obstacles_closed(history)

    rows = {m.first.month: (m.named, m.closed, m.still_open) for m in history.months}
    assert rows[12] == (0, 0, 0)
    assert rows[1] == (2, 0, 2) and rows[2] == (1, 1, 2) and rows[3] == (0, 0, 2)
    assert rows[4] == (1, 1, 2)
    assert chart.summary == (
        "2 of 4 obstacles closed, 1 in April; 2 still open, 1 being worked on."
    )
    assert chart.line_label == "2 open"
    text = page(alice_client)
    assert "Obstacles closed" in text and "Still open at the month's end" in text


def test_the_window_shows_at_most_twelve_months_and_counts_what_came_before(alice) -> None:
    obstacles.add_obstacle(owner=alice, title="Old gap", now=APRIL_15 - timedelta(days=800))
    obstacles.add_obstacle(owner=alice, title="New gap", now=APRIL_15)

    history = trends.obstacle_history(alice, APRIL_15)

    assert len(history.months) == 12 and history.months[0].first == date(2025, 5, 1)
    assert history.months[0].still_open == 1  # the old one, named before the window
    assert history.months[-1].still_open == 2
