"""Writes to the user's own profile. Adding the same row twice is a no-op (re-imports)."""

from __future__ import annotations

from datetime import date

from coffeechat.accounts.models import User
from coffeechat.profile.models import Education, Position, Skill


def add_position(*, owner: User, organization_name: str, title: str = "", description: str = "",
                 location: str = "", started_on: date | None = None,
                 finished_on: date | None = None) -> Position | None:
    """Add a position; None when the owner already has this one (same place, title and start)."""
    if Position.objects.filter(owner=owner, organization_name__iexact=organization_name,
                               title__iexact=title, started_on=started_on).exists():
        return None
    position = Position(owner=owner, organization_name=organization_name, title=title,
                        description=description, location=location, started_on=started_on,
                        finished_on=finished_on)
    position.full_clean()
    position.save()
    return position


def add_education(*, owner: User, school: str, degree: str = "", started_on: date | None = None,
                  finished_on: date | None = None, notes: str = "",
                  activities: str = "") -> Education | None:
    """Add a school; None when the owner already has it (same school, degree and start)."""
    if Education.objects.filter(owner=owner, school__iexact=school, degree__iexact=degree,
                                started_on=started_on).exists():
        return None
    education = Education(owner=owner, school=school, degree=degree, started_on=started_on,
                          finished_on=finished_on, notes=notes, activities=activities)
    education.full_clean()
    education.save()
    return education


def add_skill(*, owner: User, name: str) -> Skill | None:
    """Add a skill; None when the owner already has one of that name (any case)."""
    name = " ".join(name.split())[:100]
    if not name or Skill.objects.filter(owner=owner, name__iexact=name).exists():
        return None
    return Skill.objects.create(owner=owner, name=name)
