"""The conversation page and a person's page, each put together in one place from typed panels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import meetings, services
from coffeechat.conversations.models import Conversation, Meeting, Stage
from coffeechat.conversations.next_step import Action, next_step
from coffeechat.lib.testing.people import make_person
from coffeechat.pages.conversation import conversation_page
from coffeechat.pages.person import person_page

pytestmark = pytest.mark.django_db


def scheduled(owner: User, name: str = "Ada Lovelace") -> Conversation:
    person = make_person(owner, name, organization="Acme")
    conversation = services.start_conversation(owner=owner, person=person, purpose="Pipelines")
    for stage in (Stage.CONTACTED, Stage.REPLIED):
        services.move_to_stage(conversation=conversation, stage=stage)
    meetings.schedule_meeting(
        conversation=conversation,
        starts_at=timezone.now() + timedelta(days=2),
        minutes=20,
        mode=Meeting.Mode.VIDEO,
        place="",
    )
    conversation.refresh_from_db()
    return conversation


def test_the_conversation_page_holds_each_apps_panel(alice) -> None:
    conversation = scheduled(alice)
    services.add_note(person=conversation.person, conversation=conversation, body="Ship small")

    page = conversation_page(owner=alice, conversation=conversation)

    assert page.conversation.step.action.is_meet
    assert [n.body for n in page.notes.notes] == ["Ship small"]
    assert [row.meeting.conversation_id for row in page.meetings.meetings] == [conversation.pk]
    assert page.meetings.has_planned
    assert page.messages.rows == []
    assert not page.notes.form.is_bound and not page.meetings.slot_form.is_bound


def test_offering_times_that_fail_redraws_the_page_with_that_form_open_and_its_errors(
    alice, alice_client: Client
) -> None:
    conversation = scheduled(alice)

    response = alice_client.post(
        reverse("scheduling:propose", args=[conversation.pk]), {"offer-minutes": "0"}
    )

    assert response.status_code == 400
    page = response.context["page"]
    assert page.meetings.slot_form.errors
    assert not page.notes.form.is_bound
    assert "Offer these times" in response.content.decode()


def test_a_reschedule_that_fails_opens_that_meetings_form_only(alice, alice_client: Client) -> None:
    conversation = scheduled(alice)
    meeting = conversation.meetings.get()

    response = alice_client.post(
        reverse("scheduling:reschedule", args=[meeting.pk]), {f"move-{meeting.pk}-minutes": "0"}
    )

    assert response.status_code == 400
    [row] = response.context["page"].meetings.meetings
    assert row.is_reschedule_open
    assert row.reschedule_form.errors


def test_a_note_shows_on_both_pages_and_the_person_page_says_which_conversation(
    alice, alice_client: Client
) -> None:
    conversation = scheduled(alice)
    services.add_note(person=conversation.person, conversation=conversation, body="Read Kleppmann")

    on_person = alice_client.get(reverse("network:person", args=[conversation.person.pk]))
    on_conversation = alice_client.get(
        reverse("conversations:conversation", args=[conversation.pk])
    )

    for response in (on_person, on_conversation):
        assert response.status_code == 200
        assert "Read Kleppmann" in response.content.decode()
    assert "· Pipelines" in on_person.content.decode()
    assert "· Pipelines" not in on_conversation.content.decode()


def test_the_person_page_holds_each_apps_panel(alice) -> None:
    conversation = scheduled(alice)
    friend = make_person(alice, "Grace Hopper")
    from coffeechat.network.services import add_introduction

    add_introduction(
        introducer=conversation.person, introduced=friend, introduced_on=timezone.localdate()
    )

    page = person_page(owner=alice, person=conversation.person)

    assert page.conversations.conversations == [conversation]
    assert [i.introduced for i in page.person.introduced] == [friend]
    assert page.keep_in_touch.every_weeks == conversation.person.keep_in_touch_weeks
    assert page.resume_advice.suggestions == []


def test_each_next_step_answers_exactly_one_of_the_questions_pages_ask() -> None:
    for action in Action:
        answers = {member: getattr(action, f"is_{member.value}") for member in Action}

        assert [member for member, yes in answers.items() if yes] == [action]


def test_the_conversation_says_which_side_of_the_meeting_it_is_on(alice) -> None:
    person = make_person(alice, "Ada Lovelace")
    conversation = services.start_conversation(owner=alice, person=person)
    services.move_to_stage(conversation=conversation, stage=Stage.REPLIED)
    assert conversation.is_before_meeting and not conversation.has_met

    services.move_to_stage(conversation=conversation, stage=Stage.MET)

    assert conversation.is_met and conversation.has_met and not conversation.is_before_meeting
    assert next_step(conversation, timezone.now()).action.is_thank
