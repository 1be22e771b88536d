"""Helpers for the sending tests: messages built through the real services, and small real
servers on loopback (an SMTP server that wants AUTH, an IMAP server that refuses every login).
"""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from coffeechat.accounts.models import User
from coffeechat.lib.testing.people import make_conversation, make_person
from coffeechat.lib.testing.servers import SmtpSink, free_port
from coffeechat.outreach.models import Message, MessageKind


def make_message(
    owner: User,
    *,
    to_email: str = "grace@example.com",
    subject: str = "A question about compilers",
    body: str = "Hello Grace,\n",
    kind: str = MessageKind.REQUEST,
    conversation=None,
    **fields,
) -> Message:
    """A draft email of `owner`'s, in a conversation with a person who has that address."""
    if conversation is None:
        person = make_person(owner, email=to_email)
        conversation = make_conversation(owner, person=person)
    return Message.objects.create(
        owner=owner,
        conversation=conversation,
        kind=kind,
        to_email=to_email,
        subject=subject,
        body=body,
        **fields,
    )


@contextmanager
def smtp_with_auth(username: str, password: str) -> Iterator[tuple[SmtpSink, int]]:
    """A second real SMTP server that offers AUTH and accepts only these credentials."""

    def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == username.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False)  # False: aiosmtpd answers 535 itself

    sink = SmtpSink()
    port = free_port()
    # Plain text on loopback: AUTH without TLS is allowed for the test only. (AUTH is offered,
    # not required: aiosmtpd warns about requiring it without TLS, and warnings are errors.)
    controller = Controller(
        sink, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


class _RefusingImap(socketserver.StreamRequestHandler):
    """Greets like an IMAP server and answers every LOGIN with NO."""

    def handle(self) -> None:
        self.wfile.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
        for line in self.rfile:
            tag, _, command = line.decode().partition(" ")
            verb = command.split(" ", 1)[0].strip().upper()
            if verb == "CAPABILITY":
                self.wfile.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")
                self.wfile.write(f"{tag} OK done\r\n".encode())
            elif verb == "LOGIN":
                self.wfile.write(f"{tag} NO [AUTHENTICATIONFAILED] Bad credentials\r\n".encode())
            elif verb == "LOGOUT":
                self.wfile.write(f"* BYE\r\n{tag} OK bye\r\n".encode())
                return
            else:
                self.wfile.write(f"{tag} BAD unexpected\r\n".encode())


@contextmanager
def imap_refusing_logins() -> Iterator[int]:
    """A minimal IMAP server on loopback that says the password is wrong; yields its port."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RefusingImap)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never says a word (a server that hangs)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def closed_port() -> int:
    """A loopback port nothing listens on."""
    return free_port()
