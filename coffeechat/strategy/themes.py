"""Themes: advice, skills, resources and organizations that at least two different people
mentioned (method.md 11.5 step 2), each linked back to the notes it came from.

Two steps, both bounded whatever the size of the account:

1. `sync` (mentions.py) reads the items that changed since last time (captures, answered questions, notes;
   in (updated_at, pk) order, at most SYNC_BATCH of each kind per call, the rest in the worker)
   into Mention rows: one per term of the item (text.py says what a term is). The speaker is the
   person of the item's conversation (or the note's person).
2. `recount` (only when mentions changed) counts in the database how many different people used
   each term, and turns the terms used by two or more into Theme rows. A theme keeps the date its
   second person said it (confirmed_at), so the history of themes survives later changes.

"Two different people" means two different persons, never two notes of the same one. What is
left out, on purpose, because a false theme is worse than a missed one:
- a person naming their own organization ("we at Brightwater") or themselves;
- a word that 60% or more of everyone you talked to used, once you've talked to 10 or more
  people: that is the vocabulary of the field, not a theme (skills are kept: "SQL" is a theme
  even when everyone says it);
- a one-word term already counted whole by a two-word one from the same people ("survival" in
  "survival analysis");
- beyond MAX_THEMES themes, the ones fewest people mentioned.
Typos are forgiven only as text.one_slip_apart allows. Names of organizations and people are
read from notes written or changed after the name was in the network.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.prep.models import Capture
from coffeechat.strategy import text
from coffeechat.strategy.mentions import state_of, sync
from coffeechat.strategy.models import Mention, Obstacle, Theme, ThemeState

INLINE_RECOUNT = 20_000  # mentions counted during a page load; above, the worker counts
SOURCE_WINDOW = 12  # recent mentions read per term to find a few different people
SOURCE_TERMS = 4  # terms of a theme read for its sources (its own first)
MAX_THEMES = 300
BACKGROUND_SHARE = 0.6  # of everyone you talked to...
BACKGROUND_MIN_PEOPLE = 10  # ...once you've talked to this many
RESOURCE_KINDS = (Capture.Kind.RESOURCE, Capture.Kind.REFERRAL)


# 2. Counting mentions into themes -----------------------------------------------------------------


@dataclass
class Count_:
    term: str
    people: int
    mentions: int = 1
    advice: int = 0
    resource: int = 0
    last: datetime | None = None


@dataclass
class Found:
    """A theme as counted now: its root term and every term it counts."""

    key: str
    terms: set[str]
    people: int
    last: datetime
    kind: str = Theme.Kind.TOPIC
    advice: int = 0
    resource: int = 0


def _counts(mentions: QuerySet[Mention]) -> QuerySet[Any]:
    return (
        mentions.values("term")
        .annotate(
            people=Count("person", distinct=True),
            mentions=Count("pk"),
            advice=Count("pk", filter=Q(kind=Capture.Kind.ADVICE)),
            resource=Count("pk", filter=Q(kind__in=RESOURCE_KINDS)),
            last=Max("said_at"),
        )
        .order_by()
    )


def _is_word(term: str) -> bool:
    return " " not in term and ":" not in term


def typo_groups(counts: dict[str, Count_]) -> dict[str, str]:
    """term -> the spelling it is a slip of (the one more people used), for one-word terms.

    One of the two must be a one-off (written once): two spellings both in use are two words
    ("analyst" and "analyt", the stem of "analytics").
    """
    index: dict[str, list[str]] = defaultdict(list)
    words = [t for t in counts if _is_word(t) and len(t) >= text.MIN_SLIP_LETTERS]
    for word in words:
        for key in {word, *text.deletions(word)}:
            index[key].append(word)
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        while parent.get(word, word) != word:
            word = parent[word]
        return word

    def rank(word: str) -> tuple[int, bool, int, str]:
        # More people wins; then a known skill; then the longer (typos drop letters more often).
        return (-counts[word].people, word not in text.SKILL_STEMS, -len(word), word)

    for bucket in index.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                one_off = min(counts[a].mentions, counts[b].mentions) == 1
                if one_off and text.one_slip_apart(a, b):
                    ra, rb = root(a), root(b)
                    if ra != rb:
                        keep, drop = sorted((ra, rb), key=rank)
                        parent[drop] = keep
    return {word: root(word) for word in parent}


def recount(owner: User, *, now: datetime | None = None) -> None:
    """Count mentions into themes and save them (see the module doc)."""
    now = now or timezone.now()
    mentions = Mention.objects.filter(owner=owner)
    counts = _load_counts(mentions)
    existing = {t.key: t for t in Theme.objects.filter(owner=owner)}
    merged_into = _user_merges(existing)
    slips = typo_groups(counts)
    found = _group(counts, slips, merged_into)
    people_of = _people_of_groups(mentions, found)
    total_people = mentions.values("person").distinct().count()
    skills = _skill_terms(owner)
    themes = []
    for group in found.values():
        group.people = len(people_of[group.key]) if group.key in people_of else group.people
        if group.people < 2 or _background(group, total_people):
            continue
        group.kind = _kind(group, skills)
        themes.append(group)
    themes = _consolidate(themes, mentions)
    themes.sort(key=lambda g: (-g.people, -g.last.timestamp(), g.key))
    _save(owner, themes[:MAX_THEMES], existing, mentions, now)


def _load_counts(mentions: QuerySet[Mention]) -> dict[str, Count_]:
    """Terms two or more people used, and one-word terms of one person long enough to be a slip
    of another (the only ones that can join a theme)."""
    rows = _counts(mentions).filter(
        Q(people__gte=2) | (~Q(term__contains=" ") & ~Q(term__contains=":"))
    )
    rows = rows.annotate(length=Length("term")).filter(
        Q(people__gte=2) | Q(length__gte=text.MIN_SLIP_LETTERS)
    )
    return {
        row["term"]: Count_(
            term=row["term"],
            people=row["people"],
            mentions=row["mentions"],
            advice=row["advice"],
            resource=row["resource"],
            last=row["last"],
        )
        for row in rows
    }


def _user_merges(existing: dict[str, Theme]) -> dict[str, str]:
    """key of a theme the user merged -> key of the theme it went into (followed to the end)."""
    by_pk = {t.pk: t for t in existing.values()}
    merges = {}
    for theme in existing.values():
        target, seen = theme, set()
        while target.status == Theme.Status.MERGED and target.merged_into_id in by_pk:
            if target.pk in seen:
                break
            seen.add(target.pk)
            target = by_pk[target.merged_into_id]
        if target is not theme:
            merges[theme.key] = target.key
    return merges


def _group(
    counts: dict[str, Count_], slips: dict[str, str], merged_into: dict[str, str]
) -> dict[str, Found]:
    """Terms gathered under their theme: slips under the spelling, merges under the target."""

    def home(term: str) -> str:
        term = slips.get(term, term)
        return merged_into.get(term, term)

    found: dict[str, Found] = {}
    for term, count in counts.items():
        assert count.last is not None  # counted from mentions, each of which has a time
        key = home(term)
        group = found.get(key)
        if group is None:
            found[key] = group = Found(key=key, terms=set(), people=0, last=count.last)
        group.terms.add(term)
        group.people = max(group.people, count.people)
        group.advice += count.advice
        group.resource += count.resource
        group.last = max(group.last, count.last)
    return found


def _people_of_groups(mentions: QuerySet[Mention], found: dict[str, Found]) -> dict[str, set[int]]:
    """Exact people counts for themes made of several terms (one query)."""
    several = {g.key: g for g in found.values() if len(g.terms) > 1}
    if not several:
        return {}
    home = {term: key for key, g in several.items() for term in g.terms}
    people: dict[str, set[int]] = defaultdict(set)
    rows = mentions.filter(term__in=list(home)).values_list("term", "person_id").distinct()
    for term, person_id in rows:
        people[home[term]].add(person_id)
    return people


def _background(group: Found, total_people: int) -> bool:
    if total_people < BACKGROUND_MIN_PEOPLE or not _is_word(group.key):
        return False
    if group.key in text.SKILL_STEMS:
        return False
    return group.people >= BACKGROUND_SHARE * total_people


def _skill_terms(owner: User) -> set[str]:
    """Terms of the user's obstacles: what they need to build."""
    terms: set[str] = set()
    for title in Obstacle.objects.filter(owner=owner).values_list("title", flat=True)[:200]:
        terms.update(t.key for t in text.terms_of(title))
    return terms


