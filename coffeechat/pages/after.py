"""The After page of a conversation, put together in one place: prep's thank-you and reflection,
strategy's tag buttons and the obstacles raised, the target list's re-rating, and the resume
critique."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.prep import panels as prep_panels
from coffeechat.resumes import panels as resume_panels
from coffeechat.strategy import panels as strategy_panels
from coffeechat.strategy.evidence_items import TagPanel
from coffeechat.targets import panels as target_panels


@dataclass(frozen=True)
class AfterPage:
    TEMPLATE: ClassVar[str] = "prep/after.html"

    after: prep_panels.AfterPanel  # the thank-you, the reflection, what was captured
    tags: TagPanel  # the tag buttons of every captured item
    obstacles: strategy_panels.RaisedObstaclesPanel
    rerate: target_panels.RerateMotivationPanel
    resume: resume_panels.ResumeCritiquePanel


def after_page(
    *, owner: User, conversation: Conversation, now: datetime | None = None
) -> AfterPage:
    after = prep_panels.after_panel(conversation, now=now or timezone.now())
    return AfterPage(
        after=after,
        tags=strategy_panels.tag_panel(owner, conversation),
        obstacles=strategy_panels.raised_obstacles_panel(conversation, after.captures),
        rerate=target_panels.rerate_motivation_panel(owner, conversation),
        resume=resume_panels.resume_critique_panel(owner, conversation, page="after"),
    )
