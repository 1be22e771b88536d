"""The JSON API as a script sees it: pages, search, errors, ETags, idempotency, rate limits,
drafts that are never sent, reminders, imports."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from coffeechat.api import services
from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Conversation, Reminder
from coffeechat.network import services as network_services
from coffeechat.network.models import Organization, Person
from coffeechat.outreach.models import Message


class Api:
    """A script holding one token."""

    def __init__(self, client: Client, secret: str) -> None:
        self.client, self.headers = client, {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, query: dict | None = None, **headers: str) -> Any:
        return self.client.get(f"/api/v1{path}", query or {}, headers={**self.headers, **headers})

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        return self.client.generic(
            method,
            f"/api/v1{path}",
            json.dumps(body or {}),
            content_type="application/json",
            headers={**self.headers, **headers},
        )

    def post(self, path: str, body: Any = None, **headers: str) -> Any:
        return self.send("POST", path, body, **headers)


@pytest.fixture
def api(alice, client: Client) -> Api:
    return Api(client, services.create_token(owner=alice, name="script", scope="write").secret)


def test_it_pages_people_with_a_cursor_without_repeats_or_gaps(alice, api: Api) -> None:
    names = {f"Person {i:02}" for i in range(7)}
    for name in names:
        network_services.add_person(owner=alice, full_name=name)

    seen, cursor, pages = [], None, 0
    while True:
        page = api.get("/people", {"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        seen += [person["full_name"] for person in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert sorted(seen) == sorted(names)
    assert pages == 3


def test_it_refuses_a_cursor_it_did_not_give(api: Api) -> None:
    response = api.get("/people", {"cursor": "bm90IG91cnM"})

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "field": "cursor",
            "message": "This cursor is not one the API gave out.",
        }
    }


def test_it_searches_people_like_the_people_page(alice, api: Api) -> None:
    network_services.add_person(
        owner=alice, full_name="Dana Whitfield", organization_name="Northwind", tag_names=["data"]
    )
    network_services.add_person(owner=alice, full_name="Sam Ortiz", email="sam@contoso.test")

    by_org = api.get("/people", {"q": "northwind"}).json()["items"]
    by_email = api.get("/people", {"q": "contoso"}).json()["items"]
    by_tag = api.get("/people", {"tag": "DATA"}).json()["items"]

    assert [p["full_name"] for p in by_org] == ["Dana Whitfield"]
    assert by_org[0]["organization"]["name"] == "Northwind" and by_org[0]["tags"] == ["data"]
    assert [p["full_name"] for p in by_email] == ["Sam Ortiz"]
    assert [p["full_name"] for p in by_tag] == ["Dana Whitfield"]


def test_it_says_what_the_service_refused_in_the_error_shape(alice, api: Api) -> None:
    network_services.add_organization(owner=alice, name="Northwind")

    response = api.post("/organizations", {"name": "NORTHWIND"})

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "field": "name",
            "message": "You already have an organization with this name.",
        }
    }
    assert Organization.objects.count() == 1


def test_it_names_the_missing_field_of_a_request(api: Api) -> None:
    response = api.post("/people", {"title": "Analyst"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert response.json()["error"]["field"] == "full_name"
    assert Person.objects.count() == 0


def test_it_updates_only_the_fields_sent(alice, api: Api) -> None:
    person = network_services.add_person(
        owner=alice, full_name="Dana Whitfield", organization_name="Northwind", tag_names=["data"]
    )

    response = api.send("PATCH", f"/people/{person.pk}", {"title": "Director"})

    assert response.status_code == 200
    assert response.json()["title"] == "Director"
    assert response.json()["organization"]["name"] == "Northwind"
    assert response.json()["tags"] == ["data"]


def test_it_answers_304_while_a_polled_list_has_not_changed(alice, api: Api) -> None:
    network_services.add_person(owner=alice, full_name="Dana Whitfield")
    first = api.get("/people")

    again = api.get("/people", If_None_Match=first["ETag"])
    network_services.add_person(owner=alice, full_name="Sam Ortiz")
    changed = api.get("/people", If_None_Match=first["ETag"])

    assert again.status_code == 304 and again.content == b""
    assert first["Cache-Control"] == "private, no-cache"
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_it_creates_once_for_one_idempotency_key(alice, api: Api) -> None:
    person = network_services.add_person(owner=alice, full_name="Dana Whitfield")
    body = {"person_id": person.pk, "purpose": "how data teams work"}

    first = api.post("/conversations", body, Idempotency_Key="k-1")
    retry = api.post("/conversations", body, Idempotency_Key="k-1")
    other = api.post("/conversations", {**body, "purpose": "else"}, Idempotency_Key="k-1")

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Conversation.objects.count() == 1


def test_it_keeps_idempotency_keys_per_token(alice, api: Api, client: Client) -> None:
    person = network_services.add_person(owner=alice, full_name="Dana Whitfield")
    other = Api(client, services.create_token(owner=alice, name="two", scope="write").secret)

    api.post(f"/people/{person.pk}/notes", {"body": "Likes SQL"}, Idempotency_Key="same")
    other.post(f"/people/{person.pk}/notes", {"body": "Likes SQL"}, Idempotency_Key="same")

    assert person.person_notes.count() == 2


def test_it_answers_429_with_retry_after_over_the_rate_limit(api: Api, settings) -> None:
    settings.API_REQUESTS_PER_MINUTE = 3

    answers = [api.get("/people") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    assert answers[-1].json()["error"]["code"] == "rate_limited"


def test_it_lets_a_read_token_read(alice, client: Client) -> None:
    network_services.add_person(owner=alice, full_name="Dana Whitfield")
    reader = Api(client, services.create_token(owner=alice, name="r", scope="read").secret)

    assert reader.get("/people").json()["items"][0]["full_name"] == "Dana Whitfield"
    assert reader.post("/people", {"full_name": "X"}).status_code == 403


def test_it_saves_and_lints_a_draft_without_sending_it(alice, api: Api, mailoutbox) -> None:
    person = network_services.add_person(
        owner=alice, full_name="Dana Whitfield", email="dana@example.org"
    )
    conversation = conversation_services.start_conversation(owner=alice, person=person)

    response = api.post(
        f"/conversations/{conversation.pk}/drafts",
        {
            "kind": "request",
            "to_email": "dana@example.org",
            "subject": "Job?",
            "body": "Hi {first_name}, do you have a job for me? " * 3,
        },
    )

    draft = response.json()
    assert response.status_code == 200
    assert draft["draft"]["status"] == "draft"
    assert {f["rule"] for f in draft["findings"]} >= {"RULE-D1"}
    assert all(f["why"] for f in draft["findings"])
    assert Message.objects.get().status == Message.Status.DRAFT
    assert mailoutbox == [] and mail.outbox == []


def test_it_suggests_the_composers_text_before_a_draft_exists(alice, api: Api) -> None:
    person = network_services.add_person(owner=alice, full_name="Dana Whitfield")
    conversation = conversation_services.start_conversation(owner=alice, person=person)

    draft = api.get(f"/conversations/{conversation.pk}/drafts/request").json()

    assert draft["draft"] is None
    assert "Dana" in draft["body"]
    assert Message.objects.count() == 0


def test_it_moves_a_conversation_and_replans_its_reminders(alice, api: Api) -> None:
    person = network_services.add_person(owner=alice, full_name="Dana Whitfield")
    conversation = conversation_services.start_conversation(owner=alice, person=person)

    moved = api.post(f"/conversations/{conversation.pk}/move", {"stage": "contacted"})
    wrong = api.post(f"/conversations/{conversation.pk}/move", {"stage": "lost"})

    assert moved.json()["stage"] == "contacted"
    assert Reminder.objects.filter(conversation=conversation, status="open").exists()
    assert wrong.status_code == 400 and wrong.json()["error"]["field"] == "stage"


def test_it_completes_and_snoozes_reminders(alice, api: Api) -> None:
    person = network_services.add_person(owner=alice, full_name="Dana Whitfield")
    conversation = conversation_services.start_conversation(owner=alice, person=person)
    now = timezone.now()
    first = reminders.add_reminder(conversation=conversation, title="Call", due_at=now)
    second = reminders.add_reminder(conversation=conversation, title="Write", due_at=now)
    later = (now + timedelta(days=2)).replace(microsecond=0)

    done = api.post(f"/reminders/{first.pk}/complete")
    snoozed = api.post(f"/reminders/{second.pk}/snooze", {"until": later.isoformat()})
    past = api.post(
        f"/reminders/{second.pk}/snooze", {"until": (now - timedelta(hours=1)).isoformat()}
    )
    open_ones = api.get("/reminders").json()["items"]

    assert done.json()["status"] == "done"
    second.refresh_from_db()
    assert second.due_at == later and snoozed.json()["status"] == "open"
    assert past.status_code == 400 and past.json()["error"]["field"] == "until"
    assert [r["title"] for r in open_ones] == ["Write"]


def test_it_imports_a_file_previews_applies_and_undoes_it(alice, api: Api) -> None:
    upload = api.client.post("/api/v1/imports", {"file": _csv()}, headers=api.headers)
    contact_import = api.post(
        f"/imports/{upload.json()['id']}/mapping",
        {"mapping": {"full_name": 0, "email": 1}, "connection": "known"},
    ).json()
    preview = api.get(f"/imports/{contact_import['id']}/rows").json()["items"]
    applied = api.post(f"/imports/{contact_import['id']}/apply").json()
    people_after_apply = Person.objects.count()
    undone = api.post(f"/imports/{contact_import['id']}/undo").json()

    assert upload.status_code == 201 and upload.json()["status"] == "mapping"
    assert contact_import["status"] == "preview"
    assert [row["outcome"] for row in preview] == ["new", "new"]
    assert applied["status"] == "done" and applied["created_count"] == 2
    assert people_after_apply == 2
    assert undone["removed"] == 2 and Person.objects.count() == 0


def test_it_keeps_to_two_files_in_the_works_like_the_page(alice, api: Api) -> None:
    from coffeechat.imports import services as import_services
    from coffeechat.imports import work
    from coffeechat.imports.models import ContactImport
    from coffeechat.lib.testing.contact_files import LINKEDIN_2024

    for _ in range(work.MAX_WORKING_PER_USER):
        import_services.receive_file(owner=alice, filename="Connections.csv", data=LINKEDIN_2024)
    refused = api.client.post("/api/v1/imports", {"file": _csv()}, headers=api.headers)

    assert refused.status_code == 400
    assert "imports still being read or added" in refused.json()["error"]["message"]
    assert ContactImport.objects.filter(owner=alice).count() == work.MAX_WORKING_PER_USER


def _csv() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = "Who,Mail\nDana Whitfield,dana@example.org\nSam Ortiz,sam@example.org\n"
    return SimpleUploadedFile("contacts.csv", data.encode(), content_type="text/csv")


def test_it_publishes_an_openapi_3_1_document_every_parser_reads(client: Client) -> None:
    duplicates = []

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        duplicates.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    document = json.loads(
        client.get("/api/v1/openapi.json").content, object_pairs_hook=no_duplicates
    )

    assert document["openapi"] == "3.1.0"
    assert duplicates == []  # YAML parsers (Swagger UI's) refuse a key twice
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_operation_ids_stay_those_clients_were_generated_with(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]

    assert len(ids) == len(set(ids))
    # Endpoints moved to modules split off resumes.py and strategy.py keep their old ids.
    assert "coffeechat_api_v1_resumes_add_bullet" in ids
    assert "coffeechat_api_v1_resumes_restore_version" in ids
    assert "coffeechat_api_v1_strategy_update_obstacle" in ids
    assert not [i for i in ids if "resume_document" in i or "strategy_obstacles" in i]
