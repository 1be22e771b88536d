"""The MCP server: coffeechat's tools on the official SDK (mcp.server.mcpserver.MCPServer).

One server object serves both transports. Who is calling comes from a context variable set
by the transport before any message is handled: `manage.py mcp --user EMAIL` (stdio) sets it
once for the process, the /mcp/ view (http.py) once per request from the bearer token. A
tool that writes refuses, as a tool error the model can read, when that caller may only read.

The SDK runs on an event loop; the tools are Django code. Each call goes through
`sync_to_async(thread_sensitive=True)`, so it runs on the thread that started the loop with
`async_to_sync`: the request's thread over HTTP (its database connection, closed by Django
at the end of the request), the main thread over stdio.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from asgiref.sync import sync_to_async
from django.core.exceptions import ValidationError
from django.db import close_old_connections, transaction
from django.utils import timezone
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations

from coffeechat.accounts.models import User
from coffeechat.mcpserver.tools import agenda, network, plans, writing
from coffeechat.mcpserver.tools.common import ToolProblem
from coffeechat.scheduling import zones

INSTRUCTIONS = """\
coffeechat helps one person run informational interviews ("coffee chats"): short
conversations they ask for, to learn about work, never to ask for a job. Each conversation
moves through stages (identified, contacted, replied, scheduled, met, thanked, nurturing =
keeping in touch; or closed: no_reply, declined) and coffeechat plans reminders for each step.
Find ids with search_people or today_agenda before acting on one. Messages are only ever
drafted here: the user reviews and sends them in coffeechat. Times are on the user's clock.
"""


@dataclass(frozen=True)
class Caller:
    """Who the tools act for, and whether they may change anything."""

    user: User
    can_write: bool
    long_lived: bool = False  # stdio: one process for hours, so stale connections are retired


_caller: ContextVar[Caller | None] = ContextVar("coffeechat_mcp_caller", default=None)


@contextmanager
def acting_as(caller: Caller) -> Iterator[None]:
    token = _caller.set(caller)
    try:
        yield
    finally:
        _caller.reset(token)


@dataclass(frozen=True)
class Spec:
    fn: Callable[..., dict[str, Any]]
    title: str
    description: str
    writes: bool = False


SPECS = [
    Spec(
        network.search_people,
        "Search people",
        (
            "Find people in the user's network by part of a name, organization, job title or "
            "email, optionally only those with a conversation in one stage. Returns ids for "
            "show_person and draft_message, and the total number of matches."
        ),
    ),
    Spec(
        network.search_organizations,
        "Search organizations",
        (
            "Find organizations (employers) in the user's network by name, industry or location, "
            "with how many of the user's people work there."
        ),
    ),
    Spec(
        network.show_person,
        "Show a person",
        (
            "One person: contact details, how the user knows them, their conversations (with "
            "ids and stages), the newest notes and introductions."
        ),
    ),
    Spec(
        network.show_conversation,
        "Show a conversation",
        (
            "One conversation: its stage and the stages it can move to, open reminders, "
            "meetings, times offered, messages, what the person said (captures), and which "
            "message it needs next."
        ),
    ),
    Spec(
        agenda.today_agenda,
        "Today's agenda",
        (
            "What the user should do today: overdue and due reminders (with people to ask next "
            "when a request went unanswered for 3 business days), today's meetings, the coming "
            "week's reminders and how many conversations are in each stage. Start here when "
            "the user asks what to do."
        ),
    ),
    Spec(
        agenda.list_reminders,
        "List reminders",
        (
            "Open reminders: 'due' (overdue and today) or 'upcoming' (the next days). Each has "
            "an id for complete_reminder."
        ),
    ),
    Spec(
        agenda.complete_reminder,
        "Complete a reminder",
        (
            "Mark a reminder done (or dismiss it). Only when the user says they did it: doing a "
            "keep-in-touch reminder logs a touch and plans the next one."
        ),
        writes=True,
    ),
    Spec(
        writing.draft_message,
        "Draft a message",
        (
            "Write or revise a draft (first request, LinkedIn note or message, the one "
            "follow-up, a reply accepting a meeting, a thank-you) and check it against the "
            "method's rules. Without a body it starts from the saved draft or a template filled "
            "from the person and the user. Saves the draft and returns the lint findings; it "
            "never sends anything: the user sends from coffeechat. Fix errors (severity 'error') "
            "and unfilled placeholders by sending a revised body."
        ),
        writes=True,
    ),
    Spec(
        writing.lint_message,
        "Check a message",
        (
            "Check a message text against the method's rules without saving it: too long, "
            "asking for a job, no specific reason, unfilled placeholders... Each finding has "
            "its rule, severity, the words it flags and why it matters."
        ),
    ),
    Spec(
        writing.record_note,
        "Record a note",
        ("Keep a note on a person, or on a conversation (and so its person), in the user's words."),
        writes=True,
    ),
    Spec(
        writing.record_capture,
        "Record what they said",
        (
            "Keep an insight, a piece of advice or a resource the person gave in a conversation. "
            "Captures feed the thank-you, the report-back reminder and the strategy's themes."
        ),
        writes=True,
    ),
    Spec(
        writing.move_stage,
        "Move a conversation's stage",
        (
            "Move a conversation to another stage when something happened outside coffeechat "
            "(they replied, the meeting took place, the user thanked them...). Reminders are "
            "re-planned from the day it happened. show_conversation lists the allowed moves."
        ),
        writes=True,
    ),
    Spec(
        writing.offer_times,
        "Offer meeting times",
        (
            "Offer two or three times for a meeting, on the user's clock. Keeps them on the "
            "conversation and returns a reply, written in the person's time zone, for the user "
            "to send. Sends nothing."
        ),
        writes=True,
    ),
    Spec(
        plans.target_list,
        "Target employer list",
        (
            "The user's list of target employers in LAMP order (Motivation, Posting, Advocacy) "
            "with the top five to work on now, the list's size against the goal of 40, and "
            "employers to re-rate after a conversation there."
        ),
    ),
    Spec(
        plans.add_target,
        "Add a target employer",
        (
            "Put an employer on the user's target list, by name (found among their "
            "organizations, any case, or created) or by organization id, with how it came on "
            "the list and, only if the user gave them, Motivation and Posting. Says whether it "
            "moved into the top five. Refused if already on the list."
        ),
        writes=True,
    ),
    Spec(
        plans.rate_target,
        "Rate a target employer",
        (
            "Set Motivation (1-5) and/or Posting (3/2/1) of an employer on the target list, as "
            "the user rates it (e.g. after a conversation there; see "
            "rerate_after_conversations in target_list). Returns its new place and what "
            "changed in the top five."
        ),
        writes=True,
    ),
    Spec(
        plans.strategy_themes,
        "Strategy themes",
        (
            "What at least two different people told the user (advice, skills, resources, "
            "organizations, people, topics), most-mentioned first, each with who said it."
        ),
    ),
]


def _signature(fn: Callable[..., Any]) -> inspect.Signature:
    """The tool's arguments as the model sees them: the function's, without the owner."""
    signature = inspect.signature(fn, eval_str=True)
    return signature.replace(
        parameters=[p for name, p in signature.parameters.items() if name != "owner"]
    )


def _call(spec: Spec, caller: Caller, arguments: dict[str, Any]) -> dict[str, Any]:
    if caller.long_lived:
        close_old_connections()
    user = User.objects.filter(pk=caller.user.pk, is_active=True).first()
    if user is None:  # deleted or deactivated since the connection started
        raise ToolError("This coffeechat account is no longer active.")
    try:
        # A refused write leaves nothing half done (a conversation started for a bad draft).
        with (
            timezone.override(zones.zone_of_user(user)),
            transaction.atomic() if spec.writes else nullcontext(),
        ):
            return spec.fn(user, **arguments)
    except ToolProblem as problem:
        raise ToolError(str(problem)) from None
    except ValidationError as error:
        raise ToolError(" ".join(error.messages)) from None
    finally:
        if caller.long_lived:
            close_old_connections()


def _tool(spec: Spec) -> Callable[..., Any]:
    name = spec.fn.__name__

    async def run(**arguments: Any) -> dict[str, Any]:
        caller = _caller.get()
        if caller is None:
            raise ToolError("Nobody is signed in to this coffeechat server.")
        if spec.writes and not caller.can_write:
            raise ToolError(
                f"{name} changes the user's data, and this connection may only "
                "read. Nothing was changed. Ask the user for a token with the "
                "write scope (Settings → API tokens) to do this."
            )
        return await sync_to_async(_call, thread_sensitive=True)(spec, caller, arguments)

    run.__name__ = name
    run.__signature__ = _signature(spec.fn)  # type: ignore[attr-defined]
    return run


@cache
def server() -> MCPServer:
    """The one server object, with every tool registered (built on first use)."""
    mcp = MCPServer(
        "coffeechat", title="coffeechat", instructions=INSTRUCTIONS, log_level="WARNING"
    )
    for spec in SPECS:
        mcp.add_tool(
            _tool(spec),
            name=spec.fn.__name__,
            title=spec.title,
            description=spec.description,
            structured_output=True,
            annotations=ToolAnnotations(
                read_only_hint=not spec.writes, destructive_hint=False, open_world_hint=False
            ),
        )
    return mcp
