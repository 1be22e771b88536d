"""A conversation's brief (preparing for it), put together in one place: prep's research and
question plan, the occupation matched from the person's title, the obstacles to raise, and which
resume to bring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.occupations import panels as occupation_panels
from coffeechat.prep import panels as prep_panels
from coffeechat.prep.forms import AddQuestionForm, BriefForm
from coffeechat.resumes import panels as resume_panels
from coffeechat.strategy import panels as strategy_panels


@dataclass(frozen=True)
class BriefPage:
    TEMPLATE: ClassVar[str] = "prep/brief.html"

    brief: prep_panels.BriefPanel  # research, the plan and agenda, suggested questions
    occupation: occupation_panels.OccupationPanel
    obstacles: strategy_panels.BriefObstaclesPanel
    resume: resume_panels.ResumeToBringPanel


def brief_page(
    *,
    owner: User,
    conversation: Conversation,
    form: BriefForm | None = None,
    add_form: AddQuestionForm | None = None,
) -> BriefPage:
    """With the form posted from the page that failed, if any, bound with its errors."""
    return BriefPage(
        brief=prep_panels.brief_panel(owner, conversation, form=form, add_form=add_form),
        occupation=occupation_panels.occupation_panel(conversation),
        obstacles=strategy_panels.brief_obstacles_panel(conversation),
        resume=resume_panels.resume_to_bring_panel(owner, conversation),
    )
