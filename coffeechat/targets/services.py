"""Writes for the target list: adding employers (one, picked, pasted), rating, moving, asking.

Every write that can change the active batch runs inside `watching_batch`, so the caller can
say what happened to the top five ("Northwind moved into your top five"): the batch itself is
computed from the LAMP sort (queries.batch_for), never stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import get_text_list

from coffeechat.accounts.models import User
from coffeechat.conversations.models import OPEN_STAGES, Conversation, Stage
from coffeechat.conversations.suggestions import MAX_OPEN_REQUESTS_PER_ORGANIZATION
from coffeechat.lib.clock import current_time
from coffeechat.lib.forms import error_text
from coffeechat.network import services as network
from coffeechat.network.models import Organization, Person
from coffeechat.outreach import services as outreach
from coffeechat.targets import paste, queries
from coffeechat.targets.models import Target

MAX_TARGETS = 1_000  # the method asks for 40; this bounds every page and query of the list
TARGET_FIELDS = ("source", "size", "notes")


class _Keep:
    """A score argument left out: keep what is stored (None would clear the rating)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


# The active batch ------------------------------------------------------------------------


@dataclass
class BatchChange:
    """Which employers moved into the top five, and which open ones a re-sort pushed out."""

    entered: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entered or self.left)

    @property
    def messages(self) -> list[str]:
        said = []
        if self.entered:
            said.append(f"{get_text_list(self.entered, 'and')} moved into your top five.")
        if self.left:
            verb = "is" if len(self.left) == 1 else "are"
            said.append(
                f"{get_text_list(self.left, 'and')} {verb} no longer in your top "
                "five: others now sort above."
            )
        return said


@contextmanager
def watching_batch(owner: User) -> Iterator[BatchChange]:
    """Compare the top five before and after the block: the change is filled in on exit."""
    before = queries.batch_ids(owner)
    change = BatchChange()
    yield change
    after = queries.batch_ids(owner)
    moved = set(before) ^ set(after)
    rows = Target.objects.filter(owner=owner, pk__in=moved).values_list(
        "pk", "organization__name", "status"
    )
    names = {pk: name for pk, name, _status in rows}
    still_open = {pk for pk, _name, status in rows if status == Target.Status.OPEN}
    change.entered = [names[pk] for pk in after if pk not in before and pk in names]
    # One that closed, converted or was removed left because of the action itself: the
    # caller says so; only those pushed out by the sort are news here.
    change.left = [names[pk] for pk in before if pk not in after and pk in still_open]


# Adding ------------------------------------------------------------------------------------


def _check_room(owner: User, adding: int) -> None:
    have = Target.objects.filter(owner=owner).count()
    if have + adding > MAX_TARGETS:
        raise ValidationError(
            f"Your list has {have} employers; adding {adding} would pass the limit of "
            f"{MAX_TARGETS:,}. Close or remove some first."
        )


def _create(
    *, owner: User, organization: Organization, source: str, now: datetime, **fields: Any
) -> Target:
    if organization.owner_id != owner.pk:
        raise ValidationError("That organization is not in your network.")
    if Target.objects.filter(owner=owner, organization=organization).exists():
        raise ValidationError(f"{organization} is already on your target list.")
    target = Target(
        owner=owner,
        organization=organization,
        source=source,
        created_at=now,
        status_changed_at=now,
        **fields,
    )
    if target.motivation is not None:
        target.motivation_rated_at = now
    target.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:  # the same employer added in another tab at the same moment
        raise ValidationError(f"{organization} is already on your target list.") from None
    return target


@transaction.atomic
def add_target(
    *,
    owner: User,
    organization: Organization,
    source: str = Target.Source.OTHER,
    now: datetime | None = None,
    **fields: Any,
) -> Target:
    """Put one of the owner's organizations on the list."""
    _check_room(owner, 1)
    return _create(
        owner=owner,
        organization=organization,
        source=source,
        now=current_time(now),
        **{k: v for k, v in fields.items() if k in (*TARGET_FIELDS, "motivation", "posting")},
    )


@transaction.atomic
def add_by_name(
    *, owner: User, name: str, source: str = Target.Source.OTHER, now: datetime | None = None
) -> Target:
    """Put an employer on the list by name: the organization with that name (any case), or new."""
    if not " ".join(name.split()):
        raise ValidationError({"name": "Type the employer's name."})
    organization = network.organization_named(owner=owner, name=name)
    assert organization is not None
    return add_target(owner=owner, organization=organization, source=source, now=now)


@dataclass(frozen=True)
class Added:
    added: list[Target]
    already: list[str]  # names that were on the list before


