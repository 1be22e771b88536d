from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.admin_guard import is_staff


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
        if (is_staff(request.user) and not request.path.startswith(self.allowed_prefixes())
                and not is_mfa_enabled(request.user)):
            messages.warning(request, "Staff accounts must use two-factor authentication: "
                                      "set it up to continue.")
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def allowed_prefixes() -> tuple[str, ...]:
        return (reverse("account_login").rsplit("login/", 1)[0], settings.STATIC_URL)
