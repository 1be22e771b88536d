"""What prep contributes to pages: a person's keep-in-touch cadence, Today's "going cold", and
the brief's, live and After pages' own parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from coffeechat.accounts.models import User
from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations.models import Conversation, Meeting, Note, Reminder
from coffeechat.lib.emails import mailto
from coffeechat.network.models import Person
from coffeechat.prep import checklists, hooks, queries, questions, thank_you
from coffeechat.prep.forms import AddQuestionForm, BriefForm, ReferralForm
from coffeechat.prep.models import Brief, Capture, Question
from coffeechat.prep.queries import Agenda


@dataclass(frozen=True)
class KeepInTouchPanel:
    person: Person
    every_weeks: int
    last_touch_at: datetime | None


def keep_in_touch_panel(person: Person) -> KeepInTouchPanel:
    return KeepInTouchPanel(
        person=person, every_weeks=person.keep_in_touch_weeks, last_touch_at=person.last_touch_at
    )


@dataclass(frozen=True)
class GoingColdPanel:
    """Today's stats row: how many people are going cold (the list is prep:going-cold)."""

    count: int


def going_cold_panel(owner: User, *, now: datetime) -> GoingColdPanel:
    return GoingColdPanel(count=queries.going_cold_count(owner, now))


@dataclass(frozen=True)
class AfterPanel:
    """The After page's own part: the thank-you draft, the reflection, what was captured."""

    conversation: Conversation
    brief: Brief
    subject: str  # the thank-you draft, from the notes
    body: str
    mailto: str
    captures: list[Capture]
    answers: list[Question]  # the questions that got an answer
    notes: list[Note]
    reminders: list[Reminder]  # the thank-you and the report-back
    reflection: list[tuple[checklists.Item, str]]  # each prompt with what was written
    now: datetime

    @property
    def person(self) -> Person:
        return self.conversation.person

    @property
    def has_advice(self) -> bool:
        return any(c.kind == "advice" for c in self.captures)


def after_panel(conversation: Conversation, *, now: datetime) -> AfterPanel:
    subject, body = thank_you.thank_you_draft(conversation)
    brief = queries.brief_for(conversation)
    return AfterPanel(
        conversation=conversation,
        brief=brief,
        subject=subject,
        body=body,
        mailto=mailto(conversation.person.email, subject=subject, body=body),
        captures=list(queries.captures_of(conversation)),
        answers=list(queries.questions_of(conversation).exclude(answer="")),
        notes=list(
            conversation.notes.filter(owner_id=conversation.owner_id).order_by("created_at")
        ),
        reminders=list(
            conversation_queries.reminders_of(conversation).filter(
                kind__in=[Reminder.Kind.THANK_YOU, Reminder.Kind.REPORT_BACK]
            )
        ),
        reflection=[(item, brief.reflection.get(item.key, "")) for item in checklists.REFLECTION],
        now=now,
    )


@dataclass(frozen=True)
class LivePanel:
    """The live page's own part: the clock, the plan to ask from, notes, the referral form."""

    conversation: Conversation
    meeting: Meeting | None
    brief: Brief
    plan: list[Question]
    referral_form: ReferralForm

    @property
    def person(self) -> Person:
        return self.conversation.person


def live_panel(
    conversation: Conversation, *, referral_form: ReferralForm | None = None
) -> LivePanel:
    return LivePanel(
        conversation=conversation,
        meeting=queries.meeting_of(conversation),
        brief=queries.brief_for(conversation),
        plan=list(queries.questions_of(conversation)),
        referral_form=referral_form or ReferralForm(),
    )


@dataclass(frozen=True)
class BriefPanel:
    """The brief's own part: the research form, the question plan and its agenda, suggestions."""

    conversation: Conversation
    meeting: Meeting | None
    form: BriefForm
    plan: list[Question]
    agenda: Agenda
    add_form: AddQuestionForm
    suggestions: list[questions.Suggestion]  # not yet in the plan
    bank: list[questions.BankQuestion]  # the question bank, less what is in the plan
    research_groups: tuple[tuple[str, str], ...] = checklists.RESEARCH_GROUPS

    @property
    def person(self) -> Person:
        return self.conversation.person


def brief_panel(
    owner: User,
    conversation: Conversation,
    *,
    form: BriefForm | None = None,
    add_form: AddQuestionForm | None = None,
) -> BriefPanel:
    """With a posted form that failed, if any (bound, with its errors)."""
    meeting = queries.meeting_of(conversation)
    plan = list(queries.questions_of(conversation))
    in_plan = {q.bank_key for q in plan}
    suggestions = questions.suggest(
        purpose=conversation.purpose,
        title=conversation.person.title,
        has_obstacles=bool(hooks.obstacles_of(conversation)),
    )
    if form is None:
        form = BriefForm(
            instance=queries.brief_for(conversation), mode=meeting.mode if meeting else "video"
        )
        form.enable_autosave(reverse("prep:brief", args=[conversation.pk]))
    return BriefPanel(
        conversation=conversation,
        meeting=meeting,
        form=form,
        plan=plan,
        agenda=queries.agenda_for(plan, meeting.minutes if meeting else owner.meeting_minutes),
        add_form=add_form or AddQuestionForm(),
        suggestions=[s for s in suggestions if s.question.key not in in_plan],
        bank=[q for q in questions.BANK if q.key not in in_plan],
    )
