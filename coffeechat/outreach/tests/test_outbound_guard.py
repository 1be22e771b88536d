"""The outbound guard (lib/netguard.py) on every path that reaches a host a user typed: the
SMTP and IMAP test buttons, delivery through the user's SMTP, the scheduler's inbox polls and
the AI endpoint. Real servers on loopback stand in for an internal service; with private hosts
refused (a shared deployment), none of them may even be connected to, and with them allowed
(a single-user install), no server's own words are read back to the user."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.urls import reverse
from django.utils import timezone

from coffeechat.lib import crypto
from coffeechat.outreach import ai, delivery, inbox, mailer, queries
from coffeechat.outreach.models import Message, OutreachSettings
from coffeechat.outreach.tests.factories import GOOD_BODY
from coffeechat.outreach.tests.sending import closed_port, make_message

TOKEN = "internal-token-7f3a9c"
Security = OutreachSettings.Security


class Listener:
    """A loopback TCP service that greets every connection with `greeting` (an internal
    service's banner, carrying a token) and counts the connections it accepted."""

    def __init__(self, greeting: bytes) -> None:
        self.greeting = greeting
        self.accepted = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            with conn:
                try:
                    conn.sendall(self.greeting)
                    conn.recv(1024)
                except OSError:
                    pass


@contextmanager
def listening(greeting: bytes) -> Iterator[Listener]:
    listener = Listener(greeting)
    try:
        yield listener
    finally:
        listener.sock.close()


HTTP_BANNER = (
    b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n"
    b'{"token": "' + TOKEN.encode() + b'"}\r\n'
)


@pytest.fixture
def shared(settings) -> None:
    settings.ALLOW_PRIVATE_HOSTS = False


def own_smtp(
    user, *, host: str = "127.0.0.1", port: int, security: str = Security.NONE
) -> OutreachSettings:
    s = queries.settings_for(user)
    s.smtp_enabled, s.smtp_host, s.smtp_port, s.smtp_security = True, host, port, security
    s.save()
    return s


def own_imap(
    user, *, host: str = "127.0.0.1", port: int, security: str = Security.NONE
) -> OutreachSettings:
    s = queries.settings_for(user)
    s.imap_enabled, s.imap_host, s.imap_port, s.imap_security = True, host, port, security
    s.imap_username, s.imap_password = "alice", crypto.encrypt("pw")
    s.save()
    return s


# A shared deployment: private hosts refused before any connection -----------------------------


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "10.1.2.3",
        "169.254.169.254",
        "[::1]",
        "::ffff:127.0.0.1",
        "0.0.0.0",
    ],
)
def test_the_smtp_test_refuses_private_and_local_hosts_on_a_shared_server(
    alice, shared, host: str
) -> None:
    ok, message = mailer.test_smtp(own_smtp(alice, host=host.strip("[]"), port=587))

    assert not ok
    assert "private or local address" in message


def test_the_smtp_test_refuses_ports_that_are_not_mail_ports(alice, shared) -> None:
    ok, message = mailer.test_smtp(own_smtp(alice, host="mail.example.com", port=6379))

    assert not ok
    assert message == (
        "SMTP connections from this server go only to port 25, 465, 587, 2525: "
        "6379 isn't one of them."
    )


def test_the_test_button_connects_to_nothing_on_a_shared_server(
    alice, alice_client, shared
) -> None:
    with listening(HTTP_BANNER) as internal:
        response = alice_client.post(
            reverse("outreach:test-smtp"),
            {
                "smtp_host": "127.0.0.1",
                "smtp_port": str(internal.port),
                "smtp_security": "none",
                "imap_port": "993",
                "imap_security": "ssl",
                "imap_folder": "INBOX",
                "linkedin_note_limit": "200",
                "daily_request_budget": "5",
            },
        )

    assert "go only to port 25, 465, 587, 2525" in response.content.decode()
    assert internal.accepted == 0
    assert TOKEN not in response.content.decode()