@transaction.atomic
def add_organizations(
    *, owner: User, organization_ids: list[int], source: str, now: datetime | None = None
) -> Added:
    """Put several of the owner's organizations on the list (picked from the network)."""
    now = current_time(now)
    organizations = list(
        Organization.objects.filter(owner=owner, pk__in=organization_ids).order_by("name")
    )
    if len(organizations) != len(set(organization_ids)):
        raise ValidationError("Some of those organizations are not in your network.")
    listed = set(
        Target.objects.filter(owner=owner, organization__in=organizations).values_list(
            "organization_id", flat=True
        )
    )
    fresh = [o for o in organizations if o.pk not in listed]
    _check_room(owner, len(fresh))
    added = [_create(owner=owner, organization=o, source=source, now=now) for o in fresh]
    return Added(added=added, already=[o.name for o in organizations if o.pk in listed])


@dataclass(frozen=True)
class PasteOutcome:
    """What happened to one line of a paste, for the row-by-row report."""

    number: int
    name: str
    result: str
    added: bool


def choices_needed(plan: paste.PastePlan, choices: dict[int, str]) -> list[paste.Line]:
    """The near-match lines without a valid choice ("new" or one of the offered ids)."""
    missing = []
    for line in plan.of_kind(paste.Kind.NEAR):
        offered = {str(m.organization_id) for m in line.near}
        if choices.get(line.number) not in offered | {"new"}:
            missing.append(line)
    return missing


@transaction.atomic
def add_from_paste(
    *, owner: User, text: str, source: str, choices: dict[int, str], now: datetime | None = None
) -> list[PasteOutcome]:
    """Add every pasted name, all or nothing; `choices` settles the near matches by line.

    The paste is read again here (what was previewed may have changed since): a line that now
    needs a choice and has none stops the whole paste, and nothing is saved.
    """
    now = current_time(now)
    if source not in Target.Source.values:
        raise ValidationError({"source": "Choose where these employers came from."})
    plan = paste.plan_paste(owner, text)
    if plan.refused:
        raise ValidationError(plan.refused)
    if not plan.lines:
        raise ValidationError("Paste at least one employer name, one per line.")
    invalid = plan.of_kind(paste.Kind.INVALID)
    if invalid:
        raise ValidationError([f"Line {line.number}: {line.note}." for line in invalid])
    missing = choices_needed(plan, choices)
    if missing:
        raise ValidationError(
            [
                f"Line {line.number}: is “{line.name}” "
                f"{get_text_list([m.name for m in line.near], 'or')}, or a new "
                "organization? Choose one."
                for line in missing
            ]
        )
    _check_room(owner, sum(1 for line in plan.lines if _will_add(line, choices)))
    return [_apply_line(owner, line, choices, source, now) for line in plan.lines]


def _will_add(line: paste.Line, choices: dict[int, str]) -> bool:
    if line.kind in (paste.Kind.NEW, paste.Kind.EXISTING):
        return True
    if line.kind == paste.Kind.NEAR:
        return choices[line.number] == "new" or not _chosen(line, choices).listed
    return False


def _chosen(line: paste.Line, choices: dict[int, str]) -> paste.Match:
    return next(m for m in line.near if str(m.organization_id) == choices[line.number])


def _apply_line(
    owner: User, line: paste.Line, choices: dict[int, str], source: str, now: datetime
) -> PasteOutcome:
    def done(result: str, added: bool = False) -> PasteOutcome:
        return PasteOutcome(number=line.number, name=line.name, result=result, added=added)

    if line.kind == paste.Kind.DUPLICATE:
        return done(f"Skipped: {line.note}.")
    match = line.match
    if line.kind == paste.Kind.NEAR and choices[line.number] != "new":
        match = _chosen(line, choices)
    if match is not None:
        if match.listed:
            return done(f"Already on your list as {match.name}.")
        organization = Organization.objects.get(owner=owner, pk=match.organization_id)
        _create(owner=owner, organization=organization, source=source, now=now)
        people = (
            f", where you know {match.people_count} "
            f"{'person' if match.people_count == 1 else 'people'}"
            if match.people_count
            else ""
        )
        return done(f"Added {organization.name} from your network{people}.", added=True)
    try:
        organization = network.add_organization(owner=owner, name=line.name)
    except ValidationError as error:
        raise ValidationError(f"Line {line.number} ({line.name}): {error_text(error)}") from None
    _create(owner=owner, organization=organization, source=source, now=now)
    return done(f"Added {organization.name} (a new organization).", added=True)


# Rating ------------------------------------------------------------------------------------


