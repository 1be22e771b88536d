"""/you/: one page for the user's own profile, and what a LinkedIn export found for it."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.accounts.models import User
from coffeechat.profile import services
from coffeechat.profile.models import Education, Position, Proposal, Skill
from coffeechat.profile.tests.samples import FOUND

pytestmark = pytest.mark.django_db
YOU = "/you/"


def page(client: Client) -> str:
    response = client.get(reverse("profile:you"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_has_a_section_for_every_template_field(alice_client) -> None:
    html = page(alice_client)

    # Other pages link to these anchors (the composer, Settings, the checklist).
    for anchor in (
        "contact",
        "signature",
        "school",
        "fields",
        "profile-link",
        "decision",
        "positions",
        "education",
        "skills",
        "assessment",
    ):
        assert f'id="{anchor}"' in html
    assert "alice@example.org" in html  # the email is shown, read-only


def test_it_saves_the_profile_and_returns_to_the_section(alice, alice_client) -> None:
    response = alice_client.post(
        reverse("profile:you"),
        {
            "display_name": "Alice Martin",
            "signature": "Alice\nhttps://example.org/alice",
            "school": "State University",
            "field_broad": "product analytics",
            "field_narrow": "health tech",
            "profile_url": "https://example.org/alice",
            "decision": "Whether to move into product",
            "decision_by": "2099-06-30",
            "phone": "+1 555 010 4477",
            "section": "fields",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{YOU}#fields"
    alice.refresh_from_db()
    assert (alice.display_name, alice.field_broad, alice.decision_by) == (
        "Alice Martin",
        "product analytics",
        date(2099, 6, 30),
    )
    assert alice.signature_text == "Alice\nhttps://example.org/alice"


def test_bad_input_is_explained_and_nothing_is_half_saved(alice, alice_client) -> None:
    response = alice_client.post(
        reverse("profile:you"),
        {
            "display_name": "Renamed",
            "school": "State University",
            "profile_url": "linkedin dot com slash me",
            "decision_by": "someday",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in html
    assert "Enter a valid URL." in html and "Enter a valid date." in html
    assert 'value="Renamed"' in html  # what they typed is still there to fix
    alice.refresh_from_db()
    assert (alice.display_name, alice.school) == ("Alice", "")


def test_it_adds_edits_reorders_and_removes_positions(alice, alice_client) -> None:
    add = reverse("profile:add-position")
    alice_client.post(
        add,
        {
            "new-position-organization_name": "Old Corp",
            "new-position-title": "Analyst",
            "new-position-started_on": "2019-01",
            "new-position-finished_on": "2022-02",
        },
    )
    alice_client.post(
        add,
        {
            "new-position-organization_name": "Cascadia Health Data",
            "new-position-title": "Senior Data Analyst",
            "new-position-started_on": "2022-03",
        },
    )
    old, new = Position.objects.order_by("sort_order")
    assert (old.started_on, old.finished_on) == (date(2019, 1, 1), date(2022, 2, 1))

    alice_client.post(reverse("profile:move-position", args=[new.pk]), {"direction": "up"})
    assert list(Position.objects.values_list("organization_name", flat=True)) == [
        "Cascadia Health Data",
        "Old Corp",
    ]

    prefix = f"position-{old.pk}"
    response = alice_client.post(
        reverse("profile:position", args=[old.pk]),
        {
            f"{prefix}-organization_name": "Old Corp",
            f"{prefix}-title": "Junior Analyst",
            f"{prefix}-started_on": "2019-01",
            f"{prefix}-finished_on": "2022-02",
        },
    )
    assert response["Location"] == f"{YOU}#position-{old.pk}"
    old.refresh_from_db()
    assert old.title == "Junior Analyst"

    alice_client.post(reverse("profile:delete-position", args=[old.pk]))
    assert list(Position.objects.values_list("title", flat=True)) == ["Senior Data Analyst"]


def test_a_position_form_with_bad_dates_keeps_the_rest_unsaved(alice, alice_client) -> None:
    response = alice_client.post(
        reverse("profile:add-position"),
        {"new-position-organization_name": "Northwind", "new-position-started_on": "March"},
    )

    assert response.status_code == 400
    assert "Write the month as YYYY-MM" in response.content.decode()
    assert not Position.objects.exists()

    response = alice_client.post(
        reverse("profile:add-position"),
        {
            "new-position-organization_name": "Northwind",
            "new-position-started_on": "2022-03",
            "new-position-finished_on": "2021-01",
        },
    )
    assert response.status_code == 400
    assert "The end is before the start" in response.content.decode()
    assert not Position.objects.exists()


def test_an_edit_that_fails_shows_its_own_form_open_with_the_error(alice, alice_client) -> None:
    skill = services.add_skill(owner=alice, name="SQL", rating=3)
    services.add_skill(owner=alice, name="Python")
    prefix = f"skill-{skill.pk}"

    response = alice_client.post(
        reverse("profile:skill", args=[skill.pk]),
        {f"{prefix}-name": "python", f"{prefix}-rating": "4"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "already have a skill called “python”" in html
    assert '<details class="plan__edit" open>' in html
    skill.refresh_from_db()
    assert (skill.name, skill.rating) == ("SQL", 3)


def test_skills_are_rated_with_evidence_and_shown_as_text(alice, alice_client) -> None:
    alice_client.post(
        reverse("profile:add-skill"),
        {
            "new-skill-name": "SQL",
            "new-skill-rating": "4",
            "new-skill-evidence": "Built the claims dashboard.",
        },
    )
    alice_client.post(reverse("profile:add-skill"), {"new-skill-name": "Python"})

    html = page(alice_client)

    assert "4 of 5" in html and "not rated" in html  # never by colour alone
    assert "Built the claims dashboard." in html
    assert list(Skill.objects.values_list("rating", flat=True)) == [4, None]


def test_the_found_panel_accepts_and_ignores_one_by_one_or_all_at_once(alice, alice_client) -> None:
    services.propose(owner=alice, found=FOUND)
    html = page(alice_client)
    assert "Found in your LinkedIn export" in html
    assert "Your LinkedIn headline says “Data analyst | SQL, Python”" in html

    school = Proposal.objects.get(kind="school")
    alice_client.post(reverse("profile:accept-proposal", args=[school.pk]))
    alice_client.post(
        reverse("profile:ignore-proposal", args=[Proposal.objects.get(kind="profile_url").pk])
    )
    response = alice_client.post(reverse("profile:accept-proposals"), {"kind": "skill"})

    assert response["Location"] == f"{YOU}#found"
    alice.refresh_from_db()
    assert (alice.school, alice.profile_url) == ("Oregon State University", "")
    assert list(Skill.objects.values_list("name", flat=True)) == ["SQL", "Python"]
    assert Position.objects.count() == Education.objects.count() == 0

    alice_client.post(reverse("profile:accept-proposals"), {"kind": ["position", "education"]})
    assert Position.objects.count() == 2 and Education.objects.count() == 1


def test_a_decided_proposal_cant_be_decided_again(alice, alice_client) -> None:
    services.propose(owner=alice, found={"skills": ["SQL"]})
    proposal = Proposal.objects.get()
    alice_client.post(reverse("profile:ignore-proposal", args=[proposal.pk]))

    response = alice_client.post(
        reverse("profile:accept-proposal", args=[proposal.pk]), follow=True
    )

    assert "already decided" in response.content.decode()
    assert not Skill.objects.exists()


def test_settings_keeps_the_calendar_and_points_to_you(alice_client) -> None:
    html = alice_client.get(reverse("accounts:settings")).content.decode()

    assert 'name="time_zone"' in html
    assert 'name="display_name"' not in html  # one place for each thing: /you/
    assert f'href="{YOU}"' in html


def count_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("profile:you")).status_code == 200
    return len(queries)


def fill(owner: User, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        services.add_position(
            owner=owner,
            organization_name=f"Org {n}",
            title="Analyst",
            started_on=date(2000 + n % 25, 1, 1),
        )
        services.add_education(owner=owner, school=f"School {n}")
        services.add_skill(owner=owner, name=f"Skill {n}", rating=1 + n % 5)
    services.propose(
        owner=owner, found={"skills": [f"Found {n}" for n in range(start, start + count)]}
    )


def test_you_costs_the_same_number_of_queries_however_full(
    alice, alice_client, django_assert_max_num_queries
) -> None:
    fill(alice, 2)
    few = count_queries(alice_client)
    fill(alice, 30, start=2)

    with django_assert_max_num_queries(few):
        html = page(alice_client)
    assert html.count('class="plan__item"') == 3 * 32
