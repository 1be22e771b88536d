"""Reads of the user's own profile. Every function is scoped to one owner."""

from __future__ import annotations

from django.db.models import QuerySet

from coffeechat.accounts.models import User
from coffeechat.profile.models import Education, Position, Skill


def positions_for(owner: User) -> QuerySet[Position]:
    """The owner's positions, current first."""
    return Position.objects.filter(owner=owner)


def education_for(owner: User) -> QuerySet[Education]:
    """The owner's schools, most recent first."""
    return Education.objects.filter(owner=owner)


def skills_for(owner: User) -> QuerySet[Skill]:
    """The owner's skills, by name."""
    return Skill.objects.filter(owner=owner)
