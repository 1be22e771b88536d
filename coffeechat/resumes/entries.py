"""Reading a section's entries and their dates (JSON Resume's partial ISO 8601: 2019,
2019-03, 2019-03-01), and the list mark that starts a pasted bullet."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from coffeechat.resumes.document import DATE_PATTERN
from coffeechat.resumes.sections import Section


def entries(document: dict[str, Any], section: Section) -> list[Any]:
    """The section's list (empty when the document has none); the same list object when any."""
    if section.base:
        basics = document.get("basics")
        value = basics.get("profiles") if isinstance(basics, dict) else None
    else:
        value = document.get(section.key)
    return value if isinstance(value, list) else []


def entries_for_update(document: dict[str, Any], section: Section) -> list[Any]:
    """The section's list, created where the schema puts it when the document has none."""
    if section.base:
        basics = document.setdefault("basics", {})
        return basics.setdefault("profiles", [])
    return document.setdefault(section.key, [])


def is_current(entry: Any) -> bool:
    """Still going on: started and without an end (how JSON Resume says "present")."""
    return isinstance(entry, dict) and bool(entry.get("startDate")) and not entry.get("endDate")


# A list mark at the start of a pasted line ("• ", "- ", "1. "): the line is one bullet.
LIST_MARK = re.compile(r"^\s*(?:[•·▪◦●*\-–—]|\d+[.)])\s+")


# Dates ------------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_problem(value: str) -> str:
    """Why `value` isn't a JSON Resume date (YYYY, YYYY-MM, YYYY-MM-DD), or "" when it is one."""
    match = _DATE.fullmatch(value)
    if not match or not re.fullmatch(DATE_PATTERN, value):
        return (
            f'"{value}" isn\'t a date we can print: write it as YYYY, YYYY-MM or '
            "YYYY-MM-DD, for example 2022 or 2022-03."
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return f'"{value}": there is no month {month:02d}; months go from 01 to 12.'
    if day is not None:
        try:
            date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            return f'"{value}": that day doesn\'t exist in that month.'
    return ""


def date_key(value: str) -> tuple[int, int, int]:
    """For comparing dates of different precision: 2022 sorts as 2022-01-01."""
    match = _DATE.fullmatch(value or "")
    if not match:
        return (0, 0, 0)
    return tuple(int(g) if g else 1 for g in match.groups())  # type: ignore[return-value]
