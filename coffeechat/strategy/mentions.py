"""Step 1 of themes (themes.py): reading the items that changed (captures, answered questions,
notes) into Mention rows, one per term, in bounded batches; the worker reads the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Note
from coffeechat.network.models import Organization, Person
from coffeechat.prep.models import Capture, Question
from coffeechat.strategy import text
from coffeechat.strategy.models import Mention, ThemeState

REFERRAL_REASON = re.compile(r"[:;]")  # prep.services.add_referral: "Talk to X at Y: why; ..."
SYNC_BATCH = 400  # items of each kind read during a page load; the worker reads the rest


@dataclass(frozen=True)
class Source:
    """One kind of captured item: how to find changed ones and read who said what."""

    name: str  # the Mention field that points at it

    def changed(self, owner: User, mark: list[Any] | None) -> QuerySet[Any]:
        items = self._items(owner).order_by("updated_at", "pk")
        if mark:
            moment = parse_datetime(mark[0])
            items = items.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=mark[1]))
        return items

    def _items(self, owner: User) -> QuerySet[Any]:
        if self.name == "capture":
            return Capture.objects.filter(owner=owner).select_related("conversation__person")
        if self.name == "question":
            return Question.objects.filter(owner=owner).select_related("conversation__person")
        return Note.objects.filter(owner=owner).select_related("person")

    def read(self, item: Any) -> tuple[str, str, Person]:
        """(text, kind, speaker) of an item."""
        if self.name == "capture" and item.kind == Capture.Kind.REFERRAL:
            # Whom they sent you to ("Talk to Ana Ruiz at Northwind"), not why: reasons are
            # too varied to add up, and in a short text each of their words would be a term.
            return REFERRAL_REASON.split(item.text, 1)[0], item.kind, item.conversation.person
        if self.name == "capture":
            return item.text, item.kind, item.conversation.person
        if self.name == "question":
            return item.answer, "answer", item.conversation.person
        return item.body, "note", item.person


SOURCES = (Source("capture"), Source("question"), Source("note"))


def state_of(owner: User) -> ThemeState:
    state, _ = ThemeState.objects.get_or_create(owner=owner)
    return state


_names_cache: dict[int, tuple[tuple[Any, ...], text.Names]] = {}
NAMES_CACHED = 16  # accounts whose names this process keeps


def names_for(owner: User) -> text.Names:
    """The user's organizations and people, to find them in notes (kept in this process until
    one is added, changed or removed: two small aggregate queries check that)."""
    signature = (
        tuple(
            Organization.objects.filter(owner=owner)
            .aggregate(n=Count("pk"), last=Max("updated_at"))
            .values()
        ),
        tuple(
            Person.objects.filter(owner=owner)
            .aggregate(n=Count("pk"), last=Max("updated_at"))
            .values()
        ),
    )
    cached = _names_cache.get(owner.pk)
    if cached is not None and cached[0] == signature:
        return cached[1]
    names = _read_names(owner)
    if len(_names_cache) >= NAMES_CACHED:
        _names_cache.pop(next(iter(_names_cache)))
    _names_cache[owner.pk] = (signature, names)
    return names


def _read_names(owner: User) -> text.Names:
    names = text.Names()
    for pk, name in Organization.objects.filter(owner=owner).values_list("pk", "name"):
        names.add(f"org:{pk}", name)
    for pk, name in Person.objects.filter(owner=owner).values_list("pk", "full_name"):
        names.add(f"person:{pk}", name, person=True)
    return names


MENTION_COLUMNS = (
    "owner_id",
    "capture_id",
    "question_id",
    "note_id",
    "person_id",
    "kind",
    "term",
    "surface",
    "excerpt",
    "said_at",
    "created_at",
    "updated_at",
)


def mentions_in(
    item: Any, source: Source, names: text.Names, now: datetime
) -> list[tuple[Any, ...]]:
    """The item's terms as rows of MENTION_COLUMNS (none for an empty answer)."""
    body, kind, speaker = source.read(item)
    own = {f"org:{speaker.organization_id}", f"person:{speaker.pk}"}
    adapt = connection.ops.adapt_datetimefield_value
    said, stamp = adapt(item.created_at), adapt(now)
    links = tuple(
        item.pk if name == source.name else None for name in ("capture", "question", "note")
    )
    return [
        (
            item.owner_id,
            *links,
            speaker.pk,
            kind,
            term.key[:120],
            term.label[:120],
            term.excerpt[:300],
            said,
            stamp,
            stamp,
        )
        for term in text.terms_of(body, names)
        if term.key not in own
    ]


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """Insert mention rows in one statement per batch: tens of thousands on a first read, where
    building a model instance per row would cost more than reading the notes."""
    table = connection.ops.quote_name(Mention._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in MENTION_COLUMNS)
    marks = ", ".join(["%s"] * len(MENTION_COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows[start : start + 2000]
            )


def sync(owner: User, *, limit: int | None = None) -> bool:
    """Read the items changed since the last sync (at most `limit` of each kind, SYNC_BATCH by
    default). Returns True when more are waiting.
    """
    limit = limit or SYNC_BATCH
    state = state_of(owner)
    names: text.Names | None = None
    more = False
    for source in SOURCES:
        items = list(source.changed(owner, state.read_until.get(source.name))[: limit + 1])
        more |= len(items) > limit
        items = items[:limit]
        if not items:
            continue
        names = names if names is not None else names_for(owner)
        now = timezone.now()
        rows = [row for item in items for row in mentions_in(item, source, names, now)]
        last = items[-1]
        with transaction.atomic():
            Mention.objects.filter(**{f"{source.name}__in": [i.pk for i in items]}).delete()
            _insert(rows)
            state.read_until[source.name] = [last.updated_at.isoformat(), last.pk]
            state.dirty = True
            state.save(update_fields=["read_until", "dirty", "updated_at"])
    return more


def item_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    """post_delete of a captured item: its mentions went with it (see apps.py)."""
    mark_dirty(instance.owner_id)


def mark_dirty(owner_id: int) -> None:
    """Something themes are counted from changed (an item deleted, a gap tagged)."""
    ThemeState.objects.filter(owner_id=owner_id).update(dirty=True)
