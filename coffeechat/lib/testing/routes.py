"""Every URL pattern of the project, classified, and the rows the route tests act on.

test_isolation.py fails when a pattern appears that is in none of these tables, so a new
view can't ship without saying who may reach it. test_csrf.py reuses the same tables.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
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
from coffeechat.lib.testing.route_types import Route, World
from coffeechat.network import services as network_services
from coffeechat.network.models import Person
from coffeechat.outreach import services as outreach_services
from coffeechat.outreach.models import Message, Template
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
        owner=owner, event=CANARY_EVENT, uploads=[("card.png", len(png_bytes()), _png())]
    )
    card_services.clean_photo(card=card)  # the worker's first step
    return card_services.store_reading(card=card, lines=[OcrLine(CANARY_CARD)])


def _png() -> SimpleUploadedFile:
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


# The apps whose rows the route tests compare before and after (exports' zips are built on
# demand by the routes themselves, so they are left out).
ROW_APPS = tuple(
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith("coffeechat.")
    and config.label != "accounts"
    and config.label != "exports"
    and any(True for _ in config.get_models())
)


def _owned(model: type[models.Model]) -> bool:
    return any(f.name == "owner" for f in model._meta.concrete_fields)


def project_rows(owner: User | None = None) -> dict[str, Any]:
    """Every row of the project's own models (only `owner`'s when given): each model's rows as
    tuples of every column in pk order, and each many-to-many field as (pk, linked pk) pairs.

    Compared before and after a request in each of the walks' thousands of tests; plain
    values_list() reads are a third of what serializing every row to JSON cost.
    """
    rows: dict[str, Any] = {}
    for label in ("accounts", *ROW_APPS):
        for model in apps.get_app_config(label).get_models():
            queryset = model.objects.order_by("pk")
            if owner is not None and model is not User and not _owned(model):
                continue  # shared reference data (no owner): nobody's rows
            if owner is not None:
                queryset = queryset.filter(
                    **({"pk": owner.pk} if model is User else {"owner": owner})
                )
            columns = [
                f.attname
                for f in model._meta.concrete_fields
                if not (model is User and f.name == "last_login")
            ]
            rows[model._meta.label] = list(queryset.values_list(*columns))
            for m2m in model._meta.many_to_many:
                rows[f"{model._meta.label}.{m2m.name}"] = list(
                    queryset.values_list("pk", m2m.name).order_by("pk", m2m.name)
                )
    return rows


# The project's own routes ----------------------------------------------------------------------


def _tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def _account_import(w: World) -> Any:
    """A finished account import of the owner (rows only: no zip is kept after one)."""
    from coffeechat.exports.models import AccountImport

    return AccountImport.objects.get_or_create(
        owner=w.owner, status="done", defaults={"summary": "3 people"}
    )[0]


def _ready_export(w: World) -> Any:
    """The owner's finished account zip, built on first use (exports are not in World)."""
    from coffeechat.exports import services as export_services
    from coffeechat.exports.models import AccountExport

    export = AccountExport.objects.filter(owner=w.owner, status="ready").first()
    if export is None:
        export = export_services.request_export(owner=w.owner)
        export_services.build_export(export_id=export.pk)
        export.refresh_from_db()
    return export


def _decisions(w: World, decision: str) -> dict[str, str]:
    return {
        f"row_{pk}": decision
        for pk in w.contact_import.rows.filter(outcome__in=["duplicate", "uncertain"]).values_list(
            "pk", flat=True
        )
    }


def _outreach_rows(owner: User) -> None:
    # Not in World (the composer came later): routes find them by owner, see below.
    outreach_services.create_template(
        owner=owner, name=CANARY_TEMPLATE, kind="request", body="Hi {first_name}"
    )


def _outreach_message(w: World) -> Message:
    return Message.objects.filter(owner=w.owner).order_by("pk").first()


