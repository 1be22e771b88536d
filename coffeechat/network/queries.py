"""Reads for the network. Every function is scoped to one owner."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower

from coffeechat.accounts.models import User
from coffeechat.lib.combobox import LIMIT, Option
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Introduction, Organization, Person, Tag
from coffeechat.search import fulltext

MAX_ORGANIZATIONS_NAMED = 500  # a typed organization filter matches at most this many


def people_for(
    owner: User,
    *,
    search: str = "",
    stage: str = "",
    organization_id: int | None = None,
    organization_name: str = "",
    tag: str = "",
    connection: str = "",
) -> QuerySet[Person]:
    """The owner's people matching the filters, with organization and tags preloaded.

    Sorted by name, or best match first when searching (the full-text index: accents, case,
    prefixes, tags and phone numbers). Filters through `IN (subquery)`, never a join: a person
    with two conversations in a stage is listed once without DISTINCT (which sorts the set).
    """
    people: QuerySet[Person] = (
        Person.objects.filter(owner=owner)
        .select_related("organization")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    )
    if stage:
        # Through the reverse relation, as before: network doesn't import conversations.
        # `id IN (...)` lets the database start from the stage's few rows (its index) rather
        # than test every person; IN never lists a person twice.
        conversations = Person._meta.get_field("conversations").related_model
        people = people.filter(
            pk__in=conversations._default_manager.filter(owner=owner, stage=stage).values(
                "person_id"
            )
        )
    if organization_id:
        people = people.filter(organization_id=organization_id)
    elif organization_name:
        # Typed without choosing (no JavaScript): everyone at an organization with that in its
        # name, so "acme" shows Acme and Acme Labs rather than asking which.
        # (Ids first: the index's SQL can't sit in a subquery, whose tables Django renames.)
        matching = fulltext.search_organizations(
            Organization.objects.filter(owner=owner), owner_id=owner.pk, text=organization_name
        )
        people = people.filter(
            organization__in=list(matching.values_list("pk", flat=True)[:MAX_ORGANIZATIONS_NAMED])
        )
    if tag:
        people = people.filter(
            pk__in=Person.tags.through.objects.filter(
                tag__owner=owner, tag__name__iexact=tag
            ).values("person_id")
        )
    if connection:
        people = people.filter(connection=connection)
    if search:
        people = fulltext.search_people(people, owner_id=owner.pk, text=search)
    return fulltext.best_first(people, Lower("full_name"), "pk")


def get_person(owner: User, person_id: int) -> Person:
    """The owner's person, or 404, also when the id belongs to someone else."""
    return get_owned(Person.objects.select_related("organization"), owner=owner, pk=person_id)


def organizations_for(owner: User, *, search: str = "") -> QuerySet[Organization]:
    """The owner's organizations with how many of their people work there (best match first
    when searching)."""
    people_there = (
        Person.objects.filter(organization=OuterRef("pk"))
        .order_by()
        .values("organization")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # A subquery per row of the page, not a GROUP BY over every organization and person.
    organizations: QuerySet[Organization] = Organization.objects.filter(owner=owner).annotate(
        people_count=Coalesce(Subquery(people_there), 0)
    )
    if search:
        organizations = fulltext.search_organizations(organizations, owner_id=owner.pk, text=search)
    return fulltext.best_first(organizations, Lower("name"), "pk")


def get_organization(owner: User, organization_id: int) -> Organization:
    """The owner's organization, or 404."""
    return get_owned(Organization, owner=owner, pk=organization_id)


def tags_for(owner: User) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=owner)


def introductions_for(person: Person) -> dict[str, list[Introduction]]:
    """Who introduced the owner to `person`, and whom `person` introduced."""
    edges = (
        Introduction.objects.filter(owner_id=person.owner_id)
        .filter(Q(introducer=person) | Q(introduced=person))
        .select_related("introducer", "introduced")
    )
    return {
        "by": [e for e in edges if e.introduced_id == person.pk],
        "made": [e for e in edges if e.introducer_id == person.pk],
    }


# Choosers (coffeechat/lib/combobox.py): a few matches as you type, and the typed name resolved.


def choice_label(person: Person) -> str:
    """How a chooser shows a person, and what typing it back picks: "Name · Organization"."""
    organization = person.organization
    return f"{person.full_name} · {organization.name}" if organization else person.full_name


def people_to_choose(owner: User, text: str) -> list[Option]:
    """Up to LIMIT + 1 of the owner's people matching `text`, best first."""
    if not fulltext.words_of(text):
        return []
    people = fulltext.best_first(
        fulltext.search_people(
            Person.objects.filter(owner=owner).select_related("organization"),
            owner_id=owner.pk,
            text=text,
        ),
        Lower("full_name"),
        "pk",
    )
    return [
        Option(
            value=choice_label(p),
            label=p.full_name,
            id=p.pk,
            detail=" · ".join(x for x in (p.title, p.organization and p.organization.name) if x),
        )
        for p in people[: LIMIT + 1]
    ]


def organizations_to_choose(owner: User, text: str, *, by_id: bool = False) -> list[Option]:
    if not fulltext.words_of(text):
        return []
    found = fulltext.best_first(
        fulltext.search_organizations(
            Organization.objects.filter(owner=owner), owner_id=owner.pk, text=text
        ),
        Lower("name"),
        "pk",
    )
    return [
        Option(value=o.name, label=o.name, id=o.pk if by_id else None, detail=o.industry)
        for o in found[: LIMIT + 1]
    ]


def tags_to_choose(owner: User, text: str) -> list[Option]:
    text = " ".join(text.split())
    if not text:
        return []
    tags = Tag.objects.filter(owner=owner, name__icontains=text).order_by(Lower("name"))
    return [Option(value=t.name, label=t.name) for t in tags[: LIMIT + 1]]


def person_chosen(
    owner: User, chosen_id: int | None, text: str, *, exclude: Person | None = None
) -> Person:
    """The person a chooser names: the picked id when it is still what the input says, else
    the one person whose name (and organization, after " · ") is `text`, ignoring case and
    accents. Unknown or ambiguous: a ValidationError that says which."""
    people = Person.objects.filter(owner=owner).select_related("organization")
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    if chosen_id is not None:
        found = people.filter(pk=chosen_id).first()
        if found is not None and (
            not text or fulltext.fold(text) == fulltext.fold(choice_label(found))
        ):
            return found
        if not text:
            raise ValidationError("Choose someone from your network.")
    name, _, organization = (fulltext.fold(part) for part in text.partition(" · "))
    candidates = [
        p
        for p in fulltext.search_people(people, owner_id=owner.pk, text=name)[:200]
        if fulltext.fold(p.full_name) == name
        and (
            not organization
            or (p.organization is not None and fulltext.fold(p.organization.name) == organization)
        )
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValidationError(
            f"Nobody called “{text}” in your network. Check the spelling, "
            "or add them first with Quick add."
        )
    shown = ", ".join(f"“{choice_label(p)}”" for p in candidates[:5])
    raise ValidationError(
        f"{len(candidates)} people are called “{text}”: {shown}. Type the "
        "one you mean as shown, with their organization after “ · ”, or "
        "choose from the matches as you type."
    )


def organization_named_by_id(owner: User, organization_id: int) -> Organization | None:
    """The owner's organization with this id, or None (a filter's stale or foreign id)."""
    return Organization.objects.filter(owner=owner, pk=organization_id).first()
