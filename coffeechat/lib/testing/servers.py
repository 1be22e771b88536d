"""Real servers on loopback for tests: a free port, waiting for a listener, an SMTP sink."""

from __future__ import annotations

import email
import socket
import time
from email import policy
from email.message import EmailMessage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10, *, alive=None) -> bool:
    """Wait until something listens on 127.0.0.1:`port`; False if it didn't in time.

    `alive`, when given, is asked between tries (a started process's `poll() is None`): a
    server that died gives up at once instead of waiting the whole timeout.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.02)
    return False


class SmtpSink:
    """What a real SMTP server on loopback received, parsed back into messages."""

    def __init__(self) -> None:
        self.raw: list[bytes] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.raw.append(envelope.original_content or envelope.content)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        return [email.message_from_bytes(raw, policy=policy.default) for raw in self.raw]
