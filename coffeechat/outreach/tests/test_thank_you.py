"""The thank-you (T8) through the composer: prefilled from the notes, linted, and sending it
moves the conversation from met to thanked."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coffeechat.conversations.models import Reminder, Stage
from coffeechat.lib.testing.people import make_scheduled
from coffeechat.outreach import gate, services
from coffeechat.outreach.models import Message, MessageKind
from coffeechat.outreach.tests.factories import profile
from coffeechat.prep import services as prep

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=ZoneInfo("UTC"))  # Monday, 10:00 in New York
LATER = NOW + timedelta(hours=3)
ADVICE = "Build a small portfolio project with public transit data"
Kind = MessageKind


@pytest.fixture
def met(alice):
    profile(alice)
    conversation = make_scheduled(alice, now=NOW)
    prep.add_capture(conversation=conversation, kind="advice", text=ADVICE, now=NOW)
    prep.mark_held(conversation=conversation, now=NOW + timedelta(hours=1, minutes=30))
    conversation.refresh_from_db()
    assert conversation.stage == Stage.MET
    return conversation


def thank_you_draft(conversation) -> Message:
    subject, body = services.prefill(conversation=conversation, kind=Kind.THANK_YOU, now=LATER)
    return services.save_draft(
        conversation=conversation,
        kind=Kind.THANK_YOU,
        to_email="dana@example.org",
        subject=subject,
        body=body,
        now=LATER,
    )


def reminder_statuses(conversation) -> dict[str, str]:
    return dict(conversation.reminders.values_list("kind", "status"))


def test_the_prefill_is_the_notes_draft_citing_a_capture(met) -> None:
    subject, body = services.prefill(conversation=met, kind=Kind.THANK_YOU, now=LATER)

    assert subject == "Thank you — how analytics teams work"
    assert body.startswith("Hi Dana,")
    assert ADVICE.lower() in body.lower()
    assert (
        gate.lint_message(conversation=met, kind=Kind.THANK_YOU, subject=subject, body=body) == []
    )


def test_sending_it_moves_met_to_thanked_and_completes_the_reminder(met) -> None:
    assert reminder_statuses(met)[Reminder.Kind.THANK_YOU] == Reminder.Status.OPEN
    message = thank_you_draft(met)

    sent = services.send_draft(message=message, now=LATER)

    met.refresh_from_db()
    assert sent.status == Message.Status.QUEUED
    assert sent.in_reply_to is None  # a new email, not a reply in the request's thread
    assert met.stage == Stage.THANKED
    statuses = reminder_statuses(met)
    assert statuses[Reminder.Kind.THANK_YOU] == Reminder.Status.DONE
    assert statuses[Reminder.Kind.REPORT_BACK] == Reminder.Status.OPEN  # advice to act on


def test_marking_it_sent_elsewhere_moves_met_to_thanked(met) -> None:
    services.mark_sent_elsewhere(message=thank_you_draft(met), now=LATER)

    met.refresh_from_db()
    assert met.stage == Stage.THANKED
    assert reminder_statuses(met)[Reminder.Kind.THANK_YOU] == Reminder.Status.DONE


def test_a_thank_you_that_cites_nothing_is_blocked_until_overridden(met) -> None:
    message = thank_you_draft(met)
    message.body = message.body.replace(ADVICE, "keep going")
    message.body = message.body.replace(ADVICE.lower(), "keep going")
    message.save()

    with pytest.raises(gate.LintBlocked) as blocked:
        services.send_draft(message=message, now=LATER)

    assert blocked.value.blocking == {"RULE-T1"}
    met.refresh_from_db()
    assert met.stage == Stage.MET
    services.send_draft(message=message, overrides=["RULE-T1"], now=LATER)
    met.refresh_from_db()
    assert met.stage == Stage.THANKED


def test_a_thank_you_before_the_meeting_is_refused(alice) -> None:
    profile(alice)
    conversation = make_scheduled(alice, now=NOW)
    prep.add_capture(conversation=conversation, kind="advice", text=ADVICE, now=NOW)
    message = thank_you_draft(conversation)

    with pytest.raises(ValidationError, match="mark it held"):
        services.send_draft(message=message, now=LATER)


def test_a_second_thank_you_leaves_the_stage_alone(met) -> None:
    services.mark_sent_elsewhere(message=thank_you_draft(met), now=LATER)

    services.mark_sent_elsewhere(message=thank_you_draft(met), now=LATER)

    met.refresh_from_db()
    assert met.stage == Stage.THANKED


def test_the_composer_opens_on_the_thank_you_after_the_meeting(alice_client, met) -> None:
    url = reverse("outreach:compose", args=[met.pk])

    html = alice_client.get(url).content.decode()

    assert "Thank-you note to Dana Okafor" in html
    assert 'value="Thank you — how analytics teams work"' in html
    assert ADVICE.lower() in html.lower()
    assert "No problems found" in html


def test_the_composer_sends_it_and_the_stage_is_thanked(alice_client, met) -> None:
    subject, body = services.prefill(conversation=met, kind=Kind.THANK_YOU)

    response = alice_client.post(
        reverse("outreach:sent-elsewhere", args=[met.pk]),
        {"kind": "thank_you", "to_email": "dana@example.org", "subject": subject, "body": body},
    )

    assert response.status_code == 302
    met.refresh_from_db()
    assert met.stage == Stage.THANKED


def test_the_after_page_links_to_the_composer(alice_client, met) -> None:
    html = alice_client.get(reverse("prep:after", args=[met.pk])).content.decode()

    compose = reverse("outreach:compose", args=[met.pk])
    assert f'href="{compose}?kind=thank_you">Write it in the composer</a>' in html
