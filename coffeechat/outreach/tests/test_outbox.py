"""Honest delivery: a message that didn't leave shows on Today and on its conversation, with
its state and the mail server's answer in words, a link to fix the settings and a retry."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from coffeechat.lib import crypto
from coffeechat.outreach import delivery, queries
from coffeechat.outreach.models import Message
from coffeechat.outreach.tests.sending import make_message, smtp_with_auth

Status = Message.Status


@pytest.fixture(autouse=True)
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def own_smtp(alice, port: int, *, password: str, security: str = "none") -> None:
    s = queries.settings_for(alice)
    s.smtp_enabled, s.smtp_host, s.smtp_port = True, "127.0.0.1", port
    s.smtp_security, s.smtp_username = security, "alice"
    s.smtp_password = crypto.encrypt(password)
    s.save()


def queue(message: Message, capture) -> Message:
    with capture(execute=True):
        delivery.queue_message(message=message)
    message.refresh_from_db()
    return message


def pages(client, message: Message) -> tuple[str, str]:
    today = unescape(client.get(reverse("conversations:today")).content.decode())
    conversation = unescape(client.get(message.conversation.get_absolute_url()).content.decode())
    return today, conversation


def test_a_message_refused_for_a_wrong_password_shows_on_today_and_its_conversation(
    alice, alice_client, django_capture_on_commit_callbacks
) -> None:
    with smtp_with_auth("alice", "right") as (_sink, port):
        own_smtp(alice, port, password="wrong")
        message = queue(
            make_message(alice, subject="About compilers"), django_capture_on_commit_callbacks
        )

    today, conversation = pages(alice_client, message)

    assert message.status == Status.FAILED
    reason = f"127.0.0.1:{port} refused the username or password."
    for page in (today, conversation):
        assert "Not sent" in page and reason in page
        assert "coffeechat stopped trying." in page
        assert "Fix mail settings" in page and "Try again now" in page
    assert "Grace Hopper</a>: First request by email “About compilers”" in today


def test_a_tls_mismatch_keeps_retrying_and_says_so_with_the_next_try(
    alice, alice_client, smtp_server, django_capture_on_commit_callbacks
) -> None:
    from django.conf import settings

    port = settings.MAILERS["default"]["OPTIONS"]["port"]  # a plain server: no STARTTLS
    own_smtp(alice, port, password="x", security="starttls")
    message = queue(make_message(alice), django_capture_on_commit_callbacks)

    today, conversation = pages(alice_client, message)

    assert (message.status, message.attempts) == (Status.QUEUED, 1)
    assert f"127.0.0.1:{port} doesn't offer STARTTLS" in today
    assert "Not sent yet" in conversation and "coffeechat tries again at" in conversation


def test_try_again_after_fixing_the_password_sends_it_once(
    alice, alice_client, django_capture_on_commit_callbacks
) -> None:
    with smtp_with_auth("alice", "right") as (sink, port):
        own_smtp(alice, port, password="wrong")
        message = queue(make_message(alice), django_capture_on_commit_callbacks)
        own_smtp(alice, port, password="right")

        with django_capture_on_commit_callbacks(execute=True):
            response = alice_client.post(
                reverse("outreach:retry", args=[message.pk]),
                {"next": reverse("conversations:today")},
            )

    message.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert message.status == Status.SENT and len(sink.messages) == 1
    today, _ = pages(alice_client, message)
    assert "Not sent" not in today


def test_a_message_being_sent_or_sent_is_never_retried(
    alice, alice_client, smtp_server, django_capture_on_commit_callbacks
) -> None:
    message = queue(make_message(alice), django_capture_on_commit_callbacks)
    assert message.status == Status.SENT

    response = alice_client.post(reverse("outreach:retry", args=[message.pk]), follow=True)

    assert "being sent right now, or was sent already" in unescape(response.content.decode())
    assert len(smtp_server.messages) == 1


def test_mallory_cannot_retry_alices_message(alice, mallory_client) -> None:
    message = make_message(alice)

    response = mallory_client.post(reverse("outreach:retry", args=[message.pk]))

    assert response.status_code == 404
