"""A printable document laid out for the HTML preview: one shape for every section's entries.

The preview is our own HTML of what will print (the PDF itself comes from the renderer); it
shows the same entries in the same order, without the hidden ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coffeechat.resumes import document as doc
from coffeechat.resumes import entries, sections

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def resume_date(value: Any) -> str:
    """2022 -> "2022", 2022-03 and 2022-03-15 -> "Mar 2022"; anything else as written."""
    if not isinstance(value, str) or entries.date_problem(value):
        return value if isinstance(value, str) else ""
    parts = value.split("-")
    return parts[0] if len(parts) == 1 else f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"


def date_range(start: Any, end: Any, *, ongoing: bool = True) -> str:
    first, last = resume_date(start), resume_date(end)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"{first} – Present" if ongoing else first
    return last


@dataclass
class Entry:
    heading: str
    subheading: str = ""
    dates: str = ""
    place: str = ""
    text: str = ""
    bullets: list[str] = field(default_factory=list)
    tags: str = ""
    url: str = ""


@dataclass
class Block:
    key: str
    title: str
    entries: list[Entry]


def _s(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def _list(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _entry(section: sections.Section, entry: dict[str, Any]) -> Entry:
    key = section.key
    dates = date_range(
        entry.get("startDate"), entry.get("endDate"), ongoing=key in ("work", "volunteer")
    )
    single = resume_date(entry.get("date") or entry.get("releaseDate"))
    item = Entry(
        heading=section.label(entry).split(" · ")[0],
        dates=dates or single,
        url=_s(entry, "url"),
        bullets=_list(entry, "highlights"),
    )
    if key in ("work", "volunteer"):
        item.heading = _s(entry, "position") or _s(entry, "name") or _s(entry, "organization")
        organization = _s(entry, "name") or _s(entry, "organization")
        item.subheading = organization if item.heading != organization else ""
        item.place = _s(entry, "location")
        item.text = _s(entry, "summary")
    elif key == "education":
        item.heading = _s(entry, "institution")
        degree = " in ".join(p for p in (_s(entry, "studyType"), _s(entry, "area")) if p)
        item.subheading = degree + (f" · {_s(entry, 'score')}" if _s(entry, "score") else "")
        item.tags = ", ".join(_list(entry, "courses"))
    elif key == "projects":
        item.subheading = " · ".join(p for p in (_s(entry, "entity"), _s(entry, "type")) if p)
        item.text = _s(entry, "description")
        item.tags = ", ".join(_list(entry, "roles") + _list(entry, "keywords"))
    elif key in ("awards", "certificates", "publications"):
        item.subheading = _s(entry, "awarder") or _s(entry, "issuer") or _s(entry, "publisher")
        item.text = _s(entry, "summary")
    elif key in ("skills", "interests"):
        item.subheading = _s(entry, "level")
        item.tags = ", ".join(_list(entry, "keywords"))
    elif key == "languages":
        item.heading, item.subheading = _s(entry, "language"), _s(entry, "fluency")
    elif key == "references":
        item.text = _s(entry, "reference")
    return item


def blocks(printable: dict[str, Any]) -> list[Block]:
    """The sections that have something to print, in JSON Resume's order."""
    found = []
    for section in sections.SECTIONS:
        if section.base:
            continue  # profiles print with the name, not as a section
        items = [
            _entry(section, e) for e in entries.entries(printable, section) if isinstance(e, dict)
        ]
        if items:
            found.append(Block(section.key, section.title, items))
    return found


def header(printable: dict[str, Any]) -> dict[str, Any]:
    basics: dict[str, Any] = doc.object_at(printable, "basics")
    location: dict[str, Any] = doc.object_at(basics, "location")
    place = ", ".join(
        p for p in (_s(location, "city"), _s(location, "region"), _s(location, "countryCode")) if p
    )
    contacts = [
        p for p in (_s(basics, "email"), _s(basics, "phone"), _s(basics, "url"), place) if p
    ]
    profiles = [
        " ".join(
            p
            for p in (
                _s(profile, "network") + ":" if _s(profile, "network") else "",
                _s(profile, "username") or _s(profile, "url"),
            )
            if p
        )
        for profile in entries.entries(printable, sections.SECTION["profiles"])
        if isinstance(profile, dict)
    ]
    return {
        "name": _s(basics, "name"),
        "label": _s(basics, "label"),
        "summary": _s(basics, "summary"),
        "contacts": contacts + [p for p in profiles if p],
    }
