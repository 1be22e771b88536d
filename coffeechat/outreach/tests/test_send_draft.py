"""Sending a draft: the lint gate, overrides, the daily budget, and what it does to the thread."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from coffeechat.conversations.models import Activity, Reminder, Stage
from coffeechat.conversations.services import move_to_stage
from coffeechat.outreach import gate, queries, services
from coffeechat.outreach.models import Message, MessageKind
from coffeechat.outreach.tests.factories import (
    GOOD_BODY,
    make_conversation,
    make_draft,
    make_recipient,
    profile,
)

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=ZoneInfo("UTC"))  # Monday, 10:00 in New York
Status = Message.Status
NO_QUESTION = GOOD_BODY.replace("perspective?", "perspective.")
FOLLOW_UP_BODY = (
    "Hi Dana,\n\nI'm bringing my note back to the top of your inbox in case it "
    "got buried. Would you still have 20 minutes to share your perspective on "
    "analytics? No worries if now isn't a good time.\n\nThanks,\nAlice\n"
)


@pytest.fixture
def conversation(alice):
    profile(alice)
    return make_conversation(alice)


def open_reminders(conversation) -> list[str]:
    return list(
        conversation.reminders.filter(status=Reminder.Status.OPEN)
        .order_by("due_at")
        .values_list("kind", flat=True)
    )


def test_it_queues_a_clean_request_and_moves_the_conversation_to_contacted(conversation) -> None:
    message = make_draft(conversation)

    sent = services.send_draft(message=message, now=NOW)

    assert sent.status == Status.QUEUED
    assert sent.message_id and sent.queued_at == NOW
    assert sent.lint_overrides == []
    conversation.refresh_from_db()
    assert conversation.stage == Stage.CONTACTED
    assert open_reminders(conversation) == [Reminder.Kind.TRY_ANOTHER, Reminder.Kind.FOLLOW_UP]


def test_it_blocks_a_draft_with_lint_errors(conversation) -> None:
    message = make_draft(conversation, body=NO_QUESTION)

    with pytest.raises(gate.LintBlocked) as blocked:
        services.send_draft(message=message, now=NOW)

    assert blocked.value.blocking == {"RULE-E5"}
    message.refresh_from_db()
    conversation.refresh_from_db()
    assert (message.status, conversation.stage) == (Status.DRAFT, Stage.IDENTIFIED)


def test_overriding_one_error_is_not_overriding_another(conversation) -> None:
    message = make_draft(conversation, body=NO_QUESTION.replace("stood out", "has any openings"))

    with pytest.raises(gate.LintBlocked) as blocked:
        services.send_draft(message=message, overrides=["RULE-E5"], now=NOW)

    assert blocked.value.blocking == {"RULE-E3"}


def test_it_records_an_override_on_the_message_and_the_timeline(conversation) -> None:
    message = make_draft(conversation, body=NO_QUESTION)

    services.send_draft(message=message, overrides=["RULE-E5", "RULE-E9"], now=NOW)

    message.refresh_from_db()
    assert message.status == Status.QUEUED
    assert message.lint_overrides == ["RULE-E5"]  # only what was really overridden
    line = Activity.objects.get(action="outreach.lint_overridden")
    assert line.person == conversation.person
    assert line.summary == "First request by email sent despite RULE-E5"
    assert line.data == {"message_id": message.pk, "rules": ["RULE-E5"]}


def test_cold_outreach_needs_its_connection_override(alice) -> None:
    profile(alice)
    conversation = make_conversation(alice, person=make_recipient(alice, connection="cold"))
    message = make_draft(conversation)

    with pytest.raises(gate.LintBlocked) as blocked:
        services.send_draft(message=message, now=NOW)
    services.send_draft(message=message, overrides=["RULE-E4"], now=NOW)

    assert blocked.value.blocking == {"RULE-E4"}
    message.refresh_from_db()
    assert message.lint_overrides == ["RULE-E4"]


def test_over_the_daily_budget_it_asks_for_an_acknowledgement(alice) -> None:
    profile(alice)
    settings = services.queries.settings_for(alice)
    settings.daily_request_budget = 2
    settings.save()
    for name in ("Ann Lee", "Bo Chan"):
        conversation = make_conversation(alice, person=make_recipient(alice, full_name=name))
        services.send_draft(message=make_draft(conversation), now=NOW)
    third = make_draft(make_conversation(alice, person=make_recipient(alice, full_name="Cy Diaz")))

    with pytest.raises(gate.OverBudget) as over:
        services.send_draft(message=third, now=NOW)
    services.send_draft(message=third, acknowledge_budget=True, now=NOW)

    assert (over.value.sent_today, over.value.budget) == (2, 2)
    third.refresh_from_db()
    assert third.status == Status.QUEUED


def test_the_budget_counts_the_users_today_only(alice) -> None:
    profile(alice)
    settings = services.queries.settings_for(alice)
    settings.daily_request_budget = 1
    settings.save()
    yesterday = datetime(2026, 11, 22, 15, 0, tzinfo=ZoneInfo("UTC"))
    first = make_conversation(alice, person=make_recipient(alice, full_name="Ann Lee"))
    services.send_draft(message=make_draft(first), now=yesterday)
    second = make_draft(make_conversation(alice, person=make_recipient(alice, full_name="Bo Chan")))

    assert services.send_draft(message=second, now=NOW).status == Status.QUEUED


def test_the_follow_up_goes_in_the_same_thread_and_only_once(conversation) -> None:
    request = services.send_draft(message=make_draft(conversation), now=NOW)
    follow_up = make_draft(
        conversation,
        kind=MessageKind.FOLLOW_UP,
        subject="Re: " + request.subject,
        body=FOLLOW_UP_BODY,
    )

    services.send_draft(message=follow_up, now=NOW)
    second = make_draft(
        conversation, kind=MessageKind.FOLLOW_UP, subject="Re: again", body=FOLLOW_UP_BODY
    )
    with pytest.raises(ValidationError, match="You already followed up with Dana Okafor once"):
        services.send_draft(message=second, now=NOW)

    follow_up.refresh_from_db()
    conversation.refresh_from_db()
    assert follow_up.in_reply_to == request
    assert follow_up.status == Status.QUEUED
    assert conversation.follow_up_sent_at == NOW
    assert open_reminders(conversation) == [Reminder.Kind.CLOSE_NO_REPLY]
    second.refresh_from_db()
    assert second.status == Status.DRAFT


def test_a_refused_follow_up_queues_nothing(conversation) -> None:
    # The stage check and the queueing share one transaction: the race loser sends nothing.
    services.send_draft(message=make_draft(conversation), now=NOW)
    follow_up = make_draft(
        conversation, kind=MessageKind.FOLLOW_UP, subject="Re: x", body=FOLLOW_UP_BODY
    )
    conversation.follow_up_sent_at = None  # stale copy: another tab sent it meanwhile
    services.conversations.record_follow_up(conversation=conversation, now=NOW)
    conversation.follow_up_sent_at = None

    with pytest.raises(ValidationError):
        services.send_draft(message=follow_up, now=NOW)

    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.message_id) == (Status.DRAFT, None)


def test_a_second_request_in_the_same_thread_is_refused(conversation) -> None:
    services.send_draft(message=make_draft(conversation), now=NOW)

    with pytest.raises(ValidationError, match="You already asked Dana Okafor"):
        services.send_draft(message=make_draft(conversation), now=NOW)


def test_it_refuses_a_draft_with_placeholders_left(conversation) -> None:
    message = make_draft(conversation, body=GOOD_BODY.replace("Northwind", "{organization}"))

    with pytest.raises(ValidationError, match=r"Fill in \{organization\} first"):
        services.send_draft(message=message, now=NOW)


def test_linkedin_messages_are_never_sent_by_email(conversation) -> None:
    message = make_draft(
        conversation,
        kind=MessageKind.LINKEDIN_NOTE,
        subject="",
        body="Hi Dana, I'm a fellow State University alum. Glad to connect.",
    )

    with pytest.raises(ValidationError, match="sent on LinkedIn"):
        services.send_draft(message=message, now=NOW)


def test_marking_sent_elsewhere_moves_the_stage_from_the_day_it_was_sent(conversation) -> None:
    message = make_draft(conversation)

    services.mark_sent_elsewhere(message=message, on=date(2026, 11, 2), now=NOW)

    message.refresh_from_db()
    conversation.refresh_from_db()
    assert message.status == Status.SENT_ELSEWHERE
    assert message.message_id is None
    assert conversation.stage == Stage.CONTACTED
    try_another = conversation.reminders.get(kind=Reminder.Kind.TRY_ANOTHER)
    # Monday 2 Nov + 3 business days = Thursday 5 Nov, 09:00 in New York.
    assert try_another.due_at == datetime(2026, 11, 5, 14, 0, tzinfo=ZoneInfo("UTC"))
    assert Activity.objects.filter(action="outreach.sent_elsewhere").count() == 1


def test_marking_sent_elsewhere_records_lint_errors_as_warnings_never_a_block(conversation) -> None:
    message = make_draft(conversation, body=NO_QUESTION)

    services.mark_sent_elsewhere(message=message, now=NOW)

    message.refresh_from_db()
    conversation.refresh_from_db()
    assert message.status == Status.SENT_ELSEWHERE
    assert conversation.stage == Stage.CONTACTED
    assert message.lint_overrides == ["RULE-E5"]  # "sent despite RULE-E5" in its history
    noted = Activity.objects.get(action="outreach.lint_noted")
    assert "RULE-E5 (Ask for their advice as a question" in noted.summary
    assert {f["severity"] for f in noted.data["findings"]} == {"warning"}


def test_marking_sent_elsewhere_records_even_over_budget_or_with_a_field_left(
    alice, conversation
) -> None:
    settings = queries.settings_for(alice)
    settings.daily_request_budget = 0
    settings.save()
    message = make_draft(conversation, body=GOOD_BODY.replace("Northwind", "{organization}"))

    services.mark_sent_elsewhere(message=message, now=NOW)

    message.refresh_from_db()
    assert message.status == Status.SENT_ELSEWHERE
    assert "RULE-D1" in Activity.objects.get(action="outreach.lint_noted").summary


def test_a_clean_message_sent_elsewhere_notes_nothing(conversation) -> None:
    services.mark_sent_elsewhere(message=make_draft(conversation), now=NOW)

    assert not Activity.objects.filter(action="outreach.lint_noted").exists()


def test_a_linkedin_note_marked_sent_leaves_the_stage_alone(conversation) -> None:
    message = make_draft(
        conversation,
        kind=MessageKind.LINKEDIN_NOTE,
        subject="",
        body="Hi Dana, I'm a fellow State University alum exploring "
        "analytics. I'd be glad to connect.",
    )

    services.mark_sent_elsewhere(message=message, now=NOW)

    conversation.refresh_from_db()
    assert conversation.stage == Stage.IDENTIFIED


def test_the_accept_reply_answers_the_reply_reminder(conversation) -> None:
    request = services.send_draft(message=make_draft(conversation), now=NOW)
    move_to_stage(conversation=conversation, stage=Stage.REPLIED, now=NOW)
    accept = make_draft(
        conversation,
        kind=MessageKind.ACCEPT,
        subject="Re: x",
        body="Hi Dana,\n\nThank you! Would Tue 24 Nov, 10:00 or Wed 25 Nov, 14:00 "
        "work?\n\nBest,\nAlice\n",
    )

    services.send_draft(message=accept, now=NOW)

    accept.refresh_from_db()
    assert accept.in_reply_to == request
    assert conversation.reminders.get(kind=Reminder.Kind.REPLY).status == Reminder.Status.DONE


def test_save_draft_keeps_one_draft_per_kind(conversation) -> None:
    first = make_draft(conversation, body="one")
    again = make_draft(conversation, body="two")
    note = make_draft(conversation, kind=MessageKind.LINKEDIN_NOTE, body="three")

    assert first.pk == again.pk != note.pk
    assert Message.objects.get(pk=first.pk).body == "two"


def test_composing_to_a_person_reuses_their_unasked_conversation(alice, conversation) -> None:
    person = conversation.person

    same = services.conversation_to_compose(owner=alice, person=person)
    services.send_draft(message=make_draft(conversation), now=NOW)
    new = services.conversation_to_compose(owner=alice, person=person)

    assert same == conversation
    assert new != conversation and new.stage == Stage.IDENTIFIED


def test_it_refuses_to_send_when_the_server_can_only_print_mail(conversation, settings) -> None:
    # Without EMAIL_HOST the default mailer is the console: "sent" mail would never arrive.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    message = make_draft(conversation)

    with pytest.raises(ValidationError, match="no mail server"):
        services.send_draft(message=message, now=NOW)

    message.refresh_from_db()
    conversation.refresh_from_db()
    assert message.status == Status.DRAFT
    assert conversation.stage == Stage.IDENTIFIED


def test_the_composer_offers_the_mail_app_instead_of_send_without_a_mail_server(
    alice_client, conversation, settings
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

    page = alice_client.get(f"/conversations/{conversation.pk}/compose/").content.decode()

    assert ">Send</button>" not in page
    assert "no mail server set up" in page
