"""One-time keys on the forms that create (lib/idempotency.py; here, not in lib/tests, whose
shared module-wide world would hold the write lock the concurrent test needs): a retried POST
creates nothing new and answers like the first; two at once create one."""

from __future__ import annotations

import re
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from coffeechat.conversations.models import Conversation, Meeting, Note, Reminder
from coffeechat.lib.testing.people import make_conversation, make_person
from coffeechat.network.models import Person
from coffeechat.prep.models import Capture

KEY = re.compile(r'name="form_key" value="([0-9a-f-]{36})"')
HTMX = {"HX-Request": "true"}


def keys_on(client: Client, url: str) -> list[str]:
    return KEY.findall(client.get(url).content.decode())


def test_a_resent_note_is_saved_once_and_answered_like_the_first(alice, alice_client) -> None:
    conversation = make_conversation(alice)
    url = reverse("conversations:add-note", args=[conversation.pk])
    data = {"body": "Ask about the data guild", "form_key": str(uuid.uuid4())}

    first = alice_client.post(url, data)
    again = alice_client.post(url, data, follow=True)

    assert Note.objects.filter(owner=alice, body="Ask about the data guild").count() == 1
    assert again.redirect_chain[0][0] == first["Location"]
    assert "already saved (the form was sent twice)" in again.content.decode()


def test_a_new_key_is_a_new_note(alice, alice_client) -> None:
    conversation = make_conversation(alice)
    url = reverse("conversations:add-note", args=[conversation.pk])

    for _ in range(2):
        alice_client.post(url, {"body": "Same words", "form_key": str(uuid.uuid4())})

    assert Note.objects.filter(owner=alice, body="Same words").count() == 2


def test_a_refused_form_does_not_use_up_its_key(alice, alice_client) -> None:
    key = str(uuid.uuid4())

    refused = alice_client.post(reverse("network:quick-add"), {"full_name": "", "form_key": key})
    saved = alice_client.post(
        reverse("network:quick-add"), {"full_name": "Grace Hopper", "form_key": key}
    )

    assert refused.status_code == 400 and saved.status_code == 302
    assert Person.objects.filter(owner=alice, full_name="Grace Hopper").count() == 1


def test_a_resent_htmx_capture_gets_the_same_fragment_and_adds_nothing(alice, alice_client) -> None:
    conversation = make_conversation(alice)
    url = reverse("prep:add-capture", args=[conversation.pk])
    data = {"kind": "advice", "text": "Learn SQL first", "form_key": str(uuid.uuid4())}

    first = alice_client.post(url, data, headers=HTMX)
    again = alice_client.post(url, data, headers=HTMX)

    assert Capture.objects.filter(owner=alice, text="Learn SQL first").count() == 1
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    # The form comes back with a new key: the next capture is a new one.
    assert KEY.findall(first.content.decode())[0] != data["form_key"]


def test_another_users_key_is_theirs_alone(alice, alice_client, mallory, mallory_client) -> None:
    data = {"full_name": "Grace Hopper", "form_key": str(uuid.uuid4())}

    alice_client.post(reverse("network:quick-add"), data)
    mallory_client.post(reverse("network:quick-add"), data)

    assert Person.objects.filter(owner=mallory, full_name="Grace Hopper").count() == 1
    assert Person.objects.filter(owner=alice, full_name="Grace Hopper").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_one_form_at_once_create_one_note(alice) -> None:
    conversation = make_conversation(alice)
    url = reverse("conversations:add-note", args=[conversation.pk])
    data = {"body": "Sent twice at once", "form_key": str(uuid.uuid4())}
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def submit() -> None:
        try:
            client = Client()
            client.force_login(alice)
            barrier.wait(timeout=10)
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [302, 302]
    assert Note.objects.filter(owner=alice, body="Sent twice at once").count() == 1


def test_every_creating_form_carries_a_key(alice, alice_client) -> None:
    person = make_person(alice)
    conversation = make_conversation(alice, person=person)

    assert len(keys_on(alice_client, reverse("network:person", args=[person.pk]))) >= 4
    conversation_page = keys_on(
        alice_client, reverse("conversations:conversation", args=[conversation.pk])
    )
    assert len(conversation_page) >= 4  # quick add, reminder, note, meeting
    assert len(keys_on(alice_client, reverse("prep:live", args=[conversation.pk]))) >= 3
    assert len(keys_on(alice_client, reverse("network:person-new"))) == 2
    assert len(keys_on(alice_client, reverse("network:organization-new"))) == 2
    assert len(set(conversation_page)) == len(conversation_page)  # one key per form


def test_a_resent_meeting_conversation_and_reminder_are_created_once(alice, alice_client) -> None:
    person = make_person(alice)
    conversation = make_conversation(alice, person=person)
    posts = [
        (
            reverse("conversations:start", args=[person.pk]),
            {"purpose": "Second thread"},
            lambda: Conversation.objects.filter(owner=alice, purpose="Second thread").count(),
        ),
        (
            reverse("conversations:add-reminder", args=[conversation.pk]),
            {"title": "Send the article", "due_on": "2030-01-07"},
            lambda: Reminder.objects.filter(owner=alice, title="Send the article").count(),
        ),
        (
            reverse("conversations:schedule", args=[conversation.pk]),
            {"starts_at": "2030-01-08T10:00", "minutes": "20", "mode": "video"},
            lambda: Meeting.objects.filter(owner=alice, conversation=conversation).count(),
        ),
    ]
    for url, data, count in posts:
        data = {**data, "form_key": str(uuid.uuid4())}
        first = alice_client.post(url, data)
        alice_client.post(url, data)
        assert first.status_code == 302, (url, first.content.decode()[:2000])
        assert count() == 1, url
