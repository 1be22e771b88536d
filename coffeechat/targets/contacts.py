"""Whom to ask first at each employer of the active batch (method.md section 3).

Order, best first:
1. someone whose request you already started writing (finish it before starting another);
2. not HR or a recruiter, unless HR is your own field (RULE-C2);
3. warmest connection (RULE-C1: alumni, referred, known, shared group, event, fan, cold);
4. in your function: their title shares a word with your fields (RULE-C2);
5. boosters before unknown, obligates, curmudgeons (method.md 5.3);
6. name.

People you are already talking to (an open conversation past "identified") are left out. The
database ranks people per employer (a window function), so one query serves the whole batch
whatever the size of the network, and only the top few per employer are loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When, Window
from django.db.models.functions import Lower, RowNumber

from coffeechat.accounts.models import User
from coffeechat.conversations.models import OPEN_STAGES, Conversation, Stage
from coffeechat.conversations.suggestions import MAX_OPEN_REQUESTS_PER_ORGANIZATION, SEGMENT_ORDER
from coffeechat.lib.stemming import stemmer
from coffeechat.network.models import Person
from coffeechat.targets.models import Target

SHOWN_PER_EMPLOYER = 3

# Titles that mean HR or recruiting: asked last for an informational (RULE-C2).
HR_WORDS = (
    "recruit",
    "talent",
    "human resources",
    "people partner",
    "people operations",
    "people & culture",
    "people and culture",
    "staffing",
    "sourcer",
)
HR_FIELD_WORDS = ("hr", "human", "recruit", "talent", "people operations")
# Words of a field that say nothing about the function (or match nearly every title).
_NOT_FUNCTION = (
    "a an and or the of in for with at to on my me i into from by as about toward towards "
    "role roles job jobs work working career careers field fields exploring explore interested "
    "management manager managers senior junior lead leader head director associate assistant "
    "chief vp principal staff intern entry level mid early new small large company companies "
    "industry sector team teams"
)
NOT_FUNCTION_WORDS = frozenset(_NOT_FUNCTION.split())
# Short words that are whole functions; matched as words, not inside other words.
ACRONYMS = frozenset({"ux", "ui", "pm", "ai", "ml", "bi", "qa", "hr", "it", "gis", "seo"})
WORD = re.compile(r"[a-z0-9]+")
PREFIX = 5  # analyst / analytics, design / designer: a stem's first letters match them both


def function_terms(user: User) -> list[str]:
    """The word beginnings that mark a title as in the user's function (from their fields)."""
    terms: list[str] = []
    for word in WORD.findall(f"{user.field_broad} {user.field_narrow}".lower()):
        if word in NOT_FUNCTION_WORDS:
            continue
        if word in ACRONYMS:
            term = word
        elif len(word) < 3:
            continue
        else:
            term = stemmer("english").stemWord(word)[:PREFIX]
        if term not in terms:
            terms.append(term)
    return terms[:10]


def _title_has(term: str) -> Q:
    if term in ACRONYMS:  # as a word: "UX Researcher", "Senior UX", not "Luxury"
        return (
            Q(title__iexact=term)
            | Q(title__istartswith=f"{term} ")
            | Q(title__iendswith=f" {term}")
            | Q(title__icontains=f" {term} ")
            | Q(title__icontains=f"{term}/")
            | Q(title__icontains=f"/{term}")
        )
    return Q(title__icontains=term)


def _any(conditions: Iterable[Q]) -> Q | None:
    combined = None
    for condition in conditions:
        combined = condition if combined is None else combined | condition
    return combined


def _hr_title() -> Q:
    return _any([Q(title__icontains=w) for w in HR_WORDS] + [_title_has("hr")])  # type: ignore[return-value]


def hr_is_their_field(user: User) -> bool:
    fields = f" {user.field_broad} {user.field_narrow} ".lower()
    return any(re.search(rf"\b{re.escape(w)}", fields) for w in HR_FIELD_WORDS)


