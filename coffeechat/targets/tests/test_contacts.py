"""Whom to ask first at an employer (method.md RULE-C1, RULE-C2, RULE-C4)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coffeechat.conversations.models import Stage
from coffeechat.targets import contacts, queries, services
from coffeechat.targets.tests.factories import in_stage, person, target

pytestmark = pytest.mark.django_db


def ranked(owner, listed) -> list[str]:
    point = contacts.starting_point(owner, queries.get_target(owner, listed.pk))
    return [p.full_name for p in point.people]


def test_warmest_connection_comes_first(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    person(alice, "Cole Cold", "Northwind", connection="cold")
    person(alice, "Evie Event", "Northwind", connection="event")
    person(alice, "Al Alum", "Northwind", connection="alumni")

    assert ranked(alice, listed) == ["Al Alum", "Evie Event", "Cole Cold"]


def test_hr_and_recruiters_come_last_even_when_warmer(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    person(alice, "Rita Recruiter", "Northwind", title="Technical Recruiter", connection="alumni")
    person(
        alice, "Tara Talent", "Northwind", title="Talent Acquisition Partner", connection="known"
    )
    person(alice, "Hal HR", "Northwind", title="HR Business Partner", connection="alumni")
    person(alice, "Cole Cold", "Northwind", title="Data Analyst", connection="cold")

    assert ranked(alice, listed) == ["Cole Cold", "Hal HR", "Rita Recruiter"]
    point = contacts.starting_point(alice, queries.get_target(alice, listed.pk))
    assert point.more == 1  # Tara is there, beyond the three shown


def test_a_title_with_hr_inside_a_word_is_not_hr(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    person(alice, "Chris Chro", "Northwind", title="Chief Threat Analyst", connection="alumni")
    person(alice, "Evie Event", "Northwind", title="Analyst", connection="event")

    assert ranked(alice, listed) == ["Chris Chro", "Evie Event"]


def test_among_equally_warm_people_those_in_your_function_come_first(alice) -> None:
    alice.field_broad, alice.field_narrow = "product analytics", "UX research in health tech"
    alice.save()
    listed = target(alice, "Northwind", 5, 3)
    person(alice, "Aaron Accountant", "Northwind", title="Senior Accountant", connection="event")
    person(alice, "Uma UX", "Northwind", title="Senior UX Researcher", connection="event")
    person(alice, "Pia Product", "Northwind", title="Product Analyst", connection="event")
    person(alice, "Lux Luxury", "Northwind", title="Luxury Sales Lead", connection="event")
    person(alice, "Warm Other", "Northwind", title="Controller", connection="known")

    assert contacts.function_terms(alice) == ["produ", "analy", "ux", "resea", "healt", "tech"]
    assert ranked(alice, listed) == ["Warm Other", "Pia Product", "Uma UX"]


def test_hr_is_not_put_last_when_hr_is_your_own_field(alice) -> None:
    alice.field_broad = "HR and talent acquisition"
    alice.save()
    listed = target(alice, "Northwind", 5, 3)
    person(alice, "Rita Recruiter", "Northwind", title="Technical Recruiter", connection="alumni")
    person(alice, "Cole Cold", "Northwind", title="Data Analyst", connection="cold")

    assert ranked(alice, listed)[0] == "Rita Recruiter"


def test_boosters_come_before_curmudgeons_at_the_same_warmth(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    person(alice, "Cur Mudgeon", "Northwind", segment="curmudgeon")
    person(alice, "Boo Ster", "Northwind", segment="booster")
    person(alice, "Un Known", "Northwind")

    assert ranked(alice, listed) == ["Boo Ster", "Un Known", "Cur Mudgeon"]


def test_people_already_in_a_conversation_are_left_out_but_a_started_draft_comes_first(
    alice,
) -> None:
    listed = target(alice, "Northwind", 5, 3)
    in_stage(person(alice, "Asked Already", "Northwind", connection="alumni"), "contacted")
    in_stage(
        person(alice, "Met Already", "Northwind", connection="alumni"),
        "contacted",
        "replied",
        "met",
    )
    in_stage(person(alice, "Draft Started", "Northwind", connection="cold"))
    person(alice, "Al Alum", "Northwind", connection="alumni")

    point = contacts.starting_point(alice, queries.get_target(alice, listed.pk))

    assert [p.full_name for p in point.people] == ["Draft Started", "Al Alum"]
    assert point.best.has_draft is True


def test_two_requests_waiting_put_the_employer_at_its_limit(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    in_stage(person(alice, "One", "Northwind"), "contacted")
    in_stage(person(alice, "Two", "Northwind"), "contacted")
    third = person(alice, "Three", "Northwind", connection="alumni")

    point = contacts.starting_point(alice, queries.get_target(alice, listed.pk))

    assert point.is_at_limit
    assert point.best == third  # shown as "next, once one answers"
    with pytest.raises(ValidationError, match="2 requests at Northwind are already waiting"):
        services.ask(owner=alice, target=listed, person=third)


def test_a_request_being_written_counts_toward_the_limit_but_can_be_finished(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    in_stage(person(alice, "Sent", "Northwind"), "contacted")
    drafted = person(alice, "Drafted", "Northwind", connection="cold")
    in_stage(drafted)
    warmer = person(alice, "Al Alum", "Northwind", connection="alumni")

    point = contacts.starting_point(alice, queries.get_target(alice, listed.pk))

    assert point.is_at_limit and point.can_ask_best
    assert point.best == drafted
    assert services.ask(owner=alice, target=listed, person=drafted).person == drafted
    with pytest.raises(ValidationError, match="waiting for a reply or being written"):
        services.ask(owner=alice, target=listed, person=warmer)


def test_one_query_ranks_people_for_the_whole_batch(alice, django_assert_num_queries) -> None:
    for n in range(5):
        target(alice, f"Employer {n}", 5, 3)
        for m in range(4):
            person(alice, f"P{n}{m}", f"Employer {n}", connection="event")
    batch = queries.batch_for(alice)

    with django_assert_num_queries(1):
        points = contacts.starting_points(alice, batch)

    assert [len(p.people) for p in points] == [3, 3, 3, 3, 3]
    assert [p.more for p in points] == [1, 1, 1, 1, 1]


def test_asking_starts_the_conversation_once(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    dana = person(alice, "Dana", "Northwind", connection="alumni")

    first = services.ask(owner=alice, target=listed, person=dana)
    again = services.ask(owner=alice, target=listed, person=dana)

    assert first == again
    assert first.stage == Stage.IDENTIFIED
    assert dana.conversations.count() == 1


def test_asking_someone_elsewhere_or_already_talking_is_refused(alice) -> None:
    listed = target(alice, "Northwind", 5, 3)
    elsewhere = person(alice, "Elsa Elsewhere", "Southwind")
    talking = person(alice, "Tal King", "Northwind")
    in_stage(talking, "contacted", "replied")

    with pytest.raises(ValidationError, match="doesn't work at Northwind"):
        services.ask(owner=alice, target=listed, person=elsewhere)
    with pytest.raises(ValidationError, match="already in a conversation with Tal King"):
        services.ask(owner=alice, target=listed, person=talking)
