"""Sign-in throttling that slows guessing without letting a stranger lock the owner out.

allauth counts failed sign-ins per client address and per account (ACCOUNT_RATE_LIMITS
"login_failed") in the default cache, which is the database (CACHES), so every server process
shares the counts and a restart keeps them. What this module adds (docs/security.md,
"Sign-in throttling"):

- A browser that has completed a sign-in to an account carries a *known-device* mark for it (a
  cookie holding an HMAC of the address, unforgeable without SECRET_KEY). Its failures count in
  a bucket of their own, so a stranger's five wrong guesses don't stop the owner signing in from
  their own browser. A new browser shares the strangers' bucket; the emailed password reset
  empties it (allauth clears it when a reset succeeds).
- The refusal says how long to wait: a wrong password's (adapter.py), a wrong two-factor or
  recovery code's (`says_how_long_to_wait`, forms.py), and allauth's "too many requests" page
  (`too_many_requests`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager

from allauth.account import app_settings as account_settings
from allauth.core import context
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "coffeechat.accounts.known-device"
KEPT_MARKS = 5  # accounts remembered per browser (a shared family computer)
MARK_DAYS = 365


def cookie_name() -> str:
    return "__Host-known_device" if settings.HTTPS else "known_device"


def _mark(email: str) -> str:
    return salted_hmac(_SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:32]


def _marks(request: HttpRequest) -> list[str]:
    raw = request.COOKIES.get(cookie_name(), "")
    try:
        marks = signing.loads(raw, salt=_SALT, max_age=MARK_DAYS * 86400) if raw else []
    except signing.BadSignature:
        return []
    return [m for m in marks if isinstance(m, str)] if isinstance(marks, list) else []


def is_known_device(request: HttpRequest, email: str) -> bool:
    expected = _mark(email)
    return any(constant_time_compare(mark, expected) for mark in _marks(request))


def remember_device(request: HttpRequest, response: HttpResponseBase, email: str) -> None:
    """Mark this browser as one the account's owner signed in from (after a full sign-in)."""
    mark = _mark(email)
    marks = [mark, *(m for m in _marks(request) if m != mark)][:KEPT_MARKS]
    response.set_cookie(
        cookie_name(),
        signing.dumps(marks, salt=_SALT),
        max_age=MARK_DAYS * 86400,
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


def seconds_to_wait(request: HttpRequest, *, action: str, key: str | None) -> int:
    """How long until `action` is allowed again for `key` and this client, by the counts."""
    return max(1, math.ceil(_wait(request, action=action, key=key)))


def _wait(request: HttpRequest, *, action: str, key: str | None) -> float:
    # 0 when nothing holds `action` back. allauth keeps, per rate, the times of the attempts
    # it counted, newest first: the one that filled the rate leaves it first.
    now, wait = time.time(), 0.0
    for rate in ratelimit.get_rates(app="allauth.account", action=action):
        if (rate.per == "key" and key is None) or (
            rate.per == "user" and not request.user.is_authenticated
        ):
            continue
        cache_key = ratelimit.get_cache_key(
            request, app="allauth.account", action=action, rate=rate, key=key
        )
        recent = [t for t in cache.get(cache_key, []) if t > now - rate.duration]
        if len(recent) >= rate.amount:
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return wait


@contextmanager
def says_how_long_to_wait(user_pk: object) -> Iterator[None]:
    """Make allauth's refusal of a throttled two-factor code say how long to wait.

    allauth counts wrong codes as failed sign-ins of the key "mfa-auth-user-<id>" (its
    mfa/base/internal/flows.py), whose refusal only says "Try again later".
    """
    try:
        yield
    except ValidationError as error:
        if getattr(error, "code", None) != "too_many_login_attempts":
            raise
        wait = seconds_to_wait(
            context.request, action="login_failed", key=f"mfa-auth-user-{user_pk}"
        )
        raise ValidationError(
            f"Too many wrong codes. Try again in {wait_phrase(wait)}.",
            code="too_many_login_attempts",
        ) from None


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """allauth's answer when an address or a signed-in user sends too many requests of a kind
    (30 sign-in pages a minute from one address, 10 password re-entries a minute...): how long
    until every kind this client is held back from is allowed again (config/urls.py
    `handler429`)."""
    waits = [_wait(request, action=action, key=None) for action in account_settings.RATE_LIMITS]
    wait = max(1, math.ceil(max(waits, default=0)))
    response = render(request, "429.html", {"wait": wait_phrase(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def wait_phrase(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
