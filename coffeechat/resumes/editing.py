"""Changing a resume's document: basics, entries, bullets and hidden parts. Each change is
checked and kept as a new version (services.commit_version), under the row's lock, refused
when the page was stale."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coffeechat.resumes import document as doc
from coffeechat.resumes import entries, sections
from coffeechat.resumes.models import Resume, Version
from coffeechat.resumes.services import commit_version, lock_for_change


def _section(key: str) -> sections.Section:
    try:
        return sections.SECTION[key]
    except KeyError:
        raise ValidationError(f"There is no section “{key}” in a resume.") from None


def _entry_at(document: dict[str, Any], section: sections.Section, index: int) -> dict[str, Any]:
    items = entries.entries(document, section)
    if not 0 <= index < len(items) or not isinstance(items[index], dict):
        raise ValidationError(
            f"That {section.singular.lower()} isn't in this resume any more: reload the page."
        )
    return items[index]


def _apply(
    target: dict[str, Any], fields: tuple[sections.Field, ...], values: dict[str, Any]
) -> None:
    """Set the fields the form has; an emptied field goes, every other key stays where it was."""
    for field in fields:
        if field.key not in values:
            continue
        value = values[field.key]
        if isinstance(value, list):
            value = [v for v in (" ".join(str(x).split()) for x in value) if v]
        elif isinstance(value, str):
            value = value.strip()
        if value in ("", [], None):
            target.pop(field.key, None)
            continue
        if field.kind == "date" and isinstance(value, str) and entries.date_problem(value):
            raise ValidationError({field.key: entries.date_problem(value)})
        target[field.key] = value


@transaction.atomic
def update_basics(
    *,
    resume: Resume,
    values: dict[str, Any],
    location: dict[str, Any] | None = None,
    revision: int | None = None,
) -> Version:
    locked, document = lock_for_change(resume, revision)
    basics = document.get("basics")
    if not isinstance(basics, dict):
        basics = document["basics"] = {}
    _apply(basics, sections.BASICS, values)
    if location is not None:
        place = doc.object_at(basics, "location")
        _apply(place, sections.LOCATION, location)
        if place:
            basics["location"] = place
        else:
            basics.pop("location", None)
    return commit_version(resume, locked, document)


def _dates_in_order(section: sections.Section, entry: dict[str, Any]) -> None:
    start, end = entry.get("startDate"), entry.get("endDate")
    if (
        isinstance(start, str)
        and isinstance(end, str)
        and start
        and end
        and entries.date_key(end) < entries.date_key(start)
    ):
        raise ValidationError({"endDate": "The end is before the start."})


@transaction.atomic
def save_entry(
    *,
    resume: Resume,
    section: str,
    values: dict[str, Any],
    index: int | None = None,
    revision: int | None = None,
) -> Version:
    """Add an entry to a section (index None: at the end) or change the one at `index`."""
    spec = _section(section)
    locked, document = lock_for_change(resume, revision)
    if index is None:
        entry: dict[str, Any] = {}
        _apply(entry, spec.fields, values)
        if not entry:
            raise ValidationError(f"Fill in at least one field of the {spec.singular.lower()}.")
        _dates_in_order(spec, entry)
        entries.entries_for_update(document, spec).append(entry)
        change = f"{spec.title}: added {spec.label(entry)}"
    else:
        entry = _entry_at(document, spec, index)
        _apply(entry, spec.fields, values)
        _dates_in_order(spec, entry)
        change = ""
    return commit_version(resume, locked, document, change=change)


def _move(items: list[Any], index: int, direction: str) -> int:
    step = {"up": -1, "down": 1}.get(direction)
    if step is None:
        raise ValidationError("Move up or down.")
    other = index + step
    if not (0 <= index < len(items) and 0 <= other < len(items)):
        raise ValidationError("It is already at the " + ("top." if step < 0 else "bottom."))
    items[index], items[other] = items[other], items[index]
    return other


@transaction.atomic
def move_entry(
    *, resume: Resume, section: str, index: int, direction: str, revision: int | None = None
) -> Version:
    spec = _section(section)
    locked, document = lock_for_change(resume, revision)
    _entry_at(document, spec, index)
    items = entries.entries(document, spec)
    other = _move(items, index, direction)
    doc.reindex_hidden(document, spec.pointer, {index: other, other: index})
    return commit_version(
        resume,
        locked,
        document,
        change=f"{spec.title}: moved {spec.label(items[other])} {direction}",
    )


@transaction.atomic
def delete_entry(
    *, resume: Resume, section: str, index: int, revision: int | None = None
) -> Version:
    spec = _section(section)
    locked, document = lock_for_change(resume, revision)
    entry = _entry_at(document, spec, index)
    items = entries.entries(document, spec)
    del items[index]
    doc.reindex_hidden(
        document,
        spec.pointer,
        {i: (None if i == index else i - 1) for i in range(index, len(items) + 1)},
    )
    return commit_version(
        resume, locked, document, change=f"{spec.title}: removed {spec.label(entry)}"
    )


def _bullets(entry: dict[str, Any], create: bool = False) -> list[Any]:
    bullets = entry.get("highlights")
    if not isinstance(bullets, list):
        if not create:
            return []
        bullets = entry["highlights"] = []
    return bullets


def _bullet_index(bullets: list[Any], bullet: int) -> None:
    if not 0 <= bullet < len(bullets):
        raise ValidationError("That bullet isn't in this resume any more: reload the page.")


@transaction.atomic
def save_bullet(
    *,
    resume: Resume,
    section: str,
    index: int,
    text: str,
    bullet: int | None = None,
    revision: int | None = None,
) -> Version:
    """Add a bullet to an entry (bullet None) or change one. An empty text is refused: remove
    the bullet instead."""
    spec = _section(section)
    if not spec.bullets:
        raise ValidationError(f"{spec.title} entries have no bullets.")
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": "A bullet can't be empty: remove it instead."})
    locked, document = lock_for_change(resume, revision)
    entry = _entry_at(document, spec, index)
    bullets = _bullets(entry, create=True)
    if bullet is None:
        bullets.append(text)
        change = f"{spec.title}: added a bullet to {spec.label(entry)}"
    else:
        _bullet_index(bullets, bullet)
        bullets[bullet] = text
        change = f"{spec.title}: changed bullet {bullet + 1} of {spec.label(entry)}"
    return commit_version(resume, locked, document, change=change)


@transaction.atomic
def move_bullet(
    *,
    resume: Resume,
    section: str,
    index: int,
    bullet: int,
    direction: str,
    revision: int | None = None,
) -> Version:
    spec = _section(section)
    locked, document = lock_for_change(resume, revision)
    entry = _entry_at(document, spec, index)
    bullets = _bullets(entry)
    _bullet_index(bullets, bullet)
    other = _move(bullets, bullet, direction)
    doc.reindex_hidden(
        document, f"{spec.pointer}/{index}/highlights", {bullet: other, other: bullet}
    )
    return commit_version(
        resume,
        locked,
        document,
        change=f"{spec.title}: moved a bullet of {spec.label(entry)} {direction}",
    )


@transaction.atomic
def delete_bullet(
    *, resume: Resume, section: str, index: int, bullet: int, revision: int | None = None
) -> Version:
    spec = _section(section)
    locked, document = lock_for_change(resume, revision)
    entry = _entry_at(document, spec, index)
    bullets = _bullets(entry)
    _bullet_index(bullets, bullet)
    del bullets[bullet]
    if not bullets:
        del entry["highlights"]
    doc.reindex_hidden(
        document,
        f"{spec.pointer}/{index}/highlights",
        {i: (None if i == bullet else i - 1) for i in range(bullet, len(bullets) + 1)},
    )
    return commit_version(
        resume, locked, document, change=f"{spec.title}: removed a bullet of {spec.label(entry)}"
    )


@transaction.atomic
def set_hidden(
    *,
    resume: Resume,
    section: str,
    index: int,
    hidden: bool,
    bullet: int | None = None,
    revision: int | None = None,
) -> Version:
    """Hide an entry or one bullet from what prints (it stays in the resume), or show it again."""
    spec = _section(section)
    locked, document = lock_for_change(resume, revision)
    entry = _entry_at(document, spec, index)
    pointer = f"{spec.pointer}/{index}"
    what = spec.label(entry)
    if bullet is not None:
        _bullet_index(_bullets(entry), bullet)
        pointer += f"/highlights/{bullet}"
        what = f"bullet {bullet + 1} of {what}"
    doc.set_hidden(document, pointer, hidden)
    return commit_version(
        resume,
        locked,
        document,
        change=f"{spec.title}: {'hid' if hidden else 'showed again'} {what}",
    )