def _outreach_template(w: World) -> Template:
    return Template.objects.get(owner=w.owner)


# Posts that pass the composer's lint for World's conversation (scheduled, so a reply).
_ACCEPT_POST = {
    "kind": "accept",
    "to_email": CANARY_EMAIL,
    "subject": "Re: coffee",
    "body": "Hi,\n\nWould Tue 10:00 or Wed 14:00 work?\n\nBest,\nA",
}
_NOTE_POST = {"kind": "linkedin_note", "body": "Hi, we met at the meetup. Glad to connect."}


def _person_post(w: World) -> dict[str, Any]:
    return {
        "full_name": "Overwritten",
        "organization_name": "Elsewhere",
        "email": "",
        "connection": "cold",
        "tag_names": "x",
    }


def _conversation_id(w: World) -> dict[str, int]:
    return {"conversation_id": w.conversation.pk}


# (a) Routes that take the id of someone's row: another user must get 404 and change nothing.
OBJECT_ROUTES: dict[str, Route] = {
    "network:person": Route(kwargs=lambda w: {"person_id": w.person.pk}, post=_person_post),
    "network:person-edit": Route(kwargs=lambda w: {"person_id": w.person.pk}, post=_person_post),
    "network:add-introduction": Route(
        kwargs=lambda w: {"person_id": w.other_person.pk},
        post_only=True,
        post=lambda w: {"introduced": w.person.pk, "introduced_on": "2026-02-01"},
    ),
    "network:organization": Route(
        kwargs=lambda w: {"organization_id": w.organization.pk},
        post=lambda w: {"name": "Overwritten"},
    ),
    "network:organization-edit": Route(
        kwargs=lambda w: {"organization_id": w.organization.pk},
        post=lambda w: {"name": "Overwritten", "industry": "x"},
    ),
    "conversations:start": Route(
        kwargs=lambda w: {"person_id": w.person.pk},
        post_only=True,
        post=lambda w: {"purpose": "Overwritten"},
    ),
    "conversations:add-person-note": Route(
        kwargs=lambda w: {"person_id": w.person.pk},
        post_only=True,
        post=lambda w: {"body": "Injected"},
    ),
    "conversations:conversation": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post=lambda w: {"stage": "declined"},
    ),
    "conversations:move": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {"stage": "declined"},
    ),
    "conversations:follow-up": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk}, post_only=True
    ),
    "conversations:schedule": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {"starts_at": f"{_tomorrow()}T10:00", "minutes": "20", "mode": "video"},
    ),
    "conversations:add-note": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {"body": "Injected"},
    ),
    "conversations:add-reminder": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {"title": "Injected", "due_on": _tomorrow()},
    ),
    "conversations:reminder-done": Route(
        kwargs=lambda w: {"reminder_id": w.reminder.pk}, post_only=True
    ),
    "conversations:reminder-dismiss": Route(
        kwargs=lambda w: {"reminder_id": w.reminder.pk}, post_only=True
    ),
    # Preparation, the conversation itself and after (coffeechat.prep).
    "prep:brief": Route(kwargs=_conversation_id, post=lambda w: {"introduction": "Overwritten"}),
    "prep:add-question": Route(
        kwargs=_conversation_id, post_only=True, post=lambda w: {"text": "Injected?"}
    ),
    "prep:add-suggested": Route(kwargs=_conversation_id, post_only=True),
    "prep:pdf": Route(kwargs=_conversation_id),
    "prep:card": Route(kwargs=_conversation_id),
    "prep:live": Route(kwargs=_conversation_id, post=lambda w: {"live_notes": "Overwritten"}),
    "prep:add-capture": Route(
        kwargs=_conversation_id,
        post_only=True,
        post=lambda w: {"kind": "advice", "text": "Injected"},
    ),
    "prep:add-referral": Route(
        kwargs=_conversation_id, post_only=True, post=lambda w: {"full_name": "Injected Person"}
    ),
    "prep:held": Route(kwargs=_conversation_id, post_only=True),
    "prep:after": Route(
        kwargs=_conversation_id, post=lambda w: {"reflection-learned": "Overwritten"}
    ),
    "prep:question": Route(
        kwargs=lambda w: {"question_id": w.question.pk},
        post_only=True,
        post=lambda w: {"text": "Overwritten?"},
    ),
    "prep:move-question": Route(
        kwargs=lambda w: {"question_id": w.question.pk},
        post_only=True,
        post=lambda w: {"direction": "up"},
    ),
    "prep:delete-question": Route(kwargs=lambda w: {"question_id": w.question.pk}, post_only=True),
    "prep:delete-capture": Route(kwargs=lambda w: {"capture_id": w.capture.pk}, post_only=True),
    "prep:keep-in-touch": Route(
        kwargs=lambda w: {"person_id": w.person.pk}, post=lambda w: {"keep_in_touch_weeks": "12"}
    ),
    "prep:log-touch": Route(
        kwargs=lambda w: {"person_id": w.person.pk},
        post_only=True,
        post=lambda w: {"note": "Injected"},
    ),
    # Business cards (coffeechat/cards): review and save, skip, the photo.
    "cards:card": Route(
        kwargs=lambda w: {"card_id": w.card.pk},
        post=lambda w: {"full_name": "Overwritten", "met_at": "Elsewhere", "follow_up": "on"},
    ),
    "cards:skip": Route(kwargs=lambda w: {"card_id": w.card.pk}, post_only=True),
    "cards:image": Route(kwargs=lambda w: {"card_id": w.card.pk}),
    # The composer (coffeechat/outreach): alice's conversation, person and templates.
    "outreach:compose": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post=lambda w: {"kind": "request", "body": "Injected"},
    ),
    "outreach:lint": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {"kind": "request", "body": "x"},
    ),
    "outreach:send": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: _ACCEPT_POST,
    ),
    "outreach:sent-elsewhere": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: _NOTE_POST,
    ),
    "outreach:rewrite": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {"kind": "request", "body": "x"},
    ),
    "outreach:retry": Route(
        kwargs=lambda w: {"message_id": _outreach_message(w).pk}, post_only=True
    ),
    "outreach:compose-person": Route(kwargs=lambda w: {"person_id": w.person.pk}, post_only=True),
    "outreach:template-edit": Route(
        kwargs=lambda w: {"template_id": _outreach_template(w).pk},
        post=lambda w: {"name": "Overwritten", "kind": "request", "body": "Injected"},
    ),
    "outreach:template-delete": Route(
        kwargs=lambda w: {"template_id": _outreach_template(w).pk}, post_only=True
    ),
    # Exports (coffeechat/exports): alice's zip, her person's card, forgetting her person.
    "exports:export": Route(kwargs=lambda w: {"export_id": _ready_export(w).pk}),
    "exports:download": Route(kwargs=lambda w: {"export_id": _ready_export(w).pk}),
    "exports:account-import": Route(kwargs=lambda w: {"import_id": _account_import(w).pk}),
    "exports:person-vcf": Route(kwargs=lambda w: {"person_id": w.person.pk}),
    "exports:forget-person": Route(kwargs=lambda w: {"person_id": w.other_person.pk}),
    # Imports (coffeechat/imports): alice's CSV waiting for review, and its steps.
    "imports:import": Route(kwargs=lambda w: {"import_id": w.contact_import.pk}),
    "imports:mapping": Route(
        kwargs=lambda w: {"import_id": w.contact_import.pk},
        post=lambda w: {"full_name": "0", "connection": "known"},
    ),
    "imports:matches": Route(
        kwargs=lambda w: {"import_id": w.contact_import.pk}, post=lambda w: _decisions(w, "skip")
    ),
    "imports:apply": Route(kwargs=lambda w: {"import_id": w.contact_import.pk}, post_only=True),
    "imports:undo": Route(kwargs=lambda w: {"import_id": w.contact_import.pk}),
    "imports:retry": Route(kwargs=lambda w: {"import_id": w.contact_import.pk}, post_only=True),
    "imports:discard": Route(kwargs=lambda w: {"import_id": w.contact_import.pk}, post_only=True),
    # Scheduling (coffeechat/scheduling): offer times, confirm one, the meeting's calendar.
    "scheduling:propose": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {
            "offer-slot_1": f"{_tomorrow()}T10:00",
            "offer-slot_2": f"{_tomorrow()}T11:00",
            "offer-mode": "video",
        },
    ),
    "scheduling:confirm": Route(kwargs=lambda w: {"proposal_id": w.proposal.pk}, post_only=True),
    "scheduling:meeting-ics": Route(kwargs=lambda w: {"meeting_id": w.meeting.pk}),
    # Mails alice's own person (the test mailer keeps it); mallory gets 404 before that.
    "scheduling:send-invite": Route(kwargs=lambda w: {"meeting_id": w.meeting.pk}, post_only=True),
    "scheduling:reschedule": Route(
        kwargs=lambda w: {"meeting_id": w.meeting.pk},
        post_only=True,
        post=lambda w: {
            f"move-{w.meeting.pk}-starts_at": f"{_tomorrow()}T12:00",
            f"move-{w.meeting.pk}-mode": "video",
        },
    ),
    "scheduling:cancel": Route(kwargs=lambda w: {"meeting_id": w.meeting.pk}, post_only=True),
    "scheduling:upload-answer": Route(
        kwargs=lambda w: {"meeting_id": w.meeting.pk}, post_only=True
    ),
}

