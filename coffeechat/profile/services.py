"""Writes to the user's own profile (/you/): positions, education and skills, their order, and
what a LinkedIn export proposed.

Keyword-only, validated before saving, all or nothing. Adding the same position, school or
skill twice is a no-op (returns None), so accepting a proposal twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max

from coffeechat.accounts import services as accounts
from coffeechat.accounts.models import User
from coffeechat.lib.clock import current_time
from coffeechat.lib.forms import error_text
from coffeechat.lib.models import assign_fields
from coffeechat.profile import queries
from coffeechat.profile.models import FIELD_KINDS, Education, Position, Proposal, Skill

Row = Position | Education | Skill
Kind, Status = Proposal.Kind, Proposal.Status

POSITION_FIELDS = (
    "organization_name",
    "title",
    "description",
    "location",
    "started_on",
    "finished_on",
)
EDUCATION_FIELDS = ("school", "degree", "started_on", "finished_on", "notes", "activities")
SKILL_FIELDS = ("name", "rating", "evidence")
_ONE_LINE = frozenset({"organization_name", "title", "location", "school", "degree", "name"})


def _assign(row: models.Model, allowed: tuple[str, ...], fields: dict[str, Any]) -> list[str]:
    return assign_fields(row, allowed, fields, one_line=_ONE_LINE)


def _check_dates(row: Position | Education) -> None:
    if row.started_on and row.finished_on and row.finished_on < row.started_on:
        raise ValidationError({"finished_on": "The end is before the start: check the dates."})


def _next_order(model: type[models.Model], owner: User) -> int:
    last = model._default_manager.filter(owner=owner).aggregate(last=Max("sort_order"))["last"]
    return 0 if last is None else last + 1


def _save_new[R: (Position, Education, Skill)](row: R) -> R:
    row.sort_order = _next_order(type(row), row.owner)
    row.full_clean()
    row.save()
    return row


# Positions ---------------------------------------------------------------------------------


def add_position(
    *,
    owner: User,
    organization_name: str,
    title: str = "",
    description: str = "",
    location: str = "",
    started_on: date | None = None,
    finished_on: date | None = None,
) -> Position | None:
    """Add a position at the end; None when the owner already has it (same place, title and
    start)."""
    position = Position(owner=owner)
    _assign(
        position,
        POSITION_FIELDS,
        {
            "organization_name": organization_name,
            "title": title,
            "description": description,
            "location": location,
            "started_on": started_on,
            "finished_on": finished_on,
        },
    )
    if not position.organization_name:
        raise ValidationError({"organization_name": "Say where you worked."})
    _check_dates(position)
    if queries.has_position(owner, position.organization_name, position.title, position.started_on):
        return None
    return _save_new(position)


def update_position(*, position: Position, **fields: Any) -> Position:
    """Change a position's fields."""
    names = _assign(position, POSITION_FIELDS, fields)
    if not position.organization_name:
        raise ValidationError({"organization_name": "Say where you worked."})
    _check_dates(position)
    position.full_clean()
    position.save(update_fields=[*names, "updated_at"])
    return position


# Education ---------------------------------------------------------------------------------


def add_education(
    *,
    owner: User,
    school: str,
    degree: str = "",
    started_on: date | None = None,
    finished_on: date | None = None,
    notes: str = "",
    activities: str = "",
) -> Education | None:
    """Add a school at the end; None when the owner already has it (same school, degree and
    start)."""
    education = Education(owner=owner)
    _assign(
        education,
        EDUCATION_FIELDS,
        {
            "school": school,
            "degree": degree,
            "started_on": started_on,
            "finished_on": finished_on,
            "notes": notes,
            "activities": activities,
        },
    )
    if not education.school:
        raise ValidationError({"school": "Name the school."})
    _check_dates(education)
    if queries.has_education(owner, education.school, education.degree, education.started_on):
        return None
    return _save_new(education)


def update_education(*, education: Education, **fields: Any) -> Education:
    """Change a school's fields."""
    names = _assign(education, EDUCATION_FIELDS, fields)
    if not education.school:
        raise ValidationError({"school": "Name the school."})
    _check_dates(education)
    education.full_clean()
    education.save(update_fields=[*names, "updated_at"])
    return education


# Skills ------------------------------------------------------------------------------------


