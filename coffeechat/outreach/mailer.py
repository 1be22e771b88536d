"""Connections to a user's own mail servers, and plain-language answers when they fail.

Outreach mail goes through the user's own SMTP server when they turned it on (so it leaves
from their address and lands in their Sent folder), otherwise through the server's default
mailer. `test_smtp` and `test_imap` check settings before the user relies on them.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import smtplib
import socket
import ssl
from email.utils import parseaddr
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend
from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import (
    MailboxFolderSelectError,
    MailboxLoginError,
    MailboxStarttlsError,
)
from imap_tools.mailbox import BaseMailBox
from imap_tools.utils import check_command_status

from coffeechat.accounts.models import User
from coffeechat.lib import crypto, netguard
from coffeechat.outreach.models import OutreachSettings

Security = OutreachSettings.Security
SMTP_TIMEOUT = 30  # seconds; well inside delivery's lease, so a slow server can't outlive it
TEST_TIMEOUT = 10  # seconds; the settings page waits for the answer


def connection_for(outreach_settings: OutreachSettings | None) -> BaseEmailBackend:
    """An SMTP connection (not yet opened) for the user's own server, or the default mailer."""
    if outreach_settings is None or not outreach_settings.smtp_enabled:
        return mailers.default
    return smtp_backend(outreach_settings)


def can_send(outreach_settings: OutreachSettings | None) -> bool:
    """Whether "Send" would really deliver: the user's own SMTP, or a server mailer that does.

    Without EMAIL_HOST the server's mailer only prints to its console, so a message "sent"
    that way would never arrive: the composer offers the user's own mail app instead.
    """
    if outreach_settings is not None and outreach_settings.smtp_enabled:
        return True
    if not settings.SERVER_MAIL_FOR_USERS:
        return False
    backend = settings.MAILERS.get("default", {}).get("BACKEND", "")
    return not backend.endswith((".console.EmailBackend", ".dummy.EmailBackend"))


# The user's servers are reached through the outbound guard (lib/netguard.py): public
# addresses and mail ports only, connecting to the address it checked. TLS still verifies
# the certificate against the host name the user typed.


class _GuardedSMTP(smtplib.SMTP):
    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return netguard.connect(
            host, port, timeout=timeout, ports=netguard.SMTP_PORTS, service="SMTP"
        )


class _GuardedSMTPSSL(smtplib.SMTP_SSL, _GuardedSMTP):
    """SMTP_SSL wraps the socket that _GuardedSMTP (next in the method order) opened."""


class GuardedEmailBackend(EmailBackend):
    """Django's SMTP backend, connecting only where the guard allows."""

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return _GuardedSMTPSSL if self.use_ssl else _GuardedSMTP


class _GuardedIMAP4(imaplib.IMAP4):
    def _create_socket(self, timeout: float | None) -> socket.socket:
        return netguard.connect(
            self.host, self.port, timeout=timeout, ports=netguard.IMAP_PORTS, service="IMAP"
        )


class _GuardedIMAP4SSL(imaplib.IMAP4_SSL):
    def _create_socket(self, timeout: float | None) -> socket.socket:
        sock = netguard.connect(
            self.host, self.port, timeout=timeout, ports=netguard.IMAP_PORTS, service="IMAP"
        )
        return self.ssl_context.wrap_socket(sock, server_hostname=self.host)


class _MailBox(MailBox):
    def _get_mailbox_client(self) -> imaplib.IMAP4:
        return _GuardedIMAP4SSL(
            self._host, self._port, ssl_context=self._ssl_context, timeout=self._timeout
        )


class _MailBoxStartTls(MailBoxStartTls):
    def _get_mailbox_client(self) -> imaplib.IMAP4:
        client = _GuardedIMAP4(self._host, self._port, timeout=self._timeout)
        check_command_status(client.starttls(self._ssl_context), MailboxStarttlsError)
        return client


class _MailBoxUnencrypted(MailBoxUnencrypted):
    def _get_mailbox_client(self) -> imaplib.IMAP4:
        return _GuardedIMAP4(self._host, self._port, timeout=self._timeout)


# The server's own mailer, for people without an SMTP server of their own ---------------------

# Words that make a sender's name read as the server or an institution speaking, not a person.
ROLE_WORDS = frozenset(
    {
        "admin",
        "administrator",
        "administration",
        "support",
        "helpdesk",
        "help desk",
        "service desk",
        "servicedesk",
        "it department",
        "it support",
        "it service",
        "it services",
        "noreply",
        "no-reply",
        "no reply",
        "donotreply",
        "do-not-reply",
        "postmaster",
        "webmaster",
        "hostmaster",
        "mailer-daemon",
        "abuse",
        "security",
        "security team",
        "sysadmin",
        "system administrator",
        "notifications",
        "accounts team",
        "billing",
        "payroll",
        "human resources",
        "hr department",
        "registrar",
        "it",
    }
)
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")


