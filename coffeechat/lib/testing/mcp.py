"""The MCP SDK's own client against our server, in this process (mcpserver's tests)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import async_to_sync
from mcp import Client
from mcp_types import CallToolResult

from coffeechat.accounts.models import User
from coffeechat.mcpserver.server import Caller, acting_as, server


def in_process(
    user: User, session: Callable[[Client], Awaitable[Any]], *, can_write: bool = True
) -> Any:
    """Run `session` with an SDK client connected to the server in this process, as `user`."""

    async def run() -> Any:
        async with Client(server()) as client:
            return await session(client)

    with acting_as(Caller(user=user, can_write=can_write)):
        return async_to_sync(run)()


def call(user: User, tool: str, *, can_write: bool = True, **arguments: Any) -> CallToolResult:
    return in_process(user, lambda client: client.call_tool(tool, arguments), can_write=can_write)


def text_of(result: CallToolResult) -> str:
    return " ".join(getattr(block, "text", "") for block in result.content)
