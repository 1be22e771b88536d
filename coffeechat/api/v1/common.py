"""What every endpoint shares: the error shape, cursor pages, ETags and idempotency keys."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Annotated, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from ninja import Schema
from ninja.parser import Parser
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, StringConstraints

from coffeechat.api.models import ApiToken, IdempotencyKey

IDEMPOTENCY_TTL = timedelta(hours=24)
MAX_PAGE = 100


class ErrorBody(Schema):
    code: str = Field(description="Stable, for programs: not_found, invalid, forbidden ...")
    message: str = Field(description="A sentence for people.")
    field: str | None = Field(None, description="The request field it is about, if one.")


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    """An answer in the one error shape, raised anywhere below an endpoint."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field
        self.headers = headers or {}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


# Every operation documents the errors any request may get.
COMMON_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def answers(ok: Any, status: int = 200, **more: Any) -> dict[int, Any]:
    """The `response=` of an operation: its success, then the shared errors."""
    return {status: ok, **COMMON_ERRORS, **{int(k.removeprefix("s")): v for k, v in more.items()}}


def token_of(request: HttpRequest) -> ApiToken:
    token: ApiToken = getattr(request, "auth")  # noqa: B009 (set by the API's TokenAuth)
    return token


def owner_of(request: HttpRequest) -> Any:
    return token_of(request).owner


# Cursor pagination ---------------------------------------------------------------------------


class Page(Schema):
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


def _decode(cursor: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)))
        after = data["after"]
        if isinstance(after, int) and not isinstance(after, bool) and after >= 0:
            return after
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        pass
    raise ApiError(400, "invalid", "This cursor is not one the API gave out.", "cursor")


def _encode(after: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": after}).encode()).decode().rstrip("=")


def page_of(
    queryset: QuerySet,
    cursor: str | None,
    limit: int,
    serialize: Callable[[list[Any]], Iterable[Any]] = list,
) -> dict[str, Any]:
    """One page of `queryset` in id order (stable while rows are added), keyed by an opaque
    cursor: rows are never skipped or repeated, unlike numbered pages."""
    queryset = queryset.order_by("pk")
    if cursor:
        queryset = queryset.filter(pk__gt=_decode(cursor))
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": list(serialize(rows)),
        "next_cursor": _encode(rows[-1].pk) if more and rows else None,
    }


# ETags and idempotency keys, around the whole view (after ninja has rendered the JSON) ------


