"""The shapes the route tables are made of, importable by every app's `tests/routes.py`, and
where those tables are found (`app_tables`).

They live apart from `routes.py` so an app's table can import them while `routes.py` imports
the app's table.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps

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


def app_tables() -> list[ModuleType]:
    """Every `coffeechat.<app>.tests.routes` module, in app order.

    Such a module may define OBJECT_ROUTES, PAGE_ROUTES and TOKEN_ROUTES (as in routes.py), LISTS (the
    pages where alice must see her canaries), CANARIES, and `build(world)`, which adds the app's
    rows for alice through its services and keeps them in `world.extra`.
    """
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.routes"
        if (
            config.name.startswith("coffeechat.")
            and config.name != "coffeechat.lib"
            and importlib.util.find_spec(f"{config.name}.tests") is not None
            and importlib.util.find_spec(name) is not None
        ):
            found.append(importlib.import_module(name))
    return found
