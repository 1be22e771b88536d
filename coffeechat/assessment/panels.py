"""What the self-assessment contributes to pages (its own overview and /you/): the latest
interest result, the ranked values and the talents, one query per section."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.accounts.models import User
from coffeechat.assessment import inventory, queries
from coffeechat.assessment.models import InterestAttempt, Talent, WorkValue
from coffeechat.assessment.values import TOP


@dataclass(frozen=True)
class AssessmentPanel:
    draft: InterestAttempt | None  # an inventory started and not finished
    result: queries.Result | None  # the latest finished one, scored
    values: list[WorkValue]  # most important first
    talents: list[Talent]
    heading_level: int = 2  # the panel's own heading; its sections are one below
    total: int = len(inventory.ITEMS)  # the inventory's questions
    top: int = TOP  # how many values count as the top of the ranking

    @property
    def draft_answered(self) -> int:
        return len(self.draft.answers) if self.draft else 0

    @property
    def section_level(self) -> int:
        return self.heading_level + 1


def assessment_panel(owner: User, *, heading_level: int = 2) -> AssessmentPanel:
    draft, latest = queries.draft_and_latest(owner)
    return AssessmentPanel(
        draft=draft,
        result=queries.result_of(latest) if latest else None,
        values=list(queries.values_of(owner)),
        talents=list(queries.talents_of(owner)),
        heading_level=heading_level,
    )