def add_skill(
    *, owner: User, name: str, rating: int | None = None, evidence: str = ""
) -> Skill | None:
    """Add a skill at the end; None when the owner already has one of that name (any case)."""
    skill = Skill(owner=owner)
    _assign(skill, SKILL_FIELDS, {"name": name, "rating": rating, "evidence": evidence})
    if not skill.name:
        raise ValidationError({"name": "Name the skill."})
    if queries.has_skill(owner, skill.name):
        return None
    return _save_new(skill)


def update_skill(*, skill: Skill, **fields: Any) -> Skill:
    """Change a skill's name, rating (1-5, or None) or evidence."""
    names = _assign(skill, SKILL_FIELDS, fields)
    if not skill.name:
        raise ValidationError({"name": "Name the skill."})
    if "name" in fields and queries.has_skill(skill.owner, skill.name, other_than=skill.pk):
        raise ValidationError({"name": f"You already have a skill called “{skill.name}”."})
    skill.full_clean(validate_constraints=False)
    skill.save(update_fields=[*names, "updated_at"])
    return skill


# Order and deletion (any of the three) -------------------------------------------------------


@transaction.atomic
def move[R: (Position, Education, Skill)](*, row: R, direction: str) -> R:
    """Swap the row with its neighbour above ("up") or below ("down") in the owner's list."""
    if direction not in ("up", "down"):
        raise ValidationError("Move it up or down.")
    model = type(row)
    rows = list(model.objects.filter(owner_id=row.owner_id).select_for_update())
    here = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    there = here - 1 if direction == "up" else here + 1
    if 0 <= there < len(rows):
        rows[here], rows[there] = rows[there], rows[here]
    # Renumber the whole list: orders stay 0..n-1 whatever happened before.
    for order, item in enumerate(rows):
        if item.sort_order != order:
            model.objects.filter(pk=item.pk).update(sort_order=order)
    row.sort_order = next(order for order, r in enumerate(rows) if r.pk == row.pk)
    return row


def delete(*, row: Row) -> None:
    """Delete a position, school or skill (a proposal it came from stays accepted)."""
    row.delete()


# What a LinkedIn export found -------------------------------------------------------------------


def _key(*parts: object) -> str:
    return "|".join(" ".join(str(p or "").lower().split()) for p in parts)[:300]


def _field_value(owner: User, kind: str) -> str:
    return "" if kind == Kind.HEADLINE else str(getattr(owner, kind))


def _candidates(found: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any], str]]:
    """(kind, data, fingerprint) for everything in `found` (the import's profile JSON)."""
    for kind in (Kind.DISPLAY_NAME, Kind.HEADLINE, Kind.PROFILE_URL):
        if value := " ".join(str(found.get(kind) or "").split()):
            yield kind, {"value": value}, _key(value)
    education = found.get("education") or []
    if education and education[0].get("school"):
        # The school outreach names: the first in LinkedIn's list, its most recent.
        school = education[0]["school"]
        yield Kind.SCHOOL, {"value": school}, _key(school)
    for position in found.get("positions") or []:
        yield (
            Kind.POSITION,
            position,
            _key(position["organization_name"], position.get("title"), position.get("started_on")),
        )
    for school in education:
        yield (
            Kind.EDUCATION,
            school,
            _key(school["school"], school.get("degree"), school.get("started_on")),
        )
    for name in found.get("skills") or []:
        yield Kind.SKILL, {"name": name}, _key(name)


def _existing_keys(owner: User) -> set[tuple[str, str]]:
    """(kind, fingerprint) of the rows and field values the owner already has."""
    keys: set[tuple[str, str]] = {(kind, _key(_field_value(owner, kind))) for kind in FIELD_KINDS}
    keys |= {
        (Kind.POSITION, _key(p.organization_name, p.title, _iso(p.started_on)))
        for p in queries.positions_for(owner).only("organization_name", "title", "started_on")
    }
    keys |= {
        (Kind.EDUCATION, _key(e.school, e.degree, _iso(e.started_on)))
        for e in queries.education_for(owner).only("school", "degree", "started_on")
    }
    keys |= {
        (Kind.SKILL, _key(name))
        for name in queries.skills_for(owner).values_list("name", flat=True)
    }
    return keys


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


