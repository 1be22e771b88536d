"""The composer pages: prefilled drafts, live lint, sending with overrides, templates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coffeechat.conversations.models import Stage
from coffeechat.outreach import queries
from coffeechat.outreach.models import Message, MessageKind, Template
from coffeechat.outreach.tests.factories import (
    GOOD_BODY,
    GOOD_SUBJECT,
    make_conversation,
    make_draft,
    make_recipient,
    profile,
)

HTMX = {"HX-Request": "true"}
NO_QUESTION = GOOD_BODY.replace("perspective?", "perspective.")


@pytest.fixture
def conversation(alice):
    profile(alice)
    return make_conversation(alice)


def url(name: str, conversation) -> str:
    return reverse(f"outreach:{name}", args=[conversation.pk])


def post(kind: str = "request", body: str = GOOD_BODY, **extra) -> dict:
    return {
        "kind": kind,
        "to_email": "dana@northwind.example",
        "subject": GOOD_SUBJECT,
        "body": body,
        **extra,
    }


def test_it_opens_with_the_suggested_template_filled_in(alice_client, conversation) -> None:
    response = alice_client.get(url("compose", conversation))

    html = response.content.decode()
    assert response.status_code == 200
    assert "First request by email to Dana Okafor" in html
    assert 'value="Fellow State University alum: your advice on product analytics"' in html
    assert "I&#x27;m a fellow State University graduate" in html
    assert 'value="dana@northwind.example"' in html
    assert "No problems found" in html
    assert f'hx-post="{url("lint", conversation)}"' in html
    assert 'hx-trigger="input changed delay:400ms"' in html
    assert "mailto:dana@northwind.example?subject=Fellow%20State%20University" in html


def test_it_reopens_the_saved_draft(alice_client, conversation) -> None:
    make_draft(conversation, body="Hi Dana,\n\nMy own words here?\n\nThanks,\nAlice")

    html = alice_client.get(url("compose", conversation) + "?kind=request").content.decode()

    assert "My own words here?" in html
    assert "a fellow State University graduate" not in html


def test_choosing_a_template_replaces_the_draft(alice_client, conversation) -> None:
    make_draft(conversation, body="My own words")

    html = alice_client.get(
        url("compose", conversation), {"kind": "request", "template": "builtin:cold"}
    ).content.decode()

    assert "I found you through" in html
    assert "My own words" not in html


def test_saving_keeps_one_draft(alice_client, conversation) -> None:
    response = alice_client.post(url("compose", conversation), post(body="Draft one"))
    alice_client.post(url("compose", conversation), post(body="Draft two"))

    assert response.status_code == 302
    assert response["Location"] == url("compose", conversation) + "?kind=request"
    assert list(Message.objects.values_list("body", "status")) == [("Draft two", "draft")]


def test_the_lint_fragment_answers_htmx_with_findings(alice_client, conversation) -> None:
    response = alice_client.post(url("lint", conversation), post(body=NO_QUESTION), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<p class="findings__counts')
    assert "<html" not in html and 'id="findings"' not in html
    assert "RULE-E5" in html and "Error" in html
    assert "A direct question is easy to answer" in html  # the why
    assert "<mark>Would you be open to a 20-minute call" in html
    assert 'name="override"' not in html  # boxes only once a send was refused
    assert Message.objects.count() == 0  # checking saves nothing


def test_the_lint_fragment_counts_characters_of_a_linkedin_note(alice_client, conversation) -> None:
    note = "Hi Dana, I'm a fellow State University alum. " + "x" * 200

    html = alice_client.post(
        url("lint", conversation), {"kind": "linkedin_note", "body": note}, headers=HTMX
    ).content.decode()

    assert f"{len(note)} / 200 characters" in html
    assert "counter--over" in html and "RULE-LI1" in html


def test_check_without_javascript_shows_the_whole_page(alice_client, conversation) -> None:
    response = alice_client.post(url("lint", conversation), post(body=NO_QUESTION))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "RULE-E5" in html
    assert "perspective." in html


def test_send_with_errors_shows_an_override_box_per_error(alice_client, conversation) -> None:
    response = alice_client.post(url("send", conversation), post(body=NO_QUESTION))

    html = response.content.decode()
    assert response.status_code == 400
    assert "This message has errors" in html
    assert 'name="override" value="RULE-E5"' in html
    assert 'name="show_overrides" value="1"' in html
    assert Message.objects.get().status == Message.Status.DRAFT  # the text is kept


def test_send_with_the_override_ticked_queues_it(alice_client, conversation) -> None:
    response = alice_client.post(
        url("send", conversation), post(body=NO_QUESTION, override=["RULE-E5"])
    )

    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()
    message = Message.objects.get()
    assert (message.status, message.lint_overrides) == ("queued", ["RULE-E5"])
    conversation.refresh_from_db()
    assert conversation.stage == Stage.CONTACTED


def test_override_boxes_stay_ticked_while_typing(alice_client, conversation) -> None:
    html = alice_client.post(
        url("lint", conversation),
        post(body=NO_QUESTION, override=["RULE-E5"], show_overrides="1"),
        headers=HTMX,
    ).content.decode()

    assert 'name="override" value="RULE-E5" id="override-RULE-E5" checked' in html


def test_over_budget_asks_for_an_acknowledgement(alice, alice_client, conversation) -> None:
    settings = queries.settings_for(alice)
    settings.daily_request_budget = 1
    settings.save()
    other = make_conversation(alice, person=make_recipient(alice, full_name="Bo Chan"))
    alice_client.post(url("send", other), post())

    refused = alice_client.post(url("send", conversation), post())
    sent = alice_client.post(url("send", conversation), post(acknowledge_budget="on"))

    assert refused.status_code == 400
    assert "your budget is 1" in refused.content.decode()
    assert 'name="acknowledge_budget"' in refused.content.decode()
    assert sent.status_code == 302


def test_i_sent_it_records_the_request_on_the_day_given(alice_client, conversation) -> None:
    response = alice_client.post(url("sent-elsewhere", conversation), post(sent_on="2026-11-02"))

    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.stage == Stage.CONTACTED
    assert Message.objects.get().status == Message.Status.SENT_ELSEWHERE
    page = alice_client.get(conversation.get_absolute_url()).content.decode()
    assert "Request recorded as sent." in page
    assert "Sent from your own mail or LinkedIn" in page  # the history


def test_i_sent_it_records_a_message_with_errors_and_shows_them_as_warnings(
    alice_client, conversation
) -> None:
    job_ask = NO_QUESTION.replace("stood out to me", "stood out to me. Are you hiring")

    response = alice_client.post(url("sent-elsewhere", conversation), post(body=job_ask))

    assert response.status_code == 302  # recorded, not refused: it already went out
    assert Message.objects.get().status == Message.Status.SENT_ELSEWHERE
    page = alice_client.get(conversation.get_absolute_url()).content.decode()
    assert "Request recorded as sent." in page
    assert "Warnings on the first request by email you sent: RULE-E3" in page  # the timeline
    assert "RULE-E5 (Ask for their advice as a question" in page
    assert "sent despite RULE-E3, RULE-E5" in page  # the message's history


def test_a_send_refused_by_the_stage_says_why(alice_client, conversation) -> None:
    alice_client.post(url("send", conversation), post())

    response = alice_client.post(url("send", conversation), post())

    assert response.status_code == 400
    assert "You already asked Dana Okafor" in response.content.decode()


def test_linkedin_kinds_have_no_address_subject_or_send(alice_client, conversation) -> None:
    html = alice_client.get(url("compose", conversation) + "?kind=linkedin_note").content.decode()

    assert 'name="to_email"' not in html and 'name="subject"' not in html
    assert ">Send</button>" not in html
    assert "I sent it" in html and 'id="copy-button"' in html
    assert "/ 200 characters" in html


def test_rewrite_when_ai_is_off_keeps_the_draft(alice_client, conversation) -> None:
    response = alice_client.post(url("rewrite", conversation), post())

    assert response.status_code == 302
    assert Message.objects.get().body == GOOD_BODY
    page = alice_client.get(response["Location"]).content.decode()
    assert "AI rewrites are off" in page
    assert "Rewrite with AI" not in page


def test_compose_to_a_person_starts_a_conversation(alice, alice_client) -> None:
    person = make_recipient(alice, full_name="Ravi Menon")

    response = alice_client.post(reverse("outreach:compose-person", args=[person.pk]))

    conversation = person.conversations.get()
    assert response["Location"] == url("compose", conversation) + "?kind=request"


def test_the_conversation_page_offers_the_composer_and_the_history(
    alice_client, conversation
) -> None:
    make_draft(conversation)

    html = alice_client.get(conversation.get_absolute_url()).content.decode()

    assert "Write the request" in html
    assert f"{url('compose', conversation)}?kind=request" in html
    assert "Messages" in html and "Edit the draft" in html


def test_templates_can_be_added_edited_and_deleted(alice, alice_client) -> None:
    created = alice_client.post(
        reverse("outreach:template-new"),
        {"name": "Short", "kind": "request", "subject": "Hi", "body": "Hi {first_name}"},
    )
    template = Template.objects.get()
    edited = alice_client.post(
        reverse("outreach:template-edit", args=[template.pk]),
        {"name": "Shorter", "kind": "request", "body": "Hey"},
    )
    listed = alice_client.get(reverse("outreach:templates")).content.decode()
    deleted = alice_client.post(reverse("outreach:template-delete", args=[template.pk]))

    assert [r.status_code for r in (created, edited, deleted)] == [302, 302, 302]
    assert "Shorter" in listed and "Fellow alum (T1)" in listed
    assert Template.objects.count() == 0


def test_a_template_needs_a_name_and_a_body(alice_client) -> None:
    response = alice_client.post(reverse("outreach:template-new"), {"kind": "request"})

    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 2


def test_the_composer_lists_the_users_own_templates(alice, alice_client, conversation) -> None:
    mine = Template.objects.create(owner=alice, name="My opener", kind="request", body="Hi")

    html = alice_client.get(url("compose", conversation)).content.decode()

    assert f'value="mine:{mine.pk}"' in html and "My opener (yours)" in html


# Another user ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("compose", "get"),
        ("compose", "post"),
        ("lint", "post"),
        ("send", "post"),
        ("sent-elsewhere", "post"),
        ("rewrite", "post"),
    ],
)
def test_mallory_gets_404_on_alices_conversation(
    name, method, mallory_client, conversation
) -> None:
    call = getattr(mallory_client, method)

    response = call(url(name, conversation), post())

    assert response.status_code == 404
    assert Message.objects.count() == 0
    conversation.refresh_from_db()
    assert conversation.stage == Stage.IDENTIFIED


def test_mallory_cant_use_or_touch_alices_template(alice, mallory, mallory_client) -> None:
    template = Template.objects.create(owner=alice, name="Alice's", kind="request", body="Hi")
    theirs = make_conversation(mallory, person=make_recipient(mallory))

    used = mallory_client.get(url("compose", theirs), {"template": f"mine:{template.pk}"})
    edited = mallory_client.post(
        reverse("outreach:template-edit", args=[template.pk]),
        {"name": "x", "kind": "request", "body": "x"},
    )
    deleted = mallory_client.post(reverse("outreach:template-delete", args=[template.pk]))
    listed = mallory_client.get(reverse("outreach:templates"))

    assert [used.status_code, edited.status_code, deleted.status_code] == [404, 404, 404]
    assert "Alice&#x27;s" not in listed.content.decode()
    template.refresh_from_db()
    assert template.name == "Alice's"


def test_mallory_cant_compose_to_alices_person(mallory_client, conversation) -> None:
    response = mallory_client.post(
        reverse("outreach:compose-person", args=[conversation.person.pk])
    )

    assert response.status_code == 404
    assert conversation.person.conversations.count() == 1


@pytest.mark.parametrize("kind", MessageKind.values)
def test_every_kind_renders(kind, alice_client, conversation) -> None:
    assert alice_client.get(url("compose", conversation), {"kind": kind}).status_code == 200
