"""Writes for the self-assessment: the interest inventory, work values, talents.

Keyword-only, validated, atomic; the pages, the demo and management commands call these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model, QuerySet

from coffeechat.accounts.models import User
from coffeechat.assessment import inventory, queries, scoring, values
from coffeechat.assessment.models import InterestAttempt, Talent, WorkValue
from coffeechat.lib.clock import current_time

MAX_VALUES = 30  # ours (18) and the user's own together
MAX_OWN_VALUES = 12
MAX_TALENTS = 20


# The interest inventory ------------------------------------------------------------------------


class IncompleteInventory(ValidationError):
    """Some items have no answer yet; `missing` lists them in the order they are asked."""

    def __init__(self, missing: list[inventory.Item]) -> None:
        self.missing = missing
        need = "needs" if len(missing) == 1 else "need"
        super().__init__(
            f"{len(missing)} of {len(inventory.ITEMS)} activities still {need} an answer."
        )


def _clean_answers(answers: Mapping[str, int | str]) -> dict[str, int]:
    cleaned = {}
    for key, raw in answers.items():
        if key not in inventory.BY_KEY:
            raise ValidationError(f"“{key}” is not an activity of this inventory.")
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = -1
        if not inventory.LOWEST <= value <= inventory.HIGHEST:
            raise ValidationError(
                f"Answer “{inventory.BY_KEY[key].text}” with one of the five "
                "choices, from strongly dislike to strongly like."
            )
        cleaned[key] = value
    return cleaned


def save_answers(
    *, owner: User, answers: Mapping[str, int | str], now: datetime | None = None
) -> InterestAttempt:
    """Keep these answers on the owner's draft (started on the first answer), merged with the
    ones already there. A draft left from an older inventory version moves to the current one,
    keeping the answers to items that still exist."""
    cleaned = _clean_answers(answers)
    try:
        with transaction.atomic():
            return _merge_into_draft(owner, cleaned, current_time(now))
    except IntegrityError:
        # Two first saves at once: the other one created the draft. Merge into it.
        with transaction.atomic():
            return _merge_into_draft(owner, cleaned, current_time(now))


def _merge_into_draft(owner: User, answers: dict[str, int], now: datetime) -> InterestAttempt:
    draft = (
        InterestAttempt.objects.select_for_update()
        .filter(owner=owner, completed_at__isnull=True)
        .first()
    )
    if draft is None:
        draft = InterestAttempt(owner=owner, created_at=now, version=inventory.VERSION)
    if draft.version != inventory.VERSION:
        draft.answers = {k: v for k, v in draft.answers.items() if k in inventory.BY_KEY}
        draft.version = inventory.VERSION
    draft.answers = {**draft.answers, **answers}
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def complete_inventory(*, owner: User, now: datetime | None = None) -> InterestAttempt:
    """Score the owner's draft and keep it as their latest result (earlier ones stay).

    Raises IncompleteInventory (nothing changes) while any item is unanswered.
    """
    draft = (
        InterestAttempt.objects.select_for_update()
        .filter(owner=owner, completed_at__isnull=True)
        .first()
    )
    if draft is None:
        raise IncompleteInventory(list(inventory.ITEMS))
    unanswered = scoring.missing(draft.answers, draft.version)
    if unanswered:
        raise IncompleteInventory(unanswered)
    draft.scores = scoring.scores(draft.answers, draft.version)
    draft.code = scoring.top_three(draft.scores)
    draft.completed_at = current_time(now)
    draft.full_clean()
    draft.save()
    return draft


def take_inventory(
    *, owner: User, answers: Mapping[str, int | str], now: datetime | None = None
) -> InterestAttempt:
    """Answer every item at once and score it (commands, the demo): all or nothing."""
    with transaction.atomic():
        save_answers(owner=owner, answers=answers, now=now)
        return complete_inventory(owner=owner, now=now)


def discard_draft(*, owner: User) -> bool:
    """Throw away the unfinished inventory; results are never touched. True if there was one."""
    deleted, _ = InterestAttempt.objects.filter(owner=owner, completed_at__isnull=True).delete()
    return bool(deleted)


# Ordering a list (values, talents) -------------------------------------------------------------


def _renumber(rows: list[WorkValue] | list[Talent]) -> None:
    # Positions stay 0..n-1 whatever happened before.
    for position, row in enumerate(cast(list[WorkValue | Talent], rows)):
        if row.position != position:
            type(row)._default_manager.filter(pk=row.pk).update(position=position)
            row.position = position


def _move[Row: Model](rows: list[Row], pk: int, direction: str) -> None:
    if direction not in ("up", "down", "top"):
        raise ValidationError("Move it up, down or to the top.")
    here = next(i for i, row in enumerate(rows) if row.pk == pk)
    if direction == "top":
        rows.insert(0, rows.pop(here))
        return
    there = here - 1 if direction == "up" else here + 1
    if 0 <= there < len(rows):
        rows[here], rows[there] = rows[there], rows[here]


def _values_for_update(owner_id: int) -> list[WorkValue]:
    return list(
        WorkValue.objects.select_for_update().filter(owner_id=owner_id).order_by("position", "pk")
    )


def _talents_for_update(owner_id: int) -> list[Talent]:
    return list(
        Talent.objects.select_for_update().filter(owner_id=owner_id).order_by("position", "pk")
    )


def _next_position(queryset: QuerySet[Model]) -> int:
    last = queryset.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _text(value: str, what: str, max_length: int | None) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValidationError({"text": f"Write the {what} first."})
    if max_length is not None and len(text) > max_length:
        raise ValidationError({"text": f"Keep the {what} under {max_length} characters."})
    return text


# Work values -----------------------------------------------------------------------------------


@transaction.atomic
def choose_values(
    *, owner: User, keys: Iterable[str], now: datetime | None = None
) -> list[WorkValue]:
    """Make our values in `keys` the chosen ones: new ones go to the end of the ranking, ones
    no longer in `keys` leave it, the rest (and the user's own values) keep their places."""
    wanted = list(dict.fromkeys(keys))
    unknown = [key for key in wanted if key not in values.BY_KEY]
    if unknown:
        raise ValidationError(f"“{unknown[0]}” is not one of the values on the list.")
    current = list(queries.values_of(owner).select_for_update())
    for row in current:
        if row.key and row.key not in wanted:
            row.delete()
    kept = [row for row in current if not row.key or row.key in wanted]
    have = {row.key for row in kept}
    added = [key for key in wanted if key not in have]
    if len(kept) + len(added) > MAX_VALUES:
        raise ValidationError(
            f"Choose at most {MAX_VALUES} values: a ranking helps only if some things matter less."
        )
    for key in added:
        row = WorkValue(owner=owner, key=key, created_at=current_time(now))
        row.full_clean()
        row.save()
        kept.append(row)
    _renumber(kept)
    return kept


@transaction.atomic
def add_own_value(
    *, owner: User, name: str, description: str = "", now: datetime | None = None
) -> WorkValue:
    """Add a value in the user's own words at the end of their ranking."""
    name = " ".join(name.split())
    description = " ".join(description.split())
    if not name:
        raise ValidationError({"name": "Name the value first."})
    chosen = list(queries.values_of(owner).select_for_update())
    if any(row.label.casefold() == name.casefold() for row in chosen):
        raise ValidationError({"name": f"“{name}” is already among your values."})
    ours = next((v for v in values.VALUES if v.name.casefold() == name.casefold()), None)
    if ours is not None:
        raise ValidationError({"name": f"“{ours.name}” is on our list: tick it there."})
    if sum(1 for row in chosen if row.is_own) >= MAX_OWN_VALUES:
        raise ValidationError(f"You can add up to {MAX_OWN_VALUES} values of your own.")
    if len(chosen) >= MAX_VALUES:
        raise ValidationError(f"Choose at most {MAX_VALUES} values.")
    row = WorkValue(
        owner=owner,
        name=name,
        description=description,
        created_at=current_time(now),
        position=len(chosen),
    )
    row.full_clean()
    row.save()
    _renumber([*chosen, row])
    return row


@transaction.atomic
def move_value(*, value: WorkValue, direction: str) -> WorkValue:
    """Move a value one place up or down the ranking, or to the top."""
    rows = _values_for_update(value.owner_id)
    _move(rows, value.pk, direction)
    _renumber(rows)
    value.position = next(row.position for row in rows if row.pk == value.pk)
    return value


@transaction.atomic
def rank_values(*, owner: User, order: list[int]) -> list[WorkValue]:
    """Put the owner's chosen values in this order (ids, most important first; all of them)."""
    rows = {row.pk: row for row in queries.values_of(owner).select_for_update()}
    if sorted(order) != sorted(rows):
        raise ValidationError("Rank every chosen value once, and only those.")
    ranked = [rows[pk] for pk in order]
    _renumber(ranked)
    return ranked


@transaction.atomic
def remove_value(*, value: WorkValue) -> None:
    """Take a value out of the ranking (an own value is gone; ours can be ticked again)."""
    value.delete()
    _renumber(_values_for_update(value.owner_id))


# Talents ---------------------------------------------------------------------------------------


@transaction.atomic
def add_talent(*, owner: User, text: str, now: datetime | None = None) -> Talent:
    """Add a talent, in the user's words, at the end of their list."""
    text = _text(text, "talent", Talent._meta.get_field("text").max_length)
    talents = queries.talents_of(owner).select_for_update()
    if talents.count() >= MAX_TALENTS:
        raise ValidationError(f"Keep it to {MAX_TALENTS} talents: the ones you'd name first.")
    if any(t.casefold() == text.casefold() for t in talents.values_list("text", flat=True)):
        raise ValidationError({"text": "That talent is already on your list."})
    talent = Talent(
        owner=owner, text=text, created_at=current_time(now), position=_next_position(talents)
    )
    talent.full_clean()
    talent.save()
    return talent


def update_talent(*, talent: Talent, text: str) -> Talent:
    """Reword a talent."""
    talent.text = _text(text, "talent", Talent._meta.get_field("text").max_length)
    talent.full_clean()
    talent.save(update_fields=["text", "updated_at"])
    return talent


@transaction.atomic
def move_talent(*, talent: Talent, direction: str) -> Talent:
    """Move a talent one place up or down, or to the top."""
    rows = _talents_for_update(talent.owner_id)
    _move(rows, talent.pk, direction)
    _renumber(rows)
    talent.position = next(row.position for row in rows if row.pk == talent.pk)
    return talent


@transaction.atomic
def delete_talent(*, talent: Talent) -> None:
    talent.delete()
    _renumber(_talents_for_update(talent.owner_id))
