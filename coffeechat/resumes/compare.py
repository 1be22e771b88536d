"""What changed between two versions of a resume, per section, entry and bullet.

Pure: takes two JSON Resume documents, returns `SectionChanges` a template shows side by side.
Entries are matched by what names them (job title and organization, school...), not by
position, so moving an entry reads as "moved", not as every entry changed; bullets are matched
as a sequence (difflib), so an edited bullet reads as "changed" with its old and new text.
Hiding and showing again (the `meta.coffeechat.hidden` pointers) are changes of their own.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from coffeechat.resumes import document as doc
from coffeechat.resumes import entries, sections

ADDED, REMOVED, CHANGED, MOVED, HIDDEN, SHOWN = (
    "added",
    "removed",
    "changed",
    "moved",
    "hidden",
    "shown",
)
KIND_LABELS = {
    ADDED: "Added",
    REMOVED: "Removed",
    CHANGED: "Changed",
    MOVED: "Moved",
    HIDDEN: "Hidden",
    SHOWN: "Shown again",
}


@dataclass(frozen=True)
class Change:
    kind: str
    what: str  # what changed, in words: "Job title", "Bullet 2", "Analyst · Acme"
    old: str = ""
    new: str = ""
    details: tuple[Change, ...] = ()

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class SectionChanges:
    title: str
    changes: list[Change] = field(default_factory=list)


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[SectionChanges]:
    """The sections that changed from `old` to `new`, in the order a resume reads."""
    result = [_basics(old, new)]
    result.extend(_section(section, old, new) for section in sections.SECTIONS)
    result.append(_others(old, new))
    return [s for s in result if s.changes]


def count(sections: list[SectionChanges]) -> int:
    return sum(len(s.changes) for s in sections)


def summary(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A short line for a version's history: "Work: 1 changed, 1 added" or "No change"."""
    parts = []
    for section in compare(old, new):
        kinds: dict[str, int] = {}
        for change in section.changes:
            kinds[change.kind] = kinds.get(change.kind, 0) + 1
        parts.append(
            f"{section.title}: "
            + ", ".join(f"{n} {KIND_LABELS[k].lower()}" for k, n in kinds.items())
        )
    return "; ".join(parts) or "No change"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False)


def _fields(
    old: Any, new: Any, labels: dict[str, str], skip: Collection[str] = frozenset()
) -> list[Change]:
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    keys = [k for k in new if k not in skip] + [k for k in old if k not in new and k not in skip]
    changes = []
    for key in keys:
        before, after = _text(old.get(key)), _text(new.get(key))
        if before == after:
            continue
        kind = ADDED if not before else REMOVED if not after else CHANGED
        changes.append(Change(kind, labels.get(key, key), before, after))
    return changes


def _basics(old: dict[str, Any], new: dict[str, Any]) -> SectionChanges:
    labels = {f.key: f.label for f in sections.BASICS}
    changes = _fields(old.get("basics"), new.get("basics"), labels, {"location", "profiles"})
    location_labels = {f.key: f.label for f in sections.LOCATION}
    changes += _fields(
        _get(old, "basics", "location"), _get(new, "basics", "location"), location_labels
    )
    return SectionChanges("Basics", changes)


def _get(document: Any, *keys: str) -> Any:
    for key in keys:
        document = document.get(key) if isinstance(document, dict) else None
    return document


def _others(old: dict[str, Any], new: dict[str, Any]) -> SectionChanges:
    """Top-level keys no section covers ($schema, meta, a theme's own), hidden pointers aside."""
    known = {"basics", *(s.key for s in sections.SECTIONS)}
    old_rest = {k: v for k, v in old.items() if k not in known}
    new_rest = {k: v for k, v in new.items() if k not in known}
    for rest in (old_rest, new_rest):
        if isinstance(rest.get("meta"), dict):
            meta = {k: v for k, v in rest["meta"].items() if k != doc.META_KEY}
            if meta:
                rest["meta"] = meta
            else:
                del rest["meta"]
    return SectionChanges("Other fields", _fields(old_rest, new_rest, {}))