def sender_name_problem(display_name: str) -> str | None:
    """Why this name can't be the sender's name on the server's mailer, or None.

    A person's name can't carry an email address (it would show as someone else's) nor read
    as a role of the server or the institution ("IT Helpdesk", "Support", "coffeechat").
    """
    name = display_name.strip()
    if not name:
        return None
    if "@" in name or "＠" in name:
        return (
            "Your name as recipients see it contains an email address: change it on your "
            "You page (only your name, please)."
        )
    folded = name.casefold()
    words = _WORDS.findall(folded)
    phrases = {*words, *(" ".join(pair) for pair in zip(words, words[1:], strict=False))}
    site_words = {w for w in _WORDS.findall(_site_name().casefold()) if len(w) > 2}
    # "IT" counts only in capitals: "It" and "it" are words in people's names.
    if "it" in phrases and not re.search(r"\bIT\b", name):
        phrases.discard("it")
    if phrases & ROLE_WORDS or phrases & site_words:
        return (
            f"“{name}” reads like a service or a team rather than a person, and mail from "
            "this server goes out under your name: change it on your You page."
        )
    return None


def _site_name() -> str:
    display, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    host = (urlsplit(settings.SITE_URL).hostname or "").split(".")[0]
    return f"coffeechat {display} {address.partition('@')[0]} {host}"


def server_mail_refusal(owner: User) -> str | None:
    """Why `owner` may not send through the server's mailer now, in words, or None."""
    if not settings.SERVER_MAIL_FOR_USERS:
        return (
            "This server doesn't send people's own email. Set up your own SMTP server in "
            "Settings, or open the message in your mail app and choose “I sent it”."
        )
    if not EmailAddress.objects.filter(
        user=owner, email__iexact=owner.email, verified=True
    ).exists():
        return (
            f"Confirm your email address ({owner.email}) first: only confirmed accounts "
            "send through this server. Or set up your own SMTP server in Settings."
        )
    return sender_name_problem(owner.display_name)


def smtp_backend(
    outreach_settings: OutreachSettings, timeout: float = SMTP_TIMEOUT
) -> EmailBackend:
    """A connection to the user's SMTP server, whether or not they turned it on yet."""
    s = outreach_settings
    # Built the way mail.mailers builds a MAILERS entry: with an alias, which is what tells
    # Django 6.1 this is not the deprecated direct construction.
    return GuardedEmailBackend(
        alias=f"outreach-smtp-{s.owner_id}",
        host=s.smtp_host.strip(),
        port=s.smtp_port,
        username=s.smtp_username,
        password=crypto.decrypt(s.smtp_password),
        use_tls=s.smtp_security == Security.STARTTLS,
        use_ssl=s.smtp_security == Security.SSL,
        timeout=timeout,
    )


def test_smtp(outreach_settings: OutreachSettings) -> tuple[bool, str]:
    """Connect, secure and sign in to the user's SMTP server; say in one sentence how it went."""
    s = outreach_settings
    if not s.smtp_host.strip():
        return False, "Enter your SMTP server's host name first."
    try:
        with smtp_backend(s, timeout=TEST_TIMEOUT):  # opens (connect, STARTTLS, login), closes
            pass
    except Exception as error:
        return False, describe_error(
            error, host=s.smtp_host, port=s.smtp_port, security=s.smtp_security
        )
    signed_in = " and signed in" if s.smtp_username else ""
    where = f"{s.smtp_host.strip()}:{s.smtp_port}"
    if s.smtp_security == Security.NONE:
        # Say what was really tried: no TLS at all, so a password went over in the clear.
        warning = (
            (
                " Your password crossed the network unencrypted: choose STARTTLS or SSL/TLS"
                " if the server offers it."
            )
            if s.smtp_username
            else ""
        )
        return (
            True,
            f"Connected to {where} without encryption (security: None){signed_in}." + warning,
        )
    return True, f"Connected to {where}{signed_in}."


def open_mailbox(outreach_settings: OutreachSettings, timeout: float = TEST_TIMEOUT) -> BaseMailBox:
    """A signed-in IMAP mailbox with the user's folder selected (use it as a context manager)."""
    s = outreach_settings
    host = s.imap_host.strip()
    mailbox: BaseMailBox
    if s.imap_security == Security.SSL:
        mailbox = _MailBox(host, s.imap_port, timeout=timeout)
    elif s.imap_security == Security.STARTTLS:
        mailbox = _MailBoxStartTls(host, s.imap_port, timeout=timeout)
    else:
        mailbox = _MailBoxUnencrypted(host, s.imap_port, timeout=timeout)
    try:
        return mailbox.login(
            s.imap_username,
            crypto.decrypt(s.imap_password),
            initial_folder=s.imap_folder or "INBOX",
        )
    except BaseException:
        _close_quietly(mailbox)
        raise


