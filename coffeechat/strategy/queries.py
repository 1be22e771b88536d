"""Reads for obstacles, options, evidence, themes, syntheses and the strategy. Every function is
owner-scoped, and every page's reads are a fixed number of queries whatever the account's size
(lists are paginated or capped)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
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
from coffeechat.conversations.models import Conversation, Note, Stage
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Introduction, Organization, Person
from coffeechat.occupations import queries as occupations
from coffeechat.occupations.models import Occupation, Release
from coffeechat.prep.models import Brief, Capture, Question
from coffeechat.strategy import document, themes
from coffeechat.strategy.models import (
    Action,
    Evidence,
    Mention,
    Obstacle,
    Option,
    StrategyVersion,
    Synthesis,
    Tag,
    Theme,
)
from coffeechat.targets import queries as target_queries
from coffeechat.targets.contacts import starting_points
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
    return get_owned(Evidence.objects.select_related(
            "capture", "question", "note", "person__organization", "option", "conversation"),
            owner=owner, pk=evidence_id)


def get_version(owner: User, version_id: int) -> StrategyVersion:
    return get_owned(StrategyVersion, owner=owner, pk=version_id)


def get_note(owner: User, note_id: int) -> Note:
    return get_owned(Note.objects.select_related("person"), owner=owner, pk=note_id)


# Obstacles ----------------------------------------------------------------------------------------

STATUS_ORDER = {Obstacle.Status.WORKING: 0, Obstacle.Status.OPEN: 1, Obstacle.Status.CLOSED: 2}


def obstacles_for(owner: User) -> list[Obstacle]:
    """Every obstacle (at most services.MAX_OBSTACLES), working-on first, closed last, with
    their actions and how many questions and pieces of advice are linked."""
    rows = (Obstacle.objects.filter(owner=owner)
            .annotate(question_count=Count("questions", distinct=True),
                      advice_count=Count("captures", distinct=True),
                      conversation_count=Count("raised_in", distinct=True))
            .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by(
                "done_at", "due_on", "pk")))
            .order_by("created_at", "pk"))
    return sorted(rows, key=lambda o: STATUS_ORDER[o.status])


def obstacle_titles_raised(conversation: Conversation) -> list[str]:
    """The titles of the obstacles the user raises in this conversation, oldest first."""
    return list(Obstacle.objects.filter(owner_id=conversation.owner_id, raised_in=conversation)
                .order_by("created_at", "pk").values_list("title", flat=True))


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
        conversation_id=conversation.pk, obstacle_id=OuterRef("pk"))
    rows = (Obstacle.objects.filter(owner_id=owner_id).annotate(here=Exists(raised))
            .filter(~Q(status=Obstacle.Status.CLOSED) | Q(here=True))
            .order_by("created_at", "pk"))
    planned = {}
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
    conversations = list(obstacle.raised_in.filter(owner_id=obstacle.owner_id)
                         .select_related("person__organization").order_by("-created_at")[:30])
    linked = list(obstacle.captures.select_related("conversation__person")
                  .order_by("-created_at")[:50])
    to_link = (Capture.objects.filter(owner_id=obstacle.owner_id,
                                      conversation__in=[c.pk for c in conversations])
               .exclude(pk__in=[c.pk for c in linked]).exclude(kind=Capture.Kind.REFERRAL)
               .select_related("conversation__person").order_by("-created_at")[:20])
    return ObstacleDetail(
        obstacle=obstacle,
        actions=list(obstacle.actions.order_by("done_at", "due_on", "pk")),
        questions=list(obstacle.questions.select_related("conversation__person")
                       .order_by("-created_at")[:50]),
        advice=linked, conversations=conversations, advice_to_link=list(to_link))


def open_actions(owner: User, limit: int = 8) -> list[Action]:
    """The next things to do about obstacles, dated ones first."""
    return list(Action.objects.filter(owner=owner, done_at__isnull=True)
                .exclude(obstacle__status=Obstacle.Status.CLOSED).select_related("obstacle")
                .order_by("due_on", "pk")[:limit])


# Options ------------------------------------------------------------------------------------------

def options_for(owner: User, *, status: str = "") -> QuerySet[Option]:
    """The options, focus first, with their employers and how much evidence each has."""
    options = (Option.objects.filter(owner=owner)
               .annotate(evidence_count=Count("evidence", distinct=True),
                         conversation_count=Count("evidence__conversation", distinct=True))
               .prefetch_related(Prefetch("organizations",
                                          queryset=Organization.objects.order_by("name")))
               .order_by("status", "title", "pk"))
    return options.filter(status=status) if status else options


def focus_note(focus_count: int) -> str:
    """What to say about the size of the focus set (method.md 11.5 step 5)."""
    if focus_count > FOCUS_MAX:
        return (f"You have {focus_count} options in focus. Keep it to {FOCUS_MIN}–{FOCUS_MAX}: "
                "drop one, or merge two that are really the same work.")
    if 0 < focus_count < FOCUS_MIN:
        return (f"{focus_count} in focus. Most people weigh {FOCUS_MIN}–{FOCUS_MAX} options "
                "before choosing a first one; keep exploring.")
    return ""


def focus_count(owner: User) -> int:
    return Option.objects.filter(owner=owner, status=Option.Status.FOCUS).count()


def panel_options(owner: User) -> list[Option]:
    """Options to tag evidence to: the ones not dropped, focus first."""
    return list(Option.objects.filter(owner=owner).exclude(status=Option.Status.DROP)
                .order_by("status", "title", "pk")[:PANEL_OPTIONS])


def suggested_employers(owner: User, option: Option, search: str = "") -> list[Organization]:
    """Employers to add to an option (at most SUGGESTED_EMPLOYERS): matching the search, or
    else your open target list in LAMP order, then where you've had conversations. Targets
    come first either way (`is_target`)."""
    linked = option.organizations.values("pk")
    is_target = Exists(Target.objects.filter(owner=owner, organization=OuterRef("pk")))
    organizations = (Organization.objects.filter(owner=owner).exclude(pk__in=linked)
                     .annotate(is_target=is_target))
    if search:
        return list(organizations.filter(name__icontains=search)
                    .order_by("-is_target", "name")[:SUGGESTED_EMPLOYERS])
    targets = (target_queries.targets_for(owner, status=Target.Status.OPEN)
               .exclude(organization__in=linked).values_list("organization", flat=True)
               [:SUGGESTED_EMPLOYERS])
    recent = (Conversation.objects.filter(owner=owner, person__organization__isnull=False)
              .exclude(person__organization__in=linked).order_by("-created_at")
              .values_list("person__organization", flat=True)[:200])
    ids = list(dict.fromkeys([*targets, *recent]))[:SUGGESTED_EMPLOYERS]
    found = {o.pk: o for o in organizations.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


# Occupations (shared O*NET data, from the occupations app) ------------------------------------

OCCUPATION_OPTIONS, OCCUPATION_EMPLOYERS, OCCUPATION_MATCHES = 10, 12, 8
STATUS_RANK = Case(When(status=Option.Status.FOCUS, then=Value(0)),
                   When(status=Option.Status.EXPLORE, then=Value(1)), default=Value(2))


@dataclass
class OccupationOptions:
    """On an occupation's page: the user's options for it and the employers they name."""

    options: list[Option]
    employers: list[Organization]
    more_employers: bool
    targeted: dict[int, int]  # those employers on the target list: organization id -> target id
    choosing: Option | None  # the option the user came from to choose an occupation


def occupation_options(owner: User, code: str, choosing_id: int | None = None
                       ) -> OccupationOptions:
    """Four queries whatever the numbers: the options (capped, focus first), their employers
    (capped), which of those are targets, and the option being linked (?option=<id>)."""
    options = list(Option.objects.filter(owner=owner, occupation_code=code)
                   .order_by(STATUS_RANK, "title", "pk")[:OCCUPATION_OPTIONS])
    employers: list[Organization] = []
    if options:
        employers = list(Organization.objects.filter(owner=owner, options__in=options)
                         .distinct().order_by("name", "pk")[:OCCUPATION_EMPLOYERS + 1])
    targeted = dict(Target.objects.filter(owner=owner, organization__in=employers)
                    .values_list("organization_id", "pk")) if employers else {}
    choosing = (Option.objects.filter(owner=owner, pk=choosing_id).first()
                if choosing_id is not None else None)
    return OccupationOptions(options=options, employers=employers[:OCCUPATION_EMPLOYERS],
                             more_employers=len(employers) > OCCUPATION_EMPLOYERS,
                             targeted=targeted, choosing=choosing)


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


def occupation_picker(option: Option, search: str | None = None, *,
                      limit: int = OCCUPATION_MATCHES) -> OccupationPicker:
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
    return OccupationPicker(loaded=loaded, occupation=current, query=query, matches=matches,
                            suggested=suggested)


# Evidence -----------------------------------------------------------------------------------------

def item_key(item: Any) -> str:
    if isinstance(item, Capture):
        return f"capture:{item.pk}"
    return f"question:{item.pk}" if isinstance(item, Question) else f"note:{item.pk}"


def anchor(item: Any) -> str:
    """The id of the item's element on the After page and in lists: capture-12, answer-5..."""
    kind, pk = item_key(item).split(":")
    return f"{'answer' if kind == 'question' else kind}-{pk}"