def _section(section: sections.Section, old: dict[str, Any], new: dict[str, Any]) -> SectionChanges:
    before, after = entries.entries(old, section), entries.entries(new, section)
    pairs, removed, added = _match(section, before, after)
    changes: list[Change] = []
    for index in removed:
        changes.append(Change(REMOVED, section.label(before[index]), old=_summary(before[index])))
    order_before = [i for i, _ in sorted(pairs, key=lambda p: p[0])]
    order_after = [i for i, _ in sorted(pairs, key=lambda p: p[1])]
    for i, j in sorted(pairs, key=lambda p: p[1]):
        label = section.label(after[j])
        old_pointer, new_pointer = f"{section.pointer}/{i}", f"{section.pointer}/{j}"
        was_hidden, now_hidden = (doc.is_hidden(old, old_pointer), doc.is_hidden(new, new_pointer))
        if was_hidden != now_hidden:
            changes.append(Change(HIDDEN if now_hidden else SHOWN, label))
        details = _entry(section, old, new, i, j)
        if details:
            changes.append(Change(CHANGED, label, details=tuple(details)))
        if order_before.index(i) != order_after.index(i):
            changes.append(Change(MOVED, label, old=f"Position {i + 1}", new=f"Position {j + 1}"))
    for index in added:
        changes.append(Change(ADDED, section.label(after[index]), new=_summary(after[index])))
    return SectionChanges(section.title, changes)


def _summary(entry: Any) -> str:
    if not isinstance(entry, dict):
        return _text(entry)
    parts = [_text(v) for k, v in entry.items() if k != "highlights" and _text(v)]
    bullets = entry.get("highlights")
    text = " · ".join(parts)
    if isinstance(bullets, list) and bullets:
        text += "".join(f"\n• {_text(b)}" for b in bullets)
    return text


def _match(
    section: sections.Section, before: list[Any], after: list[Any]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (old index, new index) of the same entry, then the removed and the added ones.

    The same name first (in order, so two "Analyst" entries pair up in turn); what is left is
    paired in order when it still looks like the same entry (half its name in common).
    """
    keys_before = [section.label(e).casefold() for e in before]
    keys_after = [section.label(e).casefold() for e in after]
    pairs, used = [], set()
    for i, key in enumerate(keys_before):
        for j, other in enumerate(keys_after):
            if j not in used and key == other:
                pairs.append((i, j))
                used.add(j)
                break
    left_before = [i for i in range(len(before)) if i not in {p[0] for p in pairs}]
    left_after = [j for j in range(len(after)) if j not in used]
    for i in list(left_before):
        for j in left_after:
            ratio = difflib.SequenceMatcher(None, keys_before[i], keys_after[j]).ratio()
            if ratio >= 0.5:
                pairs.append((i, j))
                left_before.remove(i)
                left_after.remove(j)
                break
    return pairs, left_before, left_after


def _entry(
    section: sections.Section, old: dict[str, Any], new: dict[str, Any], i: int, j: int
) -> list[Change]:
    before, after = entries.entries(old, section)[i], entries.entries(new, section)[j]
    labels = {f.key: f.label for f in section.fields}
    changes = _fields(before, after, labels, {"highlights"})
    if not section.bullets:
        return changes
    old_bullets = _bullets(before)
    new_bullets = _bullets(after)
    old_base, new_base = f"{section.pointer}/{i}/highlights", f"{section.pointer}/{j}/highlights"
    matcher = difflib.SequenceMatcher(None, old_bullets, new_bullets, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(range(a1, a2), range(b1, b2), strict=True):
                hid = doc.is_hidden(old, f"{old_base}/{a}")
                now = doc.is_hidden(new, f"{new_base}/{b}")
                if hid != now:
                    changes.append(
                        Change(HIDDEN if now else SHOWN, f"Bullet {b + 1}", new=new_bullets[b])
                    )
            continue
        olds, news = list(range(a1, a2)), list(range(b1, b2))
        for a, b in zip(olds, news, strict=False):
            changes.append(Change(CHANGED, f"Bullet {b + 1}", old_bullets[a], new_bullets[b]))
        for a in olds[len(news) :]:
            changes.append(
                Change(REMOVED, f"Bullet {a + 1} of the older version", old=old_bullets[a])
            )
        for b in news[len(olds) :]:
            changes.append(Change(ADDED, f"Bullet {b + 1}", new=new_bullets[b]))
    return _moved_bullets(changes, old_bullets, new_bullets)


def _moved_bullets(changes: list[Change], old: list[str], new: list[str]) -> list[Change]:
    """A bullet removed in one place and added, word for word, in another has moved."""
    removed = {
        c.old: index for index, c in enumerate(changes) if c.kind == REMOVED and c.old in new
    }
    paired: set[int] = set()
    result: list[tuple[int, Change]] = []
    for index, change in enumerate(changes):
        if change.kind == ADDED and change.new in removed:
            paired.add(removed.pop(change.new))
            change = Change(
                MOVED,
                f"Bullet {old.index(change.new) + 1} → {new.index(change.new) + 1}",
                change.new,
                change.new,
            )
        result.append((index, change))
    return [change for index, change in result if index not in paired]


def _bullets(entry: Any) -> list[str]:
    bullets = entry.get("highlights") if isinstance(entry, dict) else None
    return [_text(b) for b in bullets] if isinstance(bullets, list) else []
