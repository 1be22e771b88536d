"""Reads for obstacles, options, occupations and themes (evidence_items.py, syntheses.py and
overview.py hold the rest). Every function is owner-scoped, and every page's reads are a fixed
number of queries whatever the account's size (lists are paginated or capped)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Note
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Organization
from coffeechat.occupations import queries as occupations
from coffeechat.occupations.models import Occupation, Release
from coffeechat.prep.models import Capture, Question
from coffeechat.strategy import themes
from coffeechat.strategy.models import (
    Action,
    Evidence,
    Mention,
    Obstacle,
    Option,
    StrategyVersion,
    Theme,
)
from coffeechat.targets import queries as target_queries
from coffeechat.targets.models import Target

FOCUS_MIN, FOCUS_MAX = 3, 5  # method.md 11.4 (CASVE synthesis), 11.5 step 5
SYNTHESIS_EVERY = 3  # conversations (method.md 11.5 step 3)
PER_PAGE = 25
PANEL_OPTIONS = 50
SUGGESTED_EMPLOYERS = 12
STRATEGY_THEMES = 8
FOCUS_PANELS = 8


# Single rows (404 for anyone else's) --------------------------------------------------------------


def get_obstacle(owner: User, obstacle_id: int) -> Obstacle:
    return get_owned(Obstacle, owner=owner, pk=obstacle_id)


def get_action(owner: User, action_id: int) -> Action:
    return get_owned(Action.objects.select_related("obstacle"), owner=owner, pk=action_id)


def get_option(owner: User, option_id: int) -> Option:
    return get_owned(Option, owner=owner, pk=option_id)


def get_theme(owner: User, theme_id: int) -> Theme:
    return get_owned(Theme, owner=owner, pk=theme_id)


def get_evidence(owner: User, evidence_id: int) -> Evidence:
    return get_owned(
        Evidence.objects.select_related(
            "capture", "question", "note", "person__organization", "option", "conversation"
        ),
        owner=owner,
        pk=evidence_id,
    )


def get_version(owner: User, version_id: int) -> StrategyVersion:
    return get_owned(StrategyVersion, owner=owner, pk=version_id)


def latest_version(owner: User) -> StrategyVersion | None:
    """The strategy document as it stands (its newest version); None before the first save."""
    return StrategyVersion.objects.filter(owner=owner).order_by("-number").first()


def get_note(owner: User, note_id: int) -> Note:
    return get_owned(Note.objects.select_related("person"), owner=owner, pk=note_id)


# Obstacles ----------------------------------------------------------------------------------------

STATUS_ORDER = {Obstacle.Status.WORKING: 0, Obstacle.Status.OPEN: 1, Obstacle.Status.CLOSED: 2}


def obstacles_for(owner: User) -> list[Obstacle]:
    """Every obstacle (at most obstacles.MAX_OBSTACLES), working-on first, closed last, with
    their actions and how many questions and pieces of advice are linked."""
    rows = (
        Obstacle.objects.filter(owner=owner)
        .annotate(
            question_count=Count("questions", distinct=True),
            advice_count=Count("captures", distinct=True),
            conversation_count=Count("raised_in", distinct=True),
        )
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("done_at", "due_on", "pk"))
        )
        .order_by("created_at", "pk")
    )
    return sorted(rows, key=lambda o: STATUS_ORDER[Obstacle.Status(o.status)])


def obstacle_titles_raised(conversation: Conversation) -> list[str]:
    """The titles of the obstacles the user raises in this conversation, oldest first."""
    return list(
        Obstacle.objects.filter(owner_id=conversation.owner_id, raised_in=conversation)
        .order_by("created_at", "pk")
        .values_list("title", flat=True)
    )


@dataclass
class BriefObstacle:
    obstacle: Obstacle
    raised: bool
    question: Question | None  # the question planned for it in this conversation
    linked_ids: set[int] = field(default_factory=set)  # this conversation's advice linked


def brief_obstacles(conversation: Conversation) -> list[BriefObstacle]:
    """The user's obstacles as the brief shows them: raised here or not, with the question
    planned for each in this conversation (closed ones only when raised here)."""
    owner_id = conversation.owner_id
    raised = Obstacle.raised_in.through.objects.filter(
        conversation_id=conversation.pk, obstacle_id=OuterRef("pk")
    )
    rows = (
        Obstacle.objects.filter(owner_id=owner_id)
        .annotate(here=Exists(raised))
        .filter(~Q(status=Obstacle.Status.CLOSED) | Q(here=True))
        .order_by("created_at", "pk")
    )
    planned: dict[int, Question] = {}
    for link in Obstacle.questions.through.objects.filter(
        question__conversation_id=conversation.pk, obstacle__owner_id=owner_id
    ).select_related("question"):
        planned.setdefault(link.obstacle_id, link.question)
    return [BriefObstacle(o, o.here, planned.get(o.pk)) for o in rows]


@dataclass
class ObstacleDetail:
    obstacle: Obstacle
    actions: list[Action]
    questions: list[Question]
    advice: list[Capture]
    conversations: list[Conversation]
    advice_to_link: list[Capture]


def obstacle_detail(obstacle: Obstacle) -> ObstacleDetail:
    """Everything linked to an obstacle, and recent advice from where it was raised to link."""
    conversations = list(
        obstacle.raised_in.filter(owner_id=obstacle.owner_id)
        .select_related("person__organization")
        .order_by("-created_at")[:30]
    )
    linked = list(
        obstacle.captures.select_related("conversation__person").order_by("-created_at")[:50]
    )
    to_link = (
        Capture.objects.filter(
            owner_id=obstacle.owner_id, conversation__in=[c.pk for c in conversations]
        )
        .exclude(pk__in=[c.pk for c in linked])
        .exclude(kind=Capture.Kind.REFERRAL)
        .select_related("conversation__person")
        .order_by("-created_at")[:20]
    )
    return ObstacleDetail(
        obstacle=obstacle,
        actions=list(obstacle.actions.order_by("done_at", "due_on", "pk")),
        questions=list(
            obstacle.questions.select_related("conversation__person").order_by("-created_at")[:50]
        ),
        advice=linked,
        conversations=conversations,
        advice_to_link=list(to_link),
    )


def open_actions(owner: User, limit: int = 8) -> list[Action]:
    """The next things to do about obstacles, dated ones first."""
    return list(
        Action.objects.filter(owner=owner, done_at__isnull=True)
        .exclude(obstacle__status=Obstacle.Status.CLOSED)
        .select_related("obstacle")
        .order_by("due_on", "pk")[:limit]
    )


# Options ------------------------------------------------------------------------------------------


def options_for(owner: User, *, status: str = "") -> QuerySet[Option]:
    """The options, focus first, with their employers and how much evidence each has."""
    options = (
        Option.objects.filter(owner=owner)
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            conversation_count=Count("evidence__conversation", distinct=True),
        )
        .prefetch_related(Prefetch("organizations", queryset=Organization.objects.order_by("name")))
        .order_by("status", "title", "pk")
    )
    return options.filter(status=status) if status else options


def focus_note(focus_count: int) -> str:
    """What to say about the size of the focus set (method.md 11.5 step 5)."""
    if focus_count > FOCUS_MAX:
        return (
            f"You have {focus_count} options in focus. Keep it to {FOCUS_MIN}–{FOCUS_MAX}: "
            "drop one, or merge two that are really the same work."
        )
    if 0 < focus_count < FOCUS_MIN:
        return (
            f"{focus_count} in focus. Most people weigh {FOCUS_MIN}–{FOCUS_MAX} options "
            "before choosing a first one; keep exploring."
        )
    return ""


def focus_count(owner: User) -> int:
    return Option.objects.filter(owner=owner, status=Option.Status.FOCUS).count()


def panel_options(owner: User) -> list[Option]:
    """Options to tag evidence to: the ones not dropped, focus first."""
    return list(
        Option.objects.filter(owner=owner)
        .exclude(status=Option.Status.DROP)
        .order_by("status", "title", "pk")[:PANEL_OPTIONS]
    )


def suggested_employers(owner: User, option: Option, search: str = "") -> list[Organization]:
    """Employers to add to an option (at most SUGGESTED_EMPLOYERS): matching the search, or
    else your open target list in LAMP order, then where you've had conversations. Targets
    come first either way (`is_target`)."""
    linked = option.organizations.values("pk")
    is_target = Exists(Target.objects.filter(owner=owner, organization=OuterRef("pk")))
    organizations = (
        Organization.objects.filter(owner=owner)
        .exclude(pk__in=linked)
        .annotate(is_target=is_target)
    )
    if search:
        return list(
            organizations.filter(name__icontains=search).order_by("-is_target", "name")[
                :SUGGESTED_EMPLOYERS
            ]
        )
    targets = (
        target_queries.targets_for(owner, status=Target.Status.OPEN)
        .exclude(organization__in=linked)
        .values_list("organization", flat=True)[:SUGGESTED_EMPLOYERS]
    )
    recent = (
        Conversation.objects.filter(owner=owner, person__organization__isnull=False)
        .exclude(person__organization__in=linked)
        .order_by("-created_at")
        .values_list("person__organization", flat=True)[:200]
    )
    ids = list(dict.fromkeys([*targets, *recent]))[:SUGGESTED_EMPLOYERS]
    found = {o.pk: o for o in organizations.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


# Occupations (shared O*NET data, from the occupations app) ------------------------------------

OCCUPATION_OPTIONS, OCCUPATION_EMPLOYERS, OCCUPATION_MATCHES = 10, 12, 8
STATUS_RANK = Case(
    When(status=Option.Status.FOCUS, then=Value(0)),
    When(status=Option.Status.EXPLORE, then=Value(1)),
    default=Value(2),
)


@dataclass
class OccupationOptions:
    """On an occupation's page: the user's options for it and the employers they name."""

    options: list[Option]
    employers: list[Organization]
    more_employers: bool
    targeted: dict[int, int]  # those employers on the target list: organization id -> target id
    choosing: Option | None  # the option the user came from to choose an occupation


def occupation_options(owner: User, code: str, choosing_id: int | None = None) -> OccupationOptions:
    """Four queries whatever the numbers: the options (capped, focus first), their employers
    (capped), which of those are targets, and the option being linked (?option=<id>)."""
    options = list(
        Option.objects.filter(owner=owner, occupation_code=code).order_by(
            STATUS_RANK, "title", "pk"
        )[:OCCUPATION_OPTIONS]
    )
    employers: list[Organization] = []
    if options:
        employers = list(
            Organization.objects.filter(owner=owner, options__in=options)
            .distinct()
            .order_by("name", "pk")[: OCCUPATION_EMPLOYERS + 1]
        )
    targeted = (
        dict(
            Target.objects.filter(owner=owner, organization__in=employers).values_list(
                "organization_id", "pk"
            )
        )
        if employers
        else {}
    )
    choosing = (
        Option.objects.filter(owner=owner, pk=choosing_id).first()
        if choosing_id is not None
        else None
    )
    return OccupationOptions(
        options=options,
        employers=employers[:OCCUPATION_EMPLOYERS],
        more_employers=len(employers) > OCCUPATION_EMPLOYERS,
        targeted=targeted,
        choosing=choosing,
    )


@dataclass
class OccupationPicker:
    """The occupation of an option, and the search to choose it (when O*NET data is loaded)."""

    loaded: Release | None
    occupation: Occupation | None  # the option's, when the loaded data has its code
    query: str = ""
    matches: list[occupations.Match] = field(default_factory=list)
    suggested: bool = False  # matches for the option's own title: nobody searched yet

    @property
    def searched(self) -> bool:
        return bool(self.query)


def occupation_picker(
    option: Option, search: str | None = None, *, limit: int = OCCUPATION_MATCHES
) -> OccupationPicker:
    """`search` None: suggest occupations for the option's title until one is chosen; a
    string: what the user typed. No queries but the release and the option's occupation (the
    search index is built once per process)."""
    loaded = occupations.release()
    if loaded is None:
        return OccupationPicker(loaded=None, occupation=None)
    current = occupations.occupation(option.occupation_code) if option.occupation_code else None
    suggested = search is None and not option.occupation_code
    query = option.title if suggested else " ".join((search or "").split())[:200]
    matches = occupations.search(query, limit=limit, loaded=loaded) if query else []
    return OccupationPicker(
        loaded=loaded, occupation=current, query=query, matches=matches, suggested=suggested
    )


# Themes -------------------------------------------------------------------------------------------


@dataclass
class ThemeRow:
    theme: Theme
    sources: list[Mention]


def refresh_themes(owner: User) -> bool:
    """Bring the owner's themes up to date at a bounded cost, as the strategy pages do (for
    pages of other apps that read themes, such as insights); True while the worker still reads
    older notes."""
    return themes.refresh(owner)


def themes_for(
    owner: User, *, limit: int = STRATEGY_THEMES, kind: str = "", per_theme: int = 3
) -> list[ThemeRow]:
    """The confirmed themes most people mentioned, each with a few of its sources."""
    rows = Theme.objects.filter(owner=owner, status=Theme.Status.CONFIRMED)
    if kind:
        rows = rows.filter(kind=kind)
    chosen = list(rows.order_by("-people_count", "-last_said_at", "pk")[:limit])
    sources = themes.sources_of(owner, chosen, per_theme=per_theme)
    return [ThemeRow(t, sources.get(t.pk, [])) for t in chosen]


def themes_page(
    owner: User, *, page: int | str = 1, status: str = Theme.Status.CONFIRMED, kind: str = ""
) -> tuple[Page[Theme], list[ThemeRow]]:
    rows = Theme.objects.filter(owner=owner, status=status)
    if kind:
        rows = rows.filter(kind=kind)
    current = Paginator(rows.order_by("-people_count", "-last_said_at", "pk"), PER_PAGE).get_page(
        page
    )
    chosen = list(current.object_list)
    sources = themes.sources_of(owner, chosen, per_theme=2)
    return current, [ThemeRow(t, sources.get(t.pk, [])) for t in chosen]


def theme_mentions(owner: User, theme: Theme, page: int | str = 1) -> Page[Mention]:
    """Every note a theme came from, newest first."""
    mentions = (
        Mention.objects.filter(owner=owner, term__in=theme.terms or [theme.key])
        .select_related(
            "person__organization",
            "capture__conversation",
            "question__conversation",
            "note__conversation",
        )
        .order_by("-said_at", "-pk")
    )
    return Paginator(mentions, PER_PAGE).get_page(page)


def merge_targets(owner: User, theme: Theme, limit: int = 60) -> list[Theme]:
    return list(
        Theme.objects.filter(owner=owner, status=Theme.Status.CONFIRMED)
        .exclude(pk=theme.pk)
        .order_by("-people_count", "pk")[:limit]
    )


def theme_counts(owner: User) -> dict[str, int]:
    rows = Theme.objects.filter(owner=owner).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def linked_advice(conversation: Conversation, obstacles: list[Obstacle]) -> set[tuple[int, int]]:
    """(obstacle id, capture id) pairs of this conversation's advice linked to the obstacles."""
    if not obstacles:
        return set()
    return set(
        Obstacle.captures.through.objects.filter(
            obstacle__in=[o.pk for o in obstacles], capture__conversation_id=conversation.pk
        ).values_list("obstacle_id", "capture_id")
    )
