"""What occupations contributes to other apps' pages: the brief's occupation, matched from the
person's title or chosen."""

from __future__ import annotations

from coffeechat.conversations.models import Conversation
from coffeechat.occupations import queries
from coffeechat.occupations.queries import Panel as OccupationPanel


def occupation_panel(conversation: Conversation) -> OccupationPanel:
    return queries.panel_for(conversation)
