"""The LAMP list: its order (RULE-L5), the top five (RULE-L6), advocacy, re-rating (RULE-L7)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coffeechat.network import services as network
from coffeechat.targets import queries, services
from coffeechat.targets.models import Target
from coffeechat.targets.tests.factories import in_stage, person, target

pytestmark = pytest.mark.django_db


def names(targets) -> list[str]:
    return [t.organization.name for t in targets]


# Order (method.md RULE-L5) ------------------------------------------------------------------


def test_it_sorts_by_motivation_then_posting(alice) -> None:
    target(alice, "Low", 2, 3)
    target(alice, "High, no posting", 5, 1)
    target(alice, "High, posting", 5, 3)
    target(alice, "Middle", 4, 2)

    assert names(queries.targets_for(alice)) == [
        "High, posting",
        "High, no posting",
        "Middle",
        "Low",
    ]


def test_it_breaks_ties_by_advocacy_then_by_name(alice) -> None:
    target(alice, "beta", 4, 2)
    target(alice, "Alpha", 4, 2)
    target(alice, "Zeta Known", 4, 2, people=1)

    assert names(queries.targets_for(alice)) == ["Zeta Known", "Alpha", "beta"]


def test_it_puts_unrated_scores_below_every_rating(alice) -> None:
    target(alice, "Unrated", None, None)
    target(alice, "Rated one", 1, 1)
    target(alice, "Four, posting unrated", 4, None)
    target(alice, "Four, posting one", 4, 1)

    assert names(queries.targets_for(alice)) == [
        "Four, posting one",
        "Four, posting unrated",
        "Rated one",
        "Unrated",
    ]


def test_it_lists_closed_employers_last_and_converted_ones_before_them(alice) -> None:
    closed = target(alice, "Closed", 5, 3)
    applied = target(alice, "Applied", 5, 3)
    target(alice, "Open", 1, 1)
    services.change_status(target=closed, status="closed", outcome="declined")
    services.change_status(target=applied, status="applied")

    assert names(queries.targets_for(alice)) == ["Open", "Applied", "Closed"]


# The top five (method.md RULE-L6) -------------------------------------------------------------


def make_seven(owner) -> dict[str, Target]:
    scores = {
        "A": (5, 3),
        "B": (5, 2),
        "C": (4, 3),
        "D": (4, 2),
        "E": (3, 3),
        "F": (3, 2),
        "G": (2, 1),
    }
    return {name: target(owner, name, *score) for name, score in scores.items()}


def test_the_top_five_open_employers_are_the_active_batch(alice) -> None:
    make_seven(alice)

    assert names(queries.batch_for(alice)) == ["A", "B", "C", "D", "E"]


def test_closing_an_exhausted_employer_promotes_the_next_one(alice) -> None:
    listed = make_seven(alice)

    with services.watching_batch(alice) as change:
        services.change_status(target=listed["B"], status="closed", outcome="exhausted")

    assert names(queries.batch_for(alice)) == ["A", "C", "D", "E", "F"]
    assert change.entered == ["F"]
    assert change.left == []  # B left because it closed: the caller says so itself
    assert change.messages == ["F moved into your top five."]


@pytest.mark.parametrize("status", ["referred", "applied"])
def test_an_employer_that_converts_leaves_the_batch_for_the_next(alice, status: str) -> None:
    listed = make_seven(alice)

    with services.watching_batch(alice) as change:
        services.change_status(target=listed["A"], status=status)

    assert "A" not in names(queries.batch_for(alice))
    assert change.entered == ["F"]


def test_re_rating_one_up_says_which_moved_in_and_which_was_pushed_out(alice) -> None:
    listed = make_seven(alice)

    with services.watching_batch(alice) as change:
        services.rate(target=listed["G"], motivation=5, posting=3)

    assert names(queries.batch_for(alice)) == ["A", "G", "B", "C", "D"]
    assert change.messages == [
        "G moved into your top five.",
        "E is no longer in your top five: others now sort above.",
    ]


def test_reopening_puts_an_employer_back_by_its_scores(alice) -> None:
    listed = make_seven(alice)
    services.change_status(target=listed["A"], status="closed", outcome="declined")

    with services.watching_batch(alice) as change:
        services.change_status(target=listed["A"], status="open")

    assert names(queries.batch_for(alice))[0] == "A"
    assert change.entered == ["A"]
    assert change.left == ["F"]


def test_closing_needs_a_reason(alice) -> None:
    listed = target(alice, "Northwind", 4, 2)

    with pytest.raises(ValidationError, match="offer, declined or exhausted"):
        services.change_status(target=listed, status="closed")

    listed.refresh_from_db()
    assert listed.status == "open"


def test_states_follow_the_method_from_the_facts(alice) -> None:
    listed = make_seven(alice)
    someone = person(alice, "Mo Met", "A")
    in_stage(someone, "contacted", "replied", "met")
    services.change_status(target=listed["B"], status="referred")

    rows = queries.with_states(queries.targets_for(alice), queries.batch_ids(alice))

    states = {t.organization.name: t.state for t in rows}
    assert states == {
        "A": "Engaged",
        "C": "Active",
        "D": "Active",
        "E": "Active",
        "F": "Active",
        "G": "Candidate",
        "B": "Referred",
    }


# Advocacy (method.md 2.3) --------------------------------------------------------------------


def test_advocacy_counts_people_there_marking_alumni_and_referred_ones(alice, mallory) -> None:
    listed = target(alice, "Northwind", 4, 2)
    person(alice, "Al Alum", "Northwind", connection="alumni")
    person(alice, "Rae Referred", "Northwind", connection="referral")
    introduced = person(alice, "Ian Introduced", "Northwind", connection="event")
    friend = person(alice, "Fran Friend", "Elsewhere", connection="known")
    network.add_introduction(
        introducer=friend, introduced=introduced, introduced_on=timezone.localdate()
    )
    person(alice, "Cole Cold", "Northwind")
    person(alice, "Other Place", "Southwind", connection="alumni")
    person(mallory, "Mallory's Contact", "Northwind", connection="alumni")

    found = queries.get_target(alice, listed.pk)

    assert found.advocacy is True
    assert (found.people_count, found.alumni_count, found.referred_count) == (4, 1, 2)


def test_advocacy_is_n_where_nobody_is_known(alice) -> None:
    found = queries.get_target(alice, target(alice, "Nobody Inc", 3, 1).pk)

    assert found.advocacy is False
    assert found.people_count == 0


def test_the_counter_counts_toward_40_by_source_and_size(alice) -> None:
    for n in range(3):
        target(alice, f"Dream {n}", source="dream")
    small = target(alice, "Small One", 2, 2, source="trend")
    services.update_target(target=small, size="small")

    counts = queries.counts_for(alice)

    assert (counts.total, counts.to_go, counts.small, counts.unrated) == (4, 36, 1, 3)
    assert counts.by_source == {"dream": 3, "alumni": 0, "posting": 0, "trend": 1, "other": 0}


# Re-rating after a conversation (method.md RULE-L7) -------------------------------------------


def test_it_asks_to_rerate_after_a_conversation_held_there_since_the_rating(alice) -> None:
    listed = target(alice, "Northwind", 3, 2)
    target(alice, "Quiet Co", 4, 2)
    Target.objects.filter(pk=listed.pk).update(
        motivation_rated_at=timezone.now() - timedelta(days=2)
    )
    in_stage(person(alice, "Dana", "Northwind"), "contacted", "replied", "met")

    assert names(queries.rerate_due(alice)) == ["Northwind"]


def test_a_new_rating_or_keeping_the_score_answers_the_prompt(alice) -> None:
    listed = target(alice, "Northwind", 3, 2)
    Target.objects.filter(pk=listed.pk).update(
        motivation_rated_at=timezone.now() - timedelta(days=2)
    )
    in_stage(person(alice, "Dana", "Northwind"), "contacted", "replied", "met")
    listed.refresh_from_db()

    services.rate(target=listed, motivation=3)  # the same score, not confirmed: still asks
    still_due = names(queries.rerate_due(alice))
    services.rate(target=listed, motivation=3, confirm=True)

    assert still_due == ["Northwind"]
    assert queries.rerate_due(alice) == []


def test_a_conversation_not_yet_held_does_not_ask_for_a_rerating(alice) -> None:
    target(alice, "Northwind", 3, 2)
    in_stage(person(alice, "Dana", "Northwind"), "contacted", "replied")

    assert queries.rerate_due(alice) == []


def test_scores_out_of_range_are_refused_with_their_meaning(alice) -> None:
    listed = target(alice, "Northwind")

    with pytest.raises(ValidationError, match="1 \\(barely\\) to 5"):
        services.rate(target=listed, motivation=6)
    with pytest.raises(ValidationError, match="3 \\(a posting for your function\\)"):
        services.rate(target=listed, posting=0)
