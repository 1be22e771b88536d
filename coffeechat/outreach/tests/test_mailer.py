"""Connections to the user's own mail servers, and the sentences their failures become."""

from __future__ import annotations

import pytest
from django.core.mail.backends.smtp import EmailBackend

from coffeechat.lib import crypto
from coffeechat.outreach import mailer
from coffeechat.outreach.models import OutreachSettings
from coffeechat.outreach.tests.sending import (
    closed_port,
    imap_refusing_logins,
    silent_server,
    smtp_with_auth,
)

NONE = OutreachSettings.Security.NONE
SSL = OutreachSettings.Security.SSL
STARTTLS = OutreachSettings.Security.STARTTLS


def smtp_settings(
    alice,
    port: int,
    security: str = NONE,
    host: str = "127.0.0.1",
    username: str = "",
    password: str = "",
) -> OutreachSettings:
    return OutreachSettings(
        owner=alice,
        smtp_enabled=True,
        smtp_host=host,
        smtp_port=port,
        smtp_security=security,
        smtp_username=username,
        smtp_password=crypto.encrypt(password),
    )


def imap_settings(
    alice, port: int, security: str = NONE, host: str = "127.0.0.1", password: str = "secret"
) -> OutreachSettings:
    return OutreachSettings(
        owner=alice,
        imap_enabled=True,
        imap_host=host,
        imap_port=port,
        imap_security=security,
        imap_username="alice",
        imap_password=crypto.encrypt(password),
    )


# The connection -------------------------------------------------------------------------------


def test_it_uses_the_default_mailer_unless_the_user_turned_their_smtp_on(alice) -> None:
    off = OutreachSettings(owner=alice, smtp_enabled=False, smtp_host="mail.example.org")

    assert mailer.connection_for(None).alias == "default"
    assert mailer.connection_for(off).alias == "default"


def test_it_builds_the_users_smtp_connection_without_deprecation_warnings(alice) -> None:
    # pytest turns warnings into errors: building it is the assertion that none is raised.
    connection = mailer.connection_for(
        smtp_settings(alice, 465, SSL, host=" smtp.example.org ", username="alice", password="pw")
    )

    assert isinstance(connection, EmailBackend)
    assert (connection.host, connection.port) == ("smtp.example.org", 465)
    assert (connection.use_ssl, connection.use_tls) == (True, False)
    assert (connection.username, connection.password) == ("alice", "pw")
    assert connection.timeout == mailer.SMTP_TIMEOUT


def test_it_maps_starttls_to_use_tls(alice) -> None:
    connection = mailer.connection_for(smtp_settings(alice, 587, STARTTLS))

    assert (connection.use_ssl, connection.use_tls) == (False, True)


# Test SMTP --------------------------------------------------------------------------------------


def test_it_reports_a_working_smtp_server(alice, smtp_server) -> None:
    port = smtp_server_port()

    ok, message = mailer.test_smtp(smtp_settings(alice, port))

    assert ok
    assert message == f"Connected to 127.0.0.1:{port} without encryption (security: None)."


def smtp_server_port() -> int:
    from django.conf import settings

    return settings.MAILERS["default"]["OPTIONS"]["port"]


def test_it_signs_in_to_an_smtp_server_that_wants_a_password(alice) -> None:
    with smtp_with_auth("alice", "right") as (_sink, port):
        good = mailer.test_smtp(smtp_settings(alice, port, username="alice", password="right"))
        bad = mailer.test_smtp(smtp_settings(alice, port, username="alice", password="wrong"))

    assert good == (
        True,
        f"Connected to 127.0.0.1:{port} without encryption (security: None)"
        " and signed in. Your password crossed the network unencrypted: "
        "choose STARTTLS or SSL/TLS if the server offers it.",
    )
    assert bad == (False, f"127.0.0.1:{port} refused the username or password.")


def test_it_says_when_the_smtp_host_does_not_exist(alice) -> None:
    ok, message = mailer.test_smtp(smtp_settings(alice, 587, host="no-such-host.invalid"))

    assert not ok
    assert message == "Can't find the server no-such-host.invalid: check the host name."


