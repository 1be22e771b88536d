"""The background path: a 30,000-row LinkedIn file analysed and applied by tasks."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coffeechat.imports import services
from coffeechat.imports.models import ContactImport
from coffeechat.imports.tests.bigfile import linkedin_csv
from coffeechat.network.models import Organization, Person


@pytest.fixture
def immediate_tasks(settings) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }


@pytest.mark.system
def test_a_30000_row_file_imports_in_the_background(
    alice, alice_client: Client, immediate_tasks, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    ran = []
    monkeypatch.setattr(services, "analyse", _spy(services.analyse, ran, "analyse"))
    raw = linkedin_csv(30_000)
    assert len(raw) > services.ANALYSE_INLINE_BYTES

    with django_capture_on_commit_callbacks(execute=True) as queued:
        services.start_analysis(
            contact_import=services.receive_file(owner=alice, filename="Connections.csv", data=raw)
        )
    contact_import = ContactImport.objects.get()
    assert (len(queued), ran) == (1, ["analyse"])  # through tasks.analyse_import
    assert (contact_import.status, contact_import.rows_total) == ("preview", 30_000)
    assert (contact_import.new_count, contact_import.rejected_count) == (29_400, 600)

    with django_capture_on_commit_callbacks(execute=True) as queued:
        alice_client.post(reverse("imports:apply", args=[contact_import.pk]))
    contact_import.refresh_from_db()

    assert len(queued) == 1  # through tasks.apply_import
    assert contact_import.status == "done"
    assert Person.objects.filter(owner=alice, connection="known").count() == 29_400
    assert Organization.objects.filter(owner=alice).count() == 1_960  # 40 only on hidden rows
    assert Person.tags.through.objects.count() == 29_400


def _spy(function, calls: list, name: str):
    def wrapper(**kwargs):
        calls.append(name)
        return function(**kwargs)

    return wrapper