def _kind(group: Found, skills: set[str]) -> str:
    if group.key.startswith("org:"):
        return Theme.Kind.ORGANIZATION
    if group.key.startswith("person:"):
        return Theme.Kind.PERSON
    words = {w for term in group.terms for w in term.split()}
    if words & text.SKILL_STEMS or group.terms & skills:
        return Theme.Kind.SKILL
    if group.resource and group.resource * 2 >= group.advice + group.resource:
        return Theme.Kind.RESOURCE
    if group.advice:
        return Theme.Kind.ADVICE
    return Theme.Kind.TOPIC


def _consolidate(themes: list[Found], mentions: QuerySet[Mention]) -> list[Found]:
    """One theme per thing said, when the same people said it in overlapping words.

    - a one-word theme goes into a two-word one holding it, said by exactly the same people
      ("survival" into "survival analysis");
    - two-word themes that share a word and were said by exactly the same people are one
      theme ("fluent in SQL", "SQL window", "window functions"), named by the phrase whose
      words are not themes of their own ("window functions": "SQL" is one already).
    People are compared as sets (one query, over the phrases and their words only).
    """
    by_key = {g.key: g for g in themes}
    phrases = [g for g in themes if " " in g.key and ":" not in g.key]
    if not phrases:
        return themes
    wanted = {t for g in phrases for t in g.terms} | {
        w for g in phrases for w in g.key.split() if w in by_key
    }
    wanted |= {t for w in list(wanted) if w in by_key for t in by_key[w].terms}
    people: dict[str, set[int]] = defaultdict(set)
    home = {t: g.key for g in themes for t in g.terms}
    for term, person_id in (
        mentions.filter(term__in=list(wanted)).values_list("term", "person_id").distinct()
    ):
        people[home.get(term, term)].add(person_id)
    gone: set[str] = set()
    for phrase in phrases:
        for word in phrase.key.split():
            if word in by_key and people[word] == people[phrase.key]:
                gone.add(word)
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for i, a in enumerate(phrases):
        for b in phrases[i + 1 :]:
            if set(a.key.split()) & set(b.key.split()) and people[a.key] == people[b.key]:
                parent[root(b.key)] = root(a.key)
    groups: dict[str, list[Found]] = defaultdict(list)
    for phrase in phrases:
        groups[root(phrase.key)].append(phrase)
    for members in groups.values():
        if len(members) < 2:
            continue
        keep = min(
            members,
            key=lambda g: (
                sum(w in by_key and w not in gone for w in g.key.split()),
                -len(g.key),
                g.key,
            ),
        )
        for member in members:
            if member is not keep:
                keep.terms |= member.terms
                keep.advice += member.advice
                keep.resource += member.resource
                gone.add(member.key)
    return [g for g in themes if g.key not in gone]