def evidence_key(evidence: Evidence) -> str:
    if evidence.capture_id:
        return f"capture:{evidence.capture_id}"
    if evidence.question_id:
        return f"question:{evidence.question_id}"
    return f"note:{evidence.note_id}"


@dataclass
class TagPanel:
    """What the tag buttons of one page need: the tags already given, and the options."""

    by_item: dict[str, Evidence]
    options: list[Option]


def tag_panel(owner: User, conversation: Conversation) -> TagPanel:
    """Evidence on the conversation's items, and the options to link (2 queries)."""
    evidence = Evidence.objects.filter(owner=owner).filter(
        Q(conversation=conversation) | Q(note__conversation=conversation)).select_related(
        "option")
    return TagPanel({evidence_key(e): e for e in evidence}, panel_options(owner))


def tag_panel_for(owner: User, items: Iterable[Any]) -> TagPanel:
    items = list(items)
    filters = Q(pk__in=[])
    for name, model in (("capture", Capture), ("question", Question), ("note", Note)):
        ids = [i.pk for i in items if isinstance(i, model)]
        if ids:
            filters |= Q(**{f"{name}__in": ids})
    evidence = Evidence.objects.filter(owner=owner).filter(filters).select_related("option")
    return TagPanel({evidence_key(e): e for e in evidence}, panel_options(owner))