# (b) Routes without an id: lists, searches and forms. They show the signed-in user's own rows
# only, so none of another user's canaries; `get_query` aims the search at the canaries.
PAGE_ROUTES: dict[str, Route] = {
    "conversations:home": Route(),
    "conversations:today": Route(),
    "conversations:pipeline": Route(),
    "prep:going-cold": Route(),
    "network:people": Route(get_query={"q": "Canary"}),
    "network:organizations": Route(get_query={"q": "Canary"}),
    "network:person-new": Route(
        post=lambda w: {
            "full_name": "New Friend",
            "organization_name": CANARY_ORG,
            "connection": "cold",
        }
    ),
    "network:organization-new": Route(post=lambda w: {"name": CANARY_ORG}),
    "network:quick-add": Route(
        post_only=True,
        post=lambda w: {"full_name": "Quick Friend", "organization_name": CANARY_ORG},
    ),
    "cards:capture": Route(post=lambda w: {"event": "Elsewhere fair", "images": _png()}),
    "cards:queue": Route(),
    "cards:service-worker": Route(),
    "accounts:settings": Route(
        post=lambda w: {
            "display_name": "Renamed",
            "time_zone": "Europe/Paris",
            "working_days": ["0", "1"],
            "meeting_minutes": "30",
        }
    ),
    "exports:your-data": Route(),
    "imports:imports": Route(),
    "imports:new": Route(
        post=lambda w: {
            "file": SimpleUploadedFile(
                "friends.csv", b"Name,Email\nNew Friend,new@example.org\n", content_type="text/csv"
            )
        }
    ),
    "exports:start-export": Route(post_only=True),
    "exports:import": Route(),
    # mallory confirms with her own email and password: her account goes, alice's rows stay.
    "exports:delete-account": Route(
        post=lambda w: {"email": "mallory@example.org", "password": "correct horse battery"}
    ),
    "exports:people-csv": Route(),
    "exports:people-vcf": Route(),
    "exports:meetings-ics": Route(),
    "outreach:templates": Route(),
    "outreach:template-new": Route(
        post=lambda w: {"name": "Mine", "kind": "request", "body": "Hi {first_name}"}
    ),
    "outreach:settings": Route(
        post=lambda w: {
            "smtp_port": "587",
            "smtp_security": "starttls",
            "imap_port": "993",
            "imap_security": "ssl",
            "imap_folder": "INBOX",
            "linkedin_note_limit": "300",
            "daily_request_budget": "3",
        }
    ),
    # They connect to the server typed on the page (nothing is saved) and answer on the page.
    "outreach:test-smtp": Route(post_only=True),
    "outreach:test-imap": Route(post_only=True),
    # The signed-in user's own calendar feed address: make a new one, or turn it off.
    "scheduling:regenerate-feed": Route(post_only=True, post=lambda w: {"go": "1"}),
    "scheduling:turn-off-feed": Route(post_only=True, post=lambda w: {"go": "1"}),
}