def _close_quietly(mailbox: BaseMailBox) -> None:
    # logout() closes the socket whatever the answer; it raises only if the server hung up.
    with contextlib.suppress(Exception):
        mailbox.client.logout()


def test_imap(outreach_settings: OutreachSettings) -> tuple[bool, str]:
    """Connect and sign in to the user's IMAP server; say in one sentence how it went."""
    s = outreach_settings
    if not s.imap_host.strip():
        return False, "Enter your IMAP server's host name first."
    if not s.imap_username:
        return False, "Enter your IMAP username first."
    try:
        mailbox = open_mailbox(s)
        _close_quietly(mailbox)
    except Exception as error:
        return False, describe_error(
            error, host=s.imap_host, port=s.imap_port, folder=s.imap_folder
        )
    return True, (
        f"Connected to {s.imap_host.strip()}:{s.imap_port}, signed in and "
        f"found the folder “{s.imap_folder or 'INBOX'}”."
    )


def describe_error(
    error: BaseException,
    *,
    host: str = "",
    port: int | None = None,
    folder: str = "",
    security: str = "",
) -> str:
    """One sentence a user can act on, for anything connecting or sending can raise.

    `security` is the setting that was tried: with None (no TLS), a missing extension is
    sign-in (AUTH) refused on a plain connection, not a STARTTLS problem.
    """
    if isinstance(error, smtplib.SMTPServerDisconnected) and isinstance(error.__context__, OSError):
        # smtplib reports a timeout or reset while reading as a disconnection: say what it was.
        error = error.__context__
    if security == Security.NONE and isinstance(error, smtplib.SMTPNotSupportedError):
        where = f"{host.strip()}:{port}" if host.strip() and port else "The mail server"
        return (
            f"{where} doesn't offer sign-in on an unencrypted connection (security: None "
            "was tried): choose STARTTLS (usually port 587) or SSL/TLS (port 465)."
        )
    sentence = _sentence(error, host.strip(), port, folder)
    return sentence[:1].upper() + sentence[1:]


def _sentence(error: BaseException, host: str, port: int | None, folder: str) -> str:
    # Never the server's own words: on a shared server a "mail server" may be an internal
    # service, and its banner or error text must not be read back through this page. A port
    # that is closed, filtered, or open but not speaking the protocol gets the same sentence.
    where = f"{host}:{port}" if host and port else host or "the mail server"
    # Most specific first: SSLCertVerificationError is an SSLError, which is an OSError.
    if isinstance(error, crypto.SecretUnreadable | ValueError | netguard.Refused):
        return str(error)
    if isinstance(error, socket.gaierror):
        return f"Can't find the server {host or '(no host)'}: check the host name."
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"{where}'s certificate can't be trusted ({error.verify_message})."
    if isinstance(error, ssl.SSLError):
        return (
            f"A secure connection to {where} failed: try the other security setting "
            "(SSL/TLS on 465 or 993, STARTTLS on 587 or 143)."
        )
    if isinstance(error, smtplib.SMTPNotSupportedError | MailboxStarttlsError) or (
        isinstance(error, imaplib.IMAP4.abort) and "TLS not supported" in str(error)
    ):
        return f"{where} doesn't offer STARTTLS: choose SSL/TLS or another port."
    if isinstance(error, smtplib.SMTPAuthenticationError | MailboxLoginError):
        return f"{where} refused the username or password."
    if isinstance(error, MailboxFolderSelectError):
        return f"Signed in to {where}, but there is no folder “{folder or 'INBOX'}”."
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"{where} refused the recipient {', '.join(error.recipients)}."
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"{where} refused to send as {error.sender} (code {error.smtp_code})."
    if isinstance(
        error, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected | imaplib.IMAP4.error
    ):
        return _could_not_connect(where)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{where} refused the message (code {error.smtp_code})."
    if isinstance(error, smtplib.SMTPException):
        return f"{where} did not accept the message."
    if isinstance(error, OSError):  # refused, timed out, reset, unreachable
        return _could_not_connect(where)
    return f"Couldn't talk to {where}."


def _could_not_connect(where: str) -> str:
    return (
        f"Couldn't connect to {where}: check the host and port (SMTP usually 587 with "
        "STARTTLS or 465 with SSL/TLS; IMAP 993 with SSL/TLS) and the security setting."
    )
