"""Tagging what people said (method.md 11.5 step 1): one tap on the live and After pages, and
afterwards in the evidence list; lists cost a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from coffeechat.conversations import services as conversations
from coffeechat.prep import services as prep
from coffeechat.strategy import services
from coffeechat.strategy.models import Evidence
from coffeechat.strategy.tests.factories import advice, talk

HTMX = {"HX-Request": "true"}


@pytest.fixture
def conversation(alice):
    return talk(alice, "Dana Okafor", organization="Northwind")


@pytest.fixture
def option(alice):
    return services.add_option(owner=alice, title="Healthcare data analyst", status="focus")


def test_one_tap_on_the_live_page_tags_a_capture_with_htmx(
    alice, alice_client: Client, conversation, option
) -> None:
    tip = advice(conversation, "Learn SQL window functions")
    live = alice_client.get(reverse("prep:live", args=[conversation.pk])).content.decode()

    response = alice_client.post(
        reverse("strategy:tag-capture", args=[tip.pk]),
        {"tag": "gap", "option": option.pk},
        headers=HTMX,
    )

    assert 'name="tag" value="fit+"' in live and "Healthcare data analyst" in live
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "Tagged gap · Healthcare data analyst" in fragment
    assert 'value="gap" aria-pressed="true"' in fragment
    evidence = Evidence.objects.get(capture=tip)
    assert (evidence.tag, evidence.option, evidence.person) == ("gap", option, conversation.person)


def test_the_after_page_tags_answers_and_notes_without_javascript(
    alice, alice_client: Client, conversation, option
) -> None:
    question = prep.add_question(conversation=conversation, text="What surprised you?")
    prep.update_question(question=question, answer="How much of the job is writing")
    note = conversations.add_note(
        person=conversation.person,
        conversation=conversation,
        body="She'd like me to send the mock-up",
    )
    after = reverse("prep:after", args=[conversation.pk])

    page = alice_client.get(after).content.decode()
    first = alice_client.post(
        reverse("strategy:tag-question", args=[question.pk]),
        {"tag": "fit+", "next": f"{after}#answer-{question.pk}"},
    )
    alice_client.post(reverse("strategy:tag-note", args=[note.pk]), {"tag": "lead", "next": after})

    assert f'id="answer-{question.pk}"' in page and f'id="note-{note.pk}"' in page
    assert first.status_code == 302 and first["Location"] == f"{after}#answer-{question.pk}"
    assert dict(Evidence.objects.values_list("tag", "question")) == {
        "fit+": question.pk,
        "lead": None,
    }


def test_changing_the_option_keeps_the_tag_and_an_empty_tag_removes_it(
    alice, alice_client: Client, conversation, option
) -> None:
    tip = advice(conversation, "Talk to Kevin about care-gap lists")
    other = services.add_option(owner=alice, title="Product analyst")
    url = reverse("strategy:tag-capture", args=[tip.pk])
    alice_client.post(url, {"tag": "lead", "option": option.pk})

    alice_client.post(url, {"keep_tag": "lead", "option": other.pk}, headers=HTMX)
    assert Evidence.objects.get(capture=tip).option == other

    alice_client.post(url, {"tag": "", "option": other.pk})
    assert not Evidence.objects.filter(capture=tip).exists()


def test_an_unanswered_question_is_not_evidence_yet(alice, conversation) -> None:
    question = prep.add_question(conversation=conversation, text="What surprised you?")

    with pytest.raises(ValidationError, match="unanswered"):
        services.tag_item(item=question, tag="fact")


def test_another_users_option_is_refused(
    alice, mallory, alice_client: Client, conversation
) -> None:
    tip = advice(conversation, "Learn SQL")
    theirs = services.add_option(owner=mallory, title="Mallory's option")

    response = alice_client.post(
        reverse("strategy:tag-capture", args=[tip.pk]), {"tag": "gap", "option": theirs.pk}
    )

    assert response.status_code == 404
    assert not Evidence.objects.exists()


def test_the_evidence_list_filters_untagged_and_by_tag(
    alice, alice_client: Client, conversation, option
) -> None:
    tagged = advice(conversation, "Volunteer on a data project")
    advice(conversation, "Read Storytelling with Data")
    services.tag_item(item=tagged, tag="lead", option=option)
    url = reverse("strategy:evidence-list")

    untagged = alice_client.get(url, {"tag": "untagged"}).content.decode()
    leads = alice_client.get(url, {"tag": "lead"}).content.decode()
    by_option = alice_client.get(url, {"option": option.pk}).content.decode()

    assert "Read Storytelling with Data" in untagged
    assert "Volunteer on a data project" not in untagged
    assert "Volunteer on a data project" in leads and "Storytelling" not in leads
    assert "Volunteer on a data project" in by_option


def _many(owner, people: int) -> None:
    for i in range(people):
        conversation = talk(owner, f"Person {i}", organization=f"Org {i % 7}")
        tip = advice(conversation, f"Learn SQL and Tableau, tip {i}")
        note = conversations.add_note(
            person=conversation.person,
            conversation=conversation,
            body=f"Note {i} about volunteering",
        )
        services.tag_item(item=tip, tag="gap")
        services.tag_item(item=note, tag="fact")


@pytest.mark.parametrize("query", [{}, {"tag": "untagged"}, {"tag": "gap"}, {"q": "SQL"}])
def test_the_evidence_list_costs_the_same_queries_at_two_sizes(
    alice, alice_client: Client, django_assert_max_num_queries, query
) -> None:
    url = reverse("strategy:evidence-list")
    _many(alice, 4)
    alice_client.get(url, query)
    with django_assert_max_num_queries(14) as small:
        alice_client.get(url, query)
    counted = len(small.captured_queries)
    _many(alice, 40)
    with django_assert_max_num_queries(counted):
        alice_client.get(url, query)
