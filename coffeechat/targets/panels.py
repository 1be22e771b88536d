"""What the target list contributes to other apps' pages: Today's "whom to ask next", an
organization's place on the list, and the After page's re-rating of Motivation."""

from __future__ import annotations

from dataclasses import dataclass, field

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.network.models import Organization
from coffeechat.targets import contacts, queries
from coffeechat.targets.contacts import StartingPoint
from coffeechat.targets.forms import MOTIVATION_OPTIONS, SOURCE_CHOICES
from coffeechat.targets.models import Target


@dataclass(frozen=True)
class WhomToAskPanel:
    """The best person to ask at each of the top five employers (method.md RULE-L6)."""

    points: list[StartingPoint]
    counts: queries.ListCounts
    function_known: bool  # the user's field is known, so people in their function come first


def whom_to_ask_panel(owner: User) -> WhomToAskPanel:
    return WhomToAskPanel(
        points=contacts.starting_points(owner, queries.batch_for(owner)),
        counts=queries.counts_for(owner),
        function_known=bool(contacts.function_terms(owner)),
    )


@dataclass(frozen=True)
class OrganizationTargetPanel:
    """An organization page's line about the target list, or a way to put it there."""

    organization: Organization
    target: Target | None
    place: int | None  # 1-5 when in the top five
    sources: list[tuple[str, str]] = field(default_factory=lambda: list(SOURCE_CHOICES))


def organization_target_panel(owner: User, organization: Organization) -> OrganizationTargetPanel:
    target = queries.target_for_organization(owner, organization)
    if target is None:
        return OrganizationTargetPanel(organization=organization, target=None, place=None)
    batch = queries.batch_ids(owner)
    [target] = queries.with_states([target], batch)
    place = batch.index(target.pk) + 1 if target.pk in batch else None
    return OrganizationTargetPanel(organization=organization, target=target, place=place)


@dataclass(frozen=True)
class RerateMotivationPanel:
    """The After page: re-rate Motivation for the employer you just talked to (RULE-L7).
    `organization` is None (nothing to show) before the meeting or without an employer."""

    organization: Organization | None
    target: Target | None = None
    options: list[int | None] = field(default_factory=lambda: list(MOTIVATION_OPTIONS))
    sources: list[tuple[str, str]] = field(default_factory=lambda: list(SOURCE_CHOICES))


def rerate_motivation_panel(owner: User, conversation: Conversation) -> RerateMotivationPanel:
    organization = conversation.person.organization
    if organization is None or conversation.stage not in queries.HELD_STAGES:
        return RerateMotivationPanel(organization=None)
    return RerateMotivationPanel(
        organization=organization, target=queries.target_for_organization(owner, organization)
    )
