"""The critique loop (method.md RULE-R1, RULE-R2): the resume to bring to a conversation, and
the suggestions heard there, each addressed, declined or reopened."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.resumes import entries, queries
from coffeechat.resumes.models import Handout, Resume, Suggestion, Version

# The critique loop (method.md RULE-R1, RULE-R2) -------------------------------------------------
MAX_SUGGESTIONS = 30  # at once, from one conversation: more is a pasted document, not advice


@transaction.atomic
def choose_handout(*, conversation: Conversation, resume: Resume) -> Handout:
    """The resume (at its current version) to bring to this conversation (method.md RULE-R1)."""
    if resume.owner_id != conversation.owner_id:
        raise ValidationError("That resume isn't yours.")
    version = resume.versions.order_by("-number").first()
    handout, _ = Handout.objects.update_or_create(
        conversation=conversation,
        owner_id=conversation.owner_id,
        defaults={"resume": resume, "version": version},
    )
    return handout


@transaction.atomic
def set_handed_over(*, conversation: Conversation, handed_over: bool) -> Handout:
    handout = queries.handout_for(conversation)
    if handout is None:
        resume = queries.default_resume_for(conversation)
        if resume is None:
            raise ValidationError("You have no resume yet: build one under Resumes first.")
        handout = choose_handout(conversation=conversation, resume=resume)
    handout.handed_over = handed_over
    handout.save(update_fields=["handed_over", "updated_at"])
    return handout


def split_suggestions(text: str) -> list[str]:
    """One suggestion per line; list marks ("- ", "• ", "1. ") go, empty lines are skipped."""
    lines = [entries.LIST_MARK.sub("", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


@transaction.atomic
def add_suggestions(
    *,
    conversation: Conversation,
    texts: list[str],
    resume: Resume | None = None,
    now: datetime | None = None,
) -> list[Suggestion]:
    """Advice on the resume from this conversation's person, one row per suggestion.

    They attach to the resume (and version) brought to the conversation, else to `resume`,
    else to the one the brief would default to.
    """
    texts = [" ".join(t.split()) for t in texts if t.strip()]
    if not texts:
        raise ValidationError({"text": "Write at least one suggestion."})
    if len(texts) > MAX_SUGGESTIONS:
        raise ValidationError(
            {"text": f"That's {len(texts)} lines: at most {MAX_SUGGESTIONS} suggestions at once."}
        )
    handout = queries.handout_for(conversation)
    version = None
    if resume is None and handout is not None:
        resume, version = handout.resume, handout.version
    resume = resume or queries.default_resume_for(conversation)
    if resume is None:
        raise ValidationError(
            "You have no resume yet: build one under Resumes, then add the suggestions."
        )
    if resume.owner_id != conversation.owner_id:
        raise ValidationError("That resume isn't yours.")
    version = version or resume.versions.order_by("-number").first()
    now = now or timezone.now()
    made = []
    for text in texts:
        suggestion = Suggestion(
            owner_id=conversation.owner_id,
            resume=resume,
            version=version,
            conversation=conversation,
            person=conversation.person,
            text=text,
            created_at=now,
        )
        suggestion.full_clean()
        suggestion.save()
        made.append(suggestion)
    return made


@transaction.atomic
def address(
    *, suggestion: Suggestion, version: Version, note: str = "", now: datetime | None = None
) -> Suggestion:
    """Mark a suggestion taken in by `version` (of its resume, newer than the one critiqued):
    method.md RULE-R2."""
    if version.resume_id != suggestion.resume_id:
        raise ValidationError({"version": "Pick a version of the same resume."})
    if suggestion.version is not None and version.number <= suggestion.version.number:
        raise ValidationError(
            {
                "version": (
                    f"Version {version.number} is not newer than version {suggestion.version.number}, "
                    "the one they saw: make the change first, then mark it addressed."
                )
            }
        )
    suggestion.status = Suggestion.Status.ADDRESSED
    suggestion.addressed_in = version
    suggestion.note = note.strip()
    suggestion.resolved_at = now or timezone.now()
    suggestion.save()
    return suggestion


@transaction.atomic
def decline(*, suggestion: Suggestion, reason: str, now: datetime | None = None) -> Suggestion:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why, in a few words: it helps when you report back."})
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.addressed_in = None
    suggestion.note = reason
    suggestion.resolved_at = now or timezone.now()
    suggestion.save()
    return suggestion


@transaction.atomic
def reopen(*, suggestion: Suggestion) -> Suggestion:
    suggestion.status = Suggestion.Status.OPEN
    suggestion.addressed_in = None
    suggestion.note = ""
    suggestion.resolved_at = None
    suggestion.save()
    return suggestion