def with_etag(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A GET answers 304 when the client's If-None-Match names the same content."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method != "GET" or response.status_code != 200:
            return response
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        # One token's data: no shared cache may keep it; the client revalidates by ETag.
        headers = {"ETag": etag, "Cache-Control": "private, no-cache", "Vary": "Authorization"}
        if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
            return HttpResponseNotModified(headers=headers)
        for name, value in headers.items():
            response[name] = value
        return response

    return wrapper


def idempotent(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """With an `Idempotency-Key` header, a POST that created something answers a retry (same
    key, same body) with the first answer and creates nothing more; the same key with a
    different request is refused. Keys are per token and kept 24 hours."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = request.headers.get("Idempotency-Key", "")
        if not key:
            return view(request, *args, **kwargs)
        if len(key) > 255:
            return _error_response(
                400, "invalid", "An Idempotency-Key has at most 255 characters.", "Idempotency-Key"
            )
        fingerprint = hashlib.sha256(
            (request.method or "").encode() + b" " + request.path.encode() + b"\n" + request.body
        ).hexdigest()
        from coffeechat.api import services  # the token, without counting a second use

        token = services.token_from_header(request.headers.get("Authorization", ""))
        if token is None:
            return view(request, *args, **kwargs)
        stored = _stored(token, key)
        if stored is not None:
            return _replay(stored, fingerprint)
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    _store(token, key, fingerprint, response)
        except IntegrityError:  # a concurrent request with the key won: answer as it did
            stored = _stored(token, key)
            if stored is None:
                raise
            return _replay(stored, fingerprint)
        return response

    return wrapper


def _stored(token: ApiToken, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(
        token=token, key=key, expires_at__gt=timezone.now()
    ).first()


def _replay(stored: IdempotencyKey, fingerprint: str) -> HttpResponse:
    if stored.request_hash != fingerprint:
        return _error_response(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request.",
            "Idempotency-Key",
        )
    response = HttpResponse(stored.body, status=stored.status_code, content_type="application/json")
    response["Idempotent-Replayed"] = "true"
    return response


def _store(token: ApiToken, key: str, fingerprint: str, response: HttpResponse) -> None:
    now = timezone.now()
    IdempotencyKey.objects.filter(token=token, expires_at__lte=now).delete()
    IdempotencyKey.objects.create(
        token=token,
        key=key,
        request_hash=fingerprint,
        status_code=response.status_code,
        body=response.content.decode(),
        created_at=now,
        expires_at=now + IDEMPOTENCY_TTL,
    )


def _error_response(status: int, code: str, message: str, field: str | None) -> HttpResponse:
    return HttpResponse(
        json.dumps(error_body(code, message, field)), status=status, content_type="application/json"
    )


# Input types ---------------------------------------------------------------------------------

MAX_ID = 2_147_483_647  # bigger ids exist nowhere; refusing them keeps databases from overflow


def _no_nul(value: str) -> str:
    # PostgreSQL can't store NUL in text; the forms refuse it too.
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters")
    return value


NO_NUL = AfterValidator(_no_nul)

# Request text: no NUL characters, at most N characters (the column's length, or a bound).

Text20 = Annotated[str, StringConstraints(max_length=20), NO_NUL]
Text40 = Annotated[str, StringConstraints(max_length=40), NO_NUL]
Text50 = Annotated[str, StringConstraints(max_length=50), NO_NUL]
Text64 = Annotated[str, StringConstraints(max_length=64), NO_NUL]
Text100 = Annotated[str, StringConstraints(max_length=100), NO_NUL]
Text200 = Annotated[str, StringConstraints(max_length=200), NO_NUL]
Text254 = Annotated[str, StringConstraints(max_length=254), NO_NUL]
Text300 = Annotated[str, StringConstraints(max_length=300), NO_NUL]
LongText = Annotated[str, StringConstraints(max_length=20_000), NO_NUL]
# The same, and not empty.
Name200 = Annotated[str, StringConstraints(min_length=1, max_length=200), NO_NUL]
Body5000 = Annotated[str, StringConstraints(min_length=1, max_length=5000), NO_NUL]
Body20000 = Annotated[str, StringConstraints(min_length=1, max_length=20_000), NO_NUL]


def body_id_doc(description: str) -> Any:
    """The metadata of a body field naming one of the caller's rows by id."""
    return Field(ge=1, le=MAX_ID, strict=True, description=description)


# The id of one of the caller's rows in a JSON body: a number, never "12".
BodyId = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]


def _written_out(value: Any) -> Any:
    # JSON has no dates: a date is a string. Refuse numbers (pydantic would read 0 as 1970).
    if not isinstance(value, str | date):
        raise ValueError("Write dates and times as ISO 8601 text")
    return value


# A date or an instant with its offset, as ISO 8601 text ("2026-03-02T10:00:00+01:00").
Instant = Annotated[AwareDatetime, BeforeValidator(_written_out)]
Day = Annotated[date, BeforeValidator(_written_out)]
Number = Annotated[int, Field(strict=True)]


class ObjectBodies(Parser):
    """Every request body of this API is a JSON object: anything else is refused, not
    read as "no fields sent"."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            data = super().parse_body(request)
        except ValueError:
            raise ApiError(400, "invalid", "The request body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise ApiError(400, "invalid", "The request body must be a JSON object.")
        return data
