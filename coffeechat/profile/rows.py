"""Positions, education and skills on /you/: one set of views serves the three kinds of row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from coffeechat.accounts.models import User
from coffeechat.profile import queries, services
from coffeechat.profile.forms import EducationForm, PositionForm, SkillForm

# The sections of /you/ a save returns to (the anchors other pages link to).
SECTIONS = ("about", "contact", "signature", "school", "fields", "profile-link", "decision")


@dataclass(frozen=True)
class RowKind:
    """Positions, education and skills: one set of views, each kind's own form and services."""

    key: str  # "position"
    anchor: str  # the section on /you/
    noun: str
    form: type[forms.ModelForm]
    get: Callable[[User, int], Any]  # a Position, Education or Skill
    add: Callable[..., Any]
    update: Callable[..., Any]


ROW_KINDS = {
    "position": RowKind(
        "position",
        "positions",
        "position",
        PositionForm,
        queries.get_position,
        services.add_position,
        lambda row, **f: services.update_position(position=row, **f),
    ),
    "education": RowKind(
        "education",
        "education",
        "school",
        EducationForm,
        queries.get_education,
        services.add_education,
        lambda row, **f: services.update_education(education=row, **f),
    ),
    "skill": RowKind(
        "skill",
        "skills",
        "skill",
        SkillForm,
        queries.get_skill,
        services.add_skill,
        lambda row, **f: services.update_skill(skill=row, **f),
    ),
}
