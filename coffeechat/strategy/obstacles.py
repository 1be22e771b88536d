"""Writes for the career strategy's obstacles and their actions: adding, rewording, closing and
removing obstacles, their next steps, raising them in a conversation's brief, the question that
asks about one and the advice linked to it (method.md 11.5)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.lib.clock import current_time
from coffeechat.prep import services as prep
from coffeechat.prep.models import Capture, Question
from coffeechat.strategy import mentions
from coffeechat.strategy.models import Action, Obstacle
from coffeechat.strategy.services import clean_title
from coffeechat.strategy.text import normalized

MAX_OBSTACLES = 100
MAX_ACTIONS = 30  # per obstacle


def add_obstacle(
    *, owner: User, title: str, notes: str = "", now: datetime | None = None
) -> Obstacle:
    """A new obstacle. The same obstacle written another way (case, accents, punctuation) is
    refused with the one that exists named."""
    title = clean_title(title, "obstacle")
    same = Obstacle.objects.filter(owner=owner, key=normalized(title)[:200]).first()
    if same is not None:
        raise ValidationError({"title": f"You already have this obstacle: “{same.title}”."})
    if Obstacle.objects.filter(owner=owner).count() >= MAX_OBSTACLES:
        raise ValidationError(f"You have {MAX_OBSTACLES} obstacles: close or remove some first.")
    now = current_time(now)
    obstacle = Obstacle(
        owner=owner,
        title=title,
        key=normalized(title)[:200],
        notes=notes.strip(),
        created_at=now,
        status_changed_at=now,
    )
    obstacle.full_clean()
    obstacle.save()
    mentions.mark_dirty(owner.pk)  # obstacles' words make skills of themes
    return obstacle


@transaction.atomic
def update_obstacle(
    *,
    obstacle: Obstacle,
    title: str | None = None,
    notes: str | None = None,
    status: str | None = None,
    now: datetime | None = None,
) -> Obstacle:
    """Change what is given, all or nothing: its words (title, notes) and its status."""
    if title is not None or notes is not None:
        _reword_obstacle(
            obstacle,
            obstacle.title if title is None else title,
            obstacle.notes if notes is None else notes,
        )
    if status is not None:
        set_obstacle_status(obstacle=obstacle, status=status, now=now)
    return obstacle


def _reword_obstacle(obstacle: Obstacle, title: str, notes: str) -> None:
    title = clean_title(title, "obstacle")
    key = normalized(title)[:200]
    if (
        Obstacle.objects.filter(owner_id=obstacle.owner_id, key=key)
        .exclude(pk=obstacle.pk)
        .exists()
    ):
        raise ValidationError({"title": "You already have an obstacle with these words."})
    obstacle.title, obstacle.key, obstacle.notes = title, key, notes.strip()
    obstacle.full_clean()
    obstacle.save(update_fields=["title", "key", "notes", "updated_at"])
    mentions.mark_dirty(obstacle.owner_id)


def set_obstacle_status(
    *, obstacle: Obstacle, status: str, now: datetime | None = None
) -> Obstacle:
    """Open, working on it, or closed; closing records when (reopening clears it)."""
    if status not in Obstacle.Status.values:
        raise ValidationError({"status": "Choose open, working on it or closed."})
    if status == obstacle.status:
        return obstacle
    now = current_time(now)
    obstacle.status, obstacle.status_changed_at = status, now
    obstacle.closed_at = now if status == Obstacle.Status.CLOSED else None
    obstacle.save(update_fields=["status", "status_changed_at", "closed_at", "updated_at"])
    return obstacle


def delete_obstacle(*, obstacle: Obstacle) -> None:
    """Remove the obstacle and its actions (questions and advice stay where they are)."""
    obstacle.delete()


def add_action(
    *, obstacle: Obstacle, text: str, due_on: date | None = None, now: datetime | None = None
) -> Action:
    """A next step on the obstacle. Adding one to an open obstacle means you're working on it."""
    words = " ".join(text.split())
    if not words:
        raise ValidationError({"text": "Say what you'll do."})
    if obstacle.actions.count() >= MAX_ACTIONS:
        raise ValidationError(f"An obstacle holds at most {MAX_ACTIONS} actions.")
    action = Action(
        owner_id=obstacle.owner_id,
        obstacle=obstacle,
        text=words,
        due_on=due_on,
        created_at=current_time(now),
    )
    action.full_clean()
    with transaction.atomic():
        action.save()
        if obstacle.status == Obstacle.Status.OPEN:
            set_obstacle_status(obstacle=obstacle, status=Obstacle.Status.WORKING, now=now)
    return action


def set_action_done(*, action: Action, done: bool, now: datetime | None = None) -> Action:
    action.done_at = current_time(now) if done else None
    action.save(update_fields=["done_at", "updated_at"])
    return action


def delete_action(*, action: Action) -> None:
    action.delete()


def set_raised(*, conversation: Conversation, obstacle: Obstacle, raised: bool) -> Obstacle:
    """Raise the obstacle in this conversation's brief, or not."""
    if obstacle.owner_id != conversation.owner_id:
        raise ValidationError("That obstacle isn't yours.")
    if raised:
        obstacle.raised_in.add(conversation)
    else:
        obstacle.raised_in.remove(conversation)
    return obstacle


@transaction.atomic
def raise_new(*, conversation: Conversation, title: str, now: datetime | None = None) -> Obstacle:
    """Add an obstacle from a brief and raise it there; one you already have is raised as is."""
    title = clean_title(title, "obstacle")
    obstacle = Obstacle.objects.filter(
        owner_id=conversation.owner_id, key=normalized(title)[:200]
    ).first()
    if obstacle is None:
        obstacle = add_obstacle(owner=conversation.owner, title=title, now=now)
    obstacle.raised_in.add(conversation)
    return obstacle


def question_text(obstacle: Obstacle) -> str:
    return (
        f"One gap I see between me and this work is “{obstacle.title}”. In my place, how "
        "would you close it?"
    )


@transaction.atomic
def ask_about(
    *, conversation: Conversation, obstacle: Obstacle, now: datetime | None = None
) -> Question:
    """Add a question about the obstacle to the conversation's plan, linked to it (and raise it).

    A second click adds nothing: the question already planned is returned.
    """
    planned = obstacle.questions.filter(conversation=conversation).first()
    if planned is not None:
        return planned
    question = prep.add_question(conversation=conversation, text=question_text(obstacle), now=now)
    obstacle.questions.add(question)
    obstacle.raised_in.add(conversation)
    return question


def link_advice(*, obstacle: Obstacle, capture: Capture, linked: bool = True) -> Obstacle:
    """Link (or unlink) advice received in a conversation to the obstacle it is about."""
    if capture.owner_id != obstacle.owner_id:
        raise ValidationError("That advice isn't yours.")
    if linked:
        obstacle.captures.add(capture)
    else:
        obstacle.captures.remove(capture)
    return obstacle
