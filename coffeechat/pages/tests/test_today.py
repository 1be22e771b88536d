"""Today, put together from typed panels: the day's meetings, and "We met" once one is over."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import meetings, services
from coffeechat.conversations.models import Conversation, Meeting, Stage
from coffeechat.lib.testing.people import make_person
from coffeechat.pages.today import today_page

pytestmark = pytest.mark.django_db


def meeting_with(owner: User, name: str, *, starts_at: datetime, planned_at: datetime) -> Meeting:
    """A conversation whose meeting was planned (at `planned_at`) for `starts_at`, 60 minutes."""
    person = make_person(owner, name, organization="Acme")
    conversation = services.start_conversation(owner=owner, person=person)
    for stage in (Stage.CONTACTED, Stage.REPLIED):
        services.move_to_stage(conversation=conversation, stage=stage, now=planned_at)
    return meetings.schedule_meeting(
        conversation=conversation,
        starts_at=starts_at,
        minutes=60,
        mode=Meeting.Mode.VIDEO,
        now=planned_at,
    )


def in_the_afternoon(owner: User) -> datetime:
    """Put `owner` in a zone where it is about 2 p.m. now, so the day holds meetings before
    and after this moment whenever the test runs."""
    now = timezone.now()
    offset = (14 - now.hour + 12) % 24 - 12  # hours east of UTC, -12..11
    # Etc/GMT zones count the other way: Etc/GMT-5 is five hours east of UTC.
    owner.time_zone = "Etc/GMT" + (f"-{offset}" if offset > 0 else f"+{-offset}")
    owner.save(update_fields=["time_zone"])
    return now


def we_met_action(conversation: Conversation) -> str:
    return f'action="{reverse("conversations:move", args=[conversation.pk])}"'


def test_a_meeting_over_asks_if_you_met_and_one_to_come_does_not(alice) -> None:
    now = in_the_afternoon(alice)
    over = meeting_with(
        alice, "Ada Over", starts_at=now - timedelta(hours=2), planned_at=now - timedelta(days=3)
    )
    under_way = meeting_with(
        alice, "Bea Now", starts_at=now - timedelta(minutes=30), planned_at=now - timedelta(days=3)
    )
    later = meeting_with(
        alice, "Cy Later", starts_at=now + timedelta(hours=1), planned_at=now - timedelta(days=3)
    )

    rows = {
        row.meeting.pk: row.asks_if_met for row in today_page(owner=alice, now=now).lists.meetings
    }

    assert rows == {over.pk: True, under_way.pk: False, later.pk: False}


def test_a_meeting_held_or_a_conversation_met_already_is_not_asked_again(alice) -> None:
    now = in_the_afternoon(alice)
    held = meeting_with(
        alice, "Ada Held", starts_at=now - timedelta(hours=2), planned_at=now - timedelta(days=3)
    )
    services.move_to_stage(conversation=held.conversation, stage=Stage.MET, now=now)

    [row] = today_page(owner=alice, now=now).lists.meetings

    assert row.meeting.pk == held.pk and row.asks_if_met is False


def test_today_offers_we_met_for_a_meeting_that_ended_and_records_it(
    alice, alice_client: Client
) -> None:
    now = in_the_afternoon(alice)
    ended = meeting_with(
        alice, "Ada Ended", starts_at=now - timedelta(hours=2), planned_at=now - timedelta(days=2)
    )
    coming = meeting_with(
        alice, "Cy Coming", starts_at=now + timedelta(hours=1), planned_at=now - timedelta(days=2)
    )

    page = alice_client.get(reverse("conversations:today")).content.decode()

    assert "Meetings today" in page
    assert we_met_action(ended.conversation) in page
    assert "did you meet?" in page
    assert we_met_action(coming.conversation) not in page

    response = alice_client.post(
        reverse("conversations:move", args=[ended.conversation.pk]),
        {"stage": "met", "next": reverse("conversations:today")},
    )
    assert response.url == reverse("conversations:today")
    ended.refresh_from_db()
    assert ended.is_held and ended.conversation.stage == Stage.MET
    page = alice_client.get(reverse("conversations:today")).content.decode()
    assert we_met_action(ended.conversation) not in page
    assert "Ada Ended: Met." in page  # the message, then the thank-you it now asks for
    assert "Thank Ada Ended: cite one thing you learned" in page


def test_today_costs_the_same_queries_with_more_meetings_that_ended(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    now = in_the_afternoon(alice)

    def add_meetings(start: int, count: int) -> None:
        for n in range(start, start + count):
            meeting_with(
                alice,
                f"Person {n:02}",
                starts_at=now - timedelta(minutes=90 + n),
                planned_at=now - timedelta(days=2),
            )

    add_meetings(0, 2)
    with CaptureQueriesContext(connection) as few:
        alice_client.get(reverse("conversations:today"))
    add_meetings(2, 10)

    with django_assert_max_num_queries(len(few)):
        page = alice_client.get(reverse("conversations:today")).content.decode()
    assert page.count("did you meet?") == 12
