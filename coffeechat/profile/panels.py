"""What profile contributes to /you/: the about form, positions, education and skills (each row
with its form), and what a LinkedIn export found for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models

from coffeechat.accounts.models import User
from coffeechat.profile import queries
from coffeechat.profile.forms import AboutForm
from coffeechat.profile.models import Proposal
from coffeechat.profile.rows import ROW_KINDS, RowKind


@dataclass(frozen=True)
class YouPanel:
    about: AboutForm
    me: User
    positions: list[dict[str, Any]]  # each: the row, its form, open, first, last
    education: list[dict[str, Any]]
    skills: list[dict[str, Any]]
    new: dict[str, forms.BaseForm]  # the form to add a row, by kind
    adding: set[str]  # the kinds whose new-row form failed (shown open)
    proposals: list[Proposal]  # what an export found, not yet accepted or ignored

    def _found(self, kind: str) -> list[Proposal]:
        return [p for p in self.proposals if p.kind == kind]

    @property
    def found_count(self) -> int:
        return sum(1 for p in self.proposals if p.kind != Proposal.Kind.HEADLINE)

    @property
    def found_fields(self) -> list[Proposal]:
        return [p for p in self.proposals if p.is_field and p.kind != Proposal.Kind.HEADLINE]

    @property
    def headline(self) -> Proposal | None:
        return next(iter(self._found(Proposal.Kind.HEADLINE)), None)

    @property
    def found_positions(self) -> list[Proposal]:
        return self._found(Proposal.Kind.POSITION)

    @property
    def found_education(self) -> list[Proposal]:
        return self._found(Proposal.Kind.EDUCATION)

    @property
    def found_skills(self) -> list[Proposal]:
        return self._found(Proposal.Kind.SKILL)


def you_panel(
    user: User, *, about: AboutForm | None = None, bound: dict[str, forms.BaseForm] | None = None
) -> YouPanel:
    """`user`: a copy of the signed-in user; `bound`: a form that failed, by its prefix, to
    show with its errors."""
    bound = bound or {}

    def rows(kind: RowKind, queryset: models.QuerySet[Any]) -> list[dict[str, Any]]:
        found = list(queryset)
        return [
            {
                "row": row,
                "form": bound.get(f"{kind.key}-{row.pk}")
                or kind.form(instance=row, prefix=f"{kind.key}-{row.pk}"),
                "open": f"{kind.key}-{row.pk}" in bound,
                "first": i == 0,
                "last": i == len(found) - 1,
            }
            for i, row in enumerate(found)
        ]

    return YouPanel(
        about=about or AboutForm(instance=user),
        me=user,
        positions=rows(ROW_KINDS["position"], queries.positions_for(user)),
        education=rows(ROW_KINDS["education"], queries.education_for(user)),
        skills=rows(ROW_KINDS["skill"], queries.skills_for(user)),
        new={
            key: bound.get(f"new-{key}") or kind.form(prefix=f"new-{key}")
            for key, kind in ROW_KINDS.items()
        },
        adding={key for key in ROW_KINDS if f"new-{key}" in bound},
        proposals=list(queries.pending_proposals_for(user)),
    )
