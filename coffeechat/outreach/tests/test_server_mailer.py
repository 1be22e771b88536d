"""Sending through the server's own mailer (no SMTP server of one's own): confirmed accounts
only, hard caps no "send anyway" passes, names that read as a person, and an off switch."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse

from coffeechat.lib.testing.people import make_user
from coffeechat.outreach import delivery, mailer, queries, services
from coffeechat.outreach.models import Message
from coffeechat.outreach.tests.factories import (
    GOOD_BODY,
    GOOD_SUBJECT,
    make_conversation,
    make_draft,
    make_recipient,
    profile,
)
from coffeechat.outreach.tests.sending import smtp_with_auth

Status = Message.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def draft_for(user, n: int = 0) -> Message:
    person = make_recipient(user, full_name=f"Dana Okafor {n}", email=f"dana{n}@example.com")
    return make_draft(make_conversation(user, person=person), to_email=person.email)


def send(message: Message, capture) -> Message:
    with capture(execute=True):
        return services.send_draft(message=message, acknowledge_budget=True)


def test_an_unconfirmed_account_cannot_send_through_the_servers_mailer(
    smtp_server, django_capture_on_commit_callbacks
) -> None:
    stranger = profile(make_user())  # signed up, never confirmed the address
    message = draft_for(stranger)

    with pytest.raises(ValidationError, match="Confirm your email address"):
        send(message, django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert message.status == Status.DRAFT
    assert smtp_server.messages == []


def test_an_unconfirmed_account_still_sends_through_its_own_smtp(
    django_capture_on_commit_callbacks,
) -> None:
    stranger = profile(make_user())
    with smtp_with_auth("me", "pw") as (sink, port):
        from coffeechat.lib import crypto

        s = queries.settings_for(stranger)
        s.smtp_enabled, s.smtp_host, s.smtp_port, s.smtp_security = True, "127.0.0.1", port, "none"
        s.smtp_username, s.smtp_password = "me", crypto.encrypt("pw")
        s.save()
        send(draft_for(stranger), django_capture_on_commit_callbacks)

    assert len(sink.messages) == 1


def test_the_per_account_cap_holds_whatever_is_ticked(
    alice, smtp_server, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SERVER_MAIL_DAILY_PER_ACCOUNT = 2
    profile(alice)
    for n in range(2):
        send(draft_for(alice, n), django_capture_on_commit_callbacks)
    third = draft_for(alice, 2)

    with (
        pytest.raises(ValidationError, match="sent 2 emails through this server in the last"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.send_draft(
            message=third, acknowledge_budget=True, overrides=["RULE-E5", "RULE-E3"]
        )

    third.refresh_from_db()
    assert third.status == Status.DRAFT
    assert len(smtp_server.messages) == 2
    assert third.conversation.stage == "identified"


def test_the_global_cap_holds_for_everyone(
    alice, smtp_server, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SERVER_MAIL_DAILY_TOTAL = 1
    profile(alice)
    send(draft_for(alice), django_capture_on_commit_callbacks)
    other = profile(make_user())
    EmailAddress.objects.create(user=other, email=other.email, verified=True)

    with pytest.raises(ValidationError, match="sent all the email it sends in a day"):
        send(draft_for(other), django_capture_on_commit_callbacks)

    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    "name",
    [
        "IT Helpdesk",
        "IT Service Desk",
        "Support",
        "Help Desk",
        "noreply",
        "No-Reply",
        "Postmaster",
        "Security Team",
        "coffeechat",
        "Coffeechat Team",
        "System Administrator",
        "Alice <it@university.edu>",
        "dean@university.edu",
        "Admin",
    ],
)
def test_names_that_read_as_the_server_or_an_address_are_refused(alice, name: str) -> None:
    assert mailer.sender_name_problem(name)


@pytest.mark.parametrize(
    "name",
    [
        "Alice Martin",
        "Itzel Ruiz",
        "Ita Brown",
        "Dana It",
        "Britt Adminson",
        "Siobhán Ó Súilleabháin",
        "María-José Supportes",
        "Kit Security-Smith",
        "",
    ],
)
def test_ordinary_names_pass(name: str) -> None:
    assert mailer.sender_name_problem(name) is None


def test_a_role_name_is_refused_with_the_reason_on_the_composer(
    alice, alice_client, smtp_server
) -> None:
    profile(alice, display_name="IT Helpdesk")
    conversation = make_conversation(alice)

    response = alice_client.post(
        reverse("outreach:send", args=[conversation.pk]),
        {
            "kind": "request",
            "to_email": "dana@northwind.example",
            "subject": GOOD_SUBJECT,
            "body": GOOD_BODY,
            "acknowledge_budget": "on",
        },
    )

    assert response.status_code == 400
    assert "reads like a service or a team rather than a person" in response.content.decode()
    assert smtp_server.messages == []


def test_replies_go_to_the_confirmed_address_not_a_send_as_address(
    alice, smtp_server, django_capture_on_commit_callbacks
) -> None:
    profile(alice)
    s = queries.settings_for(alice)
    s.from_email = "it-helpdesk@university.edu"
    s.save()

    send(draft_for(alice), django_capture_on_commit_callbacks)

    (received,) = smtp_server.messages
    assert [a.addr_spec for a in received["Reply-To"].addresses] == ["alice@example.org"]
    assert "university.edu" not in received.as_string()


def test_operators_can_turn_the_servers_mailer_off_for_people(
    alice, alice_client, smtp_server, settings, django_capture_on_commit_callbacks
) -> None:
    profile(alice)
    settings.SERVER_MAIL_FOR_USERS = False
    message = draft_for(alice)

    html = alice_client.get(
        reverse("outreach:compose", args=[message.conversation.pk])
    ).content.decode()
    with pytest.raises(ValidationError, match="doesn't send people's own email"):
        send(message, django_capture_on_commit_callbacks)

    assert 'formaction="' + reverse("outreach:send", args=[message.conversation.pk]) not in html
    assert smtp_server.messages == []


def test_a_message_queued_before_the_switch_is_not_sent_after_it(
    alice, smtp_server, settings, django_capture_on_commit_callbacks
) -> None:
    profile(alice)
    message = draft_for(alice)
    with django_capture_on_commit_callbacks(execute=False):
        services.send_draft(message=message, acknowledge_budget=True)
    settings.SERVER_MAIL_FOR_USERS = False

    delivery.deliver_message(message.pk)

    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert "doesn't send people's own email" in message.last_error
    assert smtp_server.messages == []


def test_invitations_count_in_the_caps_with_messages(
    alice, smtp_server, settings, django_capture_on_commit_callbacks
) -> None:
    from django.utils import timezone

    from coffeechat.lib.testing.people import make_scheduled
    from coffeechat.scheduling import invites

    settings.SERVER_MAIL_DAILY_PER_ACCOUNT = 2
    profile(alice)
    now = timezone.now()
    meeting = make_scheduled(alice, now=now).meetings.get()
    send(draft_for(alice, 0), django_capture_on_commit_callbacks)
    invites.send(meeting, kind=invites.Kind.INVITE, now=now)  # the second email of the day

    with pytest.raises(invites.NotSent, match="sent 2 emails through this server"):
        invites.send(meeting, kind=invites.Kind.UPDATE, now=now)
    with pytest.raises(ValidationError, match="sent 2 emails through this server"):
        send(draft_for(alice, 1), django_capture_on_commit_callbacks)

    assert len(smtp_server.messages) == 2
