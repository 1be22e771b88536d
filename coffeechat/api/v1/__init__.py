"""The JSON API, version 1, at /api/v1/ (django-ninja; OpenAPI 3.1 at /api/v1/openapi.json).

Every endpoint calls the same queries and services as the pages: nothing here decides
anything the UI doesn't. A bearer token (coffeechat.api.services) says who is asking; a
read token may only GET. Errors have one shape, `{"error": {"code", "message", "field"}}`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import Operation
from ninja.security import HttpBearer

from coffeechat.api import services
from coffeechat.api.models import ApiToken, Scope
from coffeechat.api.v1.common import ApiError, ObjectBodies, error_body

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cc_...`: a personal access token from Settings → API tokens."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = services.authenticate(f"Bearer {token}")
        if found is None:
            return None
        wait = services.retry_after(found)
        if wait is not None:
            raise ApiError(
                429,
                "rate_limited",
                f"Too many requests: this token may make "
                f"{services.requests_per_minute()} a minute. Try again in {wait} "
                "seconds.",
                headers={"Retry-After": str(wait)},
            )
        if request.method not in SAFE_METHODS and found.scope != Scope.WRITE:
            raise ApiError(
                403,
                "forbidden",
                "This token can only read. Create a token with write scope to make changes.",
            )
        return found


# Modules split off a router's module for length: their operations keep the ids of the module
# they came from (clients generate code from the ids).
SPLIT_FROM = {
    "coffeechat.api.v1.resume_document": "coffeechat.api.v1.resumes",
    "coffeechat.api.v1.strategy_obstacles": "coffeechat.api.v1.strategy",
}


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        return f"{SPLIT_FROM.get(module, module)}_{operation.view_func.__name__}".replace(".", "_")


api = Api(
    title="coffeechat API",
    version="1",
    urls_namespace="api-v1",
    auth=TokenAuth(),
    parser=ObjectBodies(),
    description="Your coffeechat network, conversations and what you learn from them. "
    "Create a token in Settings → API tokens and send it as "
    "`Authorization: Bearer <token>`. Lists are paged with an opaque `cursor`; "
    'errors look like `{"error": {"code", "message", "field"}}`.',
    # The vendored Swagger UI from ninja's static files (no CDN); no online validator.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)


def _answer(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    response = api.create_response(request, error_body(code, message, field), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _answer(request, exc.status, exc.code, exc.message, exc.field, exc.headers)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # The same answer for someone else's id and an id that exists nowhere.
    return _answer(request, 404, "not_found", "Nothing with this id in your account.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _answer(
        request,
        401,
        "unauthenticated",
        "Send a valid API token as "
        "`Authorization: Bearer <token>`: this one is missing, unknown, revoked or "
        "expired.",
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _answer(request, exc.status_code, "error", str(exc.message))


@api.exception_handler(NinjaValidationError)
def _invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    first: dict[str, Any] = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ())]
    # ("body", "payload", "full_name") -> "full_name"; ("query", "limit") -> "limit"
    field = location[-1] if len(location) > 1 else None
    if location[:1] == ["body"] and len(location) == 2 and location[1] == "payload":
        field = None
    message = str(first.get("msg", "The request is not valid.")).rstrip(".") + "."
    return _answer(request, 400, "invalid", message[:1].upper() + message[1:], field)


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    # A service said no, in a sentence (the same the page shows).
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.message_dict.items()))
        return _answer(
            request, 400, "invalid", " ".join(errors), None if field == "__all__" else field
        )
    return _answer(request, 400, "invalid", " ".join(exc.messages))


def _register() -> None:
    from coffeechat.api.v1 import (
        conversations,
        data,
        network,
        resume_document,
        resumes,
        strategy,
        strategy_obstacles,
        targets,
    )

    api.add_router("/", network.router)
    api.add_router("/", conversations.router)
    api.add_router("/", data.router)
    api.add_router("/", targets.router)
    api.add_router("/", strategy.router)
    api.add_router("/", strategy_obstacles.router)
    api.add_router("/", resumes.router)
    api.add_router("/", resume_document.router)


_register()
