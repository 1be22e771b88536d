"""What resumes contributes to a person's page: their advice on your resume and what came of it."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.network.models import Person
from coffeechat.resumes import queries
from coffeechat.resumes.models import Suggestion

ADVICE_SHOWN = 20


@dataclass(frozen=True)
class ResumeAdvicePanel:
    person: Person
    suggestions: list[Suggestion]  # newest first, at most ADVICE_SHOWN

    @property
    def addressed(self) -> int:
        return sum(s.is_addressed for s in self.suggestions)


def resume_advice_panel(person: Person) -> ResumeAdvicePanel:
    return ResumeAdvicePanel(
        person=person, suggestions=list(queries.suggestions_from(person)[:ADVICE_SHOWN])
    )
