"""Taking the interest inventory: partial saves, resuming, incomplete submits, retakes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coffeechat.assessment import inventory, queries, services
from coffeechat.assessment.models import InterestAttempt
from coffeechat.assessment.tests.helpers import answers, as_post

pytestmark = pytest.mark.django_db
URL = reverse("assessment:interests")


def test_a_partial_save_is_kept_and_the_page_resumes_with_those_answers(alice, alice_client):
    response = alice_client.post(URL, {"r1": "4", "i1": "0", "action": "save"})

    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:overview")
    page = alice_client.get(URL).content.decode()
    assert 'name="r1" value="4" checked' in page
    assert 'name="i1" value="0" checked' in page
    assert page.count(" checked") == 2
    assert "2 of 36 answered" in page
    assert '<a href="#item-a1">Go on from activity 3</a>' in page


def test_answers_sent_as_they_are_clicked_add_up_on_one_draft(alice, alice_client):
    first = alice_client.post(URL, {"r1": "3"}, headers={"HX-Request": "true"})
    second = alice_client.post(URL, {"r1": "1", "a2": "4"}, headers={"HX-Request": "true"})

    assert first.status_code == second.status_code == 200
    assert "2 of 36 answered, saved." in second.content.decode()
    draft = InterestAttempt.objects.get(owner=alice)
    assert draft.answers == {"r1": 1, "a2": 4}
    assert draft.completed_at is None


def test_leaving_after_some_answers_shows_where_you_were_on_the_panel(alice, alice_client):
    alice_client.post(URL, {"r1": "3", "i1": "2"}, headers={"HX-Request": "true"})

    page = alice_client.get(reverse("assessment:overview")).content.decode()

    assert "part way through the interest inventory: 2 of 36 answered" in page
    assert "Continue the inventory" in page


def test_an_incomplete_submit_lists_every_missing_item_and_keeps_the_rest(alice, alice_client):
    given = answers()
    for key in ("c2", "s5"):
        del given[key]

    response = alice_client.post(URL, as_post(given, action="submit"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "2 of 36 activities still need an answer" in page
    texts = {item.key: item.text for item in inventory.ITEMS}
    assert f'<a href="#item-c2">12. {texts["c2"]}</a>' in page
    assert f'<a href="#item-s5">28. {texts["s5"]}</a>' in page
    assert page.count("Choose an answer.") == 2
    assert 'aria-describedby="item-c2-error"' in page
    # What was answered is kept, on the page and in the draft.
    assert page.count(" checked") == 34
    assert InterestAttempt.objects.get(owner=alice).answers == given
    assert queries.latest_result(alice) is None


def test_a_complete_submit_shows_the_code_as_a_seed(alice, alice_client):
    response = alice_client.post(
        URL, as_post(answers({"S": 4, "I": 3, "E": 3}, default=1), action="submit"), follow=True
    )

    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/you/assessment/interests/")
    assert "Your interest code: SIE" in page
    assert "a seed for exploring, not a verdict" in page.lower()
    assert "I and E tie at 18: their order in your code is only RIASEC order." in page
    assert "24 of 24" in page and "6 of 24" in page


def test_a_tampered_answer_is_refused_and_nothing_is_saved(alice, alice_client):
    response = alice_client.post(URL, {"r1": "9", "i1": "2", "action": "save"}, follow=True)

    assert "one of the five choices" in response.content.decode()
    assert not InterestAttempt.objects.filter(owner=alice).exists()
    with pytest.raises(ValidationError):
        services.save_answers(owner=alice, answers={"zz": 1})


def test_a_result_records_its_answers_scores_and_inventory_version(alice):
    given = answers({"A": 4}, default=0)

    result = services.take_inventory(owner=alice, answers=given)

    assert result.version == inventory.VERSION
    assert result.answers == given
    assert result.scores == {"R": 0, "I": 0, "A": 24, "S": 0, "E": 0, "C": 0}
    assert result.code == "ARI"
    assert result.completed_at is not None


def test_completing_needs_every_answer_and_changes_nothing_until_then(alice):
    services.save_answers(owner=alice, answers={"r1": 2})

    with pytest.raises(services.IncompleteInventory) as raised:
        services.complete_inventory(owner=alice)

    assert len(raised.value.missing) == 35
    assert InterestAttempt.objects.get(owner=alice).completed_at is None


def test_a_retake_adds_a_result_and_keeps_the_earlier_one(alice, alice_client):
    now = timezone.now()
    first = services.take_inventory(
        owner=alice, answers=answers({"R": 4}), now=now - timedelta(days=30)
    )
    alice_client.post(URL, as_post(answers({"C": 4}), action="submit"))

    history = queries.history_of(alice)
    assert [attempt.code for attempt in history] == ["CRI", "RIA"]
    assert history[1] == first
    assert queries.latest_interest_code(alice) == "CRI"
    page = alice_client.get(reverse("assessment:overview")).content.decode()
    assert page.index("CRI") < page.index("RIA")


def test_the_page_says_a_retake_keeps_the_earlier_result(alice, alice_client):
    services.take_inventory(owner=alice, answers=answers({"E": 4}))

    page = alice_client.get(URL).content.decode()

    assert "(code ERI)" in page and "stays in" in page
    assert page.count(" checked") == 0  # a retake starts blank


def test_throwing_a_draft_away_leaves_results_alone(alice, alice_client):
    services.take_inventory(owner=alice, answers=answers({"E": 4}))
    services.save_answers(owner=alice, answers={"r1": 4})

    alice_client.post(reverse("assessment:discard"))

    assert queries.draft_of(alice) is None
    assert queries.latest_interest_code(alice) == "ERI"


def test_a_result_page_shows_how_each_answer_was_scored(alice, alice_client):
    given = answers(default=3) | {"r1": 0}
    result = services.take_inventory(owner=alice, answers=given)

    page = alice_client.get(reverse("assessment:result", args=[result.pk])).content.decode()

    r1 = inventory.BY_KEY["r1"].text
    assert f'<span>{r1}</span> <span class="answers__answer">Strongly dislike</span>' in page
    assert "15 of 24" in page  # R: 0 + 5 x 3
    assert "inventory version 1" in page
