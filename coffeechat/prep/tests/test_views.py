"""The prep pages: with and without htmx, field-level errors, and another user's ids."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Stage
from coffeechat.lib.testing.people import make_scheduled
from coffeechat.network.models import Person
from coffeechat.prep import queries, services
from coffeechat.prep.models import Capture, Question

HTMX = {"HX-Request": "true"}


@pytest.fixture
def conversation(alice):
    return make_scheduled(alice, now=timezone.now())


@pytest.fixture
def started(alice):
    """A conversation whose meeting began five minutes ago: "We met" can be pressed."""
    return make_scheduled(
        alice, now=timezone.now(), starts_at=timezone.now() - timedelta(minutes=5)
    )


def url(name: str, conversation) -> str:
    return reverse(name, args=[conversation.pk])


@pytest.mark.parametrize("name", ["prep:brief", "prep:card", "prep:live", "prep:after"])
def test_the_pages_render(name, conversation, alice_client: Client) -> None:
    services.add_question(conversation=conversation, bank_key="advice", must_ask=True)

    response = alice_client.get(url(name, conversation))

    assert response.status_code == 200
    assert "Dana Okafor" in response.content.decode()


def test_the_pdf_downloads(conversation, alice_client: Client) -> None:
    response = alice_client.get(url("prep:pdf", conversation))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_brief_saves_without_js_and_one_field_at_a_time_with_htmx(
    conversation, alice_client: Client
) -> None:
    plain = alice_client.post(
        url("prep:brief", conversation),
        {"introduction": "Retail ops", "research_done": ["profile"], "research_done-shown": "1"},
    )
    fragment = alice_client.post(
        url("prep:brief", conversation), {"links": "https://x.example"}, headers=HTMX
    )

    assert plain.status_code == 302
    assert fragment.status_code == 200
    assert "Saved at" in fragment.content.decode()
    brief = queries.brief_for(conversation)
    assert (brief.introduction, brief.links, brief.research_done) == (
        "Retail ops",
        "https://x.example",
        ["profile"],
    )


def test_the_plan_is_built_and_reordered_with_plain_forms(
    conversation, alice_client: Client
) -> None:
    alice_client.post(url("prep:add-suggested", conversation))
    alice_client.post(url("prep:add-question", conversation), {"text": "Mine?"})
    mine = Question.objects.get(text="Mine?")

    alice_client.post(reverse("prep:move-question", args=[mine.pk]), {"direction": "up"})
    page = alice_client.get(url("prep:brief", conversation)).content.decode()

    texts = [q.text for q in queries.questions_of(conversation)]
    assert texts[-2] == "Mine?"
    assert 'aria-labelledby="agenda-h"' in page
    assert page.count("badge--must") >= 3


def test_an_empty_question_gets_a_field_error(conversation, alice_client: Client) -> None:
    response = alice_client.post(url("prep:add-question", conversation), {"text": " "})

    assert response.status_code == 400
    assert "Write the question first." in response.content.decode()


def test_answers_autosave_per_field_and_a_ticked_box_wins(
    conversation, alice_client: Client
) -> None:
    q = services.add_question(conversation=conversation, text="Surprises?")

    response = alice_client.post(
        url("prep:live", conversation),
        {f"answer-{q.pk}": "Politics", f"asked-{q.pk}": ["0", "1"]},
        headers=HTMX,
    )
    alice_client.post(url("prep:live", conversation), {f"asked-{q.pk}": "0"})

    assert response.status_code == 200
    q.refresh_from_db()
    assert (q.answer, q.asked) == ("Politics", False)


def test_a_capture_comes_back_as_the_fragment_with_htmx(conversation, alice_client: Client) -> None:
    response = alice_client.post(
        url("prep:add-capture", conversation),
        {"kind": "advice", "text": "Ship small"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" id="captures"')
    assert "Ship small" in html
    assert Capture.objects.get().text == "Ship small"


def test_a_referral_needs_a_name(conversation, alice_client: Client) -> None:
    response = alice_client.post(url("prep:add-referral", conversation), {"full_name": ""})

    assert response.status_code == 400
    assert (
        'id="id_full_name_error"' in response.content.decode()
        or "This field is required." in response.content.decode()
    )
    assert Person.objects.count() == 1


def test_holding_the_meeting_leads_to_the_thank_you(started, alice_client: Client) -> None:
    conversation = started
    services.add_capture(conversation=conversation, kind="advice", text="Learn SQL first")

    response = alice_client.post(url("prep:held", conversation), follow=True)

    conversation.refresh_from_db()
    assert conversation.stage == Stage.MET
    html = response.content.decode()
    assert "Learn SQL first" in html
    assert "Open in my mail app" in html
    assert 'href="mailto:dana@example.org?subject=Thank%20you' in html
    # Paragraphs reach the mail program as paragraphs (RFC 6068: CRLF, encoded).
    assert "%0D%0A%0D%0A" in html.split('href="mailto:')[1].split('"')[0]
    assert "Send by" in html


def test_the_conversation_page_links_to_prepare_start_and_after(
    conversation, alice_client: Client
) -> None:
    html = alice_client.get(url("conversations:conversation", conversation)).content.decode()

    for name in ("prep:brief", "prep:live", "prep:after"):
        assert url(name, conversation) in html


def test_keep_in_touch_cadence_and_touches(conversation, alice_client: Client) -> None:
    person = conversation.person
    bad = alice_client.post(
        reverse("prep:keep-in-touch", args=[person.pk]), {"keep_in_touch_weeks": "1"}
    )
    good = alice_client.post(
        reverse("prep:keep-in-touch", args=[person.pk]), {"keep_in_touch_weeks": "10"}
    )
    touched = alice_client.post(
        reverse("prep:log-touch", args=[person.pk]), {"note": "Sent the article"}
    )

    assert bad.status_code == 400
    assert "greater than or equal to 4" in bad.content.decode()
    assert good.status_code == touched.status_code == 302
    person.refresh_from_db()
    assert person.keep_in_touch_weeks == 10
    assert person.last_touch_at is not None
    page = alice_client.get(reverse("network:person", args=[person.pk])).content.decode()
    assert "Kept in touch: Sent the article" in page
    assert "Every 10 weeks" in page


def test_today_links_to_the_going_cold_list(alice, started, alice_client: Client) -> None:
    conversation = started
    services.mark_held(conversation=conversation)
    conversations.move_to_stage(
        conversation=conversation, stage=Stage.NURTURING, now=timezone.now() - timedelta(weeks=9)
    )

    today = alice_client.get(reverse("conversations:today")).content.decode()
    cold = alice_client.get(reverse("prep:going-cold")).content.decode()

    assert "<strong>1</strong>going cold" in today
    assert "Dana Okafor" in cold


def test_mallory_gets_404_and_changes_nothing(conversation, mallory_client: Client) -> None:
    question = services.add_question(conversation=conversation, text="Mine?")

    for response in (
        mallory_client.get(url("prep:brief", conversation)),
        mallory_client.post(url("prep:live", conversation), {f"answer-{question.pk}": "x"}),
        mallory_client.post(
            reverse("prep:move-question", args=[question.pk]), {"direction": "down"}
        ),
        mallory_client.post(
            reverse("prep:log-touch", args=[conversation.person.pk]), {"note": "x"}
        ),
    ):
        assert response.status_code == 404
    question.refresh_from_db()
    assert question.answer == ""


def test_mallory_cannot_write_to_alices_question_through_her_own_page(
    conversation, mallory, mallory_client: Client
) -> None:
    question = services.add_question(conversation=conversation, text="Mine?")
    hers = make_scheduled(mallory, now=timezone.now(), name="Eve")

    response = mallory_client.post(
        url("prep:live", hers), {f"answer-{question.pk}": "x"}, headers=HTMX
    )

    assert response.status_code == 400
    question.refresh_from_db()
    assert question.answer == ""


def test_a_note_over_the_cap_is_refused_in_words_and_the_page_checks_the_same_cap(
    conversation, alice_client: Client
) -> None:
    from django.conf import settings

    too_long = "x" * (services.MAX_NOTE_CHARS + 1)

    response = alice_client.post(
        url("prep:live", conversation), {"live_notes": too_long}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == (
        "Not saved: this note is 50,001 characters long and the limit is 50,000. Shorten it, "
        "or keep the long text elsewhere and link to it."
    )
    script = (settings.BASE_DIR / "static" / "js" / "autosave.js").read_text()
    assert f"const MAX_CHARS = {services.MAX_NOTE_CHARS};" in script
