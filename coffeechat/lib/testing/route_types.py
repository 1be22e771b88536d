"""The shapes the route tables are made of, importable by every app's `tests/routes.py`.

They live apart from `routes.py` so an app's table can import them while `routes.py` imports
the app's table (see `routes.app_tables`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coffeechat.accounts.models import User
from coffeechat.cards.models import Card
from coffeechat.conversations.models import Conversation, Meeting, Note, Reminder, SlotProposal
from coffeechat.imports.models import ContactImport
from coffeechat.network.models import Introduction, Organization, Person, Tag
from coffeechat.prep.models import Capture, Question


@dataclass
class World:
    """One user's rows: a person at an organization, with a conversation and what hangs off it."""

    owner: User
    person: Person
    other_person: Person
    organization: Organization
    tag: Tag
    conversation: Conversation
    reminder: Reminder
    meeting: Meeting
    note: Note
    introduction: Introduction
    card: Card | None = None  # a scanned business card waiting for review
    contact_import: ContactImport | None = None  # an uploaded CSV waiting for review
    proposal: SlotProposal | None = None  # a time offered and not yet confirmed
    question: Question | None = None  # a planned question, answered
    capture: Capture | None = None  # advice captured during the conversation
    # Rows added by later apps' `build(world)`, by a name of their choosing ("target", ...).
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    """A project route: its URL kwargs and a plausible POST for the given world."""

    kwargs: Callable[[World], dict[str, int]] = lambda w: {}
    post: Callable[[World], dict[str, Any]] = lambda w: {}
    post_only: bool = False
    get_query: dict[str, str] = field(default_factory=dict)