def _save(
    owner: User,
    themes: list[Found],
    existing: dict[str, Theme],
    mentions: QuerySet[Mention],
    now: datetime,
) -> None:
    new = [g for g in themes if g.key not in existing]
    labels = _labels(
        mentions, [g for g in themes if g.key not in existing or not existing[g.key].label]
    )
    confirmed = _confirmed_at(mentions, new)
    seen = set()
    changed, created = [], []
    for group in themes:
        seen.add(group.key)
        theme = existing.get(group.key)
        if theme is None:
            theme = Theme(owner=owner, key=group.key, confirmed_at=confirmed.get(group.key, now))
            created.append(theme)
        elif theme.status == Theme.Status.FADED:
            theme.status = Theme.Status.CONFIRMED
        theme.terms = sorted(group.terms)
        theme.label = labels.get(group.key, theme.label or group.key)[:120]
        theme.kind, theme.people_count, theme.last_said_at = group.kind, group.people, group.last
        if theme.pk is not None:
            changed.append(theme)
    for key, theme in existing.items():
        if key not in seen and theme.status == Theme.Status.CONFIRMED:
            theme.status = Theme.Status.FADED
            changed.append(theme)
    with transaction.atomic():
        Theme.objects.bulk_create(created, batch_size=500)
        Theme.objects.bulk_update(
            changed,
            ["terms", "label", "kind", "people_count", "last_said_at", "status"],
            batch_size=500,
        )
        ThemeState.objects.filter(owner=owner).update(dirty=False, counted_at=now)