@dataclass
class Item:
    """A captured item as lists show it."""

    key: str
    obj: Any
    kind: str  # advice, insight, resource, referral, answer, note
    text: str
    person: Person
    conversation: Conversation | None
    said_at: Any

    @property
    def kind_label(self) -> str:
        return {"answer": "Answer", "note": "Note"}.get(self.kind, self.kind.title())


def as_item(obj: Any) -> Item:
    if isinstance(obj, Capture):
        return Item(item_key(obj), obj, obj.kind, obj.text, obj.conversation.person,
                    obj.conversation, obj.created_at)
    if isinstance(obj, Question):
        return Item(item_key(obj), obj, "answer", obj.answer, obj.conversation.person,
                    obj.conversation, obj.created_at)
    return Item(item_key(obj), obj, "note", obj.body, obj.person, obj.conversation,
                obj.created_at)


def _sources(owner: User, search: str, untagged: bool) -> list[QuerySet[Any]]:
    captures = Capture.objects.filter(owner=owner)
    answers = Question.objects.filter(owner=owner).exclude(answer="")
    notes = Note.objects.filter(owner=owner)
    if search:
        captures = captures.filter(text__icontains=search)
        answers = answers.filter(answer__icontains=search)
        notes = notes.filter(body__icontains=search)
    if untagged:
        captures = captures.filter(evidence__isnull=True)
        answers = answers.filter(evidence__isnull=True)
        notes = notes.filter(evidence__isnull=True)
    return [qs.annotate(source=Value(name, output_field=CharField()))
            .values_list("source", "pk", "created_at").order_by()
            for name, qs in (("capture", captures), ("question", answers), ("note", notes))]


