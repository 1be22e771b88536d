"""A resume built from the profile (/you/): positions, schools, skills and who the user is,
in JSON Resume's shape; only what the profile holds, nothing made up."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from coffeechat.accounts.models import User
from coffeechat.profile import queries as profile_queries
from coffeechat.resumes import entries
from coffeechat.resumes.models import Resume
from coffeechat.resumes.services import create_resume


def build_from_profile(*, owner: User, name: str = "", now: datetime | None = None) -> Resume:
    """A base resume from the user's profile: positions, schools, skills, and who they are."""
    document = profile_document(owner)
    return create_resume(
        owner=owner,
        name=name or "Base resume",
        document=document,
        change="Built from your profile",
        now=now,
    )


def profile_document(owner: User) -> dict[str, Any]:
    """The JSON Resume document the profile gives: only what the profile holds, nothing made up."""
    basics: dict[str, Any] = {}
    for key, value in (
        ("name", owner.display_name),
        ("label", owner.field_broad),
        ("email", owner.email),
        ("phone", owner.phone),
        ("url", owner.profile_url),
        # The profile's own summary, once it has one (the "you" page).
        ("summary", getattr(owner, "summary", "")),
    ):
        if isinstance(value, str) and value.strip():
            basics[key] = value.strip()
    document: dict[str, Any] = {"basics": basics}
    work = [_work_entry(p) for p in profile_queries.positions_for(owner)]
    education = [_education_entry(e) for e in profile_queries.education_for(owner)]
    skills = [_skill_entry(s) for s in profile_queries.skills_for(owner)]
    for key, items in (("work", work), ("education", education), ("skills", skills)):
        if items:
            document[key] = items
    return document


def _work_entry(position: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": position.organization_name}
    if position.title:
        entry["position"] = position.title
    if position.location:
        entry["location"] = position.location
    if position.started_on:
        entry["startDate"] = _month(position.started_on)
    if position.finished_on:
        entry["endDate"] = _month(position.finished_on)
    # LinkedIn descriptions mix a paragraph and "• ..." lines: the lines become bullets.
    summary, bullets = [], []
    for line in position.description.splitlines():
        if entries.LIST_MARK.match(line):
            bullets.append(entries.LIST_MARK.sub("", line).strip())
        elif line.strip():
            summary.append(line.strip())
    if summary:
        entry["summary"] = " ".join(summary)
    if bullets:
        entry["highlights"] = [b for b in bullets if b]
    return entry


# The user's 1-5 self-rating (/you/) in the words JSON Resume's free-text `level` expects.
SKILL_LEVELS = {1: "Beginner", 2: "Basic", 3: "Intermediate", 4: "Advanced", 5: "Expert"}


def _skill_entry(skill: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": skill.name}
    if skill.rating in SKILL_LEVELS:
        entry["level"] = SKILL_LEVELS[skill.rating]
    return entry


def _education_entry(education: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"institution": education.school}
    if education.degree:
        entry["studyType"] = education.degree
    if education.started_on:
        entry["startDate"] = _year_or_month(education.started_on)
    if education.finished_on:
        entry["endDate"] = _year_or_month(education.finished_on)
    return entry


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _year_or_month(day: date) -> str:
    # LinkedIn gives schools years only, stored as 1 January: print the year alone.
    return f"{day.year:04d}" if (day.month, day.day) == (1, 1) else _month(day)
