"""Every URL pattern of the project, classified, and the rows the route tests act on.

test_isolation.py fails when a pattern appears that is in none of these tables, so a new
view can't ship without saying who may reach it. test_csrf.py reuses the same tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.core import serializers
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Conversation, Meeting, Note, Reminder, Stage
from coffeechat.network import services as network_services
from coffeechat.network.models import Introduction, Organization, Person, Tag

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
CANARIES = (CANARY_PERSON, CANARY_PERSON_2, CANARY_ORG, CANARY_TAG, CANARY_EMAIL,
            CANARY_PURPOSE, CANARY_REMINDER, CANARY_NOTE, CANARY_PLACE)


@dataclass
class World:
    """One user's rows: a person at an organization, with a conversation and what hangs off it."""

    owner: User
    person: Person
    other_person: Person
    organization: Organization
    tag: Tag
    conversation: Conversation
    reminder: Reminder
    meeting: Meeting
    note: Note
    introduction: Introduction


def build_alice_world(alice: User) -> World:
    now = timezone.now()
    organization = network_services.add_organization(owner=alice, name=CANARY_ORG,
                                                     industry="Canaryindustry")
    person = network_services.add_person(owner=alice, full_name=CANARY_PERSON,
                                         organization_name=CANARY_ORG, email=CANARY_EMAIL,
                                         tag_names=[CANARY_TAG])
    other = network_services.add_person(owner=alice, full_name=CANARY_PERSON_2)
    introduction = network_services.add_introduction(introducer=person, introduced=other,
                                                     introduced_on=date(2026, 1, 5))
    conversation = conversation_services.start_conversation(owner=alice, person=person,
                                                            purpose=CANARY_PURPOSE)
    conversation_services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED)
    reminder = conversation_services.add_reminder(conversation=conversation,
                                                  title=CANARY_REMINDER,
                                                  due_at=now - timedelta(hours=1))
    meeting = conversation_services.schedule_meeting(
        conversation=conversation, starts_at=now + timedelta(days=2), minutes=20,
        mode=Meeting.Mode.IN_PERSON, place=CANARY_PLACE)
    note = conversation_services.add_note(person=person, conversation=conversation,
                                          body=CANARY_NOTE)
    return World(owner=alice, person=person, other_person=other, organization=organization,
                 tag=person.tags.get(), conversation=conversation, reminder=reminder,
                 meeting=meeting, note=note, introduction=introduction)


def build_plain_world(owner: User, name: str) -> Person:
    """Some rows of another user's, so their pages aren't empty."""
    person = network_services.add_person(owner=owner, full_name=f"{name} Contact",
                                         organization_name=f"{name} Org", tag_names=["friends"])
    conversation = conversation_services.start_conversation(owner=owner, person=person)
    conversation_services.add_reminder(conversation=conversation, title=f"{name} reminder",
                                       due_at=timezone.now() - timedelta(hours=2))
    return person


def project_rows(owner: User | None = None) -> dict[str, str]:
    """Every row of the project's own models (only `owner`'s when given), serialized."""
    rows = {}
    for label in ("accounts", "network", "conversations"):
        for model in apps.get_app_config(label).get_models():
            queryset = model.objects.order_by("pk")
            if owner is not None:
                queryset = queryset.filter(**({"pk": owner.pk} if model is User
                                              else {"owner": owner}))
            fields = ([f.name for f in model._meta.concrete_fields if f.name != "last_login"]
                      if model is User else None)
            rows[model._meta.label] = serializers.serialize("json", queryset, fields=fields)
    return rows


# The project's own routes ----------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    """A project route: its URL kwargs and a plausible POST for the given world."""

    kwargs: Callable[[World], dict[str, int]] = lambda w: {}
    post: Callable[[World], dict[str, Any]] = lambda w: {}
    post_only: bool = False
    get_query: dict[str, str] = field(default_factory=dict)


def _tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def _person_post(w: World) -> dict[str, Any]:
    return {"full_name": "Overwritten", "organization_name": "Elsewhere", "email": "",
            "connection": "cold", "tag_names": "x"}


