"""Reads for the target list. Every function is scoped to one owner.

Advocacy, the conversations held at an employer and the requests waiting there are counted by
the database (correlated subqueries), so a page of targets costs the same few queries whether
the owner knows 10 people or 30,000.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Activity, Conversation, Stage
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Introduction, Organization, Person
from coffeechat.targets.models import BATCH_SIZE, TARGET_LIST_SIZE, Target

# A conversation in one of these stages was held (the meeting happened).
HELD_STAGES = [Stage.MET, Stage.THANKED, Stage.NURTURING]

# method.md RULE-L5: Motivation desc, Posting desc, Advocacy (Y before N), name. Not rated yet
# sorts below every rating: an unrated employer has not been judged worth more than a 1.
LAMP_ORDER: list[Any] = [
    F("motivation").desc(nulls_last=True),
    F("posting").desc(nulls_last=True),
    F("advocacy").desc(),
    Lower("organization__name"),
    "pk",
]


def _count(queryset: QuerySet[Model], group_by: str) -> Coalesce:
    """COUNT(*) of `queryset` as a correlated subquery (0 when it has no rows)."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# The correlated subqueries below match on the organization alone: it is the owner's, and every
# row that points at it is too (the isolation tests check that no row links across owners).
# Adding owner= would let the database pick the (owner, name) index and scan every person the
# owner has for each target (measured: 8 s for 500 targets and 30,000 people on SQLite).


def _people_here() -> QuerySet[Person]:
    return Person.objects.filter(organization=OuterRef("organization"))


def _referred() -> Q:
    # Referred: marked so, or introduced by someone in the network.
    return Q(connection=Person.Connection.REFERRAL) | Q(
        Exists(Introduction.objects.filter(introduced=OuterRef("pk")))
    )


def _conversations_here() -> QuerySet[Conversation]:
    return Conversation.objects.filter(person__organization=OuterRef("organization"))


