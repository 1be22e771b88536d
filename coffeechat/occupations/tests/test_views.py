from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.assessment import inventory
from coffeechat.assessment import services as assessment
from coffeechat.conversations import services as conversations
from coffeechat.lib.testing.onet import (
    DATA_SCIENTISTS,
    PASTRY,
    SOFTWARE,
    UX,
    load_sample,
)
from coffeechat.lib.testing.people import make_scheduled
from coffeechat.network import services as network
from coffeechat.occupations import queries, services
from coffeechat.occupations.models import ConversationOccupation
from coffeechat.prep.models import Question

pytestmark = pytest.mark.django_db
NOT_LOADED = "Occupation data isn't loaded; an administrator can load it with"


def text(response) -> str:
    return html.unescape(response.content.decode())


def brief_url(conversation) -> str:
    return reverse("prep:brief", args=[conversation.pk])


# Without data ------------------------------------------------------------------------------------


def test_every_page_says_the_data_isnt_loaded(alice, alice_client: Client) -> None:
    conversation = make_scheduled(alice, now=timezone.now(), title="Senior Data Scientist")

    search = alice_client.get(reverse("occupations:search"), {"q": "nurse"})
    page = alice_client.get(reverse("occupations:occupation", args=[DATA_SCIENTISTS]))
    brief = alice_client.get(brief_url(conversation))

    assert search.status_code == 200 and NOT_LOADED in text(search)
    assert page.status_code == 404 and NOT_LOADED in text(page)
    assert brief.status_code == 200 and NOT_LOADED in text(brief)
    assert "Prepare for Dana Okafor" in text(brief)  # the rest of the brief is all there


# Search ------------------------------------------------------------------------------------------


def test_it_finds_occupations_by_alternate_titles_with_a_confidence(alice_client: Client) -> None:
    load_sample()

    page = text(alice_client.get(reverse("occupations:search"), {"q": "Sr. UX Researcher"}))

    assert "User Experience Researchers" in page
    assert "Matched “UX Researcher”" in page
    assert "100% · close match" in page
    assert (
        "This page includes information from the O*NET 30.1 Database by the U.S. "
        "Department of Labor" in page
    )


def test_it_says_when_nothing_matches(alice_client: Client) -> None:
    load_sample()

    page = text(alice_client.get(reverse("occupations:search"), {"q": "Astronaut"}))

    assert "No occupation matches that title." in page


def test_search_ranks_the_title_people_use_over_a_loose_match() -> None:
    load_sample()

    matches = queries.search("Senior Software Engineer at Northwind")
    loose = queries.search("engineer")

    assert (matches[0].code, matches[0].confidence) == (SOFTWARE, 100)
    assert all(m.confidence <= 80 for m in loose)  # "engineer" alone says less


# The occupation page -----------------------------------------------------------------------------


