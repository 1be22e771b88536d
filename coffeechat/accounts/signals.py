"""What allauth and Django say about sign-ins, written to the audit log (audit.py); and the
known-device mark a completed sign-in leaves in the browser (throttle.py)."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from coffeechat.accounts import audit, throttle
from coffeechat.accounts.middleware import SESSION_STARTED
from coffeechat.accounts.models import User


@receiver(account_signals.user_logged_in)
def _signed_in(sender: Any, request: Any, user: User, response: Any = None, **kw: Any) -> None:
    audit.record(user=user, kind=audit.Kind.SIGN_IN, request=request)
    request.session[SESSION_STARTED] = time.time()
    if response is not None:
        throttle.remember_device(request, response, user.email)


@receiver(auth_signals.user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kw: Any) -> None:
    email = credentials.get("email") or credentials.get("username") or ""
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        audit.record(
            user=user, kind=audit.Kind.SIGN_IN_FAILED, request=request, detail="Wrong password"
        )


@receiver(mfa_signals.authentication_failed)
def _second_factor_failed(sender: Any, user: User, request: Any = None, **kw: Any) -> None:
    audit.record(
        user=user, kind=audit.Kind.SIGN_IN_FAILED, request=request, detail="Wrong two-factor code"
    )


@receiver(auth_signals.user_logged_out)
def _signed_out(sender: Any, request: Any, user: User | None, **kw: Any) -> None:
    if user is None or user.pk is None:
        return
    ended = getattr(request, "audit_logout_detail", "")  # the server ended it
    audit.record(
        user=user,
        kind=audit.Kind.SESSION_ENDED if ended else audit.Kind.SIGN_OUT,
        request=request,
        detail=ended,
    )


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def _password_changed(sender: Any, request: Any, user: User, **kw: Any) -> None:
    audit.record(user=user, kind=audit.Kind.PASSWORD_CHANGED, request=request)


@receiver(account_signals.password_reset)
def _password_reset(sender: Any, request: Any, user: User, **kw: Any) -> None:
    audit.record(user=user, kind=audit.Kind.PASSWORD_RESET, request=request)


@receiver(account_signals.email_changed)
def _email_changed(sender: Any, request: Any, user: User, **kw: Any) -> None:
    audit.record(user=user, kind=audit.Kind.EMAIL_CHANGED, request=request)


@receiver(mfa_signals.authenticator_added)
@receiver(mfa_signals.authenticator_removed)
@receiver(mfa_signals.authenticator_reset)
def _mfa_changed(
    sender: Any, request: Any, user: User, authenticator: Any, signal: Any, **kw: Any
) -> None:
    what = {
        mfa_signals.authenticator_added: "added",
        mfa_signals.authenticator_removed: "removed",
        mfa_signals.authenticator_reset: "renewed",
    }[signal]
    audit.record(
        user=user,
        kind=audit.Kind.MFA_CHANGED,
        request=request,
        detail=f"{authenticator.get_type_display()} {what}",
    )
