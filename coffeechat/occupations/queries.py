"""Reads: the loaded O*NET release, occupation search and pages, and the user's choices.

The occupation tables are shared reference data (no owner); what the user chose is owner-scoped.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, IntegerField, Value, When
from rapidfuzz import fuzz, process

from coffeechat.accounts.models import User
from coffeechat.assessment import queries as assessment
from coffeechat.conversations.models import OPEN_STAGES, Conversation
from coffeechat.occupations.models import (
    RIASEC,
    AlternateTitle,
    ConversationOccupation,
    Occupation,
    Rating,
    RelatedOccupation,
    Release,
    Task,
)

RIASEC_NAMES = {
    "R": "Realistic",
    "I": "Investigative",
    "A": "Artistic",
    "S": "Social",
    "E": "Enterprising",
    "C": "Conventional",
}
# What each Job Zone asks of people, in our words (after O*NET's Job Zone Reference).
JOB_ZONES = {
    1: (
        "Little or no preparation",
        "A few days to a few months of training on the job; some roles ask for a high-school "
        "diploma.",
    ),
    2: (
        "Some preparation",
        "Usually a high-school diploma and some earlier work experience; a few months to a "
        "year of training with experienced workers.",
    ),
    3: (
        "Medium preparation",
        "Vocational training, an associate's degree or one to two years of related work; "
        "about a year or two of training on the job.",
    ),
    4: (
        "Considerable preparation",
        "Most have a four-year bachelor's degree and several years of related work experience.",
    ),
    5: (
        "Extensive preparation",
        "Most have a graduate degree (master's, doctorate, law or medicine) and many years "
        "of related work experience.",
    ),
}
SHOWN_TASKS, SHOWN_RATINGS, SHOWN_RELATED, SUGGESTED_QUESTIONS = 12, 8, 10, 5
MIN_CONFIDENCE = 60


def release() -> Release | None:
    """The loaded O*NET release, or None when no data is loaded."""
    return Release.objects.order_by("-imported_at").first()


def occupation(code: str) -> Occupation | None:
    return Occupation.objects.filter(code=code).first()


def task(code: str, task_id: int) -> Task | None:
    return Task.objects.filter(occupation_id=code, task_id=task_id).first()


def task_question(item: Task) -> str:
    """A sharper question from a task (method.md 7.1): how much of their week it really takes."""
    text = " ".join(item.text.split()).rstrip(". ")
    if len(text) > 200:
        text = text[:200].rsplit(" ", 1)[0] + "…"
    where = "as a core task" if item.kind == Task.Kind.CORE else "among this work's tasks"
    return f"O*NET lists “{text}” {where}: how much of your week goes to that?"


# Search ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    code: str
    title: str  # the occupation's O*NET title
    matched: str  # the title that matched (the occupation's own or an alternate)
    confidence: int  # 0-100

    @property
    def label(self) -> str:
        if self.confidence >= 90:
            return "close match"
        return "likely match" if self.confidence >= 75 else "possible match"


# Words that say how senior someone is, not what they do; dropped before matching.
SENIORITY = frozenset(
    {
        "senior",
        "sr",
        "junior",
        "jr",
        "lead",
        "principal",
        "staff",
        "intern",
        "trainee",
        "entry",
        "level",
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "1",
        "2",
        "3",
    }
)
ABBREVIATIONS = {
    "mgr": "manager",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "asst": "assistant",
    "admin": "administrator",
    "coord": "coordinator",
    "dir": "director",
    "rep": "representative",
    "tech": "technician",
    "spec": "specialist",
    "vp": "vice president",
    "svp": "vice president",
    "swe": "software engineer",
    "pm": "product manager",
    "hr": "human resources",
    "qa": "quality assurance",
    "it": "information technology",
}


def normalize(title: str) -> str:
    """Lower case, no accents or punctuation, abbreviations spelled out, seniority dropped,
    simple plurals made singular ("Senior Data Scientists" -> "data scientist")."""
    title = re.split(r"\s+(?:at|@)\s+|\s*[@|]\s*", title, maxsplit=1)[0]
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("&", " and "))
    words = []
    for word in text.split():
        word = ABBREVIATIONS.get(word, word)
        if word in SENIORITY:
            continue
        for part in word.split():
            words.append(_singular(part))
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass
class _Index:
    key: tuple[int, datetime] | tuple[()] = ()  # the release's id and import time
    choices: list[str] = field(default_factory=list)
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # code, title, matched


_index = _Index()
_index_lock = threading.Lock()


def forget_search_index() -> None:
    with _index_lock:
        _index.key = ()


def _search_index(loaded: Release) -> _Index:
    """Every title and alternate title, normalized; built once per process and release."""
    key = (loaded.pk, loaded.imported_at)
    with _index_lock:
        if _index.key != key:
            titles = dict(Occupation.objects.values_list("code", "title"))
            entries = [(code, title, title) for code, title in titles.items()]
            for code, alternate, short in AlternateTitle.objects.values_list(
                "occupation_id", "title", "short_title"
            ).iterator(chunk_size=5_000):
                entries.append((code, titles[code], alternate))
                if short:
                    entries.append((code, titles[code], short))
            _index.choices = [normalize(matched) for _, _, matched in entries]
            _index.entries = entries
            _index.key = key
        return _Index(_index.key, _index.choices, _index.entries)


def search(text: str, *, limit: int = 10, loaded: Release | None = None) -> list[Match]:
    """Occupations whose title or an alternate title is like `text`, best first.

    Candidates come from rapidfuzz's token-set ratio (word order and extra words don't hurt);
    the confidence also weighs the plain ratio, so "engineer" isn't a 100 % match for every
    kind of engineer. A title equal after normalization scores 100.
    """
    loaded = loaded or release()
    query = normalize(text)
    if loaded is None or not query:
        return []
    index = _search_index(loaded)
    found = process.extract(
        query, index.choices, scorer=fuzz.token_set_ratio, score_cutoff=MIN_CONFIDENCE, limit=300
    )
    best: dict[str, Match] = {}
    for choice, set_score, position in found:
        code, title, matched = index.entries[position]
        confidence = (
            100 if choice == query else round(0.5 * set_score + 0.5 * fuzz.ratio(query, choice))
        )
        if set(query.split()) < set(choice.split()):
            confidence = min(confidence, 80)  # "engineer" says less than "ML engineer"
        if confidence < MIN_CONFIDENCE:
            continue
        current = best.get(code)
        if current is None or confidence > current.confidence:
            best[code] = Match(code, title, matched, confidence)
    return sorted(best.values(), key=lambda m: (-m.confidence, m.title))[:limit]


def best_match(title: str) -> Match | None:
    matches = search(title, limit=1)
    return matches[0] if matches else None


# The occupation page ----------------------------------------------------------------------------


@dataclass
class Profile:
    occupation: Occupation
    tasks: list[Task]
    task_count: int
    skills: list[tuple[str, float, float | None]]  # name, importance, level
    knowledge: list[tuple[str, float, float | None]]
    related: list[RelatedOccupation]
    alternate_titles: list[str]

    @property
    def job_zone(self) -> tuple[str, str] | None:
        return JOB_ZONES.get(self.occupation.job_zone or 0)

    @property
    def suggested_questions(self) -> list[tuple[Task, str]]:
        core = [t for t in self.tasks if t.kind == Task.Kind.CORE]
        return [(t, task_question(t)) for t in (core or self.tasks)[:SUGGESTED_QUESTIONS]]

    @property
    def interests(self) -> list[tuple[str, str, float | None]]:
        levels = self.occupation.interests
        return [(letter, RIASEC_NAMES[letter], levels.get(letter)) for letter in RIASEC]


TASK_ORDER = Case(
    When(kind=Task.Kind.CORE, then=Value(0)),
    When(kind=Task.Kind.SUPPLEMENTAL, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def profile(code: str) -> Profile | None:
    """What the occupation page shows: a bounded number of queries and rows per occupation."""
    item = occupation(code)
    if item is None:
        return None
    tasks = Task.objects.filter(occupation=item).order_by(TASK_ORDER, "task_id")
    return Profile(
        occupation=item,
        tasks=list(tasks[:SHOWN_TASKS]),
        task_count=tasks.count(),
        skills=_top_ratings(item, Rating.Domain.SKILL),
        knowledge=_top_ratings(item, Rating.Domain.KNOWLEDGE),
        related=list(
            RelatedOccupation.objects.filter(occupation=item)
            .select_related("related")
            .order_by("rank")[:SHOWN_RELATED]
        ),
        alternate_titles=list(
            AlternateTitle.objects.filter(occupation=item)
            .order_by("title")
            .values_list("title", flat=True)[:12]
        ),
    )


def _top_ratings(item: Occupation, domain: str) -> list[tuple[str, float, float | None]]:
    ratings = Rating.objects.filter(occupation=item, domain=domain)
    top = list(
        ratings.filter(scale="IM")
        .order_by("-value", "name")
        .values_list("element_id", "name", "value")[:SHOWN_RATINGS]
    )
    levels = dict(
        ratings.filter(scale="LV", element_id__in=[e for e, _, _ in top]).values_list(
            "element_id", "value"
        )
    )
    return [(name, value, levels.get(element)) for element, name, value in top]


# The user's side ------------------------------------------------------------------------------


def choice_for(conversation: Conversation) -> ConversationOccupation | None:
    return ConversationOccupation.objects.filter(
        owner_id=conversation.owner_id, conversation=conversation
    ).first()


@dataclass
class Panel:
    """What a conversation's brief shows about the occupation (see templatetags)."""

    loaded: Release | None
    occupation: Occupation | None = None
    match: Match | None = None  # how the person's title matched, when nobody chose
    chosen: bool = False
    dismissed: bool = False  # the user said "none of these"
    tasks: list[Task] = field(default_factory=list)


