"""Reads for the network. Every function is scoped to one owner."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404

from coffeechat.accounts.models import User
from coffeechat.network.models import Introduction, Organization, Person, Tag
from coffeechat.search import fulltext


def people_for(owner: User, *, search: str = "", stage: str = "",
               organization_id: int | None = None, organization_name: str = "", tag: str = "",
               connection: str = "") -> QuerySet[Person]:
    """The owner's people matching the filters, with organization and tags preloaded.

    Sorted by name, or best match first when searching (the full-text index: accents, case,
    prefixes, tags and phone numbers). Filters through EXISTS, never a join: a person with two
    conversations in a stage is listed once without DISTINCT (which sorts the whole set).
    """
    people = (Person.objects.filter(owner=owner).select_related("organization")
              .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name"))))
    if stage:
        # Through the reverse relation, as before: network doesn't import conversations.
        conversations = Person._meta.get_field("conversations").related_model
        people = people.filter(Exists(conversations.objects.filter(
            owner=owner, person=OuterRef("pk"), stage=stage)))
    if organization_id:
        people = people.filter(organization_id=organization_id)
    elif organization_name:
        # Typed without choosing (no JavaScript): everyone at an organization with that in its
        # name, so "acme" shows Acme and Acme Labs rather than asking which.
        people = people.filter(organization__in=fulltext.search_organizations(
            Organization.objects.filter(owner=owner), owner_id=owner.pk,
            text=organization_name).values("pk"))
    if tag:
        people = people.filter(Exists(Person.tags.through.objects.filter(
            person_id=OuterRef("pk"), tag__owner=owner, tag__name__iexact=tag)))
    if connection:
        people = people.filter(connection=connection)
    if search:
        people = fulltext.search_people(people, owner_id=owner.pk, text=search)
        if "search_rank" in people.query.extra_select:
            return people.order_by("search_rank", Lower("full_name"), "pk")
    return people.order_by(Lower("full_name"), "pk")


def get_person(owner: User, person_id: int) -> Person:
    """The owner's person, or 404, also when the id belongs to someone else."""
    return get_object_or_404(Person.objects.filter(owner=owner).select_related("organization"),
                             pk=person_id)


def organizations_for(owner: User, *, search: str = "") -> QuerySet[Organization]:
    """The owner's organizations with how many of their people work there (best match first
    when searching)."""
    people_there = (Person.objects.filter(organization=OuterRef("pk")).order_by()
                    .values("organization").annotate(n=Count("pk")).values("n"))
    # A subquery per row of the page, not a GROUP BY over every organization and person.
    organizations = Organization.objects.filter(owner=owner).annotate(
        people_count=Coalesce(Subquery(people_there), 0))
    if search:
        organizations = fulltext.search_organizations(organizations, owner_id=owner.pk,
                                                      text=search)
        if "search_rank" in organizations.query.extra_select:
            return organizations.order_by("search_rank", Lower("name"), "pk")
    return organizations.order_by(Lower("name"), "pk")


def get_organization(owner: User, organization_id: int) -> Organization:
    """The owner's organization, or 404."""
    return get_object_or_404(Organization.objects.filter(owner=owner), pk=organization_id)


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
