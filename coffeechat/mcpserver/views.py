"""/mcp/: the MCP tools over streamable HTTP, for clients holding a personal access token.

coffeechat is served by a WSGI server (granian --interface wsgi), and the SDK's HTTP transport
is an ASGI app. This view bridges one POST at a time: it checks the bearer token, builds the
ASGI request from the WSGI one and runs it through a fresh SDK session manager in stateless
JSON-response mode (`stateless=True, json_response=True`): one JSON-RPC message in, one JSON
answer out, no session kept between requests and no stream left open in a WSGI thread. That
is the spec's streamable-HTTP transport without the optional SSE streams: GET (a server-to-
client stream) and DELETE (ending a session) answer 405, as the spec allows.

The session cookie never authenticates here, only `Authorization: Bearer`, so a cross-site
form can't act for a signed-in user: hence csrf_exempt (and no CORS headers at all).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import anyio
from asgiref.sync import async_to_sync
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager

from coffeechat.api import services as api_services
from coffeechat.api.models import Scope
from coffeechat.mcpserver.server import Caller, acting_as, server

# Built with the URLconf, not on the first call: a client's first request probes for the 2026
# protocol with a 10 s timeout, and a cold worker that misses it makes the client fall back.
server()

# Headers the SDK's answer carries that WSGI sets itself, or that hop-by-hop rules forbid.
NOT_COPIED = {"content-length", "transfer-encoding", "connection"}


def _refused(status: int, message: str, **headers: str) -> HttpResponse:
    response = JsonResponse({"error": message}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


# /mcp/
@csrf_exempt
def endpoint(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        response = _refused(
            405, "This MCP server answers JSON-RPC over POST only (no SSE stream, no sessions)."
        )
        response["Allow"] = "POST"
        return response
    token = api_services.authenticate(request.headers.get("Authorization", ""))
    if token is None:
        return _refused(
            401,
            "Send a coffeechat API token: Authorization: Bearer cc_...",
            **{"WWW-Authenticate": 'Bearer realm="coffeechat"'},
        )
    wait = api_services.retry_after(token)
    if wait is not None:
        return _refused(
            429,
            f"Too many requests with this token: try again in {wait} s.",
            **{"Retry-After": str(wait)},
        )
    caller = Caller(user=token.owner, can_write=token.scope == Scope.WRITE)
    with acting_as(caller):
        status, headers, body = async_to_sync(_exchange)(_scope(request), request.body)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        if name.lower() not in NOT_COPIED:
            response[name] = value
    return response


def _scope(request: HttpRequest) -> dict[str, Any]:
    """The ASGI HTTP scope of this WSGI request (the headers as the client sent them)."""
    host, _, port = request.get_host().partition(":")
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": request.scheme,
        "root_path": "",
        "path": request.path,
        "raw_path": request.path.encode(),
        "query_string": request.META.get("QUERY_STRING", "").encode("latin-1"),
        "headers": [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in request.headers.items()
        ],
        "client": (request.META.get("REMOTE_ADDR", ""), 0),
        "server": (host, int(port) if port.isdigit() else 443 if request.is_secure() else 80),
    }


async def _exchange(scope: dict[str, Any], body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """Run one request through the SDK's transport and collect its whole answer."""
    answered = anyio.Event()
    delivered = False
    status, headers, chunks = 500, [], []

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await answered.wait()  # the client stays connected until the answer is complete
        return {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = [
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])
            ]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                answered.set()

    manager = StreamableHTTPSessionManager(
        app=server()._lowlevel_server, json_response=True, stateless=True
    )
    async with manager.run():
        await manager.handle_request(scope, receive, send)
    answered.set()
    return status, headers, b"".join(chunks)
