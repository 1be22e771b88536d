"""When an option is due a synthesis (every few conversations about it, method.md 11.5 step 3)
and the draft built from its evidence: what people said, open questions, the next prototype."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Q,
)

from coffeechat.accounts.models import User
from coffeechat.prep.models import Brief, Question
from coffeechat.strategy import document
from coffeechat.strategy.evidence_items import evidence_key
from coffeechat.strategy.models import (
    Evidence,
    Mention,
    Obstacle,
    Option,
    Synthesis,
    Tag,
)
from coffeechat.strategy.queries import SYNTHESIS_EVERY, panel_options

# Synthesis (method.md 11.3, 11.5 step 3) ----------------------------------------------------------


def conversations_by_option(owner: User, option_ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many different conversations have evidence linked to each option."""
    evidence = Evidence.objects.filter(
        owner=owner, option__isnull=False, conversation__isnull=False
    )
    if option_ids is not None:
        evidence = evidence.filter(option_id__in=list(option_ids))
    rows = evidence.values("option").annotate(n=Count("conversation", distinct=True)).order_by()
    return {row["option"]: row["n"] for row in rows}


def next_synthesis_at(last_count: int) -> int:
    """The conversation count at which the next synthesis is due: 3, 6, 9..."""
    return (last_count // SYNTHESIS_EVERY + 1) * SYNTHESIS_EVERY


@dataclass
class Due:
    option: Option
    conversations: int


def syntheses_due(owner: User) -> list[Due]:
    """Options (not dropped) that reached their 3rd, 6th... conversation since the last
    synthesis was accepted (2 queries)."""
    options = panel_options(owner)
    counts = conversations_by_option(owner, [o.pk for o in options])
    latest: dict[int, int] = {}
    for option_id, count in Synthesis.objects.filter(owner=owner).values_list(
        "option", "conversations_count"
    ):
        latest[option_id] = max(count, latest.get(option_id, 0))
    return [
        Due(o, counts[o.pk])
        for o in options
        if counts.get(o.pk, 0) >= next_synthesis_at(latest.get(o.pk, 0))
    ]


@dataclass
class Proposal:
    option: Option
    conversations: int
    likes: str = ""
    deal_breakers: str = ""
    gaps: str = ""
    open_questions: str = ""
    next_prototype: str = ""
    sections: list[tuple[str, str, str]] = field(default_factory=list)


def propose_synthesis(option: Option) -> Proposal:
    """A one-page synthesis from the option's evidence, for the user to edit and accept.

    Likes and deal-breakers are "confirmed" when two different people said the same thing
    (the same theme term); the rest are listed as one voice.
    """
    owner_id = option.owner_id
    evidence = list(
        Evidence.objects.filter(owner_id=owner_id, option=option)
        .select_related("capture__referred", "question", "note", "person")
        .order_by("said_at", "pk")[:300]
    )
    conversations = {e.conversation_id for e in evidence if e.conversation_id}
    terms = _terms_by_evidence(owner_id, evidence)
    proposal = Proposal(option=option, conversations=len(conversations))
    proposal.likes = _voices([e for e in evidence if e.tag == Tag.FIT_PLUS], terms)
    proposal.deal_breakers = _voices([e for e in evidence if e.tag == Tag.FIT_MINUS], terms)
    gaps = [f"- {document.quote(e)} ({e.person})" for e in evidence if e.tag == Tag.GAP]
    gaps += [
        f"- Obstacle: {title}"
        for title in Obstacle.objects.filter(owner_id=owner_id)
        .exclude(status=Obstacle.Status.CLOSED)
        .values_list("title", flat=True)[:10]
    ]
    proposal.gaps = "\n".join(gaps)
    proposal.open_questions = _open_questions(owner_id, conversations)
    proposal.next_prototype = _next_prototype(option, evidence)
    return proposal


def _terms_by_evidence(owner_id: int, evidence: list[Evidence]) -> dict[int, set[str]]:
    by_item = {evidence_key(e): e.pk for e in evidence}
    found: dict[int, set[str]] = defaultdict(set)
    mentions = Mention.objects.filter(owner_id=owner_id).filter(
        Q(capture__in=[e.capture_id for e in evidence if e.capture_id])
        | Q(question__in=[e.question_id for e in evidence if e.question_id])
        | Q(note__in=[e.note_id for e in evidence if e.note_id])
    )
    for capture_id, question_id, note_id, term in mentions.values_list(
        "capture", "question", "note", "term"
    ):
        key = (
            f"capture:{capture_id}"
            if capture_id
            else f"question:{question_id}"
            if question_id
            else f"note:{note_id}"
        )
        found[by_item[key]].add(term)
    return found


def _voices(evidence: list[Evidence], terms: dict[int, set[str]]) -> str:
    """Confirmed lines (two or more people share a term) first, then single voices."""
    people_by_term: dict[str, set[int]] = defaultdict(set)
    for e in evidence:
        for term in terms.get(e.pk, ()):
            people_by_term[term].add(e.person_id)
    lines: list[str] = []
    confirmed = {
        e.pk for e in evidence if any(len(people_by_term[t]) > 1 for t in terms.get(e.pk, ()))
    }
    said = [e for e in evidence if e.pk in confirmed]
    if said:
        names = ", ".join(dict.fromkeys(str(e.person) for e in said))
        lines.append(f"Confirmed by {names}:")
        lines += [f"- {document.quote(e)} ({e.person})" for e in said]
    single = [e for e in evidence if e.pk not in confirmed]
    if single:
        lines.append("One voice so far:")
        lines += [f"- {document.quote(e)} ({e.person})" for e in single]
    return "\n".join(lines)


def _open_questions(owner_id: int, conversation_ids: set[int]) -> str:
    unanswered = (
        Question.objects.filter(owner_id=owner_id, conversation__in=conversation_ids, answer="")
        .order_by("-must_ask", "position")
        .values_list("text", flat=True)[:6]
    )
    lines = [f"- {text}" for text in unanswered]
    for reflection in Brief.objects.filter(
        owner_id=owner_id, conversation__in=conversation_ids
    ).values_list("reflection", flat=True)[:20]:
        answer = (reflection or {}).get("next", "").strip()
        if answer:
            lines.append(f"- {answer}")
    return "\n".join(lines[:10])


EXPERIENCE_WORDS = (
    "project",
    "volunteer",
    "shadow",
    "course",
    "internship",
    "portfolio",
    "case study",
    "assignment",
    "certificate",
    "bootcamp",
)


def _next_prototype(option: Option, evidence: list[Evidence]) -> str:
    """A prototype conversation (a lead) and a prototype experience (method.md 11.3)."""
    lines = []
    for e in evidence:
        referred = e.capture.referred if e.capture_id and e.capture else None
        if e.tag == Tag.LEAD and referred is not None:
            lines.append(f"- Conversation: talk to {referred} (suggested by {e.person})")
    for e in evidence:
        if any(word in e.text.lower() for word in EXPERIENCE_WORDS) and e.tag != Tag.FIT_MINUS:
            lines.append(f"- Experience: {document.quote(e)} ({e.person})")
            break
    if not lines:
        lines.append(
            f"- Conversation: someone doing “{option.title}” day to day; ask what "
            "they love and hate about it."
        )
    return "\n".join(lines[:6])
