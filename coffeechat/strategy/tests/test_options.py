"""Options: explore, focus, drop; the focus set kept to 3-5 (method.md 11.5 step 5)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from coffeechat.network import services as network
from coffeechat.strategy import overview, queries, services
from coffeechat.strategy.models import Option


def focus(owner, count: int) -> list[Option]:
    return [
        services.add_option(owner=owner, title=f"Role {i}", status=Option.Status.FOCUS)
        for i in range(count)
    ]


def test_a_sixth_focus_option_prompts_to_drop_or_merge(alice, alice_client: Client) -> None:
    focus(alice, 5)
    sixth = services.add_option(owner=alice, title="Product analyst")

    response = alice_client.post(
        reverse("strategy:option-status", args=[sixth.pk]), {"status": "focus"}, follow=True
    )

    page = response.content.decode()
    assert "You have 6 options in focus" in page and "drop one, or merge" in page
    assert Option.objects.get(pk=sixth.pk).status == Option.Status.FOCUS  # nothing refused


def test_fewer_than_three_in_focus_gets_a_gentle_note_and_three_to_five_none(alice) -> None:
    assert "keep exploring" in queries.focus_note(2)
    assert queries.focus_note(3) == queries.focus_note(5) == queries.focus_note(0) == ""


def test_an_option_stores_an_onet_code_and_its_employers(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("strategy:options"),
        {
            "title": "Healthcare data analyst",
            "occupation_code": "15-2051.01",
            "occupation_title": "Business Intelligence Analysts",
            "status": "explore",
        },
    )
    option = Option.objects.get(owner=alice)
    careloop = network.add_organization(owner=alice, name="CareLoop Health")

    alice_client.post(
        reverse("strategy:option-employer", args=[option.pk]), {"organization": careloop.pk}
    )
    alice_client.post(
        reverse("strategy:option-employer", args=[option.pk]), {"name": "Meridian Home Care"}
    )

    assert response.status_code == 302
    assert option.occupation_code == "15-2051.01"
    assert sorted(o.name for o in option.organizations.all()) == [
        "CareLoop Health",
        "Meridian Home Care",
    ]
    bad = alice_client.post(
        reverse("strategy:options"),
        {"title": "X", "status": "explore", "occupation_code": "data analyst"},
    )
    assert "An O*NET code looks like 15-2051.01." in bad.content.decode()


def test_employers_come_only_from_the_users_own_list(alice, mallory) -> None:
    theirs = network.add_organization(owner=mallory, name="Mallory Corp")

    with pytest.raises(ValidationError):
        services.add_option(owner=alice, title="Analyst", organization_ids=[theirs.pk])


def test_dropping_keeps_the_option_and_the_options_page_groups_by_status(
    alice, alice_client: Client
) -> None:
    [kept] = focus(alice, 1)
    dropped = services.add_option(owner=alice, title="Consulting")
    services.set_option_status(option=dropped, status="drop")

    page = alice_client.get(reverse("strategy:options")).content.decode()

    assert page.index("Role 0") < page.index("Consulting")
    assert "Dropped" in page and dropped.status_changed_at is not None
    assert kept.get_status_display() == "Focus"


def test_target_employers_come_first_and_their_best_person_is_whom_to_ask(
    alice, alice_client: Client
) -> None:
    from coffeechat.targets import services as targets

    option = services.add_option(owner=alice, title="Analyst", status="focus")
    network.add_organization(owner=alice, name="Aardvark Analytics")
    careloop = network.add_organization(owner=alice, name="CareLoop Health")
    targets.add_target(owner=alice, organization=careloop)
    network.add_person(owner=alice, full_name="Peter Sato", organization_name="CareLoop Health")

    assert [o.name for o in queries.suggested_employers(alice, option, "a")][:1] == [
        "CareLoop Health"
    ]
    services.update_option(option=option, organization_ids=[careloop.pk])
    [panel] = overview.focus_panels(alice)
    assert [(str(c.person), c.why) for c in panel.contacts] == [
        ("Peter Sato", "best to ask at CareLoop Health")
    ]
