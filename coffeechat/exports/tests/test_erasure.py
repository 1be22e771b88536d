"""Forgetting a person and deleting an account (security.md T18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Activity, Conversation, Meeting, Note, Reminder
from coffeechat.exports import services, walk
from coffeechat.exports.models import AccountExport
from coffeechat.exports.tests.seed import seed_everything
from coffeechat.lib.testing.databases import sqlite_file_bytes
from coffeechat.lib.testing.routes import CANARY_PERSON, build_alice_world, build_plain_world
from coffeechat.network.models import Introduction, Organization, Person, Tag
from coffeechat.outreach.models import Message


def _pks_by_model(user: User) -> dict[type, set[int]]:
    return {
        owned.model: set(owned.rows_of(user).values_list("pk", flat=True))
        for owned in walk.user_linked_models()
    }


def _surviving(pks: dict[type, set[int]]) -> dict[str, int]:
    left = {
        model._meta.label: model._default_manager.filter(pk__in=ids).count()
        for model, ids in pks.items()
    }
    return {label: n for label, n in left.items() if n}


# Forget this person ----------------------------------------------------------------------------


def test_forgetting_a_person_deletes_everything_about_them(alice) -> None:
    seeded = seed_everything(alice)
    person = seeded.world.person
    conversation = seeded.world.conversation

    services.forget_person(person=person)

    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    for model in (Meeting, Reminder, Message):
        assert not model.objects.filter(conversation_id=conversation.pk).exists()
    assert not Note.objects.filter(person_id=person.pk).exists()
    assert not Activity.objects.filter(person_id=person.pk).exists()
    assert not Introduction.objects.filter(owner=alice).exists()  # both ways


def test_forgetting_a_person_keeps_organizations_tags_and_other_people(alice) -> None:
    world = build_alice_world(alice)

    services.forget_person(person=world.person)

    assert Organization.objects.filter(pk=world.organization.pk).exists()
    assert Tag.objects.filter(pk=world.tag.pk).exists()
    assert Person.objects.filter(pk=world.other_person.pk).exists()


def test_forgetting_a_person_leaves_other_users_alone(alice, mallory) -> None:
    world = build_alice_world(alice)
    theirs = build_plain_world(mallory, "Mallory")

    services.forget_person(person=world.person)

    assert Person.objects.filter(pk=theirs.pk).exists()
    assert Conversation.objects.filter(owner=mallory).count() == 1


def test_the_forget_page_confirms_before_deleting(alice, alice_client: Client) -> None:
    world = build_alice_world(alice)
    url = reverse("exports:forget-person", args=[world.person.pk])

    page = alice_client.get(url)
    assert page.status_code == 200
    assert b"conversations" in page.content  # it says what goes with them
    assert Person.objects.filter(pk=world.person.pk).exists()

    response = alice_client.post(url)

    assert response.status_code == 302
    assert not Person.objects.filter(pk=world.person.pk).exists()


# Delete the account ----------------------------------------------------------------------------


def test_deleting_an_account_leaves_no_row_of_any_user_linked_model(
    alice, mallory, django_capture_on_commit_callbacks
) -> None:
    seed_everything(alice)
    build_plain_world(mallory, "Mallory")
    export = services.request_export(owner=alice)
    services.build_export(export_id=export.pk)
    export.refresh_from_db()
    zip_path = Path(export.file.path)
    before, mallorys = _pks_by_model(alice), _pks_by_model(mallory)

    with pytest.raises(AssertionError):  # the control: the walk found rows to delete
        assert _surviving(before) == {}
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(user=alice)

    assert _surviving(before) == {}
    assert not User.objects.filter(email="alice@example.org").exists()
    assert _pks_by_model(mallory) == mallorys
    assert not zip_path.exists()


def test_deleting_an_account_ends_all_its_sessions(alice, mallory) -> None:
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(alice)
    mallory_client = Client()
    mallory_client.force_login(mallory)

    services.delete_account(user=alice)

    assert Session.objects.count() == 1
    assert mallory_client.get(reverse("conversations:today")).status_code == 200


def test_the_delete_page_needs_the_email_and_password(alice, alice_client: Client) -> None:
    url = reverse("exports:delete-account")

    wrong = alice_client.post(url, {"email": "alice@example.org", "password": "nope"})

    assert wrong.status_code == 400
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_delete_page_signs_out_and_deletes(alice, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("exports:delete-account"),
        {"email": "ALICE@example.org", "password": "correct horse battery"},
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()
    assert alice_client.get(reverse("conversations:today")).status_code == 302  # to sign in


# The bytes on disk -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's own files")
def test_no_canary_is_left_in_the_sqlite_file_or_its_wal(alice) -> None:
    # Committed rows (a transactional test), so the canaries really reach the files first.
    seed_everything(alice)
    database = Path(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert CANARY_PERSON.encode() in sqlite_file_bytes(database)  # the control

    services.delete_account(user=alice)

    raw = sqlite_file_bytes(database) + sqlite_file_bytes(Path(f"{database}-wal"))
    assert CANARY_PERSON.encode() not in raw
    assert b"Canary" not in raw


def test_export_records_go_with_the_account(alice) -> None:
    services.request_export(owner=alice)

    services.delete_account(user=alice)

    assert AccountExport.objects.count() == 0


# Forgetting leaves no trace of the name ---------------------------------------------------------

FORGOTTEN_NAME = "Dana Okafor"


def _text_cells_naming(name: str) -> list[str]:
    """Every cell of every table, as text, that holds `name` in any case: table.column."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            columns = [col[0] for col in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if name.casefold() in str(value).casefold():
                        found.append(f"{table}.{column}")
    return found


@pytest.mark.django_db(transaction=True)
def test_forgetting_a_person_leaves_their_name_in_no_row_and_no_database_file(alice) -> None:
    from coffeechat.conversations import services as conversations
    from coffeechat.network import services as network
    from coffeechat.prep import services as prep

    dana = network.add_person(
        owner=alice,
        full_name=FORGOTTEN_NAME,
        email="dana@northwind.example",
        organization_name="Northwind",
    )
    with_dana = conversations.start_conversation(owner=alice, person=dana)
    # The person Dana referred: the app writes her name into their where-met, their
    # conversation's purpose and their timeline.
    prep.add_referral(
        conversation=with_dana,
        full_name="Sam Rivera",
        may_mention=True,
        context="ask about the analytics guild",
    )
    sam = Person.objects.get(owner=alice, full_name="Sam Rivera")
    with_sam = Conversation.objects.get(person=sam)
    conversations.add_note(
        person=sam,
        conversation=with_sam,
        body="Sam worked with DANA OKAFOR (dana@northwind.example) for years.",
    )
    assert _text_cells_naming(FORGOTTEN_NAME)  # the control

    services.forget_person(person=dana)

    assert _text_cells_naming(FORGOTTEN_NAME) == []
    assert _text_cells_naming("dana@northwind.example") == []
    sam.refresh_from_db()
    with_sam.refresh_from_db()
    assert sam.met_at == "Referred by (a person you forgot)"
    assert with_sam.purpose == "Referred by (a person you forgot); may mention their name"
    assert Person.objects.filter(pk=sam.pk).exists()  # the people they referred stay
    if connection.vendor == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        raw = sqlite_file_bytes(database) + sqlite_file_bytes(Path(f"{database}-wal"))
        assert FORGOTTEN_NAME.encode() not in raw
        assert b"dana@northwind.example" not in raw
