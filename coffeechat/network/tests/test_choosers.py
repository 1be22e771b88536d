"""Choosers for people, organizations and tags: a few matches as you type, never the network
whole, and a typed name resolved by the server without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coffeechat.lib.testing.people import make_person
from coffeechat.network.models import Introduction

pytestmark = pytest.mark.django_db


def test_the_person_page_carries_no_list_of_the_network(alice, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace")
    for n in range(30):
        make_person(alice, f"Someone Number{n}")

    html = alice_client.get(reverse("network:person", args=[ada.pk])).content.decode()

    assert "<option" not in html.split('id="intro-h"')[1]
    assert "Number17" not in html
    assert 'role="combobox"' in html


def test_the_person_chooser_suggests_the_owners_matches_only(
    alice, mallory, alice_client: Client
) -> None:
    make_person(alice, "Tomás Ruiz", organization="Acme", title="Engineer")
    make_person(mallory, "Tomas Secret")

    html = alice_client.get(reverse("network:choose-person"), {"q": "toma"}).content.decode()

    assert 'data-value="Tomás Ruiz · Acme"' in html
    assert "Engineer · Acme" in html
    assert "Secret" not in html


def test_the_chooser_says_there_are_more_than_it_shows(alice, alice_client: Client) -> None:
    for n in range(12):
        make_person(alice, f"Sam Number{n}")

    html = alice_client.get(reverse("network:choose-person"), {"q": "sam"}).content.decode()

    assert html.count('role="option"') == 10
    assert "More matches" in html


def test_an_unknown_name_typed_without_javascript_is_refused_with_a_reason(
    alice, alice_client: Client
) -> None:
    ada = make_person(alice, "Ada Lovelace")

    response = alice_client.post(
        reverse("network:add-introduction", args=[ada.pk]),
        {"introduced": "", "introduced_name": "Nobody Known", "introduced_on": "2026-03-02"},
    )

    assert response.status_code == 400
    assert "Nobody called “Nobody Known” in your network" in response.content.decode()
    assert Introduction.objects.count() == 0


def test_a_typed_name_is_resolved_ignoring_case_and_accents(alice, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace")
    tomas = make_person(alice, "Tomás Ruiz")

    response = alice_client.post(
        reverse("network:add-introduction", args=[ada.pk]),
        {"introduced": "", "introduced_name": "tomas ruiz", "introduced_on": "2026-03-02"},
    )

    assert response.status_code == 302
    assert Introduction.objects.get().introduced == tomas


def test_an_ambiguous_name_lists_who_it_could_be_and_the_organization_settles_it(
    alice, alice_client: Client
) -> None:
    ada = make_person(alice, "Ada Lovelace")
    make_person(alice, "Sam Lee", organization="Acme")
    initech = make_person(alice, "Sam Lee", organization="Initech")
    url = reverse("network:add-introduction", args=[ada.pk])

    response = alice_client.post(url, {"introduced_name": "Sam Lee", "introduced_on": "2026-03-02"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "2 people are called “Sam Lee”" in html
    assert "“Sam Lee · Acme”" in html and "“Sam Lee · Initech”" in html

    response = alice_client.post(
        url, {"introduced_name": "Sam Lee · initech", "introduced_on": "2026-03-02"}
    )
    assert response.status_code == 302
    assert Introduction.objects.get().introduced == initech


def test_a_picked_id_wins_while_the_text_still_says_its_label(alice, alice_client: Client) -> None:
    ada = make_person(alice, "Ada Lovelace")
    make_person(alice, "Sam Lee")
    second = make_person(alice, "Sam Lee")

    # Both are "Sam Lee · Navy": only the picked id can tell them apart.
    response = alice_client.post(
        reverse("network:add-introduction", args=[ada.pk]),
        {
            "introduced": second.pk,
            "introduced_name": "Sam Lee · Navy",
            "introduced_on": "2026-03-02",
        },
    )

    assert response.status_code == 302
    assert Introduction.objects.get().introduced == second


def test_the_people_list_has_choosers_not_selects_of_organizations_and_tags(
    alice, alice_client: Client
) -> None:
    for n in range(20):
        make_person(
            alice,
            f"Person {n}",
            organization=f"Organization Number{n}",
            tag_names=[f"tagnumber{n}"],
        )

    html = alice_client.get(reverse("network:people")).content.decode()
    filters = html.split('role="search"')[1].split("</form>")[0]

    assert "Number7" not in filters and "tagnumber7" not in filters
    assert filters.count('role="combobox"') == 2


def test_the_organization_filter_typed_without_choosing_matches_by_name(
    alice, alice_client: Client
) -> None:
    make_person(alice, "Ada Lovelace", organization="Acme")
    make_person(alice, "Bob Acme-Labs", organization="Acme Labs")
    make_person(alice, "Carol Else", organization="Initech")

    response = alice_client.get(reverse("network:people"), {"organization_name": "acme"})

    html = response.content.decode()
    assert "Ada Lovelace" in html and "Bob Acme-Labs" in html
    assert "Carol Else" not in html


def test_organization_and_tag_choosers_suggest_names(alice, alice_client: Client) -> None:
    make_person(alice, "Ada Lovelace", organization="Société Générale", tag_names=["mentor"])

    organizations = alice_client.get(
        reverse("network:choose-organization"), {"q": "societe", "pick": "1"}
    ).content.decode()
    tags = alice_client.get(reverse("network:choose-tag"), {"q": "ment"}).content.decode()

    assert 'data-value="Société Générale" data-id=' in organizations
    assert 'data-value="mentor"' in tags
