"""Outbound connections to hosts a user typed: public addresses and expected ports only.

On a shared server a user's "SMTP host" or "AI endpoint" must not become a way into the
server's own network (SSRF): the test buttons and the AI rewrite connect to whatever is typed
and report how it went. So every connection to a user-given host goes through `connect`, which
resolves the name once, refuses it unless every address is public, and connects to the address
it checked (never resolving again, so a DNS answer that changes between the check and the
connection, "DNS rebinding", can't slip through). It runs on every connection: the settings
page's tests, each delivery, each inbox poll of the scheduler and each AI request.

`settings.ALLOW_PRIVATE_HOSTS` lifts both checks for a single-user install (a mail server or
an Ollama on the same machine); it defaults to on when sign-up is closed and off when it is
open (config/settings.py, docs/security.md).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket

from django.conf import settings

SMTP_PORTS = (25, 465, 587, 2525)
IMAP_PORTS = (143, 993)


class Refused(OSError):
    """A connection the guard does not make; the message is a sentence for the user."""


def private_allowed() -> bool:
    return bool(settings.ALLOW_PRIVATE_HOSTS)


def ai_ports() -> tuple[int, ...]:
    return tuple(settings.AI_ENDPOINT_PORTS)


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, link-local,
    shared, reserved, multicast...); an IPv4 address written as IPv6 counts as itself."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _public_ip(ip: str | int) -> bool:
    """Whether getaddrinfo's address is public; a Python built without IPv6 answers an IPv6
    lookup with a number instead of text, which is refused (never guessed at)."""
    return isinstance(ip, str) and is_public(ip)


def check_port(port: int, ports: tuple[int, ...], service: str) -> None:
    if private_allowed() or port in ports:
        return
    expected = ", ".join(str(p) for p in ports)
    raise Refused(
        f"{service} connections from this server go only to port {expected}: "
        f"{port} isn't one of them."
    )


def addresses(host: str, port: int) -> list[tuple]:
    """The resolved addresses of `host` (getaddrinfo's tuples), all public unless allowed."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)  # gaierror: no such host
    if not private_allowed() and not all(_public_ip(info[4][0]) for info in infos):
        raise Refused(
            f"{host} is a private or local address; this server only connects to "
            "hosts on the public internet."
        )
    return infos


def connect(
    host: str, port: int, *, timeout: float | None, ports: tuple[int, ...], service: str
) -> socket.socket:
    """A TCP connection to `host`:`port` through the checks above, to the checked address."""
    host = host.strip()
    check_port(port, ports, service)
    last_error: OSError = Refused(f"{host} has no address to connect to.")
    for family, kind, proto, _, address in addresses(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
        except OSError as error:
            sock.close()
            last_error = error
            continue
        return sock
    raise last_error


class HTTPConnection(http.client.HTTPConnection):
    """http.client through the guard (the AI endpoint)."""

    def connect(self) -> None:
        self.sock = connect(
            self.host, self.port, timeout=self.timeout, ports=ai_ports(), service="AI endpoint"
        )


class HTTPSConnection(http.client.HTTPSConnection, HTTPConnection):
    """https through the guard: HTTPSConnection.connect wraps the socket HTTPConnection's
    connect (ours, by the method order) opened, checking the certificate for the host name."""
