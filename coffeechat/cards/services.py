"""Writes for business-card capture: upload, read (OCR), review, save as a person, skip.

A card's photo is kept only while the card waits in the review queue, so the user can check
the fields against it. Saving or skipping the card deletes the photo (the person keeps only
what the user confirmed), and so does deleting the person or the account (signals.py). A
card left in the queue for STALE_AFTER is skipped by the scheduler, photo and all.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta
from functools import partial
from typing import IO

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.cards import images, ocr, parsing
from coffeechat.cards.models import Card
from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversation_services
from coffeechat.network import services as network_services
from coffeechat.network.models import Person

logger = logging.getLogger(__name__)

MAX_FILES = 20
MAX_REQUEST_PIXELS = 100_000_000  # eight 12-megapixel phone photos, or three at 30
MAX_WAITING = 60  # cards queued for OCR per person: the "cards" worker serves everyone
STALE_AFTER = timedelta(days=30)
Status = Card.Status


def phone_region_for(owner: User) -> str | None:
    """The region whose numbers need no country code: the user's public-holiday country."""
    region = (owner.holiday_country or "").upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def capture_cards(
    *, owner: User, event: str, uploads: list[tuple[str, int, IO[bytes]]]
) -> list[Card]:
    """Store each upload (name, size, file) as a card to read, and queue it for OCR.

    All or nothing: when any file is refused, nothing is stored and the ValidationError
    lists every refused file.
    """
    event = " ".join(event.split())
    if not event:
        raise ValidationError({"event": "Say where you met them, e.g. Spring career fair 2026."})
    if not uploads:
        raise ValidationError("Take or choose a photo of a card first.")
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"Send at most {MAX_FILES} cards at a time.")
    _check_budgets(owner, uploads)
    return _store(owner, event, [upload.read() for _name, _size, upload in uploads])


def _check_budgets(owner: User, uploads: list[tuple[str, int, IO[bytes]]]) -> None:
    """Refuse, from the photos' headers alone, a request or a queue that would cost too much.

    Decoding is what costs (about 1.3 CPU-seconds per 30-megapixel photo), and the "cards"
    worker does it for everyone: so a request may hold at most MAX_REQUEST_PIXELS, and a
    person at most MAX_WAITING cards waiting to be read. Nothing is decoded in the request.
    """
    pixels, errors = 0, []
    for name, size, upload in uploads:
        try:
            pixels += images.pixels_of(upload, name=name, size=size)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    if pixels > MAX_REQUEST_PIXELS:
        raise ValidationError(
            f"These photos hold {pixels / 1e6:.0f} megapixels together; one upload takes at "
            f"most {MAX_REQUEST_PIXELS // 1_000_000}. Send them in smaller groups (a phone "
            "photo is about 12)."
        )
    waiting = Card.objects.filter(owner=owner, status=Status.QUEUED).count()
    if waiting + len(uploads) > MAX_WAITING:
        raise ValidationError(
            f"{waiting} of your cards are still waiting to be read. Review those first, or "
            "send these again in a few minutes."
        )


def _store(owner: User, event: str, photos: list[bytes]) -> list[Card]:
    # As uploaded, under a name the image view never serves (.upload): the worker decodes
    # and re-encodes it (clean_photo) before anyone sees it.
    cards: list[Card] = []
    try:
        with transaction.atomic():
            for content in photos:
                card = Card(owner=owner, event=event[:200])
                card.image.save("card.upload", ContentFile(content), save=False)
                card.full_clean()
                card.save()
                cards.append(card)
    except Exception:
        for card in cards:  # the rows are rolled back; their files must go too
            card.image.delete(save=False)
        raise
    from coffeechat.cards import tasks

    for card in cards:
        transaction.on_commit(partial(tasks.read_card.enqueue, card_id=card.pk))
    return cards


def clean_photo(*, card: Card) -> bool:
    """Decode the uploaded photo and keep it re-encoded (images.clean_upload); the worker's
    first step. False when it can't be read: the card is then marked failed, its file gone.
    """
    raw = card.image_path
    if not raw.endswith(".upload"):
        return True  # cleaned already (a retried task, or an account import)
    storage = card.image.storage
    try:
        with storage.open(raw, "rb") as file:
            content = file.read()
        image = images.clean_upload(io.BytesIO(content), name="The photo", size=len(content))
    except (ValidationError, OSError):
        now = timezone.now()
        Card.objects.filter(pk=card.pk, image=raw).update(
            image="", status=Status.FAILED, read_at=now, updated_at=now
        )
        card.image, card.status = "", Status.FAILED
        storage.delete(raw)
        return False
    card.image.save(f"card.{image.extension}", ContentFile(image.content), save=False)
    if not Card.objects.filter(pk=card.pk, image=raw).update(image=card.image_path):
        storage.delete(card.image_path)  # saved or skipped meanwhile: _forget took the file
        return False
    storage.delete(raw)
    return True