@transaction.atomic
def propose(
    *,
    owner: User,
    found: dict[str, Any],
    source: str = "LinkedIn export",
    now: datetime | None = None,
) -> list[Proposal]:
    """Keep what a LinkedIn export says about the owner as proposals for /you/.

    Nothing in the profile changes. What the profile already has, and what an earlier import
    proposed (whether accepted, ignored or still waiting), is not proposed again.
    """
    if not found:
        return []
    known = set(Proposal.objects.filter(owner=owner).values_list("kind", "fingerprint"))
    known |= _existing_keys(owner)
    created = []
    for kind, data, fingerprint in _candidates(found):
        if (kind, fingerprint) in known:
            continue
        known.add((kind, fingerprint))
        proposal = Proposal(
            owner=owner,
            kind=kind,
            data=data,
            fingerprint=fingerprint,
            source=source[:100],
            created_at=current_time(now),
        )
        proposal.full_clean(validate_constraints=False)
        created.append(proposal)
    Proposal.objects.bulk_create(created)
    return created


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dated(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {
        k: _date(v) if k.endswith("_on") else (v or "") for k, v in data.items() if k in allowed
    }


@transaction.atomic
def accept(*, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """Put what the proposal found into the profile. A field replaces the current value."""
    if proposal.status != Status.PENDING:
        raise ValidationError("This was already decided.")
    owner, data = proposal.owner, proposal.data
    if proposal.kind == Kind.HEADLINE:
        raise ValidationError(
            "A headline isn't the field you're exploring: write that in a few words of your own."
        )
    if proposal.kind in FIELD_KINDS:
        try:
            accounts.update_profile(user=owner, now=now, **{proposal.kind: data["value"]})
        except ValidationError as error:
            raise ValidationError(f"{proposal.get_kind_display()}: {error_text(error)}") from None
    elif proposal.kind == Kind.POSITION:
        add_position(owner=owner, **_dated(data, POSITION_FIELDS))
    elif proposal.kind == Kind.EDUCATION:
        add_education(owner=owner, **_dated(data, EDUCATION_FIELDS))
    else:
        add_skill(owner=owner, name=data["name"])
    return _decide(proposal, Status.ACCEPTED, now)


def ignore(*, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """Leave the profile as it is; a later import won't propose this again."""
    if proposal.status != Status.PENDING:
        raise ValidationError("This was already decided.")
    return _decide(proposal, Status.IGNORED, now)


def _decide(proposal: Proposal, status: str, now: datetime | None) -> Proposal:
    proposal.status, proposal.decided_at = status, current_time(now)
    proposal.save(update_fields=["status", "decided_at", "updated_at"])
    return proposal


@dataclass
class Accepted:
    """What accept_all did: accepted, left waiting (a field already filled in, the headline),
    and refused with the reason (a value the profile can't hold)."""

    accepted: list[Proposal] = field(default_factory=list)
    waiting: list[Proposal] = field(default_factory=list)
    refused: list[tuple[Proposal, str]] = field(default_factory=list)


@transaction.atomic
def accept_all(
    *,
    owner: User,
    kinds: Iterable[str] = (),
    ids: Iterable[int] | None = None,
    now: datetime | None = None,
) -> Accepted:
    """Accept every waiting proposal (of these kinds, among these ids; all when none are
    given), in order.

    Fields the owner has already filled in stay waiting for them to choose on /you/, and so
    does the headline, which never becomes a field. One that can't be accepted (a name too
    long for the profile) stays waiting with its reason; the others are still accepted.
    """
    pending = queries.pending_proposals_for(owner).select_for_update()
    if kinds:
        pending = pending.filter(kind__in=list(kinds))
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    result = Accepted()
    for proposal in pending:
        if proposal.kind == Kind.HEADLINE or (
            proposal.kind in FIELD_KINDS and _field_value(owner, proposal.kind)
        ):
            result.waiting.append(proposal)
            continue
        try:
            with transaction.atomic():
                result.accepted.append(accept(proposal=proposal, now=now))
        except ValidationError as error:
            owner.refresh_from_db()
            result.refused.append((proposal, error_text(error)))
    return result


def withdraw(*, owner: User, proposal_ids: Iterable[int]) -> int:
    """Forget these proposals while they are still waiting (an import was undone)."""
    deleted, _ = Proposal.objects.filter(
        owner=owner, pk__in=list(proposal_ids), status=Status.PENDING
    ).delete()
    return deleted
