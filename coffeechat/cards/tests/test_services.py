from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from coffeechat.cards import ocr, services
from coffeechat.cards.models import Card
from coffeechat.cards.tests.factories import as_upload, make_card, stored_files
from coffeechat.conversations.models import Reminder
from coffeechat.lib.testing.cardgen import CARDS, card_bytes
from coffeechat.network.models import Person
from coffeechat.scheduler.jobs import DUE_JOBS

# A Friday afternoon in New York (alice's time zone, US holidays): the next business morning
# is Monday 9:00 local, 13:00 UTC.
FRIDAY = datetime(2026, 3, 20, 19, 0, tzinfo=UTC)
MONDAY_MORNING = datetime(2026, 3, 23, 13, 0, tzinfo=UTC)


def save(card: Card, **fields) -> Person:
    values = {
        "full_name": "Maria Okafor",
        "title": "Data Engineer",
        "organization_name": "Northwind",
        "email": "maria@northwind.io",
        "phone": "+1 415-555-0142",
        "website": "https://www.northwind.io",
        "address": "500 Market St",
        "met_at": card.event,
        "now": FRIDAY,
        **fields,
    }
    return services.save_card(card=card, **values)


def test_saving_a_card_adds_someone_met_at_the_event(alice) -> None:
    card = make_card(alice, event="Spring career fair 2026", lines=["Maria Okafor"])

    person = save(card)

    assert person.owner == alice
    assert person.connection == Person.Connection.EVENT
    assert person.met_at == "Spring career fair 2026"
    assert (person.title, person.organization.name) == ("Data Engineer", "Northwind")
    assert person.organization.website == "https://www.northwind.io"
    assert "Address: 500 Market St" in person.notes


def test_saving_a_card_sets_a_follow_up_for_the_next_business_morning(alice) -> None:
    card = make_card(alice, event="Spring career fair 2026", lines=[])

    person = save(card)

    reminder = Reminder.objects.get(conversation__person=person)
    assert reminder.title == "Follow up with Maria Okafor from Spring career fair 2026"
    assert reminder.kind == Reminder.Kind.CUSTOM
    assert reminder.due_at == MONDAY_MORNING


@pytest.mark.parametrize(
    "saved_at",
    [
        datetime(2026, 3, 21, 15, 0, tzinfo=UTC),  # Saturday 11:00 in New York
        datetime(2026, 3, 22, 15, 0, tzinfo=UTC),  # Sunday 11:00 in New York
    ],
)
def test_a_card_saved_at_the_weekend_is_followed_up_on_monday_not_tuesday(alice, saved_at) -> None:
    person = save(make_card(alice, event="Weekend fair", lines=[]), now=saved_at)

    assert Reminder.objects.get(conversation__person=person).due_at == MONDAY_MORNING


def test_saving_without_follow_up_starts_no_conversation(alice) -> None:
    person = save(make_card(alice), follow_up=False)

    assert not person.conversations.exists()


def test_a_linkedin_address_goes_to_the_linkedin_field(alice) -> None:
    person = save(make_card(alice), website="https://www.linkedin.com/in/maria")

    assert person.linkedin_url == "https://www.linkedin.com/in/maria"
    assert "Website" not in person.notes


def test_saving_deletes_the_photo_and_what_ocr_read(
    alice, django_capture_on_commit_callbacks
) -> None:
    card = make_card(alice, lines=["Maria Okafor"])
    assert len(stored_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        person = save(card)

    card.refresh_from_db()
    assert (card.status, card.person, card.image.name, card.fields, card.text) == (
        Card.Status.SAVED,
        person,
        "",
        {},
        "",
    )
    assert stored_files() == []


def test_a_card_is_saved_once(alice) -> None:
    card = make_card(alice)
    save(card)

    with pytest.raises(ValidationError, match="already saved"):
        save(Card.objects.get(pk=card.pk))

    assert Person.objects.filter(owner=alice).count() == 1


def test_a_failed_save_leaves_the_card_in_the_queue(alice) -> None:
    card = make_card(alice)

    with pytest.raises(ValidationError):
        save(card, full_name="  ")

    card.refresh_from_db()
    assert card.status == Card.Status.QUEUED and card.image


def test_skipping_deletes_the_photo(alice, django_capture_on_commit_callbacks) -> None:
    card = make_card(alice, lines=["Maria Okafor"])

    with django_capture_on_commit_callbacks(execute=True):
        services.skip_card(card=card)

    card.refresh_from_db()
    assert card.status == Card.Status.SKIPPED and not card.image and card.fields == {}
    assert stored_files() == []


def test_deleting_the_account_deletes_the_photos(alice, django_capture_on_commit_callbacks) -> None:
    make_card(alice)

    with django_capture_on_commit_callbacks(execute=True):
        alice.delete()

    assert stored_files() == []


def test_the_scheduler_skips_cards_left_unreviewed_for_30_days(
    alice, django_capture_on_commit_callbacks
) -> None:
    old, recent = make_card(alice), make_card(alice)
    Card.objects.filter(pk=old.pk).update(created_at=FRIDAY - timedelta(days=31))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.skip_next_stale_card(now=FRIDAY) is True
    assert services.skip_next_stale_card(now=FRIDAY) is False

    statuses = dict(Card.objects.values_list("pk", "status"))
    assert statuses == {old.pk: Card.Status.SKIPPED, recent.pk: Card.Status.QUEUED}
    assert len(stored_files()) == 1
    assert services.skip_next_stale_card in DUE_JOBS


def test_reading_a_card_keeps_the_fields_found(alice) -> None:
    [card] = services.capture_cards(
        owner=alice, event="Fair", uploads=[as_upload("c.png", card_bytes(CARDS[0]))]
    )

    card = services.read_card(card_id=card.pk)

    assert card.status == Card.Status.READ
    assert card.fields["full_name"] == "Maria Okafor"
    assert card.fields["phone"] == "+1 415-555-0142"
    assert "maria.okafor@northwind.io" in card.text
    assert card.ocr_seconds > 0


def test_reading_runs_in_the_background_after_the_upload_commits(
    alice, settings, django_capture_on_commit_callbacks
) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }

    with django_capture_on_commit_callbacks(execute=True):
        [card] = services.capture_cards(
            owner=alice, event="Fair", uploads=[as_upload("c.jpg", card_bytes(CARDS[1]))]
        )
        assert Card.objects.get(pk=card.pk).status == Card.Status.QUEUED

    card.refresh_from_db()
    assert card.status == Card.Status.READ
    assert card.fields["email"] == "d.fischer@brightlinehealth.com"


def test_a_broken_engine_leaves_a_card_to_type_by_hand(alice, monkeypatch) -> None:
    card = make_card(alice)

    def broken(image):
        raise RuntimeError("onnxruntime fell over")

    monkeypatch.setattr(ocr, "read_lines", broken)
    card = services.read_card(card_id=card.pk)

    assert card.status == Card.Status.FAILED
    assert Card.objects.get(pk=card.pk).status == Card.Status.FAILED


def test_reading_leaves_a_card_saved_meanwhile_alone(alice) -> None:
    card = make_card(alice)
    save(card)

    assert services.read_card(card_id=card.pk) is None
    assert Card.objects.get(pk=card.pk).status == Card.Status.SAVED


def test_the_phone_region_is_the_holiday_country(alice, mallory) -> None:
    assert services.phone_region_for(alice) == "US"
    assert services.phone_region_for(mallory) is None