def test_delivery_through_the_users_smtp_refuses_a_private_host(
    alice, shared, django_capture_on_commit_callbacks, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    own_smtp(alice, port=587)
    message = make_message(alice)

    with django_capture_on_commit_callbacks(execute=True):
        delivery.queue_message(message=message)

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "private or local address" in message.last_error


def test_the_schedulers_inbox_poll_refuses_a_private_host(alice, shared) -> None:
    with listening(b"* OK [CAPABILITY IMAP4rev1] " + TOKEN.encode() + b"\r\n") as internal:
        s = own_imap(alice, port=internal.port)
        inbox.poll_mailbox(s, now=timezone.now())

    s.refresh_from_db()
    assert "IMAP connections from this server go only to port 143, 993" in s.imap_last_error
    assert internal.accepted == 0
    s.imap_port = 993
    s.save()
    inbox.poll_mailbox(s, now=timezone.now())
    s.refresh_from_db()
    assert "private or local address" in s.imap_last_error


def test_the_ai_endpoint_must_be_public_and_https(alice, shared) -> None:
    s = queries.settings_for(alice)
    s.ai_enabled, s.ai_model = True, "m"
    for url, expected in [
        ("http://api.example.com/v1", "must be an https:// address"),
        ("https://127.0.0.1/v1", "private or local address"),
        ("https://localhost/v1", "private or local address"),
        ("https://api.example.com:8080/v1", "go only to port 443"),
    ]:
        s.ai_base_url = url
        result = ai.rewrite(outreach_settings=s, kind="request", body=GOOD_BODY, timeout=2)
        assert not result.ok and expected in result.message, url


# A single-user install (private hosts allowed): still no server text read back ---------------


def test_an_internal_services_banner_is_never_shown(alice) -> None:
    with listening(HTTP_BANNER) as internal:
        ok, message = mailer.test_smtp(own_smtp(alice, port=internal.port))

    assert not ok and internal.accepted == 1
    assert TOKEN not in message
    assert message.startswith(f"Couldn't connect to 127.0.0.1:{internal.port}")


def test_an_internal_services_imap_style_banner_is_never_shown(alice) -> None:
    with listening(b"* BYE " + TOKEN.encode() + b"\r\n") as internal:
        ok, message = mailer.test_imap(own_imap(alice, port=internal.port))

    assert not ok and internal.accepted == 1
    assert TOKEN not in message


def test_closed_open_and_silent_ports_read_the_same(alice, monkeypatch) -> None:
    monkeypatch.setattr(mailer, "TEST_TIMEOUT", 0.5)
    answers = []
    with listening(HTTP_BANNER) as open_port, socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        for port in (closed_port(), open_port.port, silent.getsockname()[1]):
            _, message = mailer.test_smtp(own_smtp(alice, port=port))
            answers.append(message.replace(str(port), "PORT"))

    assert len(set(answers)) == 1, answers


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/v1#/admin/delete",
        "http://127.0.0.1:{port}/v1?next=/admin",
        "http://attacker@127.0.0.1:{port}/v1",
        "http://127.0.0.1:{port}/v1/../admin",
        "http://127.0.0.1:{port}/v1/%2e%2e/admin",
    ],
)
def test_the_user_cannot_choose_the_path_the_ai_request_posts_to(alice, url: str) -> None:
    with listening(HTTP_BANNER) as server:
        s = queries.settings_for(alice)
        s.ai_enabled, s.ai_model, s.ai_base_url = True, "m", url.format(port=server.port)
        result = ai.rewrite(outreach_settings=s, kind="request", body=GOOD_BODY, timeout=2)

    assert not result.ok
    assert "plain address" in result.message
    assert server.accepted == 0


def test_an_ai_endpoints_error_text_is_never_shown(alice) -> None:
    with listening(HTTP_BANNER) as server:
        s = queries.settings_for(alice)
        s.ai_enabled, s.ai_model = True, "m"
        s.ai_base_url = f"http://127.0.0.1:{server.port}/v1"
        result = ai.rewrite(outreach_settings=s, kind="request", body=GOOD_BODY, timeout=2)

    assert not result.ok and server.accepted == 1
    assert result.message.startswith("The AI endpoint answered with an error (400).")
    assert TOKEN not in result.message