# Apps keep their own tables beside their tests -------------------------------------------------


def app_tables() -> list[ModuleType]:
    """Every `coffeechat.<app>.tests.routes` module, in app order.

    Such a module may define OBJECT_ROUTES, PAGE_ROUTES and TOKEN_ROUTES (as above), LISTS (the
    pages where alice must see her canaries), CANARIES, and `build(world)`, which adds the app's
    rows for alice through its services and keeps them in `world.extra`.
    """
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.routes"
        if (
            config.name.startswith("coffeechat.")
            and config.name != "coffeechat.lib"
            and importlib.util.find_spec(f"{config.name}.tests") is not None
            and importlib.util.find_spec(name) is not None
        ):
            found.append(importlib.import_module(name))
    return found


def _merged(attribute: str, base: dict) -> dict:
    merged = dict(base)
    for table in app_tables():
        for key, value in getattr(table, attribute, {}).items():
            assert key not in merged, f"{key} is classified twice"
            merged[key] = value
    return merged


OBJECT_ROUTES = _merged("OBJECT_ROUTES", OBJECT_ROUTES)
PAGE_ROUTES = _merged("PAGE_ROUTES", PAGE_ROUTES)
# (e) Routes that take the key of shared reference data (an O*NET code), not of someone's row:
# the same page for every signed-in user (no 404 for others), showing none of anyone's rows.
REFERENCE_ROUTES: dict[str, Route] = _merged("REFERENCE_ROUTES", {})
PROJECT_ROUTES: dict[str, Route] = {**OBJECT_ROUTES, **PAGE_ROUTES, **REFERENCE_ROUTES}

