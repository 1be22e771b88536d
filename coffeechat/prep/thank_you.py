"""The thank-you draft (T8): 50-150 words that cite one thing captured in the meeting.

A read, not a write: the composer (outreach) prefills it and the lint checks what it cites
(method.md RULE-T1..T4).
"""

from __future__ import annotations

import re
from datetime import datetime

from django.utils import timezone

from coffeechat.conversations.models import Conversation, Meeting
from coffeechat.lib.clock import current_time
from coffeechat.prep import queries
from coffeechat.prep.models import Capture

# RULE-E3's job words (method.md 4.2): a thank-you must not contain them (RULE-T4).
JOB_WORDS = re.compile(
    r"\b(jobs?|positions?|openings?|vacanc(?:y|ies)|hiring|hire[sd]?|apply|applying|"
    r"applications?|internships?|employment|opportunit(?:y|ies)|resumes?|cv)\b",
    re.I,
)
QUOTE_WORDS = 30
SPECIFIC_KINDS = (Capture.Kind.ADVICE, Capture.Kind.INSIGHT, Capture.Kind.RESOURCE)


def thank_you_draft(conversation: Conversation, *, now: datetime | None = None) -> tuple[str, str]:
    """A T8 thank-you (subject, body): 50-150 words, citing one captured thing (RULE-T1..T4).

    It names one specific item (advice first, then an insight, a resource, an answer, a note),
    says what the user will do with it, thanks them for any introduction, and has no job
    words and no attachment. Items with job words are passed over.
    """
    now = current_time(now)
    person = conversation.person
    kind, cited = _specific_item(conversation)
    body = [
        f"Hi {person.first_name},",
        "",
        f"Thank you for taking the time to talk with me{_when(conversation, now)}; "
        "I really appreciated how openly you shared your experience. "
        + _citing(kind, cited)
        + _introductions(conversation)
        + " I'll let you know how it goes.",
        "",
        "Thanks again,",
        conversation.owner.display_name or "",
    ]
    return _subject(conversation), "\n".join(body).rstrip() + "\n"


def cited_items(conversation: Conversation) -> list[str]:
    """What a thank-you may cite (RULE-T4): the advice, insights and resources captured, the
    answers jotted to planned questions and the conversation's notes, one text each."""
    captures = queries.captures_of(conversation).filter(kind__in=SPECIFIC_KINDS)
    answered = queries.questions_of(conversation).exclude(answer="")
    notes = conversation.notes.filter(owner_id=conversation.owner_id).order_by("created_at")
    return [c.text for c in captures] + [q.answer for q in answered] + [n.body for n in notes]


def _specific_item(conversation: Conversation) -> tuple[str, str]:
    captures = list(queries.captures_of(conversation).filter(kind__in=SPECIFIC_KINDS))
    for kind in SPECIFIC_KINDS:
        for capture in captures:
            if capture.kind == kind and not JOB_WORDS.search(capture.text):
                return kind, capture.text
    answered = queries.questions_of(conversation).exclude(answer="")
    notes = conversation.notes.filter(owner_id=conversation.owner_id).order_by("created_at")
    for text in [q.answer for q in answered] + [n.body for n in notes]:
        if not JOB_WORDS.search(text):
            return "answer", text
    return "", ""


def _quote(text: str) -> str:
    words = text.split()
    short = " ".join(words[:QUOTE_WORDS]) + ("…" if len(words) > QUOTE_WORDS else "")
    return short.rstrip(".!;:, ")


def _citing(kind: str, text: str) -> str:
    if not text:
        return (
            "[One specific thing you learned or valued.] Based on your advice, I'm going "
            "to [what you will do]."
        )
    quoted = f"“{_quote(text)}”"
    if kind == Capture.Kind.ADVICE:
        return (
            f"Your advice has stayed with me: {quoted}. I'm going to act on it over the "
            "next two weeks."
        )
    if kind == Capture.Kind.RESOURCE:
        return (
            f"Thank you for pointing me to {quoted}. I'm going to look into it this week "
            "and put what I learn to use."
        )
    return (
        f"One thing I keep thinking about is what you said: {quoted}. It gave me a much "
        "clearer picture, and I'm going to build on it."
    )


def _introductions(conversation: Conversation) -> str:
    names = [
        c.referred.full_name
        for c in queries.captures_of(conversation).filter(
            kind=Capture.Kind.REFERRAL, referred__isnull=False
        )
        if c.referred is not None  # the filter says so; the type checker can't know
    ]
    if not names:
        return ""
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
    return f" Thank you as well for suggesting I talk with {who}; I'll reach out soon."


def _when(conversation: Conversation, now: datetime) -> str:
    """ " today", " yesterday", " on Monday", " recently", or nothing for a meeting to come."""
    meeting = conversation.meetings.filter(status=Meeting.Status.HELD).order_by(
        "-starts_at"
    ).first() or queries.meeting_of(conversation)
    # The day they met is the meeting's own day, not the day "We met" was pressed.
    met_at = meeting.starts_at if meeting else now
    calendar = conversation.owner.calendar
    days = (calendar.local_date(now) - calendar.local_date(met_at)).days
    if days < 0:
        return ""  # drafted before the meeting: never "today" about another day
    if days == 0:
        return " today"
    if days == 1:
        return " yesterday"
    local = timezone.localtime(met_at, calendar.zone)
    return f" on {local:%A}" if days < 7 else " recently"


def _subject(conversation: Conversation) -> str:
    topic = " ".join(conversation.purpose.split()).rstrip(".?!")
    if not topic or JOB_WORDS.search(topic) or len(topic) > 70:
        return "Thank you for our conversation"
    if topic[:2].istitle() and not topic[:2].isupper():  # "How teams..." -> "how teams..."
        topic = topic[0].lower() + topic[1:]
    return f"Thank you — {topic}"
