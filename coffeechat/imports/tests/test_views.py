from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coffeechat.imports import services
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.lib.testing import contact_files as files
from coffeechat.lib.testing.people import make_person
from coffeechat.network.models import Person

HTMX = {"HX-Request": "true", "HX-Target": "progress"}


def upload(client: Client, raw: bytes, name: str = "Connections.csv", kind: str = ""):
    return client.post(
        reverse("imports:new"), {"file": SimpleUploadedFile(name, raw), "kind": kind}
    )


def test_it_links_the_import_page_from_people(alice_client: Client) -> None:
    response = alice_client.get(reverse("network:people"))

    assert reverse("imports:new").encode() in response.content


def test_it_walks_upload_preview_import_and_undo(alice, alice_client: Client) -> None:
    response = upload(alice_client, files.LINKEDIN_2024)
    contact_import = ContactImport.objects.get(owner=alice)
    assert response["Location"] == contact_import.get_absolute_url()

    page = alice_client.get(contact_import.get_absolute_url()).content.decode()
    assert "Nothing is added until you say so" in page
    assert "Hidden profile" in page and "Dana Whitfield" in page
    assert Person.objects.count() == 0

    alice_client.post(reverse("imports:apply", args=[contact_import.pk]))
    assert Person.objects.filter(owner=alice).count() == 3
    history = alice_client.get(reverse("imports:imports")).content.decode()
    assert "Connections.csv" in history and "3 added" in history

    alice_client.post(reverse("imports:undo", args=[contact_import.pk]))
    assert Person.objects.count() == 0


def test_it_explains_a_file_it_cannot_read(alice_client: Client) -> None:
    response = upload(alice_client, b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "photo.csv")

    assert response.status_code == 400
    assert "This file is an image (PNG), not a contacts file." in response.content.decode()
    assert ContactImport.objects.count() == 0


def test_it_maps_the_columns_of_an_unknown_csv(alice, alice_client: Client) -> None:
    response = upload(alice_client, files.SEMICOLON_CSV, "list.csv")
    contact_import = ContactImport.objects.get(owner=alice)
    assert response["Location"] == reverse("imports:mapping", args=[contact_import.pk])
    page = alice_client.get(response["Location"]).content.decode()
    assert '<label for="id_full_name">Full name' in page

    alice_client.post(response["Location"], {"full_name": "0", "email": "2", "connection": "event"})
    contact_import.refresh_from_db()

    assert contact_import.status == ContactImport.Status.PREVIEW
    assert (contact_import.new_count, contact_import.connection) == (2, "event")


def test_it_records_choices_on_the_merge_screen(alice, alice_client: Client) -> None:
    make_person(alice, "Dana Whitfeld", organization="Northwind Analytics")
    upload(alice_client, files.LINKEDIN_2020)
    row = ImportRow.objects.get(outcome=ImportRow.Outcome.UNCERTAIN)
    url = reverse("imports:matches", args=[row.contact_import_id])

    page = alice_client.get(url).content.decode()
    response = alice_client.post(url, {f"row_{row.pk}": "merge"})
    row.refresh_from_db()

    assert "<legend" in page and "Merge into the existing person" in page
    assert response.status_code == 302
    assert row.decision == "merge"


def test_it_polls_progress_and_refreshes_when_done(alice, alice_client: Client) -> None:
    contact_import = services.receive_file(owner=alice, filename="c.csv", data=files.LINKEDIN_2024)
    url = contact_import.get_absolute_url()

    working = alice_client.get(url, headers=HTMX)
    plain = alice_client.get(url)
    services.analyse(contact_import=contact_import)
    done = alice_client.get(url, headers=HTMX)

    assert b"<progress" in working.content and b"<html" not in working.content
    assert b"Refresh</a>" in plain.content  # works without JavaScript
    assert done["HX-Refresh"] == "true"


@pytest.mark.parametrize(
    "name",
    [
        "imports:import",
        "imports:mapping",
        "imports:matches",
        "imports:apply",
        "imports:undo",
        "imports:discard",
    ],
)
def test_mallory_gets_404_for_alices_import(name: str, alice, mallory_client: Client) -> None:
    contact_import = services.analyse(
        contact_import=services.receive_file(
            owner=alice, filename="c.csv", data=files.LINKEDIN_2024
        )
    )

    response = mallory_client.post(reverse(name, args=[contact_import.pk]))

    assert response.status_code == 404
    contact_import.refresh_from_db()
    assert contact_import.status == ContactImport.Status.PREVIEW
    assert Person.objects.count() == 0