def panel_for(conversation: Conversation) -> Panel:
    loaded = release()
    if loaded is None:
        return Panel(loaded=None)
    choice = choice_for(conversation)
    if choice is not None:
        if not choice.occupation_code:
            return Panel(loaded=loaded, dismissed=True)
        item = occupation(choice.occupation_code)
        panel = Panel(loaded=loaded, occupation=item, chosen=True)
    else:
        title = conversation.person.title
        match = best_match(title) if title else None
        panel = Panel(
            loaded=loaded, match=match, occupation=occupation(match.code) if match else None
        )
    if panel.occupation is not None:
        tasks = Task.objects.filter(occupation=panel.occupation).order_by(TASK_ORDER, "task_id")
        panel.tasks = list(tasks[:3])
    return panel


def recent_conversations(owner: User, limit: int = 20) -> list[Conversation]:
    """The owner's open conversations, most recently moved first (for "add to which plan")."""
    return list(
        Conversation.objects.filter(owner=owner, stage__in=OPEN_STAGES)
        .select_related("person")
        .order_by("-stage_changed_at", "-pk")[:limit]
    )


def user_interest_scores(owner: User) -> dict[str, int] | None:
    """The user's latest RIASEC scores from the interest inventory (method.md RULE-A1), or None."""
    return assessment.latest_scores(owner)


def user_interest_code(owner: User) -> str:
    return assessment.latest_interest_code(owner) or ""