# (d) Routes read without signing in, where a secret in the URL is the credential (calendar
# apps can't sign in). A wrong or revoked secret must look exactly like one never issued.
TOKEN_ROUTES: dict[str, Callable[[World], dict[str, str]]] = _merged(
    "TOKEN_ROUTES",
    {
        "scheduling:feed": lambda w: {"token": w.owner.calendar_token},
    },
)

# (f) The JSON API's operations (a bearer token, not a session, says who asks), by URL name
# ("api-v1:list_people"): coffeechat/api/tests/test_api_isolation.py walks them the same ways.
API_ROUTES: dict[str, Any] = _merged("API_ROUTES", {})

# (g) Other routes a bearer token opens (`Authorization: Bearer`, a personal access token),
# never the session cookie: the MCP endpoint. csrf-exempt by design, since no browser attaches
# that header by itself; the walk checks that the session alone (or nothing) is refused and
# changes nothing, and the app's own tests cover what its tokens reach.
BEARER_ROUTES: dict[str, Route] = _merged("BEARER_ROUTES", {})

# The pages that list the signed-in user's rows: alice sees her canaries there, mallory none.
LISTS = [
    "conversations:home",
    "conversations:today",
    "conversations:pipeline",
    "network:people",
    "network:organizations",
    "cards:queue",
    *(name for table in app_tables() for name in getattr(table, "LISTS", ())),
]

CANARIES = BASE_CANARIES + tuple(
    canary for table in app_tables() for canary in getattr(table, "CANARIES", ())
)

