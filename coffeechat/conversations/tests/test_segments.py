"""Boosters, obligates and curmudgeons from reply timing (method.md 5.3, RULE-F4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from coffeechat.conversations import services
from coffeechat.conversations.models import Activity, Conversation, Stage
from coffeechat.lib.testing.people import make_conversation, make_person, make_user
from coffeechat.network.models import Person

Segment = Person.Segment

# Wednesday 14 January 2026, 10:00 in New York. Monday the 19th is MLK Day, a US holiday, so
# for alice (US holidays) the 3B date of a request sent today is Tuesday the 20th.
SENT = datetime(2026, 1, 14, 15, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(utc(2026, 4, 20, 15), tick=False):
        yield


def asked(owner, name: str = "Grace Hopper", **fields) -> Conversation:
    """A request to a new person, sent at SENT."""
    person = make_person(owner, name, "Navy", **fields)
    conversation = make_conversation(owner, person=person, now=SENT)
    return services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=SENT)


def reply(conversation: Conversation, at: datetime) -> Person:
    services.move_to_stage(conversation=conversation, stage=Stage.REPLIED, now=at)
    return Person.objects.get(pk=conversation.person_id)


def segment_lines(person: Person) -> list[str]:
    return list(
        Activity.objects.filter(person=person, action="person.segment_changed")
        .order_by("pk")
        .values_list("summary", flat=True)
    )


def test_a_reply_on_the_3b_date_makes_a_booster(alice) -> None:
    conversation = asked(alice)

    person = reply(conversation, utc(2026, 1, 20, 22))  # Tuesday 17:00 in New York

    assert person.segment == Segment.BOOSTER
    assert segment_lines(person) == ["Classified as booster (replied quickly)"]


def test_a_reply_after_the_3b_date_makes_an_obligate(alice) -> None:
    person = reply(asked(alice), utc(2026, 1, 21, 14))  # Wednesday 09:00 in New York

    assert person.segment == Segment.OBLIGATE
    assert segment_lines(person) == ["Classified as obligate (replied late)"]


def test_it_counts_the_3b_date_in_the_users_own_calendar(alice) -> None:
    # Same reply time; without US holidays Monday the 19th is the 3B date, so Tuesday is late.
    bob = make_user(time_zone="America/New_York", holiday_country="")

    alices = reply(asked(alice), utc(2026, 1, 20, 22))
    bobs = reply(asked(bob), utc(2026, 1, 20, 22))

    assert (alices.segment, bobs.segment) == (Segment.BOOSTER, Segment.OBLIGATE)


def test_it_uses_the_date_the_reply_really_came(alice) -> None:
    conversation = asked(alice)

    # Recorded a month later, but they answered on Friday the 16th.
    services.move_to_stage(
        conversation=conversation,
        stage=Stage.REPLIED,
        now=utc(2026, 2, 16, 15),
        on=date(2026, 1, 16),
    )

    assert Person.objects.get(pk=conversation.person_id).segment == Segment.BOOSTER


def test_a_reply_after_the_nudge_makes_an_obligate_even_before_3b(alice) -> None:
    conversation = asked(alice)
    services.record_follow_up(conversation=conversation, now=utc(2026, 1, 15, 15))

    person = reply(conversation, utc(2026, 1, 16, 15))

    assert person.segment == Segment.OBLIGATE


def test_no_reply_after_the_follow_up_makes_a_curmudgeon(alice) -> None:
    conversation = asked(alice)
    services.record_follow_up(conversation=conversation, now=utc(2026, 1, 26, 15))

    services.move_to_stage(
        conversation=conversation, stage=Stage.NO_REPLY, now=utc(2026, 1, 29, 15)
    )

    person = Person.objects.get(pk=conversation.person_id)
    assert person.segment == Segment.CURMUDGEON
    assert segment_lines(person) == ["Classified as curmudgeon (never replied)"]


def test_closing_without_the_follow_up_says_nothing_about_them(alice) -> None:
    conversation = asked(alice)

    services.move_to_stage(
        conversation=conversation, stage=Stage.NO_REPLY, now=utc(2026, 1, 29, 15)
    )

    assert Person.objects.get(pk=conversation.person_id).segment == Segment.UNKNOWN


@pytest.mark.parametrize("stage", [Stage.SCHEDULED, Stage.DECLINED])
def test_other_moves_from_contacted_say_nothing(stage: str, alice) -> None:
    conversation = asked(alice)

    services.move_to_stage(conversation=conversation, stage=stage, now=utc(2026, 1, 15, 15))

    assert Person.objects.get(pk=conversation.person_id).segment == Segment.UNKNOWN


def test_a_reply_without_a_request_says_nothing(alice) -> None:
    conversation = make_conversation(alice, now=SENT)

    person = reply(conversation, utc(2026, 1, 15, 15))

    assert person.segment == Segment.UNKNOWN


def end_as(conversation: Conversation, segment: str) -> None:
    """Finish a request sent at `contacted_at` the way a booster, obligate or curmudgeon would."""
    sent = conversation.contacted_at
    if segment == Segment.BOOSTER:
        services.move_to_stage(
            conversation=conversation, stage=Stage.REPLIED, now=sent + timedelta(days=1)
        )
    elif segment == Segment.OBLIGATE:
        services.move_to_stage(
            conversation=conversation, stage=Stage.REPLIED, now=sent + timedelta(days=14)
        )
    else:
        services.record_follow_up(conversation=conversation, now=sent + timedelta(days=11))
        services.move_to_stage(
            conversation=conversation, stage=Stage.NO_REPLY, now=sent + timedelta(days=15)
        )


def first_thread_then_second(alice, first: str, second: str) -> Person:
    conversation = asked(alice)
    end_as(conversation, first)
    later = make_conversation(alice, person=conversation.person, now=utc(2026, 3, 2, 15))
    services.move_to_stage(conversation=later, stage=Stage.CONTACTED, now=utc(2026, 3, 2, 15))
    end_as(later, second)
    return Person.objects.get(pk=conversation.person_id)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # A slower or silent later thread never undoes a booster (people get busy) ...
        (Segment.BOOSTER, Segment.OBLIGATE, Segment.BOOSTER),
        (Segment.BOOSTER, Segment.CURMUDGEON, Segment.BOOSTER),
        (Segment.OBLIGATE, Segment.CURMUDGEON, Segment.OBLIGATE),
        # ... and a better one is new evidence.
        (Segment.CURMUDGEON, Segment.BOOSTER, Segment.BOOSTER),
        (Segment.OBLIGATE, Segment.BOOSTER, Segment.BOOSTER),
        (Segment.CURMUDGEON, Segment.OBLIGATE, Segment.OBLIGATE),
    ],
)
def test_it_only_moves_someone_up_from_thread_to_thread(
    first: str, second: str, expected: str, alice
) -> None:
    assert first_thread_then_second(alice, first, second).segment == expected


def test_the_user_can_override_the_segment_on_the_edit_form(alice, alice_client: Client) -> None:
    person = reply(asked(alice, email="grace@navy.example"), utc(2026, 1, 15, 15))
    assert person.segment == Segment.BOOSTER

    response = alice_client.post(
        reverse("network:person-edit", args=[person.pk]),
        {
            "full_name": "Grace Hopper",
            "organization_name": "Navy",
            "email": "grace@navy.example",
            "connection": "cold",
            "segment": "obligate",
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.segment == Segment.OBLIGATE


def test_an_edit_posted_without_the_segment_keeps_it(alice, alice_client: Client) -> None:
    person = reply(asked(alice), utc(2026, 1, 15, 15))

    alice_client.post(
        reverse("network:person-edit", args=[person.pk]),
        {"full_name": "Grace B. Hopper", "organization_name": "Navy", "connection": "cold"},
    )

    person.refresh_from_db()
    assert (person.full_name, person.segment) == ("Grace B. Hopper", Segment.BOOSTER)


def test_the_new_person_form_has_no_segment(alice, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:person-new"))

    assert "segment" not in response.context["form"].fields


def test_the_person_page_explains_the_segment(alice, alice_client: Client) -> None:
    person = reply(asked(alice), utc(2026, 1, 28, 15))

    html = alice_client.get(reverse("network:person", args=[person.pk])).content.decode()

    assert 'class="badge badge--obligate"' in html
    assert "keep looking for a booster at Navy" in html
    assert "Classified as obligate (replied late)" in html  # on the timeline


def test_the_people_list_shows_each_segment(alice, alice_client: Client) -> None:
    reply(asked(alice, "Grace Hopper"), utc(2026, 1, 15, 15))
    make_person(alice, "Ada Lovelace", "Navy")

    response = alice_client.get(reverse("network:people"))

    rows = {p.full_name: p for p in response.context["page"].object_list}
    assert rows["Grace Hopper"].segment == Segment.BOOSTER
    html = response.content.decode()
    assert html.count('class="badge badge--booster"') == 1
