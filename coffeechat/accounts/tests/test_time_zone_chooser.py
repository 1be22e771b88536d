"""Settings' time zone: typed with suggestions, not 600 <option>s rendered on every load."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_settings_renders_no_list_of_time_zones(alice, alice_client: Client) -> None:
    html = alice_client.get(reverse("accounts:settings")).content.decode()

    assert "Pacific/Kiritimati" not in html
    assert html.count("<option") < 300  # the holiday countries remain a select
    assert 'role="combobox"' in html


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("paris", "Europe/Paris"),
        ("america/new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("sao paulo", "America/Sao_Paulo"),
        ("UTC", "UTC"),
    ],
)
def test_a_typed_time_zone_is_resolved_without_javascript(
    alice, alice_client: Client, typed: str, zone: str
) -> None:
    response = alice_client.post(
        reverse("accounts:settings"),
        {"time_zone": typed, "working_days": ["0", "1", "2", "3", "4"], "meeting_minutes": "20"},
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.time_zone == zone


def test_an_unknown_or_ambiguous_zone_is_refused_with_a_reason(alice, alice_client: Client) -> None:
    before = alice.time_zone
    unknown = alice_client.post(
        reverse("accounts:settings"),
        {"time_zone": "Atlantis", "working_days": ["0"], "meeting_minutes": "20"},
    )
    ambiguous = alice_client.post(
        reverse("accounts:settings"),
        {"time_zone": "america", "working_days": ["0"], "meeting_minutes": "20"},
    )

    assert unknown.status_code == ambiguous.status_code == 400
    assert "a time zone we know" in unknown.content.decode()
    assert "could be" in ambiguous.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == before


def test_the_chooser_suggests_zones_with_their_offset(alice_client: Client) -> None:
    html = alice_client.get(reverse("accounts:choose-time-zone"), {"q": "kolk"}).content.decode()

    assert 'data-value="Asia/Kolkata"' in html
    assert "UTC+05:30" in html