# (c) Third-party routes, reviewed: allauth's account pages (they act on the signed-in user
# only) and the admin (staff only). A new model in the admin shows up here and must be reviewed.
THIRD_PARTY_ROUTES = frozenset(
    {
        "accounts/login/",
        "accounts/logout/",
        "accounts/inactive/",
        "accounts/signup/",
        "accounts/reauthenticate/",
        "accounts/email/",
        "accounts/confirm-email/",
        "accounts/password/change/",
        "accounts/password/set/",
        "accounts/password/reset/",
        "accounts/login/code/confirm/",
        "accounts/^confirm-email/(?P<key>[-:\\w]+)/$",
        "accounts/password/reset/key/done/",
        "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        "accounts/password/reset/done/",
        "accounts/2fa/",
        "accounts/2fa/authenticate/",
        "accounts/2fa/reauthenticate/",
        "accounts/2fa/totp/activate/",
        "accounts/2fa/totp/deactivate/",
        "accounts/2fa/recovery-codes/",
        "accounts/2fa/recovery-codes/generate/",
        "accounts/2fa/recovery-codes/download/",
        "accounts/sessions/",
        "admin/",
        "admin/login/",
        "admin/logout/",
        "admin/password_change/",
        "admin/password_change/done/",
        "admin/autocomplete/",
        "admin/jsi18n/",
        "admin/r/<path:content_type_id>/<path:object_id>/",
        *(
            f"admin/{model}/{suffix}"
            for model in (
                "auth/group",
                "account/emailaddress",
                "mfa/authenticator",
                "usersessions/usersession",
                "django_tasks_database/dbtaskresult",
            )
            for suffix in (
                "",
                "add/",
                "<path:object_id>/history/",
                "<path:object_id>/delete/",
                "<path:object_id>/change/",
                "<path:object_id>/",
            )
        ),
        "admin/^(?P<app_label>auth|account|mfa|usersessions|django_tasks_database)/$",
        "admin/(?P<url>.*)$",
    }
)


@dataclass(frozen=True)
class Pattern:
    route: str  # the full pattern, e.g. "people/<int:person_id>/"
    name: str | None  # "network:person", None for unnamed patterns
    module: str  # where the view lives


def all_patterns() -> Iterator[Pattern]:
    """Every URL pattern of the project, walked recursively through includes."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Pattern]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry, prefix + str(entry.pattern), inner)
            else:
                assert isinstance(entry, URLPattern)
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield Pattern(
                    route=prefix + str(entry.pattern),
                    name=name,
                    module=entry.lookup_str.rpartition(".")[0],
                )

    return walk(get_resolver(), "", "")


def cross_owner_links() -> list[str]:
    """Rows that point at a row of another owner's (there must be none)."""
    from coffeechat.lib.models import OwnedModel

    found = []
    for label in ROW_APPS:
        for model in apps.get_app_config(label).get_models():
            if not _owned(model):
                continue
            for fk in model._meta.concrete_fields:
                target = fk.related_model
                if (
                    not fk.is_relation
                    or fk.name == "owner"
                    or target is None
                    or not issubclass(target, OwnedModel)
                ):
                    continue
                bad = model.objects.exclude(**{fk.name: None}).exclude(
                    **{f"{fk.name}__owner": models.F("owner")}
                )
                found += [
                    f"{model._meta.label}.{fk.name} pk={pk}"
                    for pk in bad.values_list("pk", flat=True)
                ]
            for m2m in model._meta.many_to_many:
                if not issubclass(m2m.related_model, OwnedModel):
                    continue
                source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
                bad = m2m.remote_field.through.objects.exclude(
                    **{f"{source}__owner": models.F(f"{target}__owner")}
                )
                found += [
                    f"{model._meta.label}.{m2m.name} pk={pk}"
                    for pk in bad.values_list("pk", flat=True)
                ]
    return found
