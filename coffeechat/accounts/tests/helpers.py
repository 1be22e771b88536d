"""Shared by the sign-in tests: accounts with two-factor set up, and their current codes."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client

from coffeechat.accounts.models import User

PASSWORD = "correct horse battery"


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def with_totp(user: User) -> str:
    """Give `user` a verified email and TOTP two-factor; returns the TOTP secret."""
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def make_staff(email: str = "root@example.org", *, superuser: bool = True) -> User:
    user = User.objects.create_user(email, PASSWORD, is_staff=True, is_superuser=superuser)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)
