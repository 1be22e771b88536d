"""An account import with bounded cost whatever the zip holds, trusting none of its states,
sizes or files (issue: a 96 KB zip grew a web worker by 2.4 GB; a record "ready" with a 22 MB
file skipped the contact import's limits; stored files skipped the re-encoding)."""

from __future__ import annotations

import base64
import io
import json
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from PIL import Image

from coffeechat.cards.models import Card
from coffeechat.exports import archive, document, importing, rederive, services, walk
from coffeechat.exports.models import AccountImport
from coffeechat.imports import services as imports
from coffeechat.imports.models import ContactImport
from coffeechat.lib.testing.contact_files import LINKEDIN_2024
from coffeechat.network.models import Person


def _doc(records: dict) -> dict:
    return {
        "format": document.FORMAT,
        "version": document.VERSION,
        "account": {},
        "records": records,
    }


def _zip(doc: dict | str, files: dict[str, bytes] | None = None) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("data.json", doc if isinstance(doc, str) else json.dumps(doc))
        for name, content in (files or {}).items():
            zipped.writestr(name, content)
    buffer.seek(0)
    return buffer


def _bomb() -> io.BytesIO:
    # 64 MB of valid JSON that deflates about 1,000 times.
    return _zip(json.dumps(_doc({"network.Tag": []}))[:-2] + " " * 64 * 2**20 + "}}")


def test_the_web_request_refuses_a_zip_bomb_from_its_directory(
    bob, client: Client, django_capture_on_commit_callbacks
) -> None:
    client.force_login(bob)
    bomb = _bomb()
    assert len(bomb.getvalue()) < 200_000

    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            reverse("exports:import"),
            {"archive": SimpleUploadedFile("export.zip", bomb.getvalue(), "application/zip")},
        )

    assert response.status_code == 400
    assert "zip bomb" in response.content.decode()
    assert not queued and not AccountImport.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_opened(bob) -> None:
    with pytest.raises(ValidationError, match="100 MB"):
        importing.request_import(
            owner=bob, upload=io.BytesIO(b"PK"), size=archive.MAX_UPLOAD_BYTES + 1
        )


def test_data_json_inflating_past_its_limit_is_refused_as_it_streams(bob, monkeypatch) -> None:
    monkeypatch.setattr(archive, "MAX_DOCUMENT_BYTES", 10_000)
    people = [{"id": i, "full_name": f"Person {i}"} for i in range(1_000)]
    with pytest.raises(ValidationError, match="too large to import"):
        services.import_account(owner=bob, archive=_zip(_doc({"network.Person": people})))
    assert not Person.objects.exists()


def test_one_record_past_its_limit_is_refused(bob, monkeypatch) -> None:
    monkeypatch.setattr(archive, "MAX_RECORD_CHARS", 5_000)
    doc = _doc({"network.Tag": [{"id": 1, "name": "x" * 20_000}]})
    with pytest.raises(ValidationError, match="record .* too large"):
        services.import_account(owner=bob, archive=_zip(doc))


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2]",
        '{"records": {"network.Tag": [1, }}',
        '{"format": 1} trailing',
        '{"records": {"no.Such": []}}',
        '{"a": 1, "a": 2}',
    ],
)
def test_malformed_documents_are_refused_with_a_sentence(bob, text) -> None:
    with pytest.raises(ValidationError) as refused:
        services.import_account(owner=bob, archive=_zip(text))
    assert refused.value.messages[0].endswith(".")


def test_a_kept_contact_file_is_analysed_again_within_the_imports_limits(
    bob, settings, django_capture_on_commit_callbacks
) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    huge = os.urandom(imports.MAX_UPLOAD_BYTES + 1)  # random: it deflates like a real file
    record = {
        "filename": "Connections.csv",
        "kind": "linkedin",
        "status": "preview",
        "rows_total": 1,
        "new_count": 99_999,
        "size": 10,
    }
    doc = _doc(
        {
            "imports.ContactImport": [
                {**record, "id": 1, "data": base64.b64encode(huge).decode()},
                {**record, "id": 2, "data": base64.b64encode(LINKEDIN_2024).decode()},
            ]
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.import_account(owner=bob, archive=_zip(doc))

    too_big, kept = ContactImport.objects.order_by("pk")
    assert (too_big.status, too_big.size, bytes(too_big.data)) == ("failed", 0, b"")
    assert "Import the file again" in too_big.error
    # Analysed again by the worker: its counts are the file's, not the record's.
    assert (kept.status, kept.size) == ("preview", len(LINKEDIN_2024))
    fresh = imports.check_file(owner=bob, data=LINKEDIN_2024)
    assert (kept.rows_total, kept.new_count) == (fresh.rows_total, fresh.imported) != (1, 99_999)


def test_a_card_photo_bomb_in_the_zip_is_refused(bob) -> None:
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")  # a few kB, 400 megapixels
    doc = _doc(
        {
            "cards.Card": [
                {"id": 1, "event": "Fair", "status": "read", "image": "files/cards.Card/1/card.png"}
            ]
        }
    )
    with pytest.raises(ValidationError, match="too large"):
        services.import_account(
            owner=bob, archive=_zip(doc, {"files/cards.Card/1/card.png": buffer.getvalue()})
        )
    assert not Card.objects.exists()


def test_a_card_photo_in_the_zip_is_re_encoded_without_its_metadata(bob) -> None:
    photo = Image.new("RGB", (400, 240), "white")
    exif = Image.Exif()
    exif[0x010F] = "Canarycamera"  # Make
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=exif)
    assert b"Canarycamera" in buffer.getvalue()
    doc = _doc(
        {
            "cards.Card": [
                {
                    "id": 1,
                    "event": "Fair",
                    "status": "read",
                    "image": "files/cards.Card/1/photo.jpg",
                }
            ]
        }
    )

    services.import_account(
        owner=bob, archive=_zip(doc, {"files/cards.Card/1/photo.jpg": buffer.getvalue()})
    )

    card = Card.objects.get(owner=bob)
    with card.image.open("rb") as stored:
        assert b"Canarycamera" not in stored.read()
    card.image.delete(save=False)


def test_every_stored_file_an_import_can_carry_has_its_upload_check() -> None:
    fields = [
        f"{owned.label}.{field.name}"
        for owned in walk.imported_models()
        for field in owned.model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]
    assert fields and set(fields) <= set(rederive.FILE_CHECKS)


def test_a_message_queued_in_the_zip_is_not_sent_from_here(bob) -> None:
    from coffeechat.outreach.models import Message

    seeded = _seeded_message_doc()
    services.import_account(owner=bob, archive=_zip(seeded))

    message = Message.objects.get(owner=bob)
    assert (message.status, message.next_attempt_at) == ("failed", None)
    assert "was not sent from here" in message.last_error


def _seeded_message_doc() -> dict:
    return _doc(
        {
            "network.Person": [{"id": 1, "full_name": "Dana Whitfield"}],
            "conversations.Conversation": [
                {"id": 1, "person": 1, "stage_changed_at": "2026-01-01T00:00:00Z"}
            ],
            "outreach.Message": [
                {
                    "id": 1,
                    "conversation": 1,
                    "status": "queued",
                    "to_email": "stranger@example.net",
                    "subject": "Hello",
                    "body": "Phishing",
                    "next_attempt_at": "2026-01-01T00:00:00Z",
                }
            ],
        }
    )


@pytest.fixture
def bob(db):
    from coffeechat.accounts.models import User

    return User.objects.create_user("bob@example.org", "correct horse battery")