def items_page(owner: User, *, page: int | str = 1, search: str = "", tag: str = "",
               option_id: int | None = None) -> tuple[Page, list[Item]]:
    """One page of captured items, newest first: all, untagged, or tagged (by tag, option)."""
    if tag in Tag.values or tag == "tagged" or option_id:
        evidence = Evidence.objects.filter(owner=owner)
        if tag in Tag.values:
            evidence = evidence.filter(tag=tag)
        if option_id:
            evidence = evidence.filter(option_id=option_id)
        if search:
            evidence = evidence.filter(Q(capture__text__icontains=search)
                                       | Q(question__answer__icontains=search)
                                       | Q(note__body__icontains=search))
        rows = evidence.order_by("-said_at", "-pk").values_list("capture", "question", "note",
                                                                "said_at")
        paginator = Paginator(rows, PER_PAGE)
        current = paginator.get_page(page)
        keys = [("capture", c) if c else ("question", q) if q else ("note", n)
                for c, q, n, _ in current.object_list]
    else:
        first, *rest = _sources(owner, search, untagged=tag == "untagged")
        paginator = Paginator(first.union(*rest, all=True).order_by("-created_at", "-pk"),
                              PER_PAGE)
        current = paginator.get_page(page)
        keys = [(source, pk) for source, pk, _ in current.object_list]
    return current, _load_items(owner, keys)


