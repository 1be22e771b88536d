"""Every URL pattern of the project, classified.

test_isolation.py fails when a pattern appears that is in none of these tables, so a new
view can't ship without saying who may reach it. test_csrf.py reuses the same tables. The
rows the walks act on are built in canaries.py and compared through rows.py; the patterns
come from patterns.py. (`name as name` imports are re-exported for the apps' tests that
import them from here.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coffeechat.lib.testing.canaries import BASE_CANARIES, CANARY_EMAIL, CANARY_ORG, png_upload
from coffeechat.lib.testing.canaries import CANARY_PERSON as CANARY_PERSON
from coffeechat.lib.testing.canaries import build_alice_world as build_alice_world
from coffeechat.lib.testing.canaries import build_plain_world as build_plain_world
from coffeechat.lib.testing.route_types import Route, World, app_tables
from coffeechat.lib.testing.rows import cross_owner_links as cross_owner_links
from coffeechat.lib.testing.rows import project_rows as project_rows
from coffeechat.outreach.models import Message, Template

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
    "cards:capture": Route(post=lambda w: {"event": "Elsewhere fair", "images": png_upload()}),
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
