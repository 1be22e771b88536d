"""alice's world of canaries: unique strings in her rows, and the rows built through the
services, for the route walks (test_isolation.py, test_csrf.py, the API's) and the export
tests. Any page mallory sees must contain none of the canaries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.cards import services as card_services
from coffeechat.cards.models import Card
from coffeechat.cards.parsing import OcrLine
from coffeechat.conversations import meetings, reminders
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Conversation, Meeting, SlotProposal, Stage
from coffeechat.imports import services as import_services
from coffeechat.imports.models import ContactImport
from coffeechat.lib.testing.cardgen import png_bytes
from coffeechat.lib.testing.route_types import World, app_tables
from coffeechat.network import services as network_services
from coffeechat.network.models import Person
from coffeechat.outreach import services as outreach_services
from coffeechat.prep import services as prep_services
from coffeechat.scheduling import services as scheduling_services

# Strings that appear nowhere but in alice's rows: any page mallory sees must have none of them.
CANARY_PERSON = "Zqxv Canaryperson"
CANARY_PERSON_2 = "Wyvk Canaryfriend"
CANARY_ORG = "Canaryorg Jjq"
CANARY_TAG = "canarytagqx"
CANARY_EMAIL = "canary-zq7@example.org"
CANARY_PURPOSE = "Canarypurpose how pipelines work"
CANARY_REMINDER = "Canaryreminder call Zqxv"
CANARY_NOTE = "Canarynote they said Kwyjibo"
CANARY_PLACE = "Canaryplace cafe Ptarmigan"
CANARY_ANSWER = "Canaryanswer ship small Xylofon"
CANARY_ADVICE = "Canaryadvice read Qwertzu"
CANARY_EVENT = "Canaryevent fair Qzxw"
CANARY_CARD = "Canarycard Vexillum"
CANARY_FILE = "Canaryfile Wqzv.csv"
CANARY_TEMPLATE = "Canarytemplate Qwzx"
BASE_CANARIES = (
    CANARY_PERSON,
    CANARY_PERSON_2,
    CANARY_ORG,
    CANARY_TAG,
    CANARY_EMAIL,
    CANARY_PURPOSE,
    CANARY_REMINDER,
    CANARY_NOTE,
    CANARY_PLACE,
    CANARY_EVENT,
    CANARY_CARD,
    CANARY_FILE,
    CANARY_ANSWER,
    CANARY_ADVICE,
    CANARY_TEMPLATE,
)


def build_alice_world(alice: User) -> World:
    now = timezone.now()
    organization = network_services.add_organization(
        owner=alice, name=CANARY_ORG, industry="Canaryindustry"
    )
    person = network_services.add_person(
        owner=alice,
        full_name=CANARY_PERSON,
        organization_name=CANARY_ORG,
        email=CANARY_EMAIL,
        tag_names=[CANARY_TAG],
    )
    other = network_services.add_person(owner=alice, full_name=CANARY_PERSON_2)
    introduction = network_services.add_introduction(
        introducer=person, introduced=other, introduced_on=date(2026, 1, 5)
    )
    conversation = conversation_services.start_conversation(
        owner=alice, person=person, purpose=CANARY_PURPOSE
    )
    conversation_services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED)
    reminder = reminders.add_reminder(
        conversation=conversation, title=CANARY_REMINDER, due_at=now - timedelta(hours=1)
    )
    meeting = meetings.schedule_meeting(
        conversation=conversation,
        starts_at=now + timedelta(days=2),
        minutes=20,
        mode=Meeting.Mode.IN_PERSON,
        place=CANARY_PLACE,
    )
    note = conversation_services.add_note(
        person=person, conversation=conversation, body=CANARY_NOTE
    )
    _outreach_rows(alice)
    outreach_services.save_draft(
        conversation=conversation,
        kind="accept",
        to_email=CANARY_EMAIL,
        subject="Re: a question",
        body="Hi, Tuesday works.",
    )
    world = World(
        owner=alice,
        person=person,
        other_person=other,
        organization=organization,
        tag=person.tags.get(),
        conversation=conversation,
        reminder=reminder,
        meeting=meeting,
        note=note,
        introduction=introduction,
        card=_card_to_review(alice),
        contact_import=_import_to_review(alice),
        proposal=_slot_to_confirm(conversation),
        **_prep_rows(conversation),
    )
    for table in app_tables():
        if hasattr(table, "build"):
            table.build(world)
    return world


def _prep_rows(conversation: Conversation) -> dict[str, Any]:
    question = prep_services.add_question(conversation=conversation, text="What surprised you?")
    prep_services.save_live(
        conversation=conversation,
        brief={"live_notes": CANARY_ANSWER},
        answers={question.pk: {"answer": CANARY_ANSWER}},
    )
    capture = prep_services.add_capture(
        conversation=conversation, kind="advice", text=CANARY_ADVICE
    )
    return {"question": question, "capture": capture}


def _slot_to_confirm(conversation: Conversation) -> SlotProposal:
    # Alice's calendar feed is on too: its secret URL is a route of its own (TOKEN_ROUTES).
    scheduling_services.regenerate_feed_token(user=conversation.owner)
    now = timezone.now()
    return scheduling_services.propose_slots(
        conversation=conversation,
        starts=[now + timedelta(days=3), now + timedelta(days=4)],
        minutes=20,
        mode=Meeting.Mode.IN_PERSON,
        place=CANARY_PLACE,
    )[0]


def _import_to_review(owner: User) -> ContactImport:
    data = f"Name,Email\n{CANARY_PERSON},{CANARY_EMAIL}\nImported Friend,\n".encode()
    contact_import = import_services.receive_file(owner=owner, filename=CANARY_FILE, data=data)
    import_services.set_mapping(
        contact_import=contact_import, mapping={"full_name": 0, "email": 1}, connection="cold"
    )
    return import_services.analyse(contact_import=contact_import)


def _card_to_review(owner: User) -> Card:
    [card] = card_services.capture_cards(
        owner=owner, event=CANARY_EVENT, uploads=[("card.png", len(png_bytes()), png_upload())]
    )
    card_services.clean_photo(card=card)  # the worker's first step
    return card_services.store_reading(card=card, lines=[OcrLine(CANARY_CARD)])


def png_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("card.png", png_bytes(), content_type="image/png")


def build_plain_world(owner: User, name: str) -> Person:
    """Some rows of another user's, so their pages aren't empty."""
    person = network_services.add_person(
        owner=owner,
        full_name=f"{name} Contact",
        organization_name=f"{name} Org",
        tag_names=["friends"],
    )
    conversation = conversation_services.start_conversation(owner=owner, person=person)
    reminders.add_reminder(
        conversation=conversation,
        title=f"{name} reminder",
        due_at=timezone.now() - timedelta(hours=2),
    )
    return person


def _outreach_rows(owner: User) -> None:
    # Not in World (the composer came later): routes find them by owner, see below.
    outreach_services.create_template(
        owner=owner, name=CANARY_TEMPLATE, kind="request", body="Hi {first_name}"
    )
