from __future__ import annotations

import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.admin_guard import is_staff

# Keys in the session: when its sign-in happened and when it was last saved (epoch seconds).
SESSION_STARTED = "coffeechat_started"
SESSION_TOUCHED = "coffeechat_touched"
TOUCH_EVERY_SECONDS = 300


class UserTimezoneMiddleware:
    """Render every date in the signed-in user's own time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            timezone.activate(ZoneInfo(request.user.time_zone))
        else:
            timezone.deactivate()
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Staff and superusers must use two-factor authentication: until they have set it up,
    every page but the account pages (where they set it up, verify their email, or sign out)
    sends them to the two-factor setup. The admin site also wants the second factor in this
    session (`admin_guard`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            is_staff(request.user)
            and not request.path.startswith(self.allowed_prefixes())
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request, "Staff accounts must use two-factor authentication: set it up to continue."
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def allowed_prefixes() -> tuple[str, ...]:
        return (reverse("account_login").rsplit("login/", 1)[0], settings.STATIC_URL)


class SessionActivityMiddleware:
    """Sessions end after inactivity and after a maximum age (docs/security.md, "Sessions").

    The idle limit is the session's own expiry (SESSION_COOKIE_AGE = SESSION_IDLE_HOURS):
    every few minutes of use the session is saved again, which pushes its expiry forward, and
    the browser's row on the security page gets its "last seen". Saving on every request
    (SESSION_SAVE_EVERY_REQUEST) would write to the database on every page view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(SESSION_STARTED, now)
            if now - started > settings.SESSION_MAX_DAYS * 86400:
                return self._end(request)
            every = min(TOUCH_EVERY_SECONDS, settings.SESSION_COOKIE_AGE / 10)
            if now - request.session.get(SESSION_TOUCHED, 0) > every:
                request.session[SESSION_TOUCHED] = now
                _seen(request)
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest) -> HttpResponse:
        request.audit_logout_detail = (  # type: ignore[attr-defined]
            f"Signed out {settings.SESSION_MAX_DAYS} days after signing in"
        )
        logout(request)
        messages.info(
            request,
            f"For your safety, sessions last {settings.SESSION_MAX_DAYS} "
            "days: sign in again to continue.",
        )
        return redirect_to_login(request.get_full_path())


def _seen(request: HttpRequest) -> None:
    from allauth.usersessions.models import UserSession

    from coffeechat.accounts.audit import client_ip

    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key, user_id=request.user.pk).update(
            last_seen_at=timezone.now(), ip=client_ip(request) or "0.0.0.0"
        )
