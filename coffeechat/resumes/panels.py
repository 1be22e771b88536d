"""What resumes contributes to other apps' pages: a person's advice on your resume and what came
of it, the brief's version to bring, and the critique on Live and After."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.network.models import Person
from coffeechat.prep import queries as prep_queries
from coffeechat.resumes import critique, queries
from coffeechat.resumes.models import Handout, Resume, Suggestion, Version

ADVICE_SHOWN = 20
MAX_CHOICES = 50  # resumes offered in a select; nobody keeps more, and the page stays bounded


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


@dataclass(frozen=True)
class ResumeToBringPanel:
    """The brief's "which version to bring" (method.md RULE-R1)."""

    conversation: Conversation
    handout: Handout | None  # what was chosen for this conversation, if anything
    resume: Resume | None  # the handout's resume, else the one that fits this employer best
    latest: Version | None
    choices: list[Resume]  # at most MAX_CHOICES, for the select

    @property
    def person(self) -> Person:
        return self.conversation.person

    @property
    def changed_since(self) -> bool:
        """The resume got a newer version after the one chosen for this conversation."""
        handout, latest = self.handout, self.latest
        return bool(
            handout and handout.version and latest and latest.number > handout.version.number
        )


def resume_to_bring_panel(owner: User, conversation: Conversation) -> ResumeToBringPanel:
    handout = queries.handout_for(conversation)
    default = handout.resume if handout else queries.default_resume_for(conversation)
    return ResumeToBringPanel(
        conversation=conversation,
        handout=handout,
        resume=default,
        latest=queries.latest_version(default) if default else None,
        choices=list(queries.resume_choices(owner)[:MAX_CHOICES]),
    )


@dataclass(frozen=True)
class ResumeCritiquePanel(ResumeToBringPanel):
    """Live and After: was it handed over, and their suggestions, one per line (RULE-R2)."""

    suggestions: list[Suggestion] = field(default_factory=list)
    page: str = "live"  # which page it is on: "live" or "after"
    prefill: str = ""  # what they said during the conversation, ready to split into suggestions


def resume_critique_panel(
    owner: User, conversation: Conversation, *, page: str
) -> ResumeCritiquePanel:
    base = resume_to_bring_panel(owner, conversation)
    made = list(queries.suggestions_in(conversation))
    feedback = "" if made else prep_queries.brief_for(conversation).resume_feedback
    return ResumeCritiquePanel(
        **{f.name: getattr(base, f.name) for f in fields(ResumeToBringPanel)},
        suggestions=made,
        page=page,
        prefill="\n".join(critique.split_suggestions(feedback)),
    )
