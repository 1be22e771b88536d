"""The live page of a conversation (during the meeting), put together in one place: prep's plan,
notes and captures, strategy's tag buttons on each capture, and the resume critique."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.prep import panels as prep_panels
from coffeechat.prep import queries as prep_queries
from coffeechat.prep.forms import CaptureForm, ReferralForm
from coffeechat.prep.models import Capture
from coffeechat.resumes import panels as resume_panels
from coffeechat.strategy import panels as strategy_panels
from coffeechat.strategy.evidence_items import TagPanel


@dataclass(frozen=True)
class CaptureCard:
    """Quick capture: its form, and what was captured with each one's tag buttons."""

    TEMPLATE: ClassVar[str] = "prep/live.html#captures"  # what an htmx capture redraws

    conversation: Conversation
    captures: list[Capture]
    form: CaptureForm
    tags: TagPanel


@dataclass(frozen=True)
class LivePage:
    TEMPLATE: ClassVar[str] = "prep/live.html"

    live: prep_panels.LivePanel  # the clock, the plan, notes, the referral form
    captures: CaptureCard
    resume: resume_panels.ResumeCritiquePanel


def capture_card(
    *, owner: User, conversation: Conversation, form: CaptureForm | None = None
) -> CaptureCard:
    return CaptureCard(
        conversation=conversation,
        captures=list(prep_queries.captures_of(conversation)),
        form=form or CaptureForm(),
        tags=strategy_panels.tag_panel(owner, conversation),
    )


def live_page(
    *,
    owner: User,
    conversation: Conversation,
    capture_form: CaptureForm | None = None,
    referral_form: ReferralForm | None = None,
) -> LivePage:
    """With the form posted from the page that failed, if any, bound with its errors."""
    return LivePage(
        live=prep_panels.live_panel(conversation, referral_form=referral_form),
        captures=capture_card(owner=owner, conversation=conversation, form=capture_form),
        resume=resume_panels.resume_critique_panel(owner, conversation, page="live"),
    )
