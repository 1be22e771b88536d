from __future__ import annotations

import pytest
from django.urls import reverse

from coffeechat.cards.models import Card
from coffeechat.cards.tests.factories import make_card, stored_files, upload
from coffeechat.network.models import Person


def review_post(**fields) -> dict:
    return {
        "full_name": "Maria Okafor",
        "title": "Data Engineer",
        "organization_name": "Northwind",
        "email": "maria@northwind.io",
        "phone": "(415) 555-0142",
        "website": "",
        "address": "",
        "met_at": "Spring career fair 2026",
        "notes": "",
        "follow_up": "on",
        **fields,
    }


def test_the_people_page_links_to_card_scanning(alice_client) -> None:
    response = alice_client.get(reverse("network:people"))

    assert reverse("cards:capture").encode() in response.content


def test_the_capture_page_offers_the_camera(alice_client) -> None:
    response = alice_client.get(reverse("cards:capture"))

    html = response.content.decode()
    assert 'capture="environment"' in html and 'accept="image/*"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "multiple" in html


def test_event_mode_remembers_the_event_between_photos(alice, alice_client) -> None:
    response = alice_client.post(
        reverse("cards:capture"),
        {"event": "Spring career fair 2026", "images": [upload("a.png"), upload("b.png")]},
    )

    assert response.status_code == 302
    assert (
        list(Card.objects.filter(owner=alice).values_list("event", flat=True))
        == ["Spring career fair 2026"] * 2
    )
    page = alice_client.get(reverse("cards:capture")).content.decode()
    assert 'value="Spring career fair 2026"' in page
    assert "Reading 2 cards" in page


def test_a_camera_photo_is_a_card_too(alice, alice_client) -> None:
    alice_client.post(reverse("cards:capture"), {"event": "Fair", "photo": upload()})

    assert Card.objects.filter(owner=alice).count() == 1


def test_it_asks_for_the_event_and_a_photo(alice_client) -> None:
    response = alice_client.post(reverse("cards:capture"), {"event": ""})

    assert response.status_code == 400
    assert Card.objects.count() == 0


def test_the_progress_fragment_polls_while_cards_are_read(alice, alice_client) -> None:
    card = make_card(alice)

    reading = alice_client.get(reverse("cards:capture"), headers={"HX-Request": "true"})
    Card.objects.filter(pk=card.pk).update(status=Card.Status.READ)
    done = alice_client.get(reverse("cards:capture"), headers={"HX-Request": "true"})

    assert b'hx-trigger="every 2s"' in reading.content and b"<html" not in reading.content
    assert b"hx-trigger" not in done.content
    assert b"Review 1 card" in done.content


def test_the_review_form_shows_what_ocr_read(alice, alice_client) -> None:
    card = make_card(alice, event="Fair", lines=["Maria Okafor", "maria@northwind.io"])

    response = alice_client.get(reverse("cards:card", args=[card.pk]))

    html = response.content.decode()
    assert 'value="Maria Okafor"' in html and 'value="maria@northwind.io"' in html
    assert 'value="Fair"' in html
    assert reverse("cards:image", args=[card.pk]) in html


def test_a_card_without_text_gets_an_empty_form_and_a_note(alice, alice_client) -> None:
    card = make_card(alice, lines=[])

    response = alice_client.get(reverse("cards:card", args=[card.pk]))

    assert response.status_code == 200
    assert b"We found no text on this card" in response.content


def test_saving_the_review_adds_the_person_and_opens_the_next_card(alice, alice_client) -> None:
    first, second = make_card(alice, lines=["A B"]), make_card(alice, lines=["C D"])

    response = alice_client.post(reverse("cards:card", args=[first.pk]), review_post())

    assert response.status_code == 302
    assert response["Location"] == reverse("cards:card", args=[second.pk])
    person = Person.objects.get(owner=alice)
    assert (person.full_name, person.phone, person.connection) == (
        "Maria Okafor",
        "+1 415-555-0142",
        "event",
    )