def read_card(*, card_id: int) -> Card | None:
    """Run OCR on a queued card and keep what it found. None when there is nothing to read.

    OCR runs outside any transaction (it takes up to a second); the result is written only
    if the card is still queued, so a card saved or skipped meanwhile stays as the user left it.
    """
    card = Card.objects.filter(pk=card_id, status=Status.QUEUED).select_related("owner").first()
    if card is None or not card.image:
        return None
    if not clean_photo(card=card):
        return card
    try:
        with card.image.open("rb") as file:
            content = file.read()
        lines, seconds = ocr.read_lines(content)
    except Exception:
        # A broken engine or a vanished file: the user can still type the fields.
        logger.exception("OCR failed for card %s", card.pk)
        Card.objects.filter(pk=card.pk, status=Status.QUEUED).update(
            status=Status.FAILED, read_at=timezone.now(), updated_at=timezone.now()
        )
        card.status = Status.FAILED
        return card
    return store_reading(card=card, lines=lines, seconds=seconds)


def store_reading(
    *,
    card: Card,
    lines: list[parsing.OcrLine],
    seconds: float | None = None,
    now: datetime | None = None,
) -> Card:
    """Keep the OCR lines and the fields parsed from them on a queued card."""
    now = now or timezone.now()
    fields = parsing.parse_card(lines, region=phone_region_for(card.owner)).as_dict()
    text = "\n".join(line.text for line in lines)
    claimed = Card.objects.filter(pk=card.pk, status=Status.QUEUED).update(
        status=Status.READ,
        fields=fields,
        text=text,
        ocr_seconds=seconds,
        read_at=now,
        updated_at=now,
    )
    if claimed:
        card.status, card.fields, card.text = Status.READ, fields, text
        card.ocr_seconds, card.read_at = seconds, now
    return card


@transaction.atomic
def save_card(
    *,
    card: Card,
    full_name: str,
    title: str = "",
    organization_name: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    address: str = "",
    met_at: str = "",
    notes: str = "",
    follow_up: bool = True,
    now: datetime | None = None,
) -> Person:
    """Add the reviewed card to the network as someone met at the event, with a reminder.

    The person is connected as "met at an event", with the event as where you met. With
    `follow_up`, a conversation starts and a reminder to follow up falls due on the next
    business morning in the owner's calendar. The card is claimed first, so a double submit
    adds the person once.
    """
    now = now or timezone.now()
    claimed = Card.objects.filter(pk=card.pk, status__in=Card.OPEN).update(
        status=Status.SAVED, updated_at=now
    )
    if not claimed:
        raise ValidationError("This card was already saved or skipped.")
    met_at = " ".join(met_at.split()) or card.event
    linkedin = website if "linkedin.com/" in website.lower() else ""
    person = network_services.add_person(
        owner=card.owner,
        full_name=full_name,
        title=title.strip(),
        organization_name=organization_name,
        email=email.strip(),
        phone=phone.strip(),
        linkedin_url=linkedin,
        connection=Person.Connection.EVENT,
        met_at=met_at,
        notes=_notes(notes, website="" if linkedin else website, address=address),
    )
    if person.organization and website and not linkedin and not person.organization.website:
        network_services.update_organization(organization=person.organization, website=website)
    conversation_services.log_activity(
        person=person,
        action="cards.card.saved",
        when=now,
        summary=f"Added from a business card ({met_at})",
    )
    if follow_up:
        _plan_follow_up(person, met_at, now)
    card.status, card.person = Status.SAVED, person
    _forget(card, now)
    return person


def _notes(notes: str, *, website: str, address: str) -> str:
    lines = [notes.strip()] if notes.strip() else []
    if website.strip():
        lines.append(f"Website: {website.strip()}")
    if address.strip():
        lines.append(f"Address: {' '.join(address.split())}")
    return "\n".join(lines)


def _plan_follow_up(person: Person, event: str, now: datetime) -> None:
    calendar = person.owner.calendar
    conversation = conversation_services.start_conversation(
        owner=person.owner, person=person, now=now
    )
    reminders.add_reminder(
        conversation=conversation,
        title=f"Follow up with {person} from {event}"[:300],
        due_at=calendar.next_business_morning(now),
    )


def _forget(card: Card, now: datetime) -> None:
    """Drop the photo and what OCR read; keep the row so a repeated request is recognised."""
    name, storage = card.image.name, card.image.storage
    Card.objects.filter(pk=card.pk).update(
        image="", fields={}, text="", person=card.person, updated_at=now
    )
    card.image, card.fields, card.text = "", {}, ""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def skip_card(*, card: Card, now: datetime | None = None) -> Card:
    """Take the card out of the queue without adding anyone; its photo is deleted."""
    now = now or timezone.now()
    claimed = Card.objects.filter(pk=card.pk, status__in=Card.OPEN).update(
        status=Status.SKIPPED, updated_at=now
    )
    if claimed:
        card.status = Status.SKIPPED
        _forget(card, now)
    return card


def skip_next_stale_card(now: datetime | None = None) -> bool:
    """Skip one card left unreviewed for STALE_AFTER. Return False when there is none."""
    now = now or timezone.now()
    card = Card.objects.filter(status__in=Card.OPEN, created_at__lt=now - STALE_AFTER).first()
    if card is None:
        return False
    skip_card(card=card, now=now)
    return True