def test_the_occupation_page_shows_the_work_and_its_preparation(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    load_sample()
    make_scheduled(alice, now=timezone.now())

    with django_assert_max_num_queries(16):
        response = alice_client.get(reverse("occupations:occupation", args=[DATA_SCIENTISTS]))

    page = text(response)
    assert response.status_code == 200
    assert page.index("Explain the results of analyses") < page.index("Read research papers")
    assert "Job Zone 5 of 5" in page and "graduate degree" in page
    assert "Programming" in page and "importance 4.4/5 · level 5.1/7" in page
    assert "Social Perceptiveness" not in page  # suppressed in the file
    assert 'href="/occupations/99-0002.00/"' in page  # related, linked
    assert "Strongest Investigative, Conventional, Enterprising" in page.replace(
        "strongest", "Strongest"
    )
    assert "Take the interest inventory" in page
    assert (
        "O*NET lists “Analyze large data sets to find patterns and build models that "
        "predict outcomes” as a core task: how much of your week goes to that?" in page
    )
    assert "O*NET 30.1 Database" in page


def test_the_interest_profile_is_compared_with_the_users_inventory(
    alice, alice_client: Client
) -> None:
    load_sample()
    # Strong investigative and conventional interests, some enterprising, little else.
    answers = {item.key: {"I": 4, "C": 3, "E": 2}.get(item.kind, 0) for item in inventory.ITEMS}
    assessment.take_inventory(owner=alice, answers=answers)

    page = text(alice_client.get(reverse("occupations:occupation", args=[DATA_SCIENTISTS])))

    assert "Yours: <strong>ICE</strong>" in page
    assert f"you {inventory.max_score()}" in page
    assert "In common in the top three: Investigative, Conventional, Enterprising." in page


def test_an_occupation_without_a_zone_or_ratings_still_shows(alice_client: Client) -> None:
    load_sample()

    page = text(alice_client.get(reverse("occupations:occupation", args=[PASTRY])))

    assert "O*NET gives no job zone for this occupation." in page
    assert "None listed." in page


def test_an_unknown_code_is_404(alice_client: Client) -> None:
    load_sample()

    assert alice_client.get("/occupations/11-1111.11/").status_code == 404


def test_it_adds_a_task_question_to_a_chosen_conversations_plan(
    alice, alice_client: Client
) -> None:
    load_sample()
    conversation = make_scheduled(alice, now=timezone.now())
    page_url = reverse("occupations:occupation", args=[UX]) + f"?conversation={conversation.pk}"

    page = text(alice_client.get(page_url))
    response = alice_client.post(
        reverse("occupations:add-question", args=[conversation.pk]),
        {"occupation_code": UX, "task_id": "90031", "next": page_url},
    )

    assert "Add for Dana" in page
    assert response.status_code == 302 and response["Location"] == page_url
    question = Question.objects.get(conversation=conversation)
    assert question.text == (
        "O*NET lists “Interview and observe users of a product to learn "
        "how they work” as a core task: how much of your week goes to that?"
    )


def test_another_users_conversation_in_the_query_is_404(mallory, alice_client: Client) -> None:
    load_sample()
    theirs = make_scheduled(mallory, now=timezone.now())

    response = alice_client.get(
        reverse("occupations:occupation", args=[UX]), {"conversation": theirs.pk}
    )
    searched = alice_client.get(reverse("occupations:search"), {"conversation": theirs.pk})

    assert response.status_code == searched.status_code == 404


# The brief's panel -------------------------------------------------------------------------------


def test_the_brief_matches_the_persons_title_and_offers_task_questions(
    alice, alice_client: Client
) -> None:
    load_sample()
    conversation = make_scheduled(alice, now=timezone.now(), title="Senior Data Scientist")

    page = text(alice_client.get(brief_url(conversation)))
    alice_client.post(
        reverse("occupations:add-question", args=[conversation.pk]),
        {"occupation_code": DATA_SCIENTISTS, "task_id": "90002"},
    )

    assert "Data Scientists" in page
    assert "Matched from “Senior Data Scientist”" in page and "100% · close match" in page
    again = alice_client.post(
        reverse("occupations:add-question", args=[conversation.pk]),
        {"occupation_code": DATA_SCIENTISTS, "task_id": "90002"},
        follow=True,
    )

    assert "Ask about it" in page
    assert Question.objects.get(conversation=conversation).text.startswith(
        "O*NET lists “Explain the results of analyses"
    )
    assert "That question is already in your plan." in text(again)


def test_choosing_another_occupation_sticks_to_the_conversation(
    alice, alice_client: Client
) -> None:
    load_sample()
    conversation = make_scheduled(alice, now=timezone.now(), title="Growth Hacker")

    before = text(alice_client.get(brief_url(conversation)))
    search = text(
        alice_client.get(
            reverse("occupations:search"), {"conversation": conversation.pk, "q": "market research"}
        )
    )
    alice_client.post(
        reverse("occupations:choose", args=[conversation.pk]), {"occupation_code": "99-0003.00"}
    )
    after = text(alice_client.get(brief_url(conversation)))

    assert "No occupation matches “Growth Hacker”." in before
    assert "Use for Dana" in search
    assert "Market Research Analysts" in after and "your choice" in after
    assert (
        ConversationOccupation.objects.get(conversation=conversation).occupation_code
        == "99-0003.00"
    )


def test_none_of_these_stops_the_suggestion(alice, alice_client: Client) -> None:
    load_sample()
    conversation = make_scheduled(alice, now=timezone.now(), title="Data Scientist")

    alice_client.post(
        reverse("occupations:choose", args=[conversation.pk]), {"occupation_code": ""}
    )
    page = text(alice_client.get(brief_url(conversation)))

    assert "You said no occupation fits this conversation." in page
    assert "Ask about it" not in page


def test_it_refuses_a_code_that_isnt_loaded(alice, alice_client: Client) -> None:
    load_sample()
    conversation = make_scheduled(alice, now=timezone.now())

    response = alice_client.post(
        reverse("occupations:choose", args=[conversation.pk]),
        {"occupation_code": "11-1111.11"},
        follow=True,
    )

    assert "That occupation isn't in the loaded O*NET data." in text(response)
    assert not ConversationOccupation.objects.exists()


def test_a_choice_survives_a_reimport_as_a_code(alice) -> None:
    load_sample()
    person = network.add_person(owner=alice, full_name="Kim Lee", title="Nurse")
    conversation = conversations.start_conversation(owner=alice, person=person)
    services.choose_for_conversation(conversation=conversation, occupation_code=DATA_SCIENTISTS)

    load_sample()

    panel = queries.panel_for(conversation)
    assert panel.chosen and panel.occupation.code == DATA_SCIENTISTS


@pytest.mark.parametrize("people", [1, 12])
def test_the_brief_panel_costs_the_same_queries_however_big_the_network(
    alice, alice_client: Client, people: int, django_assert_max_num_queries
) -> None:
    load_sample()
    for n in range(people):
        make_scheduled(alice, now=timezone.now(), name=f"Person {n}", email=f"p{n}@example.org")
    conversation = make_scheduled(alice, now=timezone.now(), title="Data Scientist")
    queries.search("warm the index")  # built once per process, like a running server's

    with django_assert_max_num_queries(40):
        response = alice_client.get(brief_url(conversation))
    with django_assert_max_num_queries(16):
        alice_client.get(reverse("occupations:occupation", args=[DATA_SCIENTISTS]))

    assert response.status_code == 200
