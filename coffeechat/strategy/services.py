"""Writes for the career strategy: options, evidence tags, themes, syntheses and the strategy
document's versions (method.md 11.3-11.5). Obstacles and their actions are in obstacles.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Note
from coffeechat.lib.clock import current_time
from coffeechat.network.models import Organization
from coffeechat.occupations import queries as occupations
from coffeechat.prep.models import Capture, Question
from coffeechat.strategy import document, mentions, themes
from coffeechat.strategy.models import (
    Evidence,
    Option,
    StrategyVersion,
    Synthesis,
    Tag,
    Theme,
)
from coffeechat.strategy.text import normalized

MAX_OPTIONS = 50
MAX_DOCUMENT = 50_000  # characters
SYNTHESIS_FIELDS = ("likes", "deal_breakers", "gaps", "open_questions", "next_prototype")


def clean_title(title: str, what: str) -> str:
    """The title on one line; an empty one (or one of punctuation only) is refused, naming
    `what` the user was writing (obstacles.py uses it too)."""
    title = " ".join(title.split())
    if not normalized(title):
        raise ValidationError({"title": f"Write the {what} first."})
    return title


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
        title=clean_title(title, "option"),
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
    option.title = clean_title(option.title, "option")
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
