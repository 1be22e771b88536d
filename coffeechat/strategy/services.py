"""Writes for the career strategy: obstacles and their actions, options, evidence tags, themes,
syntheses and the strategy document's versions (method.md 11.3-11.5)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Note
from coffeechat.lib.clock import current_time
from coffeechat.network.models import Organization
from coffeechat.occupations import queries as occupations
from coffeechat.prep import services as prep
from coffeechat.prep.models import Capture, Question
from coffeechat.strategy import document, mentions, themes
from coffeechat.strategy.models import (
    Action,
    Evidence,
    Obstacle,
    Option,
    StrategyVersion,
    Synthesis,
    Tag,
    Theme,
)
from coffeechat.strategy.text import normalized

MAX_OBSTACLES = 100
MAX_ACTIONS = 30  # per obstacle
MAX_OPTIONS = 50
MAX_DOCUMENT = 50_000  # characters
SYNTHESIS_FIELDS = ("likes", "deal_breakers", "gaps", "open_questions", "next_prototype")


def _clean_title(title: str, what: str) -> str:
    title = " ".join(title.split())
    if not normalized(title):
        raise ValidationError({"title": f"Write the {what} first."})
    return title


# Obstacles ----------------------------------------------------------------------------------------


def add_obstacle(
    *, owner: User, title: str, notes: str = "", now: datetime | None = None
) -> Obstacle:
    """A new obstacle. The same obstacle written another way (case, accents, punctuation) is
    refused with the one that exists named."""
    title = _clean_title(title, "obstacle")
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
    title = _clean_title(title, "obstacle")
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
    title = _clean_title(title, "obstacle")
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


# Options ------------------------------------------------------------------------------------------

OPTION_FIELDS = ("title", "occupation_code", "occupation_title", "description")


def _organizations(owner_id: int, organization_ids: Iterable[int]) -> list[Organization]:
    wanted = set(organization_ids)
    found = list(Organization.objects.filter(owner_id=owner_id, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"organizations": "Choose employers from your own list."})
    return found


@transaction.atomic
def add_option(
    *,
    owner: User,
    title: str,
    organization_ids: Iterable[int] = (),
    status: str = Option.Status.EXPLORE,
    link_occupation: str = "",
    now: datetime | None = None,
    **fields: Any,
) -> Option:
    """An occupation or role to explore (optionally at some employers, optionally linked to an
    O*NET occupation as set_option_occupation links it)."""
    if Option.objects.filter(owner=owner).count() >= MAX_OPTIONS:
        raise ValidationError(f"You have {MAX_OPTIONS} options: drop or remove some first.")
    now = current_time(now)
    option = Option(
        owner=owner,
        title=_clean_title(title, "option"),
        status=status,
        created_at=now,
        status_changed_at=now,
        **{
            k: " ".join(str(v).split()) if k != "description" else str(v).strip()
            for k, v in fields.items()
            if k in OPTION_FIELDS
        },
    )
    option.full_clean()
    option.save()
    option.organizations.set(_organizations(owner.pk, organization_ids))
    if link_occupation:
        set_option_occupation(option=option, occupation_code=link_occupation)
    return option


@transaction.atomic
def update_option(
    *,
    option: Option,
    organization_ids: Iterable[int] | None = None,
    link_occupation: str | None = None,
    status: str | None = None,
    now: datetime | None = None,
    **fields: Any,
) -> Option:
    """Change what is given, all or nothing: the fields as typed (OPTION_FIELDS), the employers
    (organization_ids), the O*NET occupation to link (a code checked against the data loaded,
    as set_option_occupation; empty unlinks) and the status (set_option_status). The option
    page and the API both change an option through here."""
    if fields or organization_ids is not None:
        _save_option(option, organization_ids, fields)
    if link_occupation is not None:
        set_option_occupation(option=option, occupation_code=link_occupation)
    if status is not None:
        set_option_status(option=option, status=status, now=now)
    return option


def _save_option(
    option: Option, organization_ids: Iterable[int] | None, fields: dict[str, Any]
) -> None:
    for name, value in fields.items():
        if name not in OPTION_FIELDS:
            raise ValidationError(f"Unknown field {name}.")
        setattr(
            option,
            name,
            str(value).strip() if name == "description" else " ".join(str(value).split()),
        )
    option.title = _clean_title(option.title, "option")
    option.full_clean()
    option.save()
    if organization_ids is not None:
        option.organizations.set(_organizations(option.owner_id, organization_ids))


def set_option_status(*, option: Option, status: str, now: datetime | None = None) -> Option:
    """Explore, focus or drop (method.md 11.5 step 4). Queries say when the focus set is outside
    3-5 (step 5); nothing is refused here, so the user can choose what to drop."""
    if status not in Option.Status.values:
        raise ValidationError({"status": "Choose explore, focus or drop."})
    if status != option.status:
        option.status, option.status_changed_at = status, current_time(now)
        option.save(update_fields=["status", "status_changed_at", "updated_at"])
    return option


def _occupation(code: str) -> Any:
    item = occupations.occupation(code) if code else None
    if item is None:
        raise ValidationError(
            {"occupation_code": "That occupation isn't in the O*NET data loaded here."}
        )
    return item


def explore_occupation(
    *, owner: User, occupation_code: str, now: datetime | None = None
) -> tuple[Option, bool]:
    """The option for an O*NET occupation: the one the user already has with its code (oldest
    first), else a new one named after it. Returns (option, created)."""
    item = _occupation(occupation_code)
    with transaction.atomic():
        # One request at a time per user here, so a double click makes one option.
        list(User.objects.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True))
        existing = (
            Option.objects.filter(owner=owner, occupation_code=item.code)
            .order_by("created_at", "pk")
            .first()
        )
        if existing is not None:
            return existing, False
        return add_option(
            owner=owner,
            title=item.title,
            occupation_code=item.code,
            occupation_title=item.title,
            now=now,
        ), True


def set_option_occupation(*, option: Option, occupation_code: str) -> Option:
    """Link the option to an O*NET occupation, its title kept beside the code (the option still
    reads right where the data isn't loaded); an empty code unlinks it."""
    if not occupation_code:
        _save_option(option, None, {"occupation_code": "", "occupation_title": ""})
    else:
        item = _occupation(occupation_code)
        _save_option(option, None, {"occupation_code": item.code, "occupation_title": item.title})
    return option


def delete_option(*, option: Option) -> None:
    """Remove the option; evidence tagged to it stays, without an option."""
    option.delete()


# Evidence -----------------------------------------------------------------------------------------

Item = Capture | Question | Note


def _item_fields(item: Item) -> dict[str, Any]:
    if isinstance(item, Capture):
        return {
            "capture": item,
            "person_id": item.conversation.person_id,
            "conversation_id": item.conversation_id,
        }
    if isinstance(item, Question):
        if not item.answer.strip():
            raise ValidationError(
                "Write their answer first: an unanswered question isn't evidence yet."
            )
        return {
            "question": item,
            "person_id": item.conversation.person_id,
            "conversation_id": item.conversation_id,
        }
    return {"note": item, "person_id": item.person_id, "conversation_id": item.conversation_id}


@transaction.atomic
def tag_item(
    *, item: Item, tag: str, option: Option | None = None, now: datetime | None = None
) -> Evidence | None:
    """Tag a captured item fit+, fit−, gap, lead or fact and link it to an option (or none).

    An empty tag removes the tag. Returns the evidence (None once removed).
    """
    current = Evidence.objects.filter(owner_id=item.owner_id, **{_field(item): item}).first()
    if not tag:
        if current is not None:
            current.delete()
        return None
    if tag not in Tag.values:
        raise ValidationError({"tag": "Choose fit+, fit−, gap, lead or fact."})
    if option is not None and option.owner_id != item.owner_id:
        raise ValidationError({"option": "Choose one of your options."})
    fields = _item_fields(item)
    evidence = current or Evidence(
        owner_id=item.owner_id, said_at=item.created_at, created_at=current_time(now), **fields
    )
    evidence.tag, evidence.option = tag, option
    evidence.save()
    return evidence


def _field(item: Item) -> str:
    if isinstance(item, Capture):
        return "capture"
    return "question" if isinstance(item, Question) else "note"


# Themes -------------------------------------------------------------------------------------------


def rename_theme(*, theme: Theme, name: str) -> Theme:
    """Give a theme your own name (empty goes back to the words people used)."""
    theme.custom_label = " ".join(name.split())[:120]
    theme.save(update_fields=["custom_label", "updated_at"])
    return theme


def dismiss_theme(*, theme: Theme, dismissed: bool = True) -> Theme:
    """Hide a theme that isn't one (it stays hidden however often it's said again)."""
    if theme.status == Theme.Status.MERGED:
        raise ValidationError("This theme was merged into another one.")
    theme.status = Theme.Status.DISMISSED if dismissed else Theme.Status.CONFIRMED
    theme.save(update_fields=["status", "updated_at"])
    if not dismissed:
        mentions.mark_dirty(theme.owner_id)  # counted again: it may have faded meanwhile
    return theme


@transaction.atomic
def merge_themes(*, theme: Theme, into: Theme, now: datetime | None = None) -> Theme:
    """Count `theme` as part of `into` from now on ("SQL course" into "SQL")."""
    if theme.owner_id != into.owner_id or theme.pk == into.pk:
        raise ValidationError({"into": "Choose another of your themes."})
    if into.status == Theme.Status.MERGED:
        raise ValidationError(
            {"into": "That theme was itself merged; choose the one it went into."}
        )
    theme.status, theme.merged_into = Theme.Status.MERGED, into
    theme.save(update_fields=["status", "merged_into", "updated_at"])
    Theme.objects.filter(merged_into=theme).update(merged_into=into)
    mentions.mark_dirty(theme.owner_id)
    themes.recount(theme.owner, now=now)
    into.refresh_from_db()
    return into


# Synthesis ----------------------------------------------------------------------------------------


def accept_synthesis(
    *, option: Option, conversations_count: int, now: datetime | None = None, **sections: str
) -> Synthesis:
    """Keep the synthesis of an option as the user accepted or edited it."""
    unknown = set(sections) - set(SYNTHESIS_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown section {sorted(unknown)[0]}.")
    values = {name: sections.get(name, "").strip() for name in SYNTHESIS_FIELDS}
    if not any(values.values()):
        raise ValidationError("The synthesis is empty: write at least one section.")
    synthesis = Synthesis(
        owner_id=option.owner_id,
        option=option,
        created_at=current_time(now),
        conversations_count=conversations_count,
        **values,
    )
    synthesis.full_clean()
    synthesis.save()
    return synthesis


# The strategy document ----------------------------------------------------------------------------


@transaction.atomic
def save_strategy(
    *,
    owner: User,
    body: str,
    now: datetime | None = None,
    restored_from: StrategyVersion | None = None,
) -> StrategyVersion:
    """Save the document as a new dated version (nothing new when it didn't change).

    Evidence references ([[evidence:12]], [[theme:3]]) must name the user's own items; a
    restored version may name items deleted since (they show as removed).
    """
    body = body.replace("\r\n", "\n").strip()
    if len(body) > MAX_DOCUMENT:
        raise ValidationError({"body": f"Keep the strategy under {MAX_DOCUMENT:,} characters."})
    missing = [] if restored_from else document.missing_references(owner, body)
    if missing:
        raise ValidationError(
            {
                "body": "These references aren't among your evidence or themes: "
                + ", ".join(missing)
                + ". Use “Link evidence” to pick "
                "one."
            }
        )
    latest = StrategyVersion.objects.filter(owner=owner).select_for_update().first()
    if latest is not None and latest.body == body and restored_from is None:
        return latest
    number = (StrategyVersion.objects.filter(owner=owner).aggregate(n=Max("number"))["n"] or 0) + 1
    return StrategyVersion.objects.create(
        owner=owner,
        number=number,
        body=body,
        restored_from=restored_from,
        created_at=current_time(now),
    )


def restore_version(*, version: StrategyVersion, now: datetime | None = None) -> StrategyVersion:
    """Make an old version the current one again, as a new version (history is kept)."""
    return save_strategy(owner=version.owner, body=version.body, now=now, restored_from=version)
