from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from coffeechat.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request from a signed-in user (what @login_required views receive)."""

    user: User
    htmx: HtmxDetails
