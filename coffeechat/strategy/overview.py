"""The strategy page: a panel per focused option with whom to talk to next, and the saved
versions of the strategy."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import (
    Exists,
    OuterRef,
    Q,
)

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Stage
from coffeechat.network.models import Introduction, Organization, Person
from coffeechat.prep.models import Capture
from coffeechat.strategy import document, themes
from coffeechat.strategy.models import (
    Action,
    Evidence,
    Option,
    StrategyVersion,
    Tag,
)
from coffeechat.strategy.queries import (
    FOCUS_PANELS,
    PER_PAGE,
    ThemeRow,
    focus_count,
    focus_note,
    open_actions,
    options_for,
    themes_for,
)
from coffeechat.strategy.syntheses import Due, syntheses_due
from coffeechat.targets import queries as target_queries
from coffeechat.targets.contacts import starting_points
from coffeechat.targets.models import Target

# The strategy page --------------------------------------------------------------------------------


@dataclass
class Contact:
    person: Person
    why: str


@dataclass
class FocusPanel:
    option: Option
    employers: list[Organization]
    contacts: list[Contact]
    gaps: list[Evidence]
    resources: list[Evidence]


def focus_panels(owner: User) -> list[FocusPanel]:
    """For each focus option: where (employers), with whom (referrals and resources tagged to
    it, then people at its employers you haven't talked to yet) and its gaps (method.md 11.5
    step 6). A fixed number of queries per option, at most FOCUS_PANELS options."""
    options = list(options_for(owner, status=Option.Status.FOCUS)[:FOCUS_PANELS])
    panels = []
    for option in options:
        employers = list(option.organizations.all())
        evidence = list(
            Evidence.objects.filter(owner=owner, option=option)
            .filter(
                Q(tag__in=[Tag.LEAD, Tag.GAP])
                | Q(capture__kind__in=[Capture.Kind.REFERRAL, Capture.Kind.RESOURCE])
            )
            .select_related("capture__referred__organization", "question", "note", "person")
            .order_by("-said_at")[:30]
        )
        contacts = [
            Contact(e.capture.referred, f"suggested by {e.person}")
            for e in evidence
            if e.capture and e.capture.referred
        ]
        contacts += _introduced(owner, option, exclude=[c.person.pk for c in contacts])
        contacts += _best_at_targets(owner, employers, exclude=[c.person.pk for c in contacts])
        contacts += [
            Contact(p, f"at {p.organization}")
            for p in _not_yet_asked(
                owner,
                [o.pk for o in employers if not getattr(o, "is_target", False)],
                exclude=[c.person.pk for c in contacts],
            )
        ]
        panels.append(
            FocusPanel(
                option=option,
                employers=employers[:10],
                contacts=contacts[:6],
                gaps=[e for e in evidence if e.tag == Tag.GAP][:5],
                resources=[
                    e for e in evidence if e.capture and e.capture.kind == Capture.Kind.RESOURCE
                ][:5],
            )
        )
    return panels


def _best_at_targets(
    owner: User, employers: list[Organization], exclude: list[int]
) -> list[Contact]:
    """The person the target list would ask first at each of the option's target employers
    (warmest, in your field; see coffeechat.targets.contacts), best employer first."""
    targets = list(
        target_queries.targets_for(owner, status=Target.Status.OPEN).filter(
            organization__in=[o.pk for o in employers]
        )
    )
    by_pk = {o.pk: o for o in employers}
    for target in targets:
        by_pk[target.organization_id].is_target = True  # type: ignore[attr-defined]
    return [
        Contact(point.best, f"best to ask at {point.target.organization}")
        for point in starting_points(owner, targets)
        if point.best is not None and point.best.pk not in exclude
    ][:4]


def _introduced(owner: User, option: Option, exclude: list[int], limit: int = 4) -> list[Contact]:
    """The referral plan: people introduced by someone whose words are tagged to the option,
    not asked for a conversation yet."""
    speakers = Evidence.objects.filter(owner=owner, option=option).values("person")
    asked = Conversation.objects.filter(owner=owner, person=OuterRef("introduced")).exclude(
        stage=Stage.IDENTIFIED
    )
    rows = (
        Introduction.objects.filter(owner=owner, introducer__in=speakers)
        .exclude(introduced__in=exclude)
        .annotate(asked=Exists(asked))
        .filter(asked=False)
        .select_related("introducer", "introduced__organization")
        .order_by("-introduced_on")[:limit]
    )
    return [Contact(i.introduced, f"introduced by {i.introducer}") for i in rows]


def _not_yet_asked(
    owner: User, organization_ids: list[int], exclude: list[int], limit: int = 4
) -> list[Person]:
    if not organization_ids:
        return []
    asked = Conversation.objects.filter(owner=owner, person=OuterRef("pk")).exclude(
        stage=Stage.IDENTIFIED
    )
    return list(
        Person.objects.filter(owner=owner, organization__in=organization_ids)
        .exclude(pk__in=exclude)
        .annotate(asked=Exists(asked))
        .filter(asked=False)
        .select_related("organization")
        .order_by("-connection", "full_name")[:limit]
    )


@dataclass
class StrategyPage:
    version: StrategyVersion | None
    blocks: list[document.Block]
    references: dict[tuple[str, int], document.Reference]
    themes: list[ThemeRow]
    focus: list[FocusPanel]
    actions: list[Action]
    due: list[Due]
    focus_note: str
    options_count: int
    waiting: bool  # older notes are still being read into themes


def strategy_page(owner: User, version: StrategyVersion | None = None) -> StrategyPage:
    """The strategy page: the document (the latest version, unless one is given) and what
    stands beside it."""
    waiting = themes.refresh(owner)
    version = version or StrategyVersion.objects.filter(owner=owner).first()
    body = version.body if version else ""
    refs = document.load_references(owner, body)
    return StrategyPage(
        version=version,
        blocks=document.blocks(body, refs),
        references=refs,
        themes=themes_for(owner),
        focus=focus_panels(owner),
        actions=open_actions(owner),
        due=syntheses_due(owner),
        focus_note=focus_note(focus_count(owner)),
        options_count=Option.objects.filter(owner=owner).count(),
        waiting=waiting,
    )


def versions_for(owner: User, page: int | str = 1) -> Page:
    return Paginator(
        StrategyVersion.objects.filter(owner=owner)
        .order_by("-number")
        .only("pk", "number", "created_at", "restored_from"),
        PER_PAGE,
    ).get_page(page)
