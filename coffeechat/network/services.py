"""Writes for the network: people, organizations, tags and introductions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coffeechat.accounts.models import User
from coffeechat.network.models import Introduction, Organization, Person, Tag

PERSON_FIELDS = (
    "full_name",
    "title",
    "email",
    "phone",
    "linkedin_url",
    "connection",
    "met_at",
    "notes",
    "segment",
    "time_zone",
)
ORGANIZATION_FIELDS = ("name", "website", "industry", "location", "notes")


def organization_named(*, owner: User, name: str) -> Organization | None:
    """The owner's organization called `name` (any case), created if new; None for a blank name."""
    name = " ".join(name.split())
    if not name:
        return None
    found = Organization.objects.filter(owner=owner, name__iexact=name).first()
    if found:
        return found
    organization = Organization(owner=owner, name=name)
    organization.full_clean()
    organization.save()
    return organization


def _set_tags(*, person: Person, tag_names: list[str]) -> None:
    tags = []
    for raw in tag_names:
        name = " ".join(raw.split())[:50]
        if not name:
            continue
        tag = Tag.objects.filter(owner=person.owner, name__iexact=name).first()
        tags.append(tag or Tag.objects.create(owner=person.owner, name=name))
    person.tags.set(tags)


@transaction.atomic
def add_person(
    *,
    owner: User,
    full_name: str,
    organization_name: str = "",
    tag_names: list[str] | None = None,
    **fields: Any,
) -> Person:
    """Create a person, with their organization (found by name or created) and tags."""
    person = Person(
        owner=owner,
        full_name=" ".join(full_name.split()),
        **{k: v for k, v in fields.items() if k in PERSON_FIELDS},
    )
    person.organization = organization_named(owner=owner, name=organization_name)
    person.full_clean()
    person.save()
    _set_tags(person=person, tag_names=tag_names or [])
    return person


@transaction.atomic
def update_person(
    *,
    person: Person,
    organization_name: str = "",
    tag_names: list[str] | None = None,
    **fields: Any,
) -> Person:
    """Change a person's details; the organization is found by name or created.

    `segment` here is the user's own call (RULE-F4: they may override the automatic one).
    """
    for key, value in fields.items():
        if key in PERSON_FIELDS:
            setattr(person, key, value)
    person.full_name = " ".join(person.full_name.split())
    person.organization = organization_named(owner=person.owner, name=organization_name)
    person.full_clean()
    person.save()
    _set_tags(person=person, tag_names=tag_names or [])
    return person


def quick_add(
    *,
    owner: User,
    full_name: str,
    organization_name: str = "",
    met_at: str = "",
    connection: str = Person.Connection.COLD,
) -> Person:
    """The short add from the header: name, organization, how we met (and how connected)."""
    return add_person(
        owner=owner,
        full_name=full_name,
        organization_name=organization_name,
        met_at=met_at,
        connection=connection,
    )


def add_organization(*, owner: User, **fields: Any) -> Organization:
    organization = Organization(
        owner=owner, **{k: v for k, v in fields.items() if k in ORGANIZATION_FIELDS}
    )
    organization.name = " ".join(organization.name.split())
    _save_organization(organization)
    return organization


def update_organization(*, organization: Organization, **fields: Any) -> Organization:
    for key, value in fields.items():
        if key in ORGANIZATION_FIELDS:
            setattr(organization, key, value)
    organization.name = " ".join(organization.name.split())
    _save_organization(organization)
    return organization


def _save_organization(organization: Organization) -> None:
    clash = Organization.objects.filter(owner=organization.owner, name__iexact=organization.name)
    if clash.exclude(pk=organization.pk).exists():
        raise ValidationError({"name": "You already have an organization with this name."})
    organization.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError:  # a concurrent save won the race for the name
        raise ValidationError(
            {"name": "You already have an organization with this name."}
        ) from None


def add_introduction(
    *, introducer: Person, introduced: Person, introduced_on: date, context: str = ""
) -> Introduction:
    """Record that `introducer` pointed the owner to `introduced`."""
    if introducer.owner_id != introduced.owner_id:
        raise ValidationError("Both people must be in your network.")
    if introducer.pk == introduced.pk:
        raise ValidationError("Someone can't introduce you to themselves.")
    if Introduction.objects.filter(introducer=introducer, introduced=introduced).exists():
        raise ValidationError(f"{introducer} already introduced you to {introduced}.")
    introduction = Introduction(
        owner=introducer.owner,
        introducer=introducer,
        introduced=introduced,
        introduced_on=introduced_on,
        context=context,
    )
    introduction.full_clean(validate_constraints=False)
    introduction.save()
    return introduction
