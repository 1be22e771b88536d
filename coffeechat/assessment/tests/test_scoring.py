"""Scoring the interest inventory (method.md RULE-A1): sums per type, the code, honest ties."""

from __future__ import annotations

import pytest

from coffeechat.assessment import inventory, scoring
from coffeechat.assessment.inventory import TYPES


def answers_for(per_type: dict[str, int]) -> dict[str, int]:
    """Every item of a type answered the same."""
    return {item.key: per_type[item.kind] for item in inventory.ITEMS}


def test_every_version_asks_as_many_items_of_each_type_with_unique_keys_and_texts() -> None:
    for version, items in inventory.VERSIONS.items():
        counts = {letter: sum(1 for item in items if item.kind == letter) for letter in TYPES}
        assert set(counts.values()) == {6}, version
        assert len({item.key for item in items}) == len(items) == 36
        assert len({item.text.casefold() for item in items}) == len(items)


def test_it_interleaves_the_types_so_no_stretch_of_the_page_is_about_one_type() -> None:
    kinds = "".join(item.kind for item in inventory.ITEMS)

    assert kinds == TYPES * 6


@pytest.mark.parametrize("item", inventory.ITEMS, ids=lambda item: item.key)
def test_each_item_counts_once_and_only_for_its_own_type(item: inventory.Item) -> None:
    answers = {other.key: 0 for other in inventory.ITEMS} | {item.key: 4}

    totals = scoring.scores(answers)

    assert totals == {letter: 4 if letter == item.kind else 0 for letter in TYPES}


def test_a_type_scores_the_sum_of_its_answers_up_to_24() -> None:
    totals = scoring.scores(answers_for({"R": 0, "I": 1, "A": 2, "S": 3, "E": 4, "C": 2}))

    assert totals == {"R": 0, "I": 6, "A": 12, "S": 18, "E": 24, "C": 12}
    assert inventory.max_score() == 24


def test_the_code_is_the_three_highest_types_highest_first() -> None:
    totals = {"R": 3, "I": 20, "A": 8, "S": 22, "E": 15, "C": 1}

    assert scoring.top_three(totals) == "SIE"
    assert scoring.ties(totals) == []


def test_a_tie_inside_the_code_is_broken_in_riasec_order_and_said_so() -> None:
    totals = {"R": 3, "I": 20, "A": 8, "S": 15, "E": 15, "C": 1}

    [tie] = scoring.ties(totals)

    assert scoring.top_three(totals) == "ISE"
    assert tie.letters == "SE" and tie.score == 15
    assert tie.sentence() == "S and E tie at 15: their order in your code is only RIASEC order."


def test_a_tie_across_the_third_place_names_the_letter_left_out() -> None:
    totals = {"R": 3, "I": 20, "A": 12, "S": 12, "E": 12, "C": 1}

    [tie] = scoring.ties(totals)

    assert scoring.top_three(totals) == "IAS"
    assert tie.crosses_cut
    assert tie.sentence() == (
        "A, S and E tie at 12: the code takes A and S by RIASEC order, but E fits you just as well."
    )


def test_ties_below_the_code_are_not_mentioned() -> None:
    totals = {"R": 2, "I": 20, "A": 2, "S": 18, "E": 16, "C": 2}

    assert scoring.ties(totals) == []


def test_all_answers_equal_say_that_no_type_stands_out() -> None:
    totals = scoring.scores(answers_for(dict.fromkeys(TYPES, 2)))

    [tie] = scoring.ties(totals)

    assert tie.sentence() == "All six types tie at 12: no type stands out yet."


def test_the_same_answers_always_give_the_same_code() -> None:
    totals = {"R": 10, "I": 10, "A": 10, "S": 10, "E": 9, "C": 10}

    assert {scoring.top_three(dict(reversed(totals.items()))) for _ in range(5)} == {"RIA"}


def test_missing_lists_unanswered_items_in_asking_order() -> None:
    answers = {item.key: 2 for item in inventory.ITEMS[2:]}

    assert scoring.missing(answers) == list(inventory.ITEMS[:2])
