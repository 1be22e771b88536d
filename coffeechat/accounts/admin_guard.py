"""One way in: the admin site signs nobody in by itself.

Django's admin has its own password form, which would skip allauth's second factor and its
rate limits (issue 14: a staff account with TOTP got in on its password alone, after 30 wrong
tries). `secure_admin_site` replaces that form with a redirect to allauth's sign-in, and lets
into the admin only an active staff account whose session passed its second factor
(docs/security.md, "Every way in"). allauth documents the same idea as "securing the admin
login".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session's sign-in (or a re-authentication since) included the second
    factor: allauth records each step of a sign-in in the session."""
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


def admin_has_permission(request: HttpRequest) -> bool:
    return is_staff(request.user) and passed_second_factor(request)


def secure_admin_login(admin_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Replace the admin's login view, keeping its name (as allauth's `secure_admin_login`
    does): the route stays the admin's, but no request ever reaches its password form."""

    @wraps(admin_view)
    def login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        return admin_login(request)

    return login


def admin_login(request: HttpRequest) -> HttpResponse:
    """Where the admin sends whoever it refuses: never a password form of its own."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not is_staff(request.user):
        raise PermissionDenied("This account has no access to the admin site.")
    if not is_mfa_enabled(request.user):
        return HttpResponseRedirect(resolve_url("mfa_activate_totp"))
    if not passed_second_factor(request):
        # Signed in before two-factor was set up: confirm with a code now.
        return HttpResponseRedirect(
            f"{resolve_url('mfa_reauthenticate')}?{urlencode({'next': next_url})}"
        )
    return HttpResponseRedirect(next_url)


def secure_admin_site(site: admin.AdminSite = admin.site) -> None:
    site.login = secure_admin_login(site.login)  # type: ignore[method-assign]
    site.has_permission = admin_has_permission  # type: ignore[method-assign]
