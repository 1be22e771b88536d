"""Reads for the network. Every function is scoped to one owner."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from coffeechat.accounts.models import User
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Introduction, Organization, Person, Tag


def people_for(owner: User, *, search: str = "", stage: str = "",
               organization_id: int | None = None, tag: str = "", connection: str = ""
               ) -> QuerySet[Person]:
    """The owner's people matching the filters, with organization and tags preloaded."""
    people = (Person.objects.filter(owner=owner).select_related("organization")
              .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name"))))
    if search:
        people = people.filter(
            Q(full_name__icontains=search) | Q(organization__name__icontains=search)
            | Q(title__icontains=search) | Q(email__icontains=search))
    if stage:
        people = people.filter(conversations__stage=stage)
    if organization_id:
        people = people.filter(organization_id=organization_id)
    if tag:
        people = people.filter(tags__name__iexact=tag)
    if connection:
        people = people.filter(connection=connection)
    return people.distinct()


def get_person(owner: User, person_id: int) -> Person:
    """The owner's person, or 404, also when the id belongs to someone else."""
    return get_owned(Person.objects.select_related("organization"), owner=owner, pk=person_id)


def organizations_for(owner: User, *, search: str = "") -> QuerySet[Organization]:
    """The owner's organizations with how many of their people work there."""
    # An aggregate drops Meta.ordering (GROUP BY): order explicitly, or pages shuffle.
    organizations = Organization.objects.filter(owner=owner).annotate(
        people_count=Count("people")).order_by(Lower("name"), "pk")
    if search:
        organizations = organizations.filter(
            Q(name__icontains=search) | Q(industry__icontains=search)
            | Q(location__icontains=search))
    return organizations


def get_organization(owner: User, organization_id: int) -> Organization:
    """The owner's organization, or 404."""
    return get_owned(Organization, owner=owner, pk=organization_id)


def tags_for(owner: User) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=owner)


def introductions_for(person: Person) -> dict[str, list[Introduction]]:
    """Who introduced the owner to `person`, and whom `person` introduced."""
    edges = (Introduction.objects.filter(owner_id=person.owner_id)
             .filter(Q(introducer=person) | Q(introduced=person))
             .select_related("introducer", "introduced"))
    return {
        "by": [e for e in edges if e.introduced_id == person.pk],
        "made": [e for e in edges if e.introducer_id == person.pk],
    }
