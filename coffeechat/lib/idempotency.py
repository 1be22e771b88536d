"""One-time keys on the forms that create: a retried POST creates nothing new.

A creating form carries a hidden key (`{% load form_keys %}{% form_key %}`, a fresh UUID each
time the form is drawn). `FormKeyMiddleware` runs a POST that carries one inside a transaction;
if the view created something (an INSERT ran) and answered without an error, the key is stored
with that answer in the same transaction. The same key again (a double click, a browser
resending after a dropped connection or a server crash) gets the first answer back: the page
the first one redirected to, or the same htmx fragment. Two at once: the second insert of the
key fails on its unique constraint and rolls back everything the second request wrote.

Only forms that create carry a key: a form that saves repeatedly from one page (autosave)
must not, or its later saves would be answered with the first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from coffeechat.lib.models import SubmittedForm

if TYPE_CHECKING:
    from coffeechat.accounts.models import User

FIELD = "form_key"
KEEP = timedelta(days=1)
MAX_BODY = 256 * 1024


def key_of(request: HttpRequest) -> uuid.UUID | None:
    """The valid key a POST carries, or None."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


class FormKeyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = key_of(request)
        owner = request.user
        if key is None or not owner.is_authenticated:  # key_of has no key for anonymous POSTs
            return self.get_response(request)
        earlier = SubmittedForm.objects.filter(owner=owner, key=key).first()
        if earlier is not None:
            return _replay(request, earlier)
        try:
            return self._first(request, owner, key)
        except IntegrityError:
            earlier = SubmittedForm.objects.filter(owner=owner, key=key).first()
            if earlier is None:
                raise
            return _replay(request, earlier)

    def _first(self, request: HttpRequest, owner: User, key: uuid.UUID) -> HttpResponse:
        inserted: list[str] = []

        def watch(
            execute: Callable[[str, Any, bool, dict[str, Any]], Any],
            sql: str,
            params: Any,  # whatever the query carries: the driver's business, passed on as is
            many: bool,
            context: dict[str, Any],
        ) -> Any:
            if sql.lstrip()[:6].upper() == "INSERT":
                inserted.append(sql)
            return execute(sql, params, many, context)

        with transaction.atomic(), connection.execute_wrapper(watch):
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)  # a crash halfway keeps nothing
            elif inserted and response.status_code < 400:
                _record(owner, key, response)
        return response


def _record(owner: User, key: uuid.UUID, response: HttpResponse) -> None:
    now = timezone.now()
    SubmittedForm.objects.filter(owner=owner, created_at__lt=now - KEEP).delete()
    location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
    body = ""
    if not location and not getattr(response, "streaming", False):
        body = response.content.decode(response.charset or "utf-8", errors="replace")
        if len(body) > MAX_BODY:
            body = ""
    SubmittedForm.objects.create(
        owner=owner,
        key=key,
        location=location[:2000],
        status=response.status_code,
        body=body,
        created_at=now,
        content_type=response.get("Content-Type", "")[:100],
    )


def _replay(request: HttpRequest, earlier: SubmittedForm) -> HttpResponse:
    if earlier.location:
        if not request.headers.get("HX-Request"):
            messages.info(
                request,
                "That was already saved (the form was sent twice): nothing was added again.",
            )
        return HttpResponseRedirect(earlier.location)
    if earlier.body:
        return HttpResponse(
            earlier.body, status=earlier.status, content_type=earlier.content_type or None
        )
    return HttpResponse(status=204)