def rate(
    *,
    target: Target,
    motivation: Any = KEEP,
    posting: Any = KEEP,
    confirm: bool = False,
    now: datetime | None = None,
) -> Target:
    """Set Motivation (1-5) and/or Posting (1-3); None clears a score (not rated yet).

    Setting Motivation stamps when it was rated, which answers RULE-L7's re-rating prompt;
    `confirm` stamps it even when the score stays the same ("still a 4").
    """
    now = current_time(now)
    changed = []
    if motivation is not KEEP and (motivation != target.motivation or confirm):
        target.motivation = motivation
        target.motivation_rated_at = now if motivation is not None else None
        changed += ["motivation", "motivation_rated_at"]
    if posting is not KEEP and posting != target.posting:
        target.posting = posting
        changed.append("posting")
    if changed:
        try:
            target.full_clean(validate_constraints=False)
        except ValidationError as error:
            target.refresh_from_db(fields=["motivation", "motivation_rated_at", "posting"])
            raise ValidationError(_score_error(error)) from None
        target.save(update_fields=[*changed, "updated_at"])
    return target


def _score_error(error: ValidationError) -> str:
    fields = getattr(error, "error_dict", {})
    if "motivation" in fields:
        return "Motivation is a gut rating from 1 (barely) to 5 (a dream employer)."
    if "posting" in fields:
        return (
            "Posting is 3 (a posting for your function), 2 (postings, not your function) "
            "or 1 (no postings)."
        )
    return error_text(error)


@transaction.atomic
def rate_many(
    *,
    owner: User,
    ratings: dict[int, dict[str, Any]],
    confirm: bool = False,
    now: datetime | None = None,
) -> int:
    """Rate several targets at once ({id: {"motivation": 4}}); all or nothing. Returns how many."""
    now = current_time(now)
    targets = Target.objects.filter(owner=owner, pk__in=list(ratings)).select_for_update()
    found = {t.pk: t for t in targets}
    if set(ratings) - set(found):
        raise ValidationError("Some of those employers are not on your list. Reload the page.")
    for pk, scores in ratings.items():
        rate(target=found[pk], now=now, confirm=confirm, **scores)
    return len(found)


# Editing, moving, removing -------------------------------------------------------------------


def update_target(*, target: Target, **fields: Any) -> Target:
    """Change the source, size or notes (scores go through `rate`)."""
    for key, value in fields.items():
        if key in TARGET_FIELDS:
            setattr(target, key, value)
    target.full_clean(validate_constraints=False)
    target.save()
    return target


def change_status(
    *, target: Target, status: str, outcome: str = "", now: datetime | None = None
) -> Target:
    """Move the employer along method.md section 1: referred, applied, closed (why), reopened."""
    if status not in Target.Status.values:
        raise ValidationError({"status": "Unknown state."})
    if status == Target.Status.CLOSED and outcome not in Target.Outcome.values:
        raise ValidationError({"outcome": "Say how it closed: offer, declined or exhausted."})
    outcome = outcome if status == Target.Status.CLOSED else ""
    if (status, outcome) == (target.status, target.outcome):
        return target
    target.status, target.outcome, target.status_changed_at = status, outcome, current_time(now)
    target.full_clean(validate_constraints=False)
    target.save(update_fields=["status", "outcome", "status_changed_at", "updated_at"])
    return target


def remove_target(*, target: Target) -> str:
    """Take the employer off the list; the organization and its people stay."""
    name = target.organization.name
    target.delete()
    return name


# Asking the first person (method.md RULE-L6, RULE-C4) ---------------------------------------


def ask(
    *, owner: User, target: Target, person: Person, now: datetime | None = None
) -> Conversation:
    """The conversation to write the first request to `person` at `target` in.

    Reuses the request already being written to them; otherwise refuses when two requests at
    the employer already wait for a reply or are being written (RULE-C4: one company never
    gets a blast).
    """
    if target.owner_id != owner.pk or person.owner_id != owner.pk:
        raise ValidationError("That person or employer is not yours.")
    if person.organization_id != target.organization_id:
        raise ValidationError(
            f"{person} doesn't work at {target.organization} (as far as your network knows)."
        )
    with transaction.atomic():
        talking = (
            Conversation.objects.filter(owner=owner, person=person, stage__in=OPEN_STAGES)
            .exclude(stage=Stage.IDENTIFIED)
            .first()
        )
        if talking is not None:
            raise ValidationError(
                f"You're already in a conversation with {person} "
                f"({talking.get_stage_display().lower()})."
            )
        draft = Conversation.objects.filter(
            owner=owner, person=person, stage=Stage.IDENTIFIED
        ).exists()
        pending = Conversation.objects.filter(
            owner=owner,
            person__organization_id=target.organization_id,
            stage__in=[Stage.CONTACTED, Stage.IDENTIFIED],
        ).count()
        if not draft and pending >= MAX_OPEN_REQUESTS_PER_ORGANIZATION:
            raise ValidationError(
                f"{pending} requests at {target.organization} are already waiting for a "
                "reply or being written. Ask no one else there until one answers or you "
                "close it."
            )
        return outreach.conversation_to_compose(owner=owner, person=person, now=now)