def _labels(mentions: QuerySet[Mention], themes: list[Found]) -> dict[str, str]:
    """The way most people wrote each theme ("SQL" over "sql"), shorter on a tie."""
    keys = [g.key for g in themes]
    written: dict[str, Counter[str]] = defaultdict(Counter)
    rows = (
        mentions.filter(term__in=keys)
        .values_list("term", "surface")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for term, surface, n in rows:
        written[term][surface] += n
    labels = {}
    for key, surfaces in written.items():
        best = max(surfaces.items(), key=lambda s: (s[1], -len(s[0]), s[0].isupper()))[0]
        labels[key] = best if key.startswith(("org:", "person:")) else _capitalised(best)
    return labels


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


def _confirmed_at(mentions: QuerySet[Mention], themes: list[Found]) -> dict[str, datetime]:
    """When each theme's second different person said it."""
    home = {term: g.key for g in themes for term in g.terms}
    if not home:
        return {}
    first: dict[str, dict[int, datetime]] = defaultdict(dict)
    rows = (
        mentions.filter(term__in=list(home))
        .values_list("term", "person_id")
        .annotate(first=Min("said_at"))
        .order_by()
    )
    for term, person_id, said_at in rows:
        people = first[home[term]]
        people[person_id] = min(said_at, people.get(person_id, said_at))
    return {key: sorted(people.values())[1] for key, people in first.items() if len(people) > 1}


# Reading themes -----------------------------------------------------------------------------------


def refresh(owner: User, *, now: datetime | None = None) -> bool:
    """Bring the user's themes up to date at a bounded cost; True while the worker still has
    something to do (older items to read, or a big account's themes to count).

    Reads at most mentions.SYNC_BATCH changed items of each kind; counts themes here when the account
    has at most INLINE_RECOUNT mentions (a fraction of a second), else in the worker.
    """
    more = sync(owner)
    state = state_of(owner)
    if not more and state.dirty:
        if Mention.objects.filter(owner=owner).count() <= INLINE_RECOUNT:
            recount(owner, now=now)
            return False
        more = True
    if more:
        _queue_catch_up(state, now or timezone.now())
    return more


def _queue_catch_up(state: ThemeState, now: datetime) -> None:
    from coffeechat.strategy import tasks  # tasks import this module

    if state.catch_up_queued_at and now - state.catch_up_queued_at < timedelta(minutes=2):
        return
    ThemeState.objects.filter(pk=state.pk).update(catch_up_queued_at=now)
    tasks.catch_up_themes.enqueue(owner_id=state.owner_id)


def catch_up(owner: User) -> None:
    """Read every waiting item, then count (the worker's job for big accounts)."""
    while sync(owner, limit=2000):
        pass
    recount(owner)
    ThemeState.objects.filter(owner=owner).update(catch_up_queued_at=None)


def sources_of(
    owner: User, themes: Iterable[Theme], per_theme: int = 3
) -> dict[int, list[Mention]]:
    """Up to `per_theme` recent mentions of each theme, one per person.

    One query per term of each theme (at most SOURCE_TERMS), each reading at most SOURCE_WINDOW
    rows in (term, said_at) index order: callers pass a page of themes, so the count is fixed
    whatever the account's size.
    """
    chosen: dict[int, list[Mention]] = {}
    for theme in themes:
        terms = sorted(theme.terms or [theme.key], key=lambda t: t != theme.key)
        rows = sorted(
            (
                mention
                for term in terms[:SOURCE_TERMS]
                for mention in (
                    Mention.objects.filter(owner=owner, term=term)
                    .select_related(
                        "person",
                        "capture__conversation",
                        "question__conversation",
                        "note__conversation",
                    )
                    .order_by("-said_at", "-pk")[:SOURCE_WINDOW]
                )
            ),
            key=lambda m: (m.said_at, m.pk),
            reverse=True,
        )
        picked: list[Mention] = []
        for mention in rows:
            if len(picked) < per_theme and all(m.person_id != mention.person_id for m in picked):
                picked.append(mention)
        chosen[theme.pk] = picked
    return chosen
