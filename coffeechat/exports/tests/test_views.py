"""The "Your data" pages: background export, download, import, single files."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.exports import services
from coffeechat.exports.models import AccountExport, AccountImport
from coffeechat.lib.testing.exports import export_bytes
from coffeechat.lib.testing.routes import CANARY_PERSON, build_alice_world
from coffeechat.network.models import Person


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }


@pytest.fixture
def world(alice):
    return build_alice_world(alice)


def _start_export(client: Client, capture) -> AccountExport:
    with capture(execute=True):
        response = client.post(reverse("exports:start-export"))
    assert response.status_code == 302
    return AccountExport.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_settings_offers_export_import_and_delete(alice_client: Client) -> None:
    page = alice_client.get(reverse("accounts:settings")).content.decode()

    assert "Your data" in page
    for name in ("exports:start-export", "exports:import", "exports:delete-account"):
        assert reverse(name) in page


def test_the_person_page_offers_forget_and_a_card(world, alice_client: Client) -> None:
    page = alice_client.get(reverse("network:person", args=[world.person.pk])).content.decode()

    assert reverse("exports:forget-person", args=[world.person.pk]) in page
    assert reverse("exports:person-vcf", args=[world.person.pk]) in page


def test_an_export_is_built_in_the_background_and_downloaded(
    world, alice_client: Client, django_capture_on_commit_callbacks
) -> None:
    export = _start_export(alice_client, django_capture_on_commit_callbacks)

    status = alice_client.get(reverse("exports:export", args=[export.pk]))
    download = alice_client.get(reverse("exports:download", args=[export.pk]))

    assert export.status == AccountExport.Status.READY
    assert b"Download the zip" in status.content
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert CANARY_PERSON in archive.read("data.json").decode()


def test_the_status_fragment_polls_until_the_export_is_done(alice, alice_client: Client) -> None:
    export = services.request_export(owner=alice)  # not run: no commit in this test

    fragment = alice_client.get(
        reverse("exports:export", args=[export.pk]), headers={"HX-Request": "true"}
    )

    assert b'hx-trigger="every 2s"' in fragment.content
    assert b"<html" not in fragment.content


def test_a_second_request_while_one_runs_returns_the_same_export(alice) -> None:
    first = services.request_export(owner=alice)

    assert services.request_export(owner=alice) == first


def test_only_the_owner_can_download(
    world, alice_client, mallory_client, django_capture_on_commit_callbacks
) -> None:
    export = _start_export(alice_client, django_capture_on_commit_callbacks)

    response = mallory_client.get(reverse("exports:download", args=[export.pk]))

    assert response.status_code == 404


def test_an_expired_export_is_gone(
    world, alice_client: Client, django_capture_on_commit_callbacks
) -> None:
    export = _start_export(alice_client, django_capture_on_commit_callbacks)
    path = Path(export.file.path)

    with time_machine.travel(timezone.now() + services.EXPORT_KEPT_FOR + timedelta(minutes=1)):
        download = alice_client.get(reverse("exports:download", args=[export.pk]))
        with django_capture_on_commit_callbacks(execute=True):
            purged = services.purge_expired_exports()

    assert download.status_code == 404
    assert purged == 1
    assert not AccountExport.objects.filter(pk=export.pk).exists()
    assert not path.exists()


def test_the_import_page_loads_an_export_into_an_empty_account_in_the_worker(
    alice, world, mallory, mallory_client: Client, django_capture_on_commit_callbacks
) -> None:
    Person.objects.filter(owner=mallory).delete()
    upload = SimpleUploadedFile("export.zip", export_bytes(alice), "application/zip")

    with django_capture_on_commit_callbacks() as queued:
        response = mallory_client.post(reverse("exports:import"), {"archive": upload})
    status_page = response["Location"]
    assert status_page.startswith("/settings/data/imports/")
    assert not Person.objects.filter(owner=mallory).exists()  # not in the web request
    assert "Waiting for the worker" in mallory_client.get(status_page).content.decode()

    for run_task in queued:  # the worker
        run_task()
    assert Person.objects.filter(owner=mallory, full_name=CANARY_PERSON).exists()
    page = mallory_client.get(status_page).content.decode()
    assert "Imported" in page and "people" in page
    stored = AccountImport.objects.get(owner=mallory)
    assert (stored.status, stored.file.name) == ("done", "")  # the zip is not kept


def test_the_import_page_explains_a_refusal(alice, world, alice_client: Client) -> None:
    upload = SimpleUploadedFile("export.zip", export_bytes(alice), "application/zip")

    response = alice_client.post(reverse("exports:import"), {"archive": upload})

    assert response.status_code == 400
    assert b"only works into an empty account" in response.content


@pytest.mark.parametrize(
    ("name", "content_type", "marker"),
    [
        ("exports:people-csv", "text/csv; charset=utf-8", CANARY_PERSON),
        ("exports:people-vcf", "text/vcard; charset=utf-8", "BEGIN:VCARD"),
        ("exports:meetings-ics", "text/calendar; charset=utf-8", "BEGIN:VEVENT"),
    ],
)
def test_single_files_download_as_attachments(
    name, content_type, marker, world, alice_client: Client
) -> None:
    response = alice_client.get(reverse(name))

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert marker in content.decode()
