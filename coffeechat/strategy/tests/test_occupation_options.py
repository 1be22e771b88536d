"""Options and O*NET occupations: an option's occupation chosen by search, and the occupation
page's panel of the user's options for that work (issue 9, "Occupation research")."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.lib.testing.onet import DATA_SCIENTISTS, UX, load_sample
from coffeechat.network import services as network
from coffeechat.strategy import services
from coffeechat.strategy.models import Option
from coffeechat.targets import services as targets

HTMX = {"HX-Request": "true"}


@pytest.fixture
def onet(db) -> None:
    load_sample()


def text(response) -> str:
    return unescape(response.content.decode())


def picker_url(option: Option) -> str:
    return reverse("strategy:option-occupation", args=[option.pk])


def occupation_url(code: str) -> str:
    return reverse("occupations:occupation", args=[code])


# Choosing an option's occupation -----------------------------------------------------------------


def test_the_search_finds_occupations_by_title_or_alternate_title(
    onet, alice, alice_client: Client
) -> None:
    option = services.add_option(owner=alice, title="Machine learning")

    page = text(alice_client.get(picker_url(option), {"q": "ML engineer"}))
    partial = text(alice_client.get(picker_url(option), {"q": "ML engineer"}, headers=HTMX))

    assert "Data Scientists" in page and "Matched “ML Engineer”" in page
    assert 'Choose<span class="visually-hidden">: Data Scientists' in page
    assert "<html" not in partial and 'aria-live="polite"' in partial
    assert "Data Scientists" in partial and "Pastry Chefs" not in partial


def test_a_search_that_matches_nothing_says_so(onet, alice, alice_client: Client) -> None:
    option = services.add_option(owner=alice, title="Something")

    partial = alice_client.get(picker_url(option), {"q": "zzzz qqqq"}, headers=HTMX)

    assert "No occupation matches that title." in text(partial)


def test_the_option_page_suggests_occupations_for_its_title(
    onet, alice, alice_client: Client
) -> None:
    option = services.add_option(owner=alice, title="UX researcher")

    page = text(alice_client.get(reverse("strategy:option", args=[option.pk])))

    assert 'id="occupation"' in page
    assert "Occupations like “UX researcher”" in page and "User Experience Researchers" in page
    assert "occupation_code" not in page.split('id="edit-option-h"')[1]  # chosen, not typed


def test_choosing_an_occupation_links_its_code_and_title(onet, alice, alice_client: Client) -> None:
    option = services.add_option(owner=alice, title="Machine learning")

    response = alice_client.post(
        picker_url(option), {"occupation_code": DATA_SCIENTISTS}, follow=True
    )

    option.refresh_from_db()
    assert (option.occupation_code, option.occupation_title) == (DATA_SCIENTISTS, "Data Scientists")
    assert response.redirect_chain[-1][0].endswith(f"/strategy/options/{option.pk}/#occupation")
    page = text(response)
    assert "“Machine learning” is about Data Scientists." in page
    assert f'href="{occupation_url(DATA_SCIENTISTS)}?option={option.pk}"' in page


def test_unlinking_clears_the_occupation(onet, alice, alice_client: Client) -> None:
    option = services.add_option(owner=alice, title="Machine learning")
    services.set_option_occupation(option=option, occupation_code=DATA_SCIENTISTS)

    response = alice_client.post(picker_url(option), {"occupation_code": ""}, follow=True)

    option.refresh_from_db()
    assert (option.occupation_code, option.occupation_title) == ("", "")
    assert "no longer linked to an occupation" in text(response)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("data scientist", "That isn't an O*NET-SOC code."),
        ("11-1111.11", "That occupation isn't in the O*NET data loaded here."),
    ],
)
def test_a_bad_code_gets_a_clear_error_and_changes_nothing(
    onet, alice, alice_client: Client, code: str, error: str
) -> None:
    option = services.add_option(owner=alice, title="Research")
    services.set_option_occupation(option=option, occupation_code=UX)

    response = alice_client.post(picker_url(option), {"occupation_code": code}, follow=True)

    option.refresh_from_db()
    assert error in text(response)
    assert (option.occupation_code, option.occupation_title) == (UX, "User Experience Researchers")


def test_a_code_typed_before_the_data_was_loaded_still_reads_right(
    onet, alice, alice_client: Client
) -> None:
    option = services.add_option(
        owner=alice,
        title="BI",
        occupation_code="15-2051.01",
        occupation_title="Business Intelligence Analysts",
    )

    page = text(alice_client.get(reverse("strategy:option", args=[option.pk])))

    assert "Business Intelligence Analysts" in page
    assert "not in the occupation data loaded here" in page and "Unlink" in page


# Without O*NET data --------------------------------------------------------------------------


def test_without_onet_data_the_option_form_takes_a_typed_code_and_title(
    alice, alice_client: Client
) -> None:
    option = services.add_option(owner=alice, title="Healthcare data analyst")
    url = reverse("strategy:option", args=[option.pk])

    page = text(alice_client.get(url))
    response = alice_client.post(
        url,
        {
            "title": "Healthcare data analyst",
            "occupation_code": "15-2051.01",
            "occupation_title": "Business Intelligence Analysts",
            "status": "explore",
        },
    )

    assert 'name="occupation_code"' in page and 'id="occupation"' not in page
    assert response.status_code == 302
    option.refresh_from_db()
    assert (option.occupation_code, option.occupation_title) == (
        "15-2051.01",
        "Business Intelligence Analysts",
    )
    assert "isn't loaded" in text(alice_client.get(picker_url(option)))


def test_with_onet_data_the_options_form_leaves_the_code_to_the_search(
    onet, alice, alice_client: Client
) -> None:
    page = text(alice_client.get(reverse("strategy:options")))

    assert 'name="title"' in page and 'name="occupation_code"' not in page


# "Explore this as an option" from an occupation's page ------------------------------------------


def test_exploring_an_occupation_makes_one_option_and_then_opens_it(
    onet, alice, alice_client: Client
) -> None:
    url = reverse("strategy:explore-occupation")

    first = alice_client.post(url, {"occupation_code": DATA_SCIENTISTS}, follow=True)
    second = alice_client.post(url, {"occupation_code": DATA_SCIENTISTS}, follow=True)

    [option] = Option.objects.filter(owner=alice)
    assert (option.title, option.occupation_code, option.occupation_title) == (
        "Data Scientists",
        DATA_SCIENTISTS,
        "Data Scientists",
    )
    assert "Added “Data Scientists” to your options" in text(first)
    assert "You're already exploring this" in text(second)
    assert (
        first.redirect_chain[-1][0]
        == second.redirect_chain[-1][0]
        == reverse("strategy:option", args=[option.pk])
    )


def test_exploring_an_unknown_occupation_adds_nothing(onet, alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("strategy:explore-occupation"), {"occupation_code": "11-1111.11"}, follow=True
    )

    assert "isn't in the O*NET data loaded here" in text(response)
    assert not Option.objects.filter(owner=alice).exists()


def test_the_occupation_page_offers_to_explore_it_as_an_option(
    onet, alice, alice_client: Client
) -> None:
    page = text(alice_client.get(occupation_url(DATA_SCIENTISTS)))

    assert 'id="options"' in page and "Explore this as an option" in page
    assert reverse("strategy:explore-occupation") in page


def test_the_occupation_page_lists_the_users_options_and_their_employers(
    onet, alice, mallory, alice_client: Client
) -> None:
    listed = network.add_organization(owner=alice, name="CareLoop Health")
    unlisted = network.add_organization(owner=alice, name="Meridian Home Care")
    target = targets.add_target(owner=alice, organization=listed)
    option = services.add_option(
        owner=alice,
        title="Clinical data science",
        occupation_code=DATA_SCIENTISTS,
        organization_ids=[listed.pk, unlisted.pk],
    )
    services.add_option(owner=alice, title="Pastry", occupation_code="99-0006.00")
    services.add_option(
        owner=mallory, title="Mallory's data science", occupation_code=DATA_SCIENTISTS
    )

    page = text(alice_client.get(occupation_url(DATA_SCIENTISTS)))

    panel = page.split('id="options"')[1].split("</section>")[0]
    assert reverse("strategy:option", args=[option.pk]) in panel
    assert "Clinical data science" in panel and "Pastry" not in panel
    assert "Mallory" not in page and "Explore this as an option" not in panel
    careloop, meridian = panel.split("CareLoop Health</a>")[1].split("Meridian Home Care</a>")
    assert (
        "On your target list" in careloop
        and reverse("targets:target", args=[target.pk]) in careloop
    )
    assert "On your target list" not in meridian and "Add to your target list" in meridian


def test_coming_from_an_options_search_offers_to_link_it_there(
    onet, alice, mallory, alice_client: Client
) -> None:
    option = services.add_option(owner=alice, title="Machine learning")
    theirs = services.add_option(owner=mallory, title="Mallory's secret plan")

    mine = alice_client.get(occupation_url(DATA_SCIENTISTS), {"option": option.pk})
    other = alice_client.get(occupation_url(DATA_SCIENTISTS), {"option": theirs.pk})

    assert "Use for “Machine learning”" in text(mine)
    assert "Explore this as an option" not in text(mine)  # one thing to do here, not two
    assert other.status_code == 200 and "Mallory's secret plan" not in text(other)


def test_the_occupation_page_takes_as_many_queries_for_20_options_as_for_1(
    onet, alice, alice_client: Client
) -> None:
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = alice_client.get(occupation_url(DATA_SCIENTISTS))
        assert response.status_code == 200
        return len(captured)

    def add(i: int) -> None:
        org = network.add_organization(owner=alice, name=f"Employer {i}")
        if i % 2:
            targets.add_target(owner=alice, organization=org)
        services.add_option(
            owner=alice,
            title=f"Data role {i}",
            occupation_code=DATA_SCIENTISTS,
            organization_ids=[org.pk],
        )

    add(0)
    one = queries_for_page()
    for i in range(1, 20):
        add(i)
    twenty = queries_for_page()

    assert twenty == one


# Changing an option in one call (the option page and the API) -----------------------------------


def test_one_change_sets_the_words_employers_occupation_and_status(onet, alice) -> None:
    option = services.add_option(owner=alice, title="Analyst", link_occupation=UX)
    careloop = network.add_organization(owner=alice, name="CareLoop Health")

    services.update_option(
        option=option,
        title="Healthcare data scientist",
        organization_ids=[careloop.pk],
        link_occupation=DATA_SCIENTISTS,
        status=Option.Status.FOCUS,
    )

    saved = Option.objects.get(pk=option.pk)
    assert (saved.title, saved.status) == ("Healthcare data scientist", Option.Status.FOCUS)
    assert (saved.occupation_code, saved.occupation_title) == (DATA_SCIENTISTS, "Data Scientists")
    assert [o.name for o in saved.organizations.all()] == ["CareLoop Health"]


def test_an_occupation_not_in_the_data_undoes_the_whole_change(onet, alice) -> None:
    option = services.add_option(owner=alice, title="Analyst")
    careloop = network.add_organization(owner=alice, name="CareLoop Health")

    with pytest.raises(ValidationError, match="isn't in the O\\*NET data"):
        services.update_option(
            option=option,
            title="Renamed",
            organization_ids=[careloop.pk],
            link_occupation="99-9999.00",
            status=Option.Status.FOCUS,
        )

    saved = Option.objects.get(pk=option.pk)
    assert (saved.title, saved.status, saved.occupation_code) == ("Analyst", "explore", "")
    assert not saved.organizations.exists()


def test_an_unknown_occupation_adds_no_option(onet, alice) -> None:
    with pytest.raises(ValidationError, match="isn't in the O\\*NET data"):
        services.add_option(owner=alice, title="Analyst", link_occupation="99-9999.00")

    assert not Option.objects.filter(owner=alice).exists()
