"""Today stays short however much is due: capped sections, "Show all", and bulk actions that
clear a backlog in one go (without JavaScript: a form with checkboxes)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.accounts.models import User
from coffeechat.conversations import reminders, services
from coffeechat.conversations.models import Conversation, Reminder, Stage
from coffeechat.lib.testing.people import make_person

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")  # alice's time zone
NOW = datetime(2026, 10, 14, 15, 0, tzinfo=UTC)  # Wednesday, 11:00 in New York


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def ny(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=NEW_YORK)


def start(owner: User, name: str, stage: str, at: datetime) -> Conversation:
    conversation = services.start_conversation(owner=owner, person=make_person(owner, name), now=at)
    if stage != Stage.IDENTIFIED:
        services.move_to_stage(conversation=conversation, stage=stage, now=at)
    return conversation


def remind(conversation: Conversation, title: str, due_at: datetime) -> Reminder:
    return reminders.add_reminder(conversation=conversation, title=title, due_at=due_at)


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def backlog(owner, count: int, stage: str = Stage.IDENTIFIED) -> list[Reminder]:
    conversation = start(owner, "Grace Hopper", stage, at=NOW - timedelta(days=30))
    return [
        remind(conversation, f"Old thing {n:03}", ny(1, 9) + timedelta(hours=n))
        for n in range(count)
    ]


def test_today_shows_ten_overdue_and_a_link_to_all_of_them(alice, alice_client: Client) -> None:
    backlog(alice, 25)

    html = alice_client.get(reverse("conversations:today")).content.decode()

    assert html.count('<li class="item" id="reminder-') == 10
    assert "Old thing 000" in html and "Old thing 010" not in html  # oldest first
    assert "Show all 25" in html


def test_show_all_pages_through_a_section(alice, alice_client: Client) -> None:
    backlog(alice, 60)
    url = reverse("conversations:today-section")

    first = alice_client.get(url, {"section": "overdue"}).content.decode()
    second = alice_client.get(url, {"section": "overdue", "page": 2}).content.decode()

    assert first.count('<li class="item" id="reminder-') == 50 and "Page 1 of 2" in first
    assert second.count('<li class="item" id="reminder-') == 10
    assert "Old thing 059" in second


def test_bulk_done_marks_the_ticked_reminders_only(alice, alice_client: Client) -> None:
    reminders = backlog(alice, 5)

    response = alice_client.post(
        reverse("conversations:bulk-reminders"),
        {
            "section": "overdue",
            "action": "done",
            "next": "/today/",
            "reminder": [reminders[0].pk, reminders[1].pk],
        },
        follow=True,
    )

    statuses = [
        r.status for r in Reminder.objects.filter(title__startswith="Old thing").order_by("title")
    ]
    assert statuses == ["done", "done", "open", "open", "open"]
    assert "Marked 2 reminders done." in response.content.decode()


def test_all_in_this_section_reaches_beyond_the_rows_shown(alice, alice_client: Client) -> None:
    backlog(alice, 30)
    later = remind(start(alice, "Ada Lovelace", Stage.IDENTIFIED, NOW), "Not overdue", ny(16, 9))

    alice_client.post(
        reverse("conversations:bulk-reminders"),
        {"section": "overdue", "action": "dismiss", "all": "1"},
    )

    assert Reminder.objects.filter(title__startswith="Old", status="dismissed").count() == 30
    later.refresh_from_db()
    assert later.status == Reminder.Status.OPEN


def test_snooze_moves_them_to_the_morning_of_the_chosen_day(alice, alice_client: Client) -> None:
    reminders = backlog(alice, 3)

    response = alice_client.post(
        reverse("conversations:bulk-reminders"),
        {"section": "overdue", "action": "snooze", "all": "1", "until": "2026-10-19"},
        follow=True,
    )

    for reminder in reminders:
        reminder.refresh_from_db()
        assert reminder.due_at == ny(19, 9)
        assert reminder.status == Reminder.Status.OPEN
    assert "Snoozed 3 reminders until Mon 19 Oct." in response.content.decode()


def test_snooze_refuses_today_or_the_past_and_changes_nothing(alice, alice_client: Client) -> None:
    [reminder] = backlog(alice, 1)

    response = alice_client.post(
        reverse("conversations:bulk-reminders"),
        {"section": "overdue", "action": "snooze", "all": "1", "until": "2026-10-14"},
        follow=True,
    )

    assert "Snooze until a day after today." in response.content.decode()
    reminder.refresh_from_db()
    assert reminder.due_at == ny(1, 9)


def test_close_as_no_reply_closes_waiting_conversations_and_skips_the_others(
    alice, alice_client: Client
) -> None:
    waiting = start(alice, "Waiting Person", Stage.CONTACTED, at=NOW - timedelta(days=30))
    replied = start(alice, "Replied Person", Stage.REPLIED, at=NOW - timedelta(days=30))
    remind(replied, "Answer them", ny(1, 9))

    response = alice_client.post(
        reverse("conversations:bulk-reminders"),
        {"section": "overdue", "action": "no_reply", "all": "1"},
        follow=True,
    )

    waiting.refresh_from_db()
    replied.refresh_from_db()
    assert (waiting.stage, replied.stage) == (Stage.NO_REPLY, Stage.REPLIED)
    assert (
        "Closed 1 conversation as no reply. 1 not waiting for a reply, left as they were."
        in response.content.decode()
    )


def test_bulk_actions_never_touch_another_users_reminders(
    alice, mallory, mallory_client: Client
) -> None:
    reminders = backlog(alice, 3)
    open_before = Reminder.objects.filter(owner=alice, status="open").count()

    mallory_client.post(
        reverse("conversations:bulk-reminders"),
        {"section": "overdue", "action": "done", "reminder": [r.pk for r in reminders]},
    )
    mallory_client.post(
        reverse("conversations:bulk-reminders"),
        {"section": "overdue", "action": "done", "all": "1"},
    )

    assert Reminder.objects.filter(owner=alice, status="open").count() == open_before


def test_today_costs_the_same_queries_with_a_big_backlog(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    backlog(alice, 12)
    few = count_queries(alice_client, reverse("conversations:today"))
    backlog(alice, 300)

    with django_assert_max_num_queries(few):
        response = alice_client.get(reverse("conversations:today"))
    assert response.context["page"].lists.overdue.count == 312


def test_show_all_costs_the_same_queries_with_a_big_backlog(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    backlog(alice, 60)
    url = reverse("conversations:today-section") + "?section=overdue"
    few = count_queries(alice_client, url)
    backlog(alice, 300)

    with django_assert_max_num_queries(few):
        alice_client.get(url)
