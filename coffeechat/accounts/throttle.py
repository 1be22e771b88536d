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
- The refusal says how long to wait.
"""

from __future__ import annotations

import math
import time

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
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


def seconds_to_wait(request: HttpRequest, *, action: str, key: str) -> int:
    """How long until `action` is allowed again for `key` and this client, by the counts."""
    now, wait = time.time(), 0.0
    for rate in ratelimit.get_rates(app="allauth.account", action=action):
        cache_key = ratelimit.get_cache_key(
            request, app="allauth.account", action=action, rate=rate, key=key
        )
        recent = [t for t in cache.get(cache_key, []) if t > now - rate.duration]
        if len(recent) >= rate.amount:
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return max(1, math.ceil(wait))


def wait_phrase(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