def _load_items(owner: User, keys: list[tuple[str, int]]) -> list[Item]:
    """The page's items in order (3 queries at most)."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for source, pk in keys:
        wanted[source].append(pk)
    loaded: dict[tuple[str, int], Any] = {}
    if wanted["capture"]:
        for c in Capture.objects.filter(owner=owner, pk__in=wanted["capture"]).select_related(
                "conversation__person__organization"):
            loaded[("capture", c.pk)] = c
    if wanted["question"]:
        for q in Question.objects.filter(owner=owner, pk__in=wanted["question"]).select_related(
                "conversation__person__organization"):
            loaded[("question", q.pk)] = q
    if wanted["note"]:
        for n in Note.objects.filter(owner=owner, pk__in=wanted["note"]).select_related(
                "person__organization", "conversation"):
            loaded[("note", n.pk)] = n
    return [as_item(loaded[key]) for key in keys if key in loaded]


def recent_evidence(owner: User, search: str = "", limit: int = 20) -> list[Evidence]:
    """Tagged items to link from the strategy, newest first."""
    evidence = Evidence.objects.filter(owner=owner)
    if search:
        evidence = evidence.filter(Q(capture__text__icontains=search)
                                   | Q(question__answer__icontains=search)
                                   | Q(note__body__icontains=search)
                                   | Q(person__full_name__icontains=search))
    return list(evidence.select_related("capture", "question", "note", "person__organization",
                                        "option").order_by("-said_at", "-pk")[:limit])


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


def themes_for(owner: User, *, limit: int = STRATEGY_THEMES, kind: str = "",
               per_theme: int = 3) -> list[ThemeRow]:
    """The confirmed themes most people mentioned, each with a few of its sources."""
    rows = Theme.objects.filter(owner=owner, status=Theme.Status.CONFIRMED)
    if kind:
        rows = rows.filter(kind=kind)
    chosen = list(rows.order_by("-people_count", "-last_said_at", "pk")[:limit])
    sources = themes.sources_of(owner, chosen, per_theme=per_theme)
    return [ThemeRow(t, sources.get(t.pk, [])) for t in chosen]


def themes_page(owner: User, *, page: int | str = 1, status: str = Theme.Status.CONFIRMED,
                kind: str = "") -> tuple[Page, list[ThemeRow]]:
    rows = Theme.objects.filter(owner=owner, status=status)
    if kind:
        rows = rows.filter(kind=kind)
    current = Paginator(rows.order_by("-people_count", "-last_said_at", "pk"),
                        PER_PAGE).get_page(page)
    chosen = list(current.object_list)
    sources = themes.sources_of(owner, chosen, per_theme=2)
    return current, [ThemeRow(t, sources.get(t.pk, [])) for t in chosen]


def theme_mentions(owner: User, theme: Theme, page: int | str = 1) -> Page:
    """Every note a theme came from, newest first."""
    mentions = (Mention.objects.filter(owner=owner, term__in=theme.terms or [theme.key])
                .select_related("person__organization", "capture__conversation",
                                "question__conversation", "note__conversation")
                .order_by("-said_at", "-pk"))
    return Paginator(mentions, PER_PAGE).get_page(page)


def merge_targets(owner: User, theme: Theme, limit: int = 60) -> list[Theme]:
    return list(Theme.objects.filter(owner=owner, status=Theme.Status.CONFIRMED)
                .exclude(pk=theme.pk).order_by("-people_count", "pk")[:limit])


def theme_counts(owner: User) -> dict[str, int]:
    rows = Theme.objects.filter(owner=owner).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


# Synthesis (method.md 11.3, 11.5 step 3) ----------------------------------------------------------

def conversations_by_option(owner: User, option_ids: Iterable[int] | None = None
                            ) -> dict[int, int]:
    """How many different conversations have evidence linked to each option."""
    evidence = Evidence.objects.filter(owner=owner, option__isnull=False,
                                       conversation__isnull=False)
    if option_ids is not None:
        evidence = evidence.filter(option_id__in=list(option_ids))
    rows = evidence.values("option").annotate(n=Count("conversation", distinct=True)).order_by()
    return {row["option"]: row["n"] for row in rows}


def next_synthesis_at(last_count: int) -> int:
    """The conversation count at which the next synthesis is due: 3, 6, 9..."""
    return (last_count // SYNTHESIS_EVERY + 1) * SYNTHESIS_EVERY


@dataclass
class Due:
    option: Option
    conversations: int


def syntheses_due(owner: User) -> list[Due]:
    """Options (not dropped) that reached their 3rd, 6th... conversation since the last
    synthesis was accepted (2 queries)."""
    options = panel_options(owner)
    counts = conversations_by_option(owner, [o.pk for o in options])
    latest: dict[int, int] = {}
    for option_id, count in Synthesis.objects.filter(owner=owner).values_list(
            "option", "conversations_count"):
        latest[option_id] = max(count, latest.get(option_id, 0))
    return [Due(o, counts[o.pk]) for o in options
            if counts.get(o.pk, 0) >= next_synthesis_at(latest.get(o.pk, 0))]


@dataclass
class Proposal:
    option: Option
    conversations: int
    likes: str = ""
    deal_breakers: str = ""
    gaps: str = ""
    open_questions: str = ""
    next_prototype: str = ""
    sections: list[tuple[str, str, str]] = field(default_factory=list)


def propose_synthesis(option: Option) -> Proposal:
    """A one-page synthesis from the option's evidence, for the user to edit and accept.

    Likes and deal-breakers are "confirmed" when two different people said the same thing
    (the same theme term); the rest are listed as one voice.
    """
    owner_id = option.owner_id
    evidence = list(Evidence.objects.filter(owner_id=owner_id, option=option)
                    .select_related("capture__referred", "question", "note", "person")
                    .order_by("said_at", "pk")[:300])
    conversations = {e.conversation_id for e in evidence if e.conversation_id}
    terms = _terms_by_evidence(owner_id, evidence)
    proposal = Proposal(option=option, conversations=len(conversations))
    proposal.likes = _voices([e for e in evidence if e.tag == Tag.FIT_PLUS], terms)
    proposal.deal_breakers = _voices([e for e in evidence if e.tag == Tag.FIT_MINUS], terms)
    gaps = [f"- {document.quote(e)} ({e.person})" for e in evidence if e.tag == Tag.GAP]
    gaps += [f"- Obstacle: {title}" for title in Obstacle.objects.filter(
        owner_id=owner_id).exclude(status=Obstacle.Status.CLOSED)
        .values_list("title", flat=True)[:10]]
    proposal.gaps = "\n".join(gaps)
    proposal.open_questions = _open_questions(owner_id, conversations)
    proposal.next_prototype = _next_prototype(option, evidence)
    return proposal


def _terms_by_evidence(owner_id: int, evidence: list[Evidence]) -> dict[int, set[str]]:
    by_item = {evidence_key(e): e.pk for e in evidence}
    found: dict[int, set[str]] = defaultdict(set)
    mentions = Mention.objects.filter(owner_id=owner_id).filter(
        Q(capture__in=[e.capture_id for e in evidence if e.capture_id])
        | Q(question__in=[e.question_id for e in evidence if e.question_id])
        | Q(note__in=[e.note_id for e in evidence if e.note_id]))
    for capture_id, question_id, note_id, term in mentions.values_list(
            "capture", "question", "note", "term"):
        key = (f"capture:{capture_id}" if capture_id else f"question:{question_id}"
               if question_id else f"note:{note_id}")
        found[by_item[key]].add(term)
    return found


def _voices(evidence: list[Evidence], terms: dict[int, set[str]]) -> str:
    """Confirmed lines (two or more people share a term) first, then single voices."""
    people_by_term: dict[str, set[int]] = defaultdict(set)
    for e in evidence:
        for term in terms.get(e.pk, ()):
            people_by_term[term].add(e.person_id)
    lines: list[str] = []
    confirmed = {e.pk for e in evidence
                 if any(len(people_by_term[t]) > 1 for t in terms.get(e.pk, ()))}
    said = [e for e in evidence if e.pk in confirmed]
    if said:
        names = ", ".join(dict.fromkeys(str(e.person) for e in said))
        lines.append(f"Confirmed by {names}:")
        lines += [f"- {document.quote(e)} ({e.person})" for e in said]
    single = [e for e in evidence if e.pk not in confirmed]
    if single:
        lines.append("One voice so far:")
        lines += [f"- {document.quote(e)} ({e.person})" for e in single]
    return "\n".join(lines)


def _open_questions(owner_id: int, conversation_ids: set[int]) -> str:
    unanswered = (Question.objects.filter(owner_id=owner_id, conversation__in=conversation_ids,
                                          answer="").order_by("-must_ask", "position")
                  .values_list("text", flat=True)[:6])
    lines = [f"- {text}" for text in unanswered]
    for reflection in Brief.objects.filter(owner_id=owner_id,
                                           conversation__in=conversation_ids).values_list(
            "reflection", flat=True)[:20]:
        answer = (reflection or {}).get("next", "").strip()
        if answer:
            lines.append(f"- {answer}")
    return "\n".join(lines[:10])


EXPERIENCE_WORDS = ("project", "volunteer", "shadow", "course", "internship", "portfolio",
                    "case study", "assignment", "certificate", "bootcamp")


def _next_prototype(option: Option, evidence: list[Evidence]) -> str:
    """A prototype conversation (a lead) and a prototype experience (method.md 11.3)."""
    lines = []
    for e in evidence:
        referred = e.capture.referred if e.capture_id and e.capture else None
        if e.tag == Tag.LEAD and referred is not None:
            lines.append(f"- Conversation: talk to {referred} (suggested by {e.person})")
    for e in evidence:
        if any(word in e.text.lower() for word in EXPERIENCE_WORDS) and e.tag != Tag.FIT_MINUS:
            lines.append(f"- Experience: {document.quote(e)} ({e.person})")
            break
    if not lines:
        lines.append(f"- Conversation: someone doing “{option.title}” day to day; ask what "
                     "they love and hate about it.")
    return "\n".join(lines[:6])


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
        evidence = list(Evidence.objects.filter(owner=owner, option=option)
                        .filter(Q(tag__in=[Tag.LEAD, Tag.GAP]) | Q(capture__kind__in=[
                            Capture.Kind.REFERRAL, Capture.Kind.RESOURCE]))
                        .select_related("capture__referred__organization", "question", "note",
                                        "person").order_by("-said_at")[:30])
        contacts = [Contact(e.capture.referred, f"suggested by {e.person}") for e in evidence
                    if e.capture_id and e.capture.referred_id]
        contacts += _introduced(owner, option, exclude=[c.person.pk for c in contacts])
        contacts += _best_at_targets(owner, employers, exclude=[c.person.pk for c in contacts])
        contacts += [Contact(p, f"at {p.organization}") for p in _not_yet_asked(
            owner, [o.pk for o in employers if not getattr(o, "is_target", False)],
            exclude=[c.person.pk for c in contacts])]
        panels.append(FocusPanel(
            option=option, employers=employers[:10], contacts=contacts[:6],
            gaps=[e for e in evidence if e.tag == Tag.GAP][:5],
            resources=[e for e in evidence if e.capture_id
                       and e.capture.kind == Capture.Kind.RESOURCE][:5]))
    return panels


def _best_at_targets(owner: User, employers: list[Organization], exclude: list[int]
                     ) -> list[Contact]:
    """The person the target list would ask first at each of the option's target employers
    (warmest, in your field; see coffeechat.targets.contacts), best employer first."""
    targets = list(target_queries.targets_for(owner, status=Target.Status.OPEN)
                   .filter(organization__in=[o.pk for o in employers]))
    by_pk = {o.pk: o for o in employers}
    for target in targets:
        by_pk[target.organization_id].is_target = True  # type: ignore[attr-defined]
    return [Contact(point.best, f"best to ask at {point.target.organization}")
            for point in starting_points(owner, targets)
            if point.best is not None and point.best.pk not in exclude][:4]


def _introduced(owner: User, option: Option, exclude: list[int], limit: int = 4
                ) -> list[Contact]:
    """The referral plan: people introduced by someone whose words are tagged to the option,
    not asked for a conversation yet."""
    speakers = Evidence.objects.filter(owner=owner, option=option).values("person")
    asked = Conversation.objects.filter(owner=owner, person=OuterRef("introduced")).exclude(
        stage=Stage.IDENTIFIED)
    rows = (Introduction.objects.filter(owner=owner, introducer__in=speakers)
            .exclude(introduced__in=exclude).annotate(asked=Exists(asked)).filter(asked=False)
            .select_related("introducer", "introduced__organization")
            .order_by("-introduced_on")[:limit])
    return [Contact(i.introduced, f"introduced by {i.introducer}") for i in rows]


def _not_yet_asked(owner: User, organization_ids: list[int], exclude: list[int],
                   limit: int = 4) -> list[Person]:
    if not organization_ids:
        return []
    asked = Conversation.objects.filter(owner=owner, person=OuterRef("pk")).exclude(
        stage=Stage.IDENTIFIED)
    return list(Person.objects.filter(owner=owner, organization__in=organization_ids)
                .exclude(pk__in=exclude).annotate(asked=Exists(asked)).filter(asked=False)
                .select_related("organization").order_by("-connection", "full_name")[:limit])


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
        version=version, blocks=document.blocks(body, refs), references=refs,
        themes=themes_for(owner), focus=focus_panels(owner), actions=open_actions(owner),
        due=syntheses_due(owner), focus_note=focus_note(focus_count(owner)),
        options_count=Option.objects.filter(owner=owner).count(), waiting=waiting)


def versions_for(owner: User, page: int | str = 1) -> Page:
    return Paginator(StrategyVersion.objects.filter(owner=owner).order_by("-number")
                     .only("pk", "number", "created_at", "restored_from"), PER_PAGE
                     ).get_page(page)


def linked_advice(conversation: Conversation, obstacles: list[Obstacle]) -> set[tuple[int, int]]:
    """(obstacle id, capture id) pairs of this conversation's advice linked to the obstacles."""
    if not obstacles:
        return set()
    return set(Obstacle.captures.through.objects.filter(
        obstacle__in=[o.pk for o in obstacles], capture__conversation_id=conversation.pk)
        .values_list("obstacle_id", "capture_id"))


def source_url(source: Any) -> str:
    """The page an item (or a mention or evidence of it) can be read on, at the item."""
    from django.urls import reverse

    obj = source.obj if isinstance(source, Item) else source
    capture_id = getattr(obj, "capture_id", None) or (obj.pk if isinstance(obj, Capture)
                                                        else None)
    question_id = getattr(obj, "question_id", None) or (obj.pk if isinstance(obj, Question)
                                                         else None)
    if capture_id:
        capture = obj if isinstance(obj, Capture) else obj.capture
        return reverse("prep:after", args=[capture.conversation_id]) + f"#capture-{capture_id}"
    if question_id:
        question = obj if isinstance(obj, Question) else obj.question
        return reverse("prep:after", args=[question.conversation_id]) + f"#answer-{question_id}"
    note = obj if isinstance(obj, Note) else obj.note
    if note.conversation_id:
        return (reverse("prep:after", args=[note.conversation_id]) + f"#note-{note.pk}")
    return reverse("network:person", args=[note.person_id]) + "#notes"
