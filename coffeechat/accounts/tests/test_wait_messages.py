"""Every throttled way in says how long to wait (docs/security.md A2): a wrong password's
refusal already did; a wrong two-factor or recovery code's said "Try again later", and
allauth's "too many requests" page said nothing of when."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client

from coffeechat.accounts.tests.helpers import make_staff, sign_in, totp_code, with_totp

pytestmark = pytest.mark.django_db

WRONG_CODE = "000000"


def said(response) -> str:
    text = re.sub(r"\s+", " ", response.content.decode())
    match = re.search(r"Too many wrong codes\.[^<]*", text)
    return match.group(0) if match else ""


def test_wrong_codes_at_sign_in_are_refused_saying_how_long_to_wait(alice) -> None:
    secret = with_totp(alice)
    client = Client()
    assert sign_in(client, alice.email)["Location"] == "/accounts/2fa/authenticate/"
    for _ in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": WRONG_CODE})

    refused = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert said(refused) == "Too many wrong codes. Try again in 5 minutes."
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_after_wrong_ones_is_refused_saying_how_long_to_wait(alice) -> None:
    with_totp(alice)
    recovery = RecoveryCodes.activate(alice).get_unused_codes()[0]
    client = Client()
    sign_in(client, alice.email)
    for _ in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": "wrong-recovery"})

    refused = client.post("/accounts/2fa/authenticate/", {"code": recovery})

    assert said(refused) == "Too many wrong codes. Try again in 5 minutes."
    assert "_auth_user_id" not in client.session


def test_the_admins_code_request_says_how_long_to_wait_too() -> None:
    root = make_staff()
    secret = with_totp(root)
    client = Client()
    client.force_login(root)  # a staff session that has not given its code
    page = "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    for _ in range(5):
        client.post(page, {"code": WRONG_CODE})

    refused = client.post(page, {"code": totp_code(secret)})

    assert said(refused) == "Too many wrong codes. Try again in 5 minutes."
    assert client.get("/admin/").status_code == 302


def test_too_many_sign_in_requests_from_one_address_say_how_long_to_wait(alice) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(30):  # allauth's "login" limit: 30 a minute from one address
        sign_in(client, f"someone{n}@example.org", "not the password")

    refused = sign_in(client, alice.email)

    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 60
    # A full minute is said as one (the wait is exactly 60 s when the 30 tries took under one).
    expected = f"{wait} second" if wait < 60 else "1 minute"
    assert f"Try again in {expected}" in refused.content.decode()
