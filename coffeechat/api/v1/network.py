"""People, organizations, introductions and notes (coffeechat.network, .conversations)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status
from pydantic import Field

from coffeechat.api.v1.common import (
    MAX_ID,
    MAX_PAGE,
    Body20000,
    Day,
    LongText,
    Name200,
    Page,
    Text40,
    Text50,
    Text64,
    Text100,
    Text200,
    Text254,
    Text300,
    answers,
    body_id_doc,
    idempotent,
    owner_of,
    page_of,
    with_etag,
)
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Note, Stage
from coffeechat.network import queries, services
from coffeechat.network.models import Introduction, Organization, Person

router = Router()

PersonId = Annotated[int, Path(ge=1, le=MAX_ID)]
OrganizationId = Annotated[int, Path(ge=1, le=MAX_ID)]
Connection = Person.Connection
Limit = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Items per page (1-100).")]


class OrganizationRef(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int
    full_name: str
    title: str
    organization: OrganizationRef | None
    email: str
    phone: str
    linkedin_url: str
    connection: str
    met_at: str
    segment: str
    time_zone: str
    keep_in_touch_weeks: int
    last_touch_at: datetime | None
    tags: list[str]
    notes: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_tags(person: Person) -> list[str]:
        return [tag.name for tag in person.tags.all()]


class PersonIn(Schema):
    full_name: Name200
    title: Text200 = ""
    organization_name: Text200 = Field(
        "", description="Found by name (any case) or created; empty for none."
    )
    email: Text254 = ""
    phone: Text40 = ""
    linkedin_url: Text200 = ""
    connection: Connection = Connection.COLD
    met_at: Text200 = ""
    time_zone: Text64 = ""
    tag_names: list[Text50] = Field(default_factory=list, max_length=50)
    notes: LongText = ""


class PersonPatch(Schema):
    """Only the fields sent change."""

    full_name: Text200 | None = None
    title: Text200 | None = None
    organization_name: Text200 | None = None
    email: Text254 | None = None
    phone: Text40 | None = None
    linkedin_url: Text200 | None = None
    connection: Connection | None = None
    met_at: Text200 | None = None
    time_zone: Text64 | None = None
    tag_names: list[Text50] | None = Field(None, max_length=50)
    notes: LongText | None = None


class PeoplePage(Page):
    items: list[PersonOut]


class PeopleFilters(Schema):
    q: Text200 = Field(
        "", description="Name, organization, title or email contains it (the People page's search)."
    )
    stage: Stage | None = None
    organization_id: int | None = Field(None, ge=1, le=MAX_ID)
    tag: Text50 = ""
    connection: Connection | None = None
    cursor: Text200 | None = None
    limit: Limit = 50


# /api/v1/people
@router.get("/people", response=answers(PeoplePage), tags=["people"])
@decorate_view(with_etag)
def list_people(request: HttpRequest, filters: Query[PeopleFilters]) -> dict[str, Any]:
    """Your people, filtered and searched like the People page, in id order."""
    people = queries.people_for(
        owner_of(request),
        search=filters.q,
        stage=filters.stage or "",
        organization_id=filters.organization_id,
        tag=filters.tag,
        connection=filters.connection or "",
    )
    return page_of(people, filters.cursor, filters.limit)


@router.post("/people", response=answers(PersonOut, 201), tags=["people"])
@decorate_view(idempotent)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    """Add a person (their organization is found by name or created)."""
    person = services.add_person(owner=owner_of(request), **payload.dict())
    return Status(201, queries.people_for(owner_of(request)).get(pk=person.pk))


@router.get("/people/{person_id}", response=answers(PersonOut), tags=["people"])
@decorate_view(with_etag)
def get_person(request: HttpRequest, person_id: PersonId) -> Person:
    return queries.people_for(owner_of(request)).filter(pk=person_id).first() or _missing()


@router.patch("/people/{person_id}", response=answers(PersonOut), tags=["people"])
def update_person(request: HttpRequest, person_id: PersonId, payload: PersonPatch) -> Person:
    owner = owner_of(request)
    person = queries.get_person(owner, person_id)
    current = {
        "organization_name": person.organization.name if person.organization else "",
        "tag_names": [tag.name for tag in person.tags.all()],
    }
    services.update_person(
        person=person, **{**current, **payload.dict(exclude_unset=True, exclude_none=True)}
    )
    return queries.people_for(owner).get(pk=person.pk)


def _missing() -> Any:
    from django.http import Http404

    raise Http404


# Organizations -------------------------------------------------------------------------------


class OrganizationOut(Schema):
    id: int
    name: str
    website: str
    industry: str
    location: str
    notes: str
    people_count: int = 0
    created_at: datetime


class OrganizationIn(Schema):
    name: Name200
    website: Text200 = ""
    industry: Text100 = ""
    location: Text100 = ""
    notes: LongText = ""


class OrganizationPatch(Schema):
    name: Text200 | None = None
    website: Text200 | None = None
    industry: Text100 | None = None
    location: Text100 | None = None
    notes: LongText | None = None


class OrganizationsPage(Page):
    items: list[OrganizationOut]


# /api/v1/organizations
@router.get("/organizations", response=answers(OrganizationsPage), tags=["organizations"])
@decorate_view(with_etag)
def list_organizations(
    request: HttpRequest, q: Text200 = "", cursor: Text200 | None = None, limit: Limit = 50
) -> dict[str, Any]:
    """Your organizations with how many of your people work there (the Organizations page)."""
    return page_of(queries.organizations_for(owner_of(request), search=q), cursor, limit)


@router.post("/organizations", response=answers(OrganizationOut, 201), tags=["organizations"])
@decorate_view(idempotent)
def create_organization(request: HttpRequest, payload: OrganizationIn) -> Status[Organization]:
    organization = services.add_organization(owner=owner_of(request), **payload.dict())
    return Status(201, organization)


@router.get(
    "/organizations/{organization_id}", response=answers(OrganizationOut), tags=["organizations"]
)
@decorate_view(with_etag)
def get_organization(request: HttpRequest, organization_id: OrganizationId) -> Organization:
    return (
        queries.organizations_for(owner_of(request)).filter(pk=organization_id).first()
        or _missing()
    )


@router.patch(
    "/organizations/{organization_id}", response=answers(OrganizationOut), tags=["organizations"]
)
def update_organization(
    request: HttpRequest, organization_id: OrganizationId, payload: OrganizationPatch
) -> Organization:
    organization = queries.get_organization(owner_of(request), organization_id)
    services.update_organization(
        organization=organization, **payload.dict(exclude_unset=True, exclude_none=True)
    )
    return queries.organizations_for(owner_of(request)).get(pk=organization.pk)


# Introductions -------------------------------------------------------------------------------


class PersonRef(Schema):
    id: int
    full_name: str


class IntroductionOut(Schema):
    id: int
    introducer: PersonRef
    introduced: PersonRef
    introduced_on: date
    context: str


class IntroductionIn(Schema):
    introducer_id: Annotated[int, body_id_doc("The person who introduced you.")]
    introduced_id: Annotated[int, body_id_doc("The person they introduced you to.")]
    introduced_on: Day
    context: Text300 = ""


class IntroductionsOut(Schema):
    made: list[IntroductionOut] = Field(description="Whom this person introduced you to.")
    received: list[IntroductionOut] = Field(description="Who introduced you to this person.")


# /api/v1/people/{id}/introductions
@router.get(
    "/people/{person_id}/introductions", response=answers(IntroductionsOut), tags=["introductions"]
)
@decorate_view(with_etag)
def list_introductions(request: HttpRequest, person_id: PersonId) -> dict[str, Any]:
    introductions = queries.introductions_for(queries.get_person(owner_of(request), person_id))
    return {"made": introductions["made"], "received": introductions["by"]}


@router.post("/introductions", response=answers(IntroductionOut, 201), tags=["introductions"])
@decorate_view(idempotent)
def create_introduction(request: HttpRequest, payload: IntroductionIn) -> Status[Introduction]:
    """Record an introduction between two of your people (anyone else's id is not found)."""
    owner = owner_of(request)
    introduction = services.add_introduction(
        introducer=queries.get_person(owner, payload.introducer_id),
        introduced=queries.get_person(owner, payload.introduced_id),
        introduced_on=payload.introduced_on,
        context=payload.context,
    )
    return Status(201, introduction)


# Notes ---------------------------------------------------------------------------------------


class NoteOut(Schema):
    id: int
    person_id: int
    conversation_id: int | None
    body: str
    created_at: datetime


class NoteIn(Schema):
    body: Body20000


class NotesPage(Page):
    items: list[NoteOut]


# /api/v1/people/{id}/notes
@router.get("/people/{person_id}/notes", response=answers(NotesPage), tags=["notes"])
@decorate_view(with_etag)
def list_notes(
    request: HttpRequest, person_id: PersonId, cursor: Text200 | None = None, limit: Limit = 50
) -> dict[str, Any]:
    person = queries.get_person(owner_of(request), person_id)
    return page_of(Note.objects.filter(owner=person.owner, person=person), cursor, limit)


@router.post("/people/{person_id}/notes", response=answers(NoteOut, 201), tags=["notes"])
@decorate_view(idempotent)
def create_note(request: HttpRequest, person_id: PersonId, payload: NoteIn) -> Status[Note]:
    """A note on the person (the person page's "Add a note")."""
    person = queries.get_person(owner_of(request), person_id)
    return Status(201, conversation_services.add_note(person=person, body=payload.body))