def test_it_says_when_the_smtp_port_is_closed(alice) -> None:
    port = closed_port()

    ok, message = mailer.test_smtp(smtp_settings(alice, port))

    assert not ok
    assert message.startswith(f"Couldn't connect to 127.0.0.1:{port}: check the host and port")


def test_it_says_when_the_smtp_server_does_not_answer(alice, monkeypatch) -> None:
    monkeypatch.setattr(mailer, "TEST_TIMEOUT", 0.3)
    with silent_server() as port:
        ok, message = mailer.test_smtp(smtp_settings(alice, port))

    assert not ok
    assert message.startswith(f"Couldn't connect to 127.0.0.1:{port}: check the host and port")


def test_it_says_when_ssl_is_spoken_to_a_plain_server(alice, smtp_server) -> None:
    port = smtp_server_port()

    ok, message = mailer.test_smtp(smtp_settings(alice, port, SSL))

    assert not ok
    assert message.startswith(f"A secure connection to 127.0.0.1:{port} failed: try the other")


def test_it_says_when_the_server_offers_no_starttls(alice, smtp_server) -> None:
    port = smtp_server_port()

    ok, message = mailer.test_smtp(smtp_settings(alice, port, STARTTLS))

    assert not ok
    assert message == (f"127.0.0.1:{port} doesn't offer STARTTLS: choose SSL/TLS or another port.")


def test_security_none_against_a_server_that_signs_in_only_over_tls_says_what_was_tried(
    alice,
) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from coffeechat.lib.testing.servers import SmtpSink, free_port

    port = free_port()
    # Like most providers: AUTH is offered only after STARTTLS (aiosmtpd's default).
    controller = Controller(
        SmtpSink(),
        hostname="127.0.0.1",
        port=port,
        authenticator=lambda *args: AuthResult(success=True),
    )
    controller.start()
    try:
        ok, message = mailer.test_smtp(
            smtp_settings(alice, port, username="alice", password="right")
        )
    finally:
        controller.stop()

    assert not ok
    assert "STARTTLS" not in message.split(":")[0]
    assert message == (
        f"127.0.0.1:{port} doesn't offer sign-in on an unencrypted connection "
        "(security: None was tried): choose STARTTLS (usually port 587) or "
        "SSL/TLS (port 465)."
    )


def test_it_asks_for_a_host_before_testing_smtp(alice) -> None:
    assert mailer.test_smtp(smtp_settings(alice, 587, host=" ")) == (
        False,
        "Enter your SMTP server's host name first.",
    )


def test_it_says_when_the_saved_password_is_unreadable(alice) -> None:
    settings = smtp_settings(alice, 587)
    settings.smtp_password = "not-a-fernet-token"

    ok, message = mailer.test_smtp(settings)

    assert not ok
    assert message == "The stored secret can't be read; please enter it again."


# Test IMAP --------------------------------------------------------------------------------------


def test_it_says_when_the_imap_port_is_closed(alice) -> None:
    port = closed_port()

    ok, message = mailer.test_imap(imap_settings(alice, port, SSL))

    assert not ok
    assert message.startswith(f"Couldn't connect to 127.0.0.1:{port}")


def test_it_says_when_the_imap_password_is_wrong(alice) -> None:
    with imap_refusing_logins() as port:
        ok, message = mailer.test_imap(imap_settings(alice, port, password="wrong"))

    assert not ok
    assert message == f"127.0.0.1:{port} refused the username or password."


def test_it_says_when_the_imap_server_has_no_starttls(alice) -> None:
    with imap_refusing_logins() as port:
        ok, message = mailer.test_imap(imap_settings(alice, port, STARTTLS))

    assert not ok
    assert "STARTTLS" in message


def test_it_says_when_the_imap_host_does_not_exist(alice) -> None:
    ok, message = mailer.test_imap(imap_settings(alice, 993, SSL, host="no-such-host.invalid"))

    assert (ok, message) == (
        False,
        "Can't find the server no-such-host.invalid: check the host name.",
    )


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("imap_host", "Enter your IMAP server's host name first."),
        ("imap_username", "Enter your IMAP username first."),
    ],
)
def test_it_asks_for_what_imap_needs_before_testing(alice, field: str, expected: str) -> None:
    settings = imap_settings(alice, 993)
    setattr(settings, field, "")

    assert mailer.test_imap(settings) == (False, expected)