# (a) Routes that take the id of someone's row: another user must get 404 and change nothing.
OBJECT_ROUTES: dict[str, Route] = {
    "network:person": Route(kwargs=lambda w: {"person_id": w.person.pk},
                            post=_person_post),
    "network:person-edit": Route(kwargs=lambda w: {"person_id": w.person.pk},
                                 post=_person_post),
    "network:add-introduction": Route(
        kwargs=lambda w: {"person_id": w.other_person.pk}, post_only=True,
        post=lambda w: {"introduced": w.person.pk, "introduced_on": "2026-02-01"}),
    "network:organization": Route(kwargs=lambda w: {"organization_id": w.organization.pk},
                                  post=lambda w: {"name": "Overwritten"}),
    "network:organization-edit": Route(
        kwargs=lambda w: {"organization_id": w.organization.pk},
        post=lambda w: {"name": "Overwritten", "industry": "x"}),
    "conversations:start": Route(kwargs=lambda w: {"person_id": w.person.pk}, post_only=True,
                                 post=lambda w: {"purpose": "Overwritten"}),
    "conversations:add-person-note": Route(kwargs=lambda w: {"person_id": w.person.pk},
                                           post_only=True, post=lambda w: {"body": "Injected"}),
    "conversations:conversation": Route(kwargs=lambda w: {"conversation_id": w.conversation.pk},
                                        post=lambda w: {"stage": "declined"}),
    "conversations:move": Route(kwargs=lambda w: {"conversation_id": w.conversation.pk},
                                post_only=True, post=lambda w: {"stage": "declined"}),
    "conversations:follow-up": Route(kwargs=lambda w: {"conversation_id": w.conversation.pk},
                                     post_only=True),
    "conversations:schedule": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk}, post_only=True,
        post=lambda w: {"starts_at": f"{_tomorrow()}T10:00", "minutes": "20", "mode": "video"}),
    "conversations:add-note": Route(kwargs=lambda w: {"conversation_id": w.conversation.pk},
                                    post_only=True, post=lambda w: {"body": "Injected"}),
    "conversations:add-reminder": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk}, post_only=True,
        post=lambda w: {"title": "Injected", "due_on": _tomorrow()}),
    "conversations:reminder-done": Route(kwargs=lambda w: {"reminder_id": w.reminder.pk},
                                         post_only=True),
    "conversations:reminder-dismiss": Route(kwargs=lambda w: {"reminder_id": w.reminder.pk},
                                            post_only=True),
}

# (b) Routes without an id: lists, searches and forms. They show the signed-in user's own rows
# only, so none of another user's canaries; `get_query` aims the search at the canaries.
PAGE_ROUTES: dict[str, Route] = {
    "conversations:home": Route(),
    "conversations:today": Route(),
    "conversations:pipeline": Route(),
    "network:people": Route(get_query={"q": "Canary"}),
    "network:organizations": Route(get_query={"q": "Canary"}),
    "network:person-new": Route(
        post=lambda w: {"full_name": "New Friend", "organization_name": CANARY_ORG,
                        "connection": "cold"}),
    "network:organization-new": Route(post=lambda w: {"name": CANARY_ORG}),
    "network:quick-add": Route(post_only=True,
                               post=lambda w: {"full_name": "Quick Friend",
                                               "organization_name": CANARY_ORG}),
    "accounts:settings": Route(
        post=lambda w: {"display_name": "Renamed", "time_zone": "Europe/Paris",
                        "working_days": ["0", "1"], "meeting_minutes": "30"}),
}

PROJECT_ROUTES: dict[str, Route] = {**OBJECT_ROUTES, **PAGE_ROUTES}

# (c) Third-party routes, reviewed: allauth's account pages (they act on the signed-in user
# only) and the admin (staff only). A new model in the admin shows up here and must be reviewed.
THIRD_PARTY_ROUTES = frozenset({
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
    "admin/",
    "admin/login/",
    "admin/logout/",
    "admin/password_change/",
    "admin/password_change/done/",
    "admin/autocomplete/",
    "admin/jsi18n/",
    "admin/r/<path:content_type_id>/<path:object_id>/",
    *(f"admin/{model}/{suffix}"
      for model in ("auth/group", "account/emailaddress", "mfa/authenticator",
                    "django_tasks_database/dbtaskresult")
      for suffix in ("", "add/", "<path:object_id>/history/", "<path:object_id>/delete/",
                     "<path:object_id>/change/", "<path:object_id>/")),
    "admin/^(?P<app_label>auth|account|mfa|django_tasks_database)/$",
    "admin/(?P<url>.*)$",
})


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
                yield Pattern(route=prefix + str(entry.pattern), name=name,
                              module=entry.lookup_str.rpartition(".")[0])

    return walk(get_resolver(), "", "")


def cross_owner_links() -> list[str]:
    """Rows that point at a row of another owner's (there must be none)."""
    from coffeechat.lib.models import OwnedModel

    found = []
    for label in ("network", "conversations"):
        for model in apps.get_app_config(label).get_models():
            for fk in model._meta.concrete_fields:
                target = fk.related_model
                if (not fk.is_relation or fk.name == "owner" or target is None
                        or not issubclass(target, OwnedModel)):
                    continue
                bad = model.objects.exclude(**{fk.name: None}).exclude(
                    **{f"{fk.name}__owner": models.F("owner")})
                found += [f"{model._meta.label}.{fk.name} pk={pk}"
                          for pk in bad.values_list("pk", flat=True)]
    bad_tags = Person.tags.through.objects.exclude(tag__owner=models.F("person__owner"))
    found += [f"Person.tags pk={pk}" for pk in bad_tags.values_list("pk", flat=True)]
    return found