def test_after_the_last_card_it_goes_back_to_the_camera(alice, alice_client) -> None:
    card = make_card(alice)

    response = alice_client.post(reverse("cards:card", args=[card.pk]), review_post())

    assert response["Location"] == reverse("cards:capture")


def test_an_invalid_email_is_a_field_error(alice, alice_client) -> None:
    card = make_card(alice)

    response = alice_client.post(
        reverse("cards:card", args=[card.pk]), review_post(email="maria(at)northwind")
    )

    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert not Person.objects.exists()


def test_a_phone_that_does_not_parse_is_kept_as_typed_after_a_warning(alice, alice_client) -> None:
    card = make_card(alice)
    url = reverse("cards:card", args=[card.pk])

    warned = alice_client.post(url, review_post(phone="555-01"))
    kept = alice_client.post(url, review_post(phone="555-01", phone_as_typed="555-01"))

    assert warned.status_code == 400
    assert b"Save again to keep it as typed" in warned.content
    assert b'name="phone_as_typed" value="555-01"' in warned.content
    assert kept.status_code == 302
    assert Person.objects.get(owner=alice).phone == "555-01"


def test_a_second_submit_goes_to_the_saved_person(alice, alice_client) -> None:
    card = make_card(alice)
    url = reverse("cards:card", args=[card.pk])
    alice_client.post(url, review_post())

    again = alice_client.post(url, review_post())

    person = Person.objects.get(owner=alice)
    assert again["Location"] == person.get_absolute_url()


def test_skipping_deletes_the_card_photo(
    alice, alice_client, django_capture_on_commit_callbacks
) -> None:
    card = make_card(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("cards:skip", args=[card.pk]))

    assert response.status_code == 302
    assert Card.objects.get(pk=card.pk).status == Card.Status.SKIPPED
    assert stored_files() == []


def test_the_photo_is_served_as_an_attachment_with_nosniff(alice, alice_client) -> None:
    card = make_card(alice)

    response = alice_client.get(reverse("cards:image", args=[card.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="card-{card.pk}.jpg"'
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("name", ["cards:card", "cards:image"])
def test_mallory_gets_404_for_alices_card(name: str, alice, mallory_client) -> None:
    card = make_card(alice, lines=["Maria Okafor"])

    response = mallory_client.get(reverse(name, args=[card.pk]))

    assert response.status_code == 404
    assert b"Maria" not in response.content


def test_mallory_cannot_skip_alices_card(alice, mallory_client) -> None:
    card = make_card(alice)

    response = mallory_client.post(reverse("cards:skip", args=[card.pk]))

    assert response.status_code == 404
    assert Card.objects.get(pk=card.pk).status == Card.Status.QUEUED


def test_the_photo_of_a_skipped_card_is_gone(alice, alice_client) -> None:
    card = make_card(alice)
    alice_client.post(reverse("cards:skip", args=[card.pk]))

    response = alice_client.get(reverse("cards:image", args=[card.pk]))

    assert response.status_code == 404


def test_the_queue_lists_cards_to_review(
    alice, alice_client, django_assert_max_num_queries
) -> None:
    for name in ("Ann Lee", "Bob Ray", "Cy Dow"):
        make_card(alice, lines=[name])

    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("cards:queue"))

    assert [n in response.content.decode() for n in ("Ann Lee", "Bob Ray", "Cy Dow")] == [True] * 3


@pytest.mark.parametrize("name", ["cards/999/elsewhere.jpg", "secret_key", "cards/1/../../x.jpg"])
def test_it_serves_no_file_outside_the_owners_card_folder(name: str, alice, alice_client) -> None:
    card = make_card(alice)
    Card.objects.filter(pk=card.pk).update(image=name)

    response = alice_client.get(reverse("cards:image", args=[card.pk]))

    assert response.status_code == 404
