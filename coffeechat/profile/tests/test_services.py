"""The profile's services: positions, schools, rated skills, their order, and proposals."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from coffeechat.profile import queries, services
from coffeechat.profile.models import Position, Proposal, Skill
from coffeechat.profile.tests.samples import FOUND

pytestmark = pytest.mark.django_db


def names(queryset) -> list[str]:
    return [str(row) for row in queryset]


def test_rows_keep_the_order_they_were_added_in_and_move_up_and_down(alice) -> None:
    for name in ("SQL", "Python", "Tableau"):
        services.add_skill(owner=alice, name=name)
    tableau = Skill.objects.get(name="Tableau")

    services.move(row=tableau, direction="up")
    assert names(queries.skills_for(alice)) == ["SQL", "Tableau", "Python"]
    services.move(row=Skill.objects.get(name="SQL"), direction="up")  # already first
    assert names(queries.skills_for(alice)) == ["SQL", "Tableau", "Python"]
    services.move(row=tableau, direction="down")
    assert names(queries.skills_for(alice)) == ["SQL", "Python", "Tableau"]


def test_moving_stays_within_the_owners_own_rows(alice, mallory) -> None:
    mine = services.add_skill(owner=alice, name="SQL")
    services.add_skill(owner=mallory, name="Knitting")

    services.move(row=mine, direction="down")

    assert names(queries.skills_for(mallory)) == ["Knitting"]


def test_a_skill_is_rated_with_its_evidence(alice) -> None:
    skill = services.add_skill(
        owner=alice, name="  SQL  ", rating=4, evidence="Built the bed-capacity dashboard."
    )

    services.update_skill(skill=skill, rating=5, evidence="Taught the team's SQL course.")

    skill.refresh_from_db()
    assert (skill.name, skill.rating, skill.evidence) == ("SQL", 5, "Taught the team's SQL course.")


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_outside_1_to_5_is_refused(alice, rating: int) -> None:
    with pytest.raises(ValidationError):
        services.add_skill(owner=alice, name="SQL", rating=rating)
    assert not Skill.objects.exists()


def test_renaming_a_skill_to_one_the_owner_has_is_refused(alice) -> None:
    services.add_skill(owner=alice, name="SQL")
    python = services.add_skill(owner=alice, name="Python")

    with pytest.raises(ValidationError, match="already have a skill called “sql”"):
        services.update_skill(skill=python, name="sql")


def test_a_position_that_ends_before_it_starts_is_refused(alice) -> None:
    with pytest.raises(ValidationError, match="end is before the start"):
        services.add_position(
            owner=alice,
            organization_name="Northwind",
            started_on=date(2022, 3, 1),
            finished_on=date(2021, 1, 1),
        )
    assert not Position.objects.exists()


def test_adding_the_same_position_twice_is_a_no_op(alice) -> None:
    first = services.add_position(
        owner=alice, organization_name="Northwind", title="Analyst", started_on=date(2022, 3, 1)
    )
    again = services.add_position(
        owner=alice, organization_name="northwind", title="ANALYST", started_on=date(2022, 3, 1)
    )

    assert first is not None and again is None
    assert Position.objects.count() == 1


def test_unknown_fields_are_refused(alice) -> None:
    position = services.add_position(owner=alice, organization_name="Northwind")

    with pytest.raises(ValidationError, match="Unknown field: owner"):
        services.update_position(position=position, owner=None)


def test_proposals_change_nothing_until_accepted(alice) -> None:
    created = services.propose(owner=alice, found=FOUND)

    assert {p.kind for p in created} == {
        "display_name",
        "headline",
        "profile_url",
        "school",
        "position",
        "education",
        "skill",
    }
    assert not Position.objects.exists()
    alice.refresh_from_db()
    assert (alice.display_name, alice.school, alice.profile_url) == ("Alice", "", "")


def test_what_the_profile_already_has_is_not_proposed(alice) -> None:
    alice.school = "oregon state university"
    alice.save()
    services.add_skill(owner=alice, name="sql")
    services.add_position(
        owner=alice, organization_name="Old Corp", title="Analyst", started_on=date(2019, 1, 1)
    )

    kinds = [(p.kind, p.summary) for p in services.propose(owner=alice, found=FOUND)]

    assert ("school", "Oregon State University") not in kinds
    assert ("skill", "SQL") not in kinds and ("skill", "Python") in kinds
    assert ("position", "Analyst at Old Corp") not in kinds


def test_accepting_fills_the_profile_and_ignoring_is_remembered(alice) -> None:
    services.propose(owner=alice, found=FOUND)
    school = Proposal.objects.get(kind="school")
    link = Proposal.objects.get(kind="profile_url")

    services.accept(proposal=school)
    services.ignore(proposal=link)
    again = services.propose(owner=alice, found=FOUND)

    alice.refresh_from_db()
    assert (alice.school, alice.profile_url) == ("Oregon State University", "")
    assert again == []  # neither the accepted nor the ignored one comes back
    with pytest.raises(ValidationError, match="already decided"):
        services.accept(proposal=link)


def test_an_accepted_position_keeps_its_dates_and_description(alice) -> None:
    services.propose(owner=alice, found=FOUND)

    services.accept_all(owner=alice, kinds=["position"])

    current = Position.objects.get(organization_name="Cascadia Health Data")
    assert (current.started_on, current.finished_on) == (date(2022, 3, 1), None)
    assert (current.description, current.location) == ("Claims analytics.", "Portland")


def test_the_headline_is_never_accepted_as_a_field(alice) -> None:
    services.propose(owner=alice, found=FOUND)
    headline = Proposal.objects.get(kind="headline")

    with pytest.raises(ValidationError, match="isn't the field you're exploring"):
        services.accept(proposal=headline)
    result = services.accept_all(owner=alice)

    alice.refresh_from_db()
    assert alice.field_broad == alice.field_narrow == ""
    assert headline in result.waiting


def test_accept_all_keeps_going_past_a_value_the_profile_cant_hold(alice) -> None:
    alice.display_name = ""
    alice.save()
    services.propose(owner=alice, found={**FOUND, "display_name": "X" * 150})

    result = services.accept_all(owner=alice)

    assert [p.kind for p, _ in result.refused] == ["display_name"]
    assert "at most 100 characters" in result.refused[0][1]
    assert Position.objects.count() == 2
    alice.refresh_from_db()
    assert alice.display_name == "" and alice.school == "Oregon State University"


def test_withdrawing_leaves_decided_proposals(alice) -> None:
    created = services.propose(owner=alice, found=FOUND)
    services.accept(proposal=created[0])

    removed = services.withdraw(owner=alice, proposal_ids=[p.pk for p in created])

    assert removed == len(created) - 1
    assert list(Proposal.objects.values_list("status", flat=True)) == ["accepted"]
