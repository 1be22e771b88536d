"""Reads of the user's own profile. Every function is scoped to one owner."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from coffeechat.accounts.models import User
from coffeechat.lib.models import get_owned
from coffeechat.profile.models import Education, Position, Proposal, Skill


def positions_for(owner: User) -> QuerySet[Position]:
    """The owner's positions, in the order they chose."""
    return Position.objects.filter(owner=owner)


def education_for(owner: User) -> QuerySet[Education]:
    """The owner's schools, in the order they chose."""
    return Education.objects.filter(owner=owner)


def skills_for(owner: User) -> QuerySet[Skill]:
    """The owner's skills, in the order they chose."""
    return Skill.objects.filter(owner=owner)


def pending_proposals_for(owner: User) -> QuerySet[Proposal]:
    """What an import found and the owner hasn't accepted or ignored yet, in the found order."""
    return Proposal.objects.filter(owner=owner, status=Proposal.Status.PENDING)


def get_position(owner: User, position_id: int) -> Position:
    """The owner's position, or 404, also when the id belongs to someone else."""
    return get_owned(positions_for(owner), owner=owner, pk=position_id)


def get_education(owner: User, education_id: int) -> Education:
    return get_owned(education_for(owner), owner=owner, pk=education_id)


def get_skill(owner: User, skill_id: int) -> Skill:
    return get_owned(skills_for(owner), owner=owner, pk=skill_id)


def get_proposal(owner: User, proposal_id: int) -> Proposal:
    return get_owned(Proposal, owner=owner, pk=proposal_id)


def has_position(owner: User, organization_name: str, title: str, started_on: date | None) -> bool:
    return (
        positions_for(owner)
        .filter(
            organization_name__iexact=organization_name, title__iexact=title, started_on=started_on
        )
        .exists()
    )


def has_education(owner: User, school: str, degree: str, started_on: date | None) -> bool:
    return (
        education_for(owner)
        .filter(school__iexact=school, degree__iexact=degree, started_on=started_on)
        .exists()
    )


def has_skill(owner: User, name: str, *, other_than: int | None = None) -> bool:
    same = skills_for(owner).filter(name__iexact=name)
    return (same.exclude(pk=other_than) if other_than is not None else same).exists()


def profile_progress(owner: User) -> tuple[int, int]:
    """How much of "about you" is filled in (name, the field explored, the decision): for the
    first-run checklist. No query: the fields are on the user."""
    filled = [owner.display_name, owner.field_broad or owner.field_narrow, owner.decision]
    return sum(1 for value in filled if value.strip()), len(filled)
