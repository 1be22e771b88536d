"""coffeechat's allauth adapter: sign-in throttling per account *and* browser (throttle.py),
with a refusal that says how long to wait."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from coffeechat.accounts import audit, throttle
from coffeechat.accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # SIGNUP_OPEN=false: a single-user install (which may then reach private hosts).
        return settings.SIGNUP_OPEN

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        key = self._shared_key(request, **credentials)
        email = credentials.get("email", "")
        if email and throttle.is_known_device(request, email):
            return f"{key}:known-device"
        return key

    def _shared_key(self, request: HttpRequest, **credentials: Any) -> str:
        return super()._get_login_attempts_cache_key(request, **credentials)

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        # A successful emailed reset proves the owner: empty the strangers' bucket too.
        for key in (
            self._shared_key(request, **credentials),
            f"{self._shared_key(request, **credentials)}:known-device",
        ):
            ratelimit.clear(request, action="login_failed", key=key)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            key = self._get_login_attempts_cache_key(request, **credentials)
            wait = throttle.seconds_to_wait(request, action="login_failed", key=key)
            _note_throttled(request, credentials.get("email", ""), wait)
            raise ValidationError(
                f"Too many failed sign-in attempts. Try again in {throttle.wait_phrase(wait)}"
                " (or reset your password by email).",
                code="too_many_login_attempts",
            ) from None


def _note_throttled(request: HttpRequest, email: str, wait: int) -> None:
    # Once per lock, not per refused request: a flood of refused guesses writes one row.
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user and cache.add(f"coffeechat:throttled-noted:{user.pk}", True, timeout=wait):
        audit.record(
            user=user,
            kind=audit.Kind.SIGN_IN_THROTTLED,
            request=request,
            detail=f"Sign-in paused for {throttle.wait_phrase(wait)}",
        )