def _last_held_here() -> Subquery:
    held = (
        Activity.objects.filter(
            person__organization=OuterRef("organization"),
            action="conversation.stage_changed",
            data__new__in=[str(s) for s in HELD_STAGES],
        )
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    return Subquery(held)


def _annotated(queryset: QuerySet[Target]) -> QuerySet[Target]:
    return queryset.select_related("organization").annotate(
        advocacy=Exists(_people_here()),
        people_count=_count(_people_here(), "organization"),
        alumni_count=_count(
            _people_here().filter(connection=Person.Connection.ALUMNI), "organization"
        ),
        referred_count=_count(_people_here().filter(_referred()), "organization"),
        open_requests=_count(
            _conversations_here().filter(stage=Stage.CONTACTED), "person__organization"
        ),
        drafts=_count(_conversations_here().filter(stage=Stage.IDENTIFIED), "person__organization"),
        held_count=_count(
            _conversations_here().filter(stage__in=HELD_STAGES), "person__organization"
        ),
        last_held_at=_last_held_here(),
    )


# The list shows the employers still worked first, then referred/applied, closed ones last;
# within each group, LAMP order.
STATUS_GROUP = Case(
    When(status=Target.Status.OPEN, then=Value(0)),
    When(status=Target.Status.CLOSED, then=Value(2)),
    default=Value(1),
)


def targets_for(owner: User, *, source: str = "", status: str = "") -> QuerySet[Target]:
    """The owner's targets (open first, closed last), each group in LAMP order, with advocacy
    and conversation counts."""
    targets = Target.objects.filter(owner=owner)
    if source:
        targets = targets.filter(source=source)
    if status:
        targets = targets.filter(status=status)
    return _annotated(targets).order_by(STATUS_GROUP, *LAMP_ORDER)


def get_target(owner: User, target_id: int) -> Target:
    """The owner's target (annotated like the list), or 404."""
    return get_owned(_annotated(Target.objects.all()), owner=owner, pk=target_id)


def target_for_organization(owner: User, organization: Organization) -> Target | None:
    return _annotated(Target.objects.filter(owner=owner, organization=organization)).first()


def batch_for(owner: User) -> list[Target]:
    """The active batch: the top five open targets in LAMP order (method.md RULE-L6).

    Computed, not stored: when an employer closes, converts or is re-rated, the next one in
    the sort is in the batch at once, and the batch can't drift from the list's order.
    """
    return list(targets_for(owner, status=Target.Status.OPEN)[:BATCH_SIZE])


def batch_ids(owner: User) -> list[int]:
    """The ids of the active batch, in order (one cheap query: no counts but advocacy)."""
    return list(
        Target.objects.filter(owner=owner, status=Target.Status.OPEN)
        .annotate(advocacy=Exists(_people_here()))
        .order_by(*LAMP_ORDER)
        .values_list("pk", flat=True)[:BATCH_SIZE]
    )


@dataclass(frozen=True)
class ListCounts:
    """The list's size toward 40 (RULE-L1) and its make-up (RULE-L2, RULE-L3)."""

    total: int
    by_source: dict[str, int]
    small: int
    unrated: int
    open: int
    goal: int = TARGET_LIST_SIZE

    @property
    def sources(self) -> list[tuple[str, str, int]]:
        return [
            (value, label, self.by_source.get(value, 0)) for value, label in Target.Source.choices
        ]

    @property
    def reached(self) -> bool:
        return self.total >= self.goal

    @property
    def to_go(self) -> int:
        return max(self.goal - self.total, 0)


def counts_for(owner: User) -> ListCounts:
    """How many targets the owner has, by source, in one query."""
    sources = {value: Count("pk", filter=Q(source=value)) for value in Target.Source.values}
    row = Target.objects.filter(owner=owner).aggregate(
        total=Count("pk"),
        small=Count("pk", filter=Q(size=Target.Size.SMALL)),
        unrated=Count("pk", filter=Q(motivation__isnull=True)),
        open=Count("pk", filter=Q(status=Target.Status.OPEN)),
        **sources,
    )
    return ListCounts(
        total=row["total"],
        small=row["small"],
        unrated=row["unrated"],
        open=row["open"],
        by_source={v: row[v] for v in Target.Source.values},
    )


def rerate_due(owner: User, *, limit: int = 10) -> list[Target]:
    """Employers where a conversation was held after Motivation was last rated (RULE-L7)."""
    return list(
        targets_for(owner)
        .exclude(status=Target.Status.CLOSED)
        .filter(last_held_at__isnull=False)  # type: ignore[misc]  # annotated
        .filter(Q(motivation_rated_at__isnull=True) | Q(last_held_at__gt=F("motivation_rated_at")))[
            :limit
        ]
    )


def state_label(target: Target, *, in_batch: bool) -> str:
    """Where the employer is in method.md section 1's state machine, from the facts.

    Candidate -> active (in the top five) -> engaged (a conversation held there) are told
    apart by the sort and the conversations; referred, applied and closed are the user's word.
    """
    if not target.is_open:
        return target.status_label
    if getattr(target, "held_count", 0):
        return "Engaged"
    return "Active" if in_batch else "Candidate"


def with_states(targets: Iterable[Target], batch: list[int]) -> list[Target]:
    """Mark each target with its place in the batch and its state label, for templates."""
    marked = []
    for target in targets:
        target.in_batch = target.pk in batch  # type: ignore[attr-defined]
        target.state = state_label(target, in_batch=target.pk in batch)  # type: ignore[attr-defined]
        marked.append(target)
    return marked


# Organizations to pick from (the network, people you know there first) ----------------------


def organizations_to_pick(owner: User, *, search: str = "") -> QuerySet[Organization]:
    """The owner's organizations not on the list yet, most people known there first; then the
    ones already listed (marked `on_list`)."""
    organizations = (
        Organization.objects.filter(owner=owner)
        .annotate(
            people_count=Count("people"),
            on_list=Exists(Target.objects.filter(owner=owner, organization=OuterRef("pk"))),
        )
        .order_by("on_list", "-people_count", Lower("name"), "pk")
    )
    if search:
        organizations = organizations.filter(
            Q(name__icontains=search)
            | Q(industry__icontains=search)
            | Q(location__icontains=search)
        )
    return organizations


# Panels other apps' pages show (through coffeechat.targets.templatetags.targets) ---------------


@dataclass(frozen=True)
class OrganizationPanel:
    """An organization page's line about the target list."""

    target: Target | None
    place: int | None  # 1-5 when in the top five


def organization_panel(owner: User, organization: Organization) -> OrganizationPanel:
    target = target_for_organization(owner, organization)
    if target is None:
        return OrganizationPanel(target=None, place=None)
    batch = batch_ids(owner)
    [target] = with_states([target], batch)
    return OrganizationPanel(
        target=target, place=batch.index(target.pk) + 1 if target.pk in batch else None
    )
