"""Which addresses the outbound guard calls public (lib/netguard.py)."""

from __future__ import annotations

import socket

import pytest

from coffeechat.lib import netguard


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.8",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1%eth0",
        "fd00::1",
        "::ffff:10.0.0.1",
        "224.0.0.1",
        "240.0.0.1",
    ],
)
def test_private_local_and_reserved_addresses_are_not_public(address: str) -> None:
    assert not netguard.is_public(address)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"]
)
def test_internet_addresses_are_public(address: str) -> None:
    assert netguard.is_public(address)


def test_a_name_with_any_private_address_is_refused(settings) -> None:
    settings.ALLOW_PRIVATE_HOSTS = False

    with pytest.raises(netguard.Refused, match="private or local address"):
        netguard.connect("localhost", 587, timeout=1, ports=netguard.SMTP_PORTS, service="SMTP")


def test_an_address_a_python_without_ipv6_cannot_read_is_refused_not_a_crash(
    settings, monkeypatch
) -> None:
    # A Python built with --disable-ipv6 gives an IPv6 answer as (number, bytes), not text.
    settings.ALLOW_PRIVATE_HOSTS = False
    answer = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 587)),
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (10, b"\x00" * 16)),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answer)

    with pytest.raises(netguard.Refused, match="private or local address"):
        netguard.addresses("mail.example.com", 587)
