"""schemathesis against the live API (the WSGI app, in-process, on the test database):
generated requests to every operation get no server error, and every answer matches the
OpenAPI document (status, content type, headers, body)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings

from coffeechat.api import services
from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversation_services
from coffeechat.network import services as network_services
from config.wsgi import application

EXAMPLES = 6  # per operation: the whole file in well under a minute on one database

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Not positive_data_acceptance: services refuse requests a schema can't describe as wrong (a
# name you already have, a stage move the method doesn't allow, a note of only spaces); those
# answers are 400s in the error shape, which the other checks hold to the schema.
schema.config.checks.positive_data_acceptance.enabled = False
# The coverage phase (every boundary of every field) triples the run; random examples keep
# to the time budget of `make test`.
schema.config.phases.coverage.enabled = False


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    # The WSGI handler closes the connection after each request; the test's transaction
    # (and the test client, which does the same) needs it open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(alice, settings: Any, in_test_transaction: None) -> str:
    settings.API_REQUESTS_PER_MINUTE = 1_000_000
    # A few rows with small ids, so generated ids and searches sometimes find something.
    for name in ("Dana Whitfield", "Sam Ortiz"):
        person = network_services.add_person(
            owner=alice, full_name=name, organization_name="Northwind", tag_names=["a"]
        )
        conversation = conversation_services.start_conversation(owner=alice, person=person)
        reminders.add_reminder(
            conversation=conversation, title="Call", due_at=timezone.now() + timedelta(days=1)
        )
    return services.create_token(owner=alice, name="schemathesis", scope="write").secret


@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_it_answers_every_generated_request_as_documented(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
