from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Stage
from coffeechat.lib.testing.people import make_organization, make_person
from coffeechat.network.models import Introduction, Organization, Person, Tag

HTMX = {"HX-Request": "true"}


def field_error(response, field: str) -> str:
    """The error list rendered next to `field` ('' when there is none)."""
    found = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', response.content.decode(), re.S
    )
    return found[1] if found else ""


def names_on(response) -> list[str]:
    return [p.full_name for p in response.context["page"].object_list]


def count_queries(client: Client, url: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(queries)


# Isolation ---------------------------------------------------------------------------------------


def test_it_checks_ownership(alice, mallory_client: Client) -> None:
    person = make_person(alice, "Ada Lovelace", organization="Analytical")
    organization = person.organization

    responses = [
        mallory_client.get(reverse("network:person", args=[person.pk])),
        mallory_client.post(
            reverse("network:person-edit", args=[person.pk]),
            {"full_name": "Mallory's now", "connection": "cold"},
        ),
        mallory_client.post(
            reverse("network:organization-edit", args=[organization.pk]), {"name": "Mallory's now"}
        ),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    person.refresh_from_db()
    organization.refresh_from_db()
    assert (person.full_name, organization.name) == ("Ada Lovelace", "Analytical")


# People list --------------------------------------------------------------------------------------


@pytest.fixture
def network(alice, mallory) -> dict[str, Person]:
    ada = make_person(
        alice,
        "Ada Lovelace",
        organization="Analytical Engines",
        title="Mathematician",
        connection=Person.Connection.ALUMNI,
        tag_names=["Math", "History"],
    )
    grace = make_person(
        alice,
        "Grace Hopper",
        organization="Navy",
        email="grace@navy.example",
        connection=Person.Connection.EVENT,
        tag_names=["compilers"],
    )
    linus = make_person(
        alice, "Linus Torvalds", organization="Linux Foundation", connection=Person.Connection.COLD
    )
    make_person(mallory, "Mallory Friend", organization="Navy", tag_names=["math"])
    contacted = conversation_services.start_conversation(owner=alice, person=grace)
    conversation_services.move_to_stage(conversation=contacted, stage=Stage.CONTACTED)
    conversation_services.start_conversation(owner=alice, person=linus)
    return {"ada": ada, "grace": grace, "linus": linus}


def test_it_lists_alices_people_by_name(network, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"))

    assert response.status_code == 200
    assert names_on(response) == ["Ada Lovelace", "Grace Hopper", "Linus Torvalds"]
    assert b"<html" in response.content


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("lovelace", ["Ada Lovelace"]),  # name, any case
        ("NAVY", ["Grace Hopper"]),  # organization
        ("mathematic", ["Ada Lovelace"]),  # title
        ("grace@navy", ["Grace Hopper"]),  # email
        ("  linus  ", ["Linus Torvalds"]),  # padded
        ("nobody", []),
    ],
)
def test_it_searches_people(q: str, expected: list[str], network, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"), {"q": q})

    assert names_on(response) == expected


def test_it_filters_people_by_stage(network, alice_client: Client) -> None:
    contacted = alice_client.get(reverse("network:people"), {"stage": "contacted"})
    identified = alice_client.get(reverse("network:people"), {"stage": "identified"})

    assert names_on(contacted) == ["Grace Hopper"]
    assert names_on(identified) == ["Linus Torvalds"]


def test_it_filters_people_by_organization(network, alice_client: Client) -> None:
    navy = network["grace"].organization

    response = alice_client.get(reverse("network:people"), {"organization": navy.pk})

    assert names_on(response) == ["Grace Hopper"]
    html = response.content.decode()
    assert 'name="organization_name" id="id_organization" value="Navy"' in html
    assert f'<input type="hidden" name="organization" value="{navy.pk}"' in html


def test_it_filters_people_by_tag_in_any_case(network, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"), {"tag": "MATH"})

    assert names_on(response) == ["Ada Lovelace"]


def test_it_filters_people_by_connection(network, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"), {"connection": "event"})

    assert names_on(response) == ["Grace Hopper"]


def test_it_combines_filters(network, alice_client: Client) -> None:
    response = alice_client.get(
        reverse("network:people"), {"q": "a", "connection": "alumni", "tag": "history"}
    )

    assert names_on(response) == ["Ada Lovelace"]


@pytest.mark.parametrize(
    "query", [{"stage": "bogus"}, {"connection": "warm"}, {"organization": "abc"}, {"page": "999"}]
)
def test_it_ignores_filter_values_it_does_not_know(
    query: dict, network, alice_client: Client
) -> None:
    response = alice_client.get(reverse("network:people"), query)

    assert response.status_code == 200
    assert names_on(response) == ["Ada Lovelace", "Grace Hopper", "Linus Torvalds"]


def test_it_returns_only_the_results_fragment_to_htmx(network, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"), {"q": "grace"}, headers=HTMX)

    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith('<div id="results">')
    assert "<html" not in html
    assert "<form" not in html
    assert "Grace Hopper" in html
    assert "Ada Lovelace" not in html


def test_it_shows_an_empty_network_how_to_start(alice, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"))

    assert "Your network starts here." in response.content.decode()


def test_it_says_when_no_one_matches(network, alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"), {"q": "nobody"}, headers=HTMX)

    assert "No one matches these filters." in response.content.decode()


def test_it_pages_people_and_keeps_the_filters(alice, alice_client: Client) -> None:
    for n in range(51):
        Person.objects.create(owner=alice, full_name=f"Person {n:02}")

    first = alice_client.get(reverse("network:people"), {"q": "person"})
    second = alice_client.get(reverse("network:people"), {"q": "person", "page": "2"})

    assert len(names_on(first)) == 50
    assert names_on(second) == ["Person 50"]
    assert 'href="?q=person&amp;page=2"' in first.content.decode()


# People: create and edit --------------------------------------------------------------------------


def test_it_adds_a_person(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("network:person-new"),
        {
            "full_name": "  Ada   Lovelace ",
            "title": "Mathematician",
            "organization_name": "Analytical Engines",
            "email": "ada@example.org",
            "connection": "alumni",
            "tag_names": "math, , history",
            "notes": "Met at the library",
        },
    )

    person = Person.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:person", args=[person.pk])
    assert person.full_name == "Ada Lovelace"
    assert person.organization.name == "Analytical Engines"
    assert person.organization.owner == alice
    assert sorted(t.name for t in person.tags.all()) == ["history", "math"]


def test_it_shows_field_errors_on_the_new_person_form(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("network:person-new"),
        {
            "full_name": "   ",
            "email": "not-an-email",
            "organization_name": "Somewhere",
            "linkedin_url": "linkedin",
            "connection": "cold",
            "tag_names": "x",
        },
    )

    assert response.status_code == 200
    assert "This field is required." in field_error(response, "full_name")
    assert "Enter a valid email address." in field_error(response, "email")
    assert "Enter a valid URL." in field_error(response, "linkedin_url")
    assert field_error(response, "title") == ""
    assert 'value="Somewhere"' in response.content.decode()  # what she typed stays
    assert Person.objects.count() == Organization.objects.count() == Tag.objects.count() == 0


def test_it_edits_a_person(alice, alice_client: Client) -> None:
    person = make_person(alice, "Ada Lovelace", organization="Analytical", tag_names=["math"])

    response = alice_client.post(
        reverse("network:person-edit", args=[person.pk]),
        {
            "full_name": "Ada King",
            "organization_name": "analytical",
            "connection": "known",
            "tag_names": "history",
        },
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert person.full_name == "Ada King"
    assert person.organization.name == "Analytical"  # found again, in any case
    assert Organization.objects.count() == 1
    assert [t.name for t in person.tags.all()] == ["history"]


def test_it_shows_the_current_values_on_the_edit_form(alice, alice_client: Client) -> None:
    person = make_person(
        alice, "Ada Lovelace", organization="Analytical", tag_names=["math", "history"]
    )

    response = alice_client.get(reverse("network:person-edit", args=[person.pk]))

    html = response.content.decode()
    assert 'value="Analytical"' in html
    assert 'value="history, math"' in html


def test_it_keeps_a_person_unchanged_when_the_edit_is_invalid(alice, alice_client: Client) -> None:
    person = make_person(alice, "Ada Lovelace", organization="Analytical", email="a@example.org")

    response = alice_client.post(
        reverse("network:person-edit", args=[person.pk]),
        {
            "full_name": "Ada King",
            "email": "broken",
            "organization_name": "Elsewhere",
            "connection": "cold",
        },
    )

    person.refresh_from_db()
    assert "Enter a valid email address." in field_error(response, "email")
    assert (person.full_name, person.email) == ("Ada Lovelace", "a@example.org")
    assert list(Organization.objects.values_list("name", flat=True)) == ["Analytical"]


# Organizations ------------------------------------------------------------------------------------


def test_it_adds_an_organization(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("network:organization-new"),
        {"name": " Acme   Corp ", "website": "https://acme.example", "industry": "Anvils"},
    )

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:organization", args=[organization.pk])
    assert (organization.owner, organization.name) == (alice, "Acme Corp")


def test_it_refuses_a_duplicate_organization_name_in_any_case(alice, alice_client: Client) -> None:
    make_organization(alice, "Acme Corp")

    response = alice_client.post(
        reverse("network:organization-new"), {"name": "ACME  corp", "industry": "Anvils"}
    )

    assert response.status_code == 200
    assert "You already have an organization with this name." in field_error(response, "name")
    assert list(Organization.objects.values_list("name", "industry")) == [("Acme Corp", "")]


def test_it_allows_the_same_organization_name_as_another_user(
    alice, mallory, alice_client: Client
) -> None:
    make_organization(mallory, "Acme Corp")

    response = alice_client.post(reverse("network:organization-new"), {"name": "Acme Corp"})

    assert response.status_code == 302
    assert Organization.objects.filter(owner=alice, name="Acme Corp").exists()


def test_it_edits_an_organization(alice, alice_client: Client) -> None:
    organization = make_organization(alice, "Acme corp")

    response = alice_client.post(
        reverse("network:organization-edit", args=[organization.pk]),
        {"name": "Acme Corp", "industry": "Anvils"},
    )

    organization.refresh_from_db()
    assert response.status_code == 302
    assert (organization.name, organization.industry) == ("Acme Corp", "Anvils")


def test_it_saves_nothing_when_an_edit_clashes_with_another_name(
    alice, alice_client: Client
) -> None:
    make_organization(alice, "Acme Corp")
    other = make_organization(alice, "Globex", industry="Energy")

    response = alice_client.post(
        reverse("network:organization-edit", args=[other.pk]),
        {"name": "acme corp", "industry": "Anvils"},
    )

    other.refresh_from_db()
    assert response.status_code == 200
    assert "You already have an organization with this name." in field_error(response, "name")
    assert (other.name, other.industry) == ("Globex", "Energy")
    assert "Edit Globex" in response.content.decode()


def test_it_shows_field_errors_on_the_organization_form(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("network:organization-new"), {"name": "", "website": "acme"}
    )

    assert "This field is required." in field_error(response, "name")
    assert "Enter a valid URL." in field_error(response, "website")
    assert Organization.objects.count() == 0


def test_it_lists_the_people_at_an_organization(alice, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace", organization="Analytical", title="Mathematician")
    make_person(alice, "Grace Hopper", organization="Navy")

    response = alice_client.get(reverse("network:organization", args=[ada.organization_id]))

    assert [p.full_name for p in response.context["people"]] == ["Ada Lovelace"]
    assert "Mathematician" in response.content.decode()


def test_it_pages_the_people_at_a_large_organization(alice, alice_client: Client) -> None:
    organization = make_organization(alice, "Bigcorp")
    Person.objects.bulk_create(
        Person(owner=alice, organization=organization, full_name=f"Person {n:03}")
        for n in range(120)
    )

    first = alice_client.get(reverse("network:organization", args=[organization.pk]))
    last = alice_client.get(reverse("network:organization", args=[organization.pk]), {"page": "3"})

    assert len(first.context["people"]) == 50
    assert "Page 1 of 3" in first.content.decode()
    assert len(last.context["people"]) == 20


def test_it_lists_organizations_in_name_order_with_head_counts(alice, alice_client: Client) -> None:
    make_person(alice, "Ada Lovelace", organization="beta")
    make_person(alice, "Grace Hopper", organization="Beta")
    make_organization(alice, "Alpha")
    make_organization(alice, "gamma", industry="Games")

    every = alice_client.get(reverse("network:organizations"))
    searched = alice_client.get(reverse("network:organizations"), {"q": "GAMES"})

    assert [(o.name, o.people_count) for o in every.context["page"].object_list] == [
        ("Alpha", 0),
        ("beta", 2),
        ("gamma", 0),
    ]
    assert [o.name for o in searched.context["page"].object_list] == ["gamma"]


# Quick add ----------------------------------------------------------------------------------------


def test_it_quick_adds_a_person_and_their_organization(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("network:quick-add"),
        {
            "full_name": "Ada Lovelace",
            "organization_name": "Analytical Engines",
            "met_at": "Career fair",
        },
    )

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:person", args=[person.pk])
    assert (person.owner, person.met_at) == (alice, "Career fair")
    assert (person.organization.owner, person.organization.name) == (alice, "Analytical Engines")


def test_it_quick_adds_to_an_organization_she_already_has(alice, alice_client: Client) -> None:
    existing = make_organization(alice, "Analytical Engines")

    alice_client.post(
        reverse("network:quick-add"),
        {"full_name": "Ada Lovelace", "organization_name": "analytical   ENGINES"},
    )

    assert Person.objects.get().organization == existing
    assert Organization.objects.count() == 1


def test_it_never_quick_adds_to_mallorys_organization(alice, mallory, alice_client: Client) -> None:
    theirs = make_organization(mallory, "Analytical Engines")

    alice_client.post(
        reverse("network:quick-add"),
        {"full_name": "Ada Lovelace", "organization_name": "Analytical Engines"},
    )

    person = Person.objects.get()
    assert person.organization != theirs
    assert person.organization.owner == alice


def test_it_creates_nothing_when_a_quick_add_has_no_name(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("network:quick-add"), {"full_name": "  ", "organization_name": "Analytical"}
    )

    assert response.status_code == 400
    assert "This field is required." in field_error(response, "full_name")
    assert Person.objects.count() == Organization.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/people/",
        "/people/new/",
        "/people/<id>/edit/",
        "/people/<id>/",
        "/organizations/new/",
        "/today/",
    ],
)
def test_it_gives_every_element_on_a_page_its_own_id(url: str, alice, alice_client: Client) -> None:
    # The header's quick-add form shares field names with the person form: a label must
    # point at the field beside it, not at one hidden in the header.
    person = make_person(alice, "Ada Lovelace")

    response = alice_client.get(url.replace("<id>", str(person.pk)))

    ids = re.findall(r'\sid="([^"]+)"', response.content.decode())
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_it_gives_every_element_its_own_id_when_a_quick_add_fails(
    alice, alice_client: Client
) -> None:
    response = alice_client.post(reverse("network:quick-add"), {"full_name": ""})

    ids = re.findall(r'\sid="([^"]+)"', response.content.decode())
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert 'for="id_full_name"' in response.content.decode()


# Introductions ------------------------------------------------------------------------------------


def test_it_records_an_introduction(alice, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace")
    grace = make_person(alice, "Grace Hopper")

    response = alice_client.post(
        reverse("network:add-introduction", args=[ada.pk]),
        {"introduced": grace.pk, "introduced_on": "2026-03-02", "context": "Same lab"},
    )

    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.owner, introduction.introducer, introduction.introduced) == (
        alice,
        ada,
        grace,
    )
    assert introduction.introduced_on == date(2026, 3, 2)
    page = alice_client.get(reverse("network:person", args=[grace.pk]))
    assert "introduced you to Grace" in page.content.decode()


def test_it_cannot_pick_a_person_from_mallorys_network(
    alice, mallory, alice_client: Client
) -> None:
    ada = make_person(alice, "Ada Lovelace")
    theirs = make_person(mallory, "Mallory Friend")

    response = alice_client.post(
        reverse("network:add-introduction", args=[ada.pk]),
        {"introduced": theirs.pk, "introduced_on": "2026-03-02"},
    )

    assert response.status_code == 400
    assert "Choose someone from your network." in field_error(response, "introduced")
    assert "Mallory Friend" not in response.content.decode()
    assert Introduction.objects.count() == 0


def test_it_cannot_introduce_someone_to_themselves(alice, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace")

    response = alice_client.post(
        reverse("network:add-introduction", args=[ada.pk]),
        {"introduced": ada.pk, "introduced_on": "2026-03-02"},
    )

    assert response.status_code == 400
    assert "introduce you to themselves." in response.content.decode()
    assert Introduction.objects.count() == 0


def test_it_records_an_introduction_once(alice, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace")
    grace = make_person(alice, "Grace Hopper")
    data = {"introduced": grace.pk, "introduced_on": "2026-03-02"}
    alice_client.post(reverse("network:add-introduction", args=[ada.pk]), data)

    response = alice_client.post(reverse("network:add-introduction", args=[ada.pk]), data)

    assert response.status_code == 400
    assert "Ada Lovelace already introduced you to Grace Hopper." in response.content.decode()
    assert Introduction.objects.count() == 1


# Mass assignment (security.md T13) -------------------------------------------------------------

EXTRA = {
    "owner": "<mallory>",
    "owner_id": "<mallory>",
    "id": "999",
    "pk": "999",
    "created_at": "2001-01-01T00:00",
    "updated_at": "2001-01-01T00:00",
    "is_staff": "on",
    "organization": "<org>",
    "tags": "<tag>",
}


def with_extra(data: dict, mallory, organization: Organization, tag: Tag) -> dict:
    swap = {"<mallory>": mallory.pk, "<org>": organization.pk, "<tag>": tag.pk}
    return {**{k: swap.get(v, v) for k, v in EXTRA.items()}, **data}


@pytest.fixture
def mallorys(mallory) -> tuple[Organization, Tag]:
    person = make_person(
        mallory, "Mallory Friend", organization="Mallory Org", tag_names=["mallory"]
    )
    return person.organization, person.tags.get()


def test_it_ignores_extra_fields_when_adding_a_person(
    alice, mallory, mallorys, alice_client: Client
) -> None:
    alice_client.post(
        reverse("network:person-new"),
        with_extra({"full_name": "Ada Lovelace", "connection": "cold"}, mallory, *mallorys),
    )

    person = Person.objects.get(full_name="Ada Lovelace")
    assert person.owner == alice
    assert person.organization is None
    assert list(person.tags.all()) == []
    assert person.pk != 999
    assert person.created_at.year >= 2026


def test_it_ignores_extra_fields_when_editing_a_person(
    alice, mallory, mallorys, alice_client: Client
) -> None:
    person = make_person(alice, "Ada Lovelace")

    alice_client.post(
        reverse("network:person-edit", args=[person.pk]),
        with_extra({"full_name": "Ada King", "connection": "cold"}, mallory, *mallorys),
    )

    person.refresh_from_db()
    assert (person.owner, person.full_name, person.organization) == (alice, "Ada King", None)
    assert list(person.tags.all()) == []
    assert Person.objects.filter(owner=mallory).count() == 1


def test_it_ignores_extra_fields_on_organizations_and_quick_add(
    alice, mallory, mallorys, alice_client: Client
) -> None:
    organization = make_organization(alice, "Acme")

    alice_client.post(
        reverse("network:organization-edit", args=[organization.pk]),
        with_extra({"name": "Acme Corp"}, mallory, *mallorys),
    )
    alice_client.post(
        reverse("network:organization-new"), with_extra({"name": "Globex"}, mallory, *mallorys)
    )
    alice_client.post(
        reverse("network:quick-add"), with_extra({"full_name": "Ada Lovelace"}, mallory, *mallorys)
    )

    organization.refresh_from_db()
    assert (organization.owner, organization.name) == (alice, "Acme Corp")
    assert Organization.objects.get(name="Globex").owner == alice
    ada = Person.objects.get(full_name="Ada Lovelace")
    assert (ada.owner, ada.organization) == (alice, None)
    assert mallorys[0].people.count() == 1


def test_it_ignores_extra_fields_on_introductions(alice, mallory, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace")
    grace = make_person(alice, "Grace Hopper")
    theirs = make_person(mallory, "Mallory Friend")

    alice_client.post(
        reverse("network:add-introduction", args=[ada.pk]),
        {
            "introduced": grace.pk,
            "introduced_on": "2026-03-02",
            "owner": mallory.pk,
            "introducer": theirs.pk,
        },
    )

    introduction = Introduction.objects.get()
    assert (introduction.owner, introduction.introducer) == (alice, ada)


PERSON_FORM_FIELDS = {
    "full_name",
    "title",
    "organization_name",
    "email",
    "phone",
    "linkedin_url",
    "connection",
    "met_at",
    "tag_names",
    "notes",
    "csrfmiddlewaretoken",
}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    extra=st.dictionaries(
        st.text(
            st.characters(codec="ascii", exclude_categories=["Cc"]), min_size=1, max_size=20
        ).filter(lambda k: k not in PERSON_FORM_FIELDS),
        st.text(st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=20),
        max_size=6,
    )
)
def test_it_changes_only_the_form_fields_whatever_else_is_posted(
    extra: dict, alice, alice_client: Client
) -> None:
    person = make_person(alice, "Ada Lovelace", organization="Analytical", phone="123")
    data = {
        "full_name": "Ada King",
        "organization_name": "Analytical",
        "connection": "known",
        "phone": "123",
    }

    alice_client.post(reverse("network:person-edit", args=[person.pk]), {**extra, **data})

    changed = (
        Person.objects.filter(pk=person.pk)
        .values(
            "owner", "full_name", "organization__name", "connection", "phone", "email", "created_at"
        )
        .get()
    )
    assert changed == {
        "owner": alice.pk,
        "full_name": "Ada King",
        "organization__name": "Analytical",
        "connection": "known",
        "phone": "123",
        "email": "",
        "created_at": person.created_at,
    }
    person.delete()


# Query counts (house style rule 47) ---------------------------------------------------------------


def add_people(owner, count: int, organization: str = "") -> None:
    for n in range(count):
        person = make_person(
            owner,
            f"Person {n:03}",
            organization=organization or f"Org {n}",
            title="Engineer",
            tag_names=[f"tag {n}", "shared"],
        )
        conversation_services.start_conversation(owner=owner, person=person)


def test_it_lists_people_in_a_constant_number_of_queries(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    add_people(alice, 5)
    few = count_queries(alice_client, reverse("network:people"))
    add_people(alice, 45)

    with django_assert_max_num_queries(few):
        response = alice_client.get(reverse("network:people"), {"q": "person"})
    assert len(response.context["page"].object_list) == 50
    assert count_queries(alice_client, reverse("network:people"), headers=HTMX) <= few


def test_it_shows_an_organization_in_a_constant_number_of_queries(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    add_people(alice, 5, organization="Acme")
    url = reverse("network:organization", args=[Organization.objects.get().pk])
    few = count_queries(alice_client, url)
    add_people(alice, 45, organization="Acme")

    with django_assert_max_num_queries(few):
        response = alice_client.get(url)
    assert len(response.context["people"]) == 50


def test_it_lists_organizations_in_a_constant_number_of_queries(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    add_people(alice, 5)
    few = count_queries(alice_client, reverse("network:organizations"))
    add_people(alice, 45)

    with django_assert_max_num_queries(few):
        alice_client.get(reverse("network:organizations"))


def test_it_keeps_the_saved_name_in_the_heading_when_an_edit_fails(
    alice, alice_client: Client
) -> None:
    person = make_person(alice, "Ada Lovelace")

    response = alice_client.post(
        reverse("network:person-edit", args=[person.pk]),
        {"full_name": "Ada King", "email": "broken", "connection": "cold"},
    )

    assert "<h1>Edit Ada Lovelace</h1>" in response.content.decode()


def test_the_people_list_pages_and_keeps_its_filters(alice_client, alice) -> None:
    from coffeechat.network.services import add_person

    for n in range(55):
        add_person(owner=alice, full_name=f"Person {n:02d}", tag_names=["fair"])

    first = alice_client.get("/people/?tag=fair").content.decode()
    second = alice_client.get("/people/?tag=fair&page=2").content.decode()

    assert "Page 1 of 2" in first and 'href="?tag=fair&amp;page=2"' in first
    assert "Person 54" in second and "Person 00" not in second


def test_the_organizations_list_pages_and_keeps_the_search(alice_client, alice) -> None:
    from coffeechat.network.services import add_organization

    for n in range(51):
        add_organization(owner=alice, name=f"Acme {n:02d}")

    page = alice_client.get("/organizations/?q=acme").content.decode()

    assert 'href="?q=acme&amp;page=2"' in page