@dataclass
class StartingPoint:
    """Whom to ask at one employer, best first, and whether it already has enough requests."""

    target: Target
    people: list[Person] = field(default_factory=list)
    askable: int = 0  # everyone who could be asked there, shown or not
    open_requests: int = 0  # sent and waiting for a reply
    drafts: int = 0  # picked to ask ("identified"), not sent yet

    @property
    def best(self) -> Person | None:
        return self.people[0] if self.people else None

    @property
    def is_at_limit(self) -> bool:
        """Two requests wait for a reply there, or are being written (method.md RULE-C4).

        Requests being written count: sent, they would make a third. Finishing one of them
        stays possible (`best` is then the person it is written to).
        """
        return self.open_requests + self.drafts >= MAX_OPEN_REQUESTS_PER_ORGANIZATION

    @property
    def can_ask_best(self) -> bool:
        best = self.best
        # has_draft: annotated by the query that found them
        return best is not None and (best.has_draft or not self.is_at_limit)  # type: ignore[attr-defined]

    @property
    def connection_choices(self) -> list[tuple[str, str]]:
        """For the "add someone there" form when nobody is known at the employer."""
        return Person.Connection.choices

    @property
    def more(self) -> int:
        return max(self.askable - len(self.people), 0)


def _flag(condition: Q | None) -> Case | Value:
    return Value(0) if condition is None else Case(When(condition, then=Value(1)), default=0)


def _ranked_people(owner: User, organization_ids: list[int]):  # -> QuerySet[Person]
    terms = function_terms(owner)
    # By person alone (the owner's person): owner= would steer the database to the (owner,
    # stage) index and a scan of all the owner's conversations per person.
    busy = Conversation.objects.filter(
        person=OuterRef("pk"), stage__in=[s for s in OPEN_STAGES if s != Stage.IDENTIFIED]
    )
    draft = Conversation.objects.filter(person=OuterRef("pk"), stage=Stage.IDENTIFIED)
    connections = list(Person.Connection.values)
    people = (
        Person.objects.filter(owner=owner, organization_id__in=organization_ids)
        .exclude(Exists(busy))
        .annotate(
            has_draft=Exists(draft),
            is_hr=Value(0) if hr_is_their_field(owner) else _flag(_hr_title()),
            in_function=_flag(_any(_title_has(t) for t in terms)),
            warmth_rank=Case(
                *[When(connection=c, then=Value(i)) for i, c in enumerate(connections)],
                default=Value(len(connections)),
            ),
            segment_rank=Case(
                *[When(segment=s, then=Value(i)) for i, s in enumerate(SEGMENT_ORDER)],
                default=Value(len(SEGMENT_ORDER)),
            ),
        )
    )
    return (
        people.annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("organization_id")],
                order_by=[
                    F("has_draft").desc(),
                    F("is_hr").asc(),
                    F("warmth_rank").asc(),
                    F("in_function").desc(),
                    F("segment_rank").asc(),
                    Lower("full_name").asc(),
                    F("pk").asc(),
                ],
            ),
            askable=Window(Count("pk"), partition_by=[F("organization_id")]),
        )
        .filter(place__lte=SHOWN_PER_EMPLOYER)
        .order_by("organization_id", "place")
    )


def starting_points(owner: User, targets: Iterable[Target]) -> list[StartingPoint]:
    """For each target (annotated by queries.targets_for), the best people to ask there.

    One query for all of them; the request counts come from the target's own annotation.
    """
    points = [
        StartingPoint(
            target=t, open_requests=getattr(t, "open_requests", 0), drafts=getattr(t, "drafts", 0)
        )
        for t in targets
        if t.owner_id == owner.pk
    ]
    by_organization = {p.target.organization_id: p for p in points}
    if not by_organization:
        return points
    for person in _ranked_people(owner, list(by_organization)):
        point = by_organization[person.organization_id]
        point.people.append(person)
        point.askable = person.askable
    return points


def starting_point(owner: User, target: Target) -> StartingPoint:
    return starting_points(owner, [target])[0]
