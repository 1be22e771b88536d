"""Reads of what the conversations produced, as evidence: captured advice, answers and notes
as one list of items, their tags, and the page each can be read on. Owner-scoped; lists are
paginated or capped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    CharField,
    Q,
    QuerySet,
    Value,
)

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Note
from coffeechat.network.models import Person
from coffeechat.prep.models import Capture, Question
from coffeechat.strategy.models import (
    Evidence,
    Option,
    Tag,
)
from coffeechat.strategy.queries import PER_PAGE, panel_options

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
    evidence = (
        Evidence.objects.filter(owner=owner)
        .filter(Q(conversation=conversation) | Q(note__conversation=conversation))
        .select_related("option")
    )
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
        return Item(
            item_key(obj),
            obj,
            obj.kind,
            obj.text,
            obj.conversation.person,
            obj.conversation,
            obj.created_at,
        )
    if isinstance(obj, Question):
        return Item(
            item_key(obj),
            obj,
            "answer",
            obj.answer,
            obj.conversation.person,
            obj.conversation,
            obj.created_at,
        )
    return Item(item_key(obj), obj, "note", obj.body, obj.person, obj.conversation, obj.created_at)


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
    return [
        qs.annotate(source=Value(name, output_field=CharField()))
        .values_list("source", "pk", "created_at")
        .order_by()
        for name, qs in (("capture", captures), ("question", answers), ("note", notes))
    ]


def items_page(
    owner: User,
    *,
    page: int | str = 1,
    search: str = "",
    tag: str = "",
    option_id: int | None = None,
) -> tuple[Page, list[Item]]:
    """One page of captured items, newest first: all, untagged, or tagged (by tag, option)."""
    if tag in Tag.values or tag == "tagged" or option_id:
        evidence = Evidence.objects.filter(owner=owner)
        if tag in Tag.values:
            evidence = evidence.filter(tag=tag)
        if option_id:
            evidence = evidence.filter(option_id=option_id)
        if search:
            evidence = evidence.filter(
                Q(capture__text__icontains=search)
                | Q(question__answer__icontains=search)
                | Q(note__body__icontains=search)
            )
        rows = evidence.order_by("-said_at", "-pk").values_list(
            "capture", "question", "note", "said_at"
        )
        paginator = Paginator(rows, PER_PAGE)
        current = paginator.get_page(page)
        keys: list[tuple[str, int]] = [
            ("capture", c) if c else ("question", q) if q else ("note", n)
            for c, q, n, _ in current.object_list
        ]
    else:
        first, *rest = _sources(owner, search, untagged=tag == "untagged")
        paginator = Paginator(first.union(*rest, all=True).order_by("-created_at", "-pk"), PER_PAGE)
        current = paginator.get_page(page)
        keys = [(str(source), int(pk)) for source, pk, *_ in current.object_list]
    return current, _load_items(owner, keys)


def _load_items(owner: User, keys: list[tuple[str, int]]) -> list[Item]:
    """The page's items in order (3 queries at most)."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for source, pk in keys:
        wanted[source].append(pk)
    loaded: dict[tuple[str, int], Any] = {}
    if wanted["capture"]:
        for c in Capture.objects.filter(owner=owner, pk__in=wanted["capture"]).select_related(
            "conversation__person__organization"
        ):
            loaded[("capture", c.pk)] = c
    if wanted["question"]:
        for q in Question.objects.filter(owner=owner, pk__in=wanted["question"]).select_related(
            "conversation__person__organization"
        ):
            loaded[("question", q.pk)] = q
    if wanted["note"]:
        for n in Note.objects.filter(owner=owner, pk__in=wanted["note"]).select_related(
            "person__organization", "conversation"
        ):
            loaded[("note", n.pk)] = n
    return [as_item(loaded[key]) for key in keys if key in loaded]


def recent_evidence(owner: User, search: str = "", limit: int = 20) -> list[Evidence]:
    """Tagged items to link from the strategy, newest first."""
    evidence = Evidence.objects.filter(owner=owner)
    if search:
        evidence = evidence.filter(
            Q(capture__text__icontains=search)
            | Q(question__answer__icontains=search)
            | Q(note__body__icontains=search)
            | Q(person__full_name__icontains=search)
        )
    return list(
        evidence.select_related(
            "capture", "question", "note", "person__organization", "option"
        ).order_by("-said_at", "-pk")[:limit]
    )


def source_url(source: Any) -> str:
    """The page an item (or a mention or evidence of it) can be read on, at the item."""
    from django.urls import reverse

    obj = source.obj if isinstance(source, Item) else source
    capture_id = getattr(obj, "capture_id", None) or (obj.pk if isinstance(obj, Capture) else None)
    question_id = getattr(obj, "question_id", None) or (
        obj.pk if isinstance(obj, Question) else None
    )
    if capture_id:
        capture = obj if isinstance(obj, Capture) else obj.capture
        return reverse("prep:after", args=[capture.conversation_id]) + f"#capture-{capture_id}"
    if question_id:
        question = obj if isinstance(obj, Question) else obj.question
        return reverse("prep:after", args=[question.conversation_id]) + f"#answer-{question_id}"
    note = obj if isinstance(obj, Note) else obj.note
    if note.conversation_id:
        return reverse("prep:after", args=[note.conversation_id]) + f"#note-{note.pk}"
    return reverse("network:person", args=[note.person_id]) + "#notes"
