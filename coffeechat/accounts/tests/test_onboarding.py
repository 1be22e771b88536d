"""The first-run onboarding at /welcome/: each step saved on its own, skippable, resumable, and
never in the way of anything else."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts import onboarding, services
from coffeechat.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db) -> User:
    return User.objects.create_user("new@example.org", "a long pass phrase")


@pytest.fixture
def newcomer_client(client: Client, newcomer) -> Client:
    client.force_login(newcomer)
    return client


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_each_step_saves_its_answers_and_moves_on(newcomer, newcomer_client) -> None:
    response = newcomer_client.post(
        reverse("accounts:welcome-you"),
        {"display_name": "  Priya   Okonkwo ", "signature": "Priya\nhttps://example.org/priya"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:welcome-calendar")
    user = fresh(newcomer)
    assert (user.display_name, user.signature) == (
        "Priya Okonkwo",
        "Priya\nhttps://example.org/priya",
    )
    assert user.onboarding_step == "calendar"


def test_the_calendar_step_saves_the_zone_week_and_holidays(newcomer, newcomer_client) -> None:
    newcomer_client.post(
        reverse("accounts:welcome-calendar"),
        {
            "time_zone": "Europe/Berlin",
            "working_days": ["0", "1", "2", "3"],
            "holiday_country": "DE",
        },
    )

    user = fresh(newcomer)
    assert (user.time_zone, user.working_days, user.holiday_country) == (
        "Europe/Berlin",
        "0123",
        "DE",
    )


def test_the_field_and_decision_steps_fill_the_profile(newcomer, newcomer_client) -> None:
    by = timezone.localdate() + timedelta(days=90)
    newcomer_client.post(
        reverse("accounts:welcome-field"),
        {
            "school": "Oregon State University",
            "field_broad": "health tech",
            "field_narrow": "clinical analytics",
            "profile_url": "https://www.linkedin.com/in/p",
        },
    )
    response = newcomer_client.post(
        reverse("accounts:welcome-decision"),
        {"decision": "Whether to leave nursing for health data work", "decision_by": by},
    )

    assert response["Location"] == reverse("accounts:welcome-start")
    user = fresh(newcomer)
    assert (user.school, user.field_broad, user.field_narrow) == (
        "Oregon State University",
        "health tech",
        "clinical analytics",
    )
    assert (user.decision, user.decision_by) == (
        "Whether to leave nursing for health data work",
        by,
    )


def test_a_bad_answer_is_explained_and_nothing_of_the_step_is_saved(
    newcomer, newcomer_client
) -> None:
    response = newcomer_client.post(
        reverse("accounts:welcome-field"),
        {
            "school": "Oregon State University",
            "field_broad": "health tech",
            "profile_url": "not a link",
        },
    )

    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert "Enter a valid URL." in response.content.decode()
    user = fresh(newcomer)
    assert (user.school, user.field_broad, user.onboarding_step) == ("", "", "")


def test_a_decision_date_in_the_past_is_refused(newcomer, newcomer_client) -> None:
    response = newcomer_client.post(
        reverse("accounts:welcome-decision"),
        {"decision": "Stay or go", "decision_by": "2020-01-31"},
    )

    assert response.status_code == 400
    assert "Pick a date from today on" in response.content.decode()
    assert fresh(newcomer).decision == ""


def test_no_working_days_is_refused_with_a_reason(newcomer, newcomer_client) -> None:
    response = newcomer_client.post(
        reverse("accounts:welcome-calendar"), {"time_zone": "Europe/Berlin", "holiday_country": ""}
    )

    assert response.status_code == 400
    assert "Pick at least one working day." in response.content.decode()
    assert fresh(newcomer).time_zone == "UTC"


def test_skipping_a_step_keeps_its_fields_and_moves_on(newcomer, newcomer_client) -> None:
    response = newcomer_client.post(
        reverse("accounts:welcome-you"), {"display_name": "Not saved", "skip": "1"}
    )

    assert response["Location"] == reverse("accounts:welcome-calendar")
    user = fresh(newcomer)
    assert (user.display_name, user.onboarding_step) == ("", "calendar")


def test_welcome_resumes_at_the_furthest_step_reached(newcomer, newcomer_client) -> None:
    for step in ("you", "calendar", "field"):
        newcomer_client.post(reverse(f"accounts:welcome-{step}"), {"skip": "1"})
    # Going back to an earlier step doesn't forget how far they got.
    newcomer_client.post(reverse("accounts:welcome-you"), {"display_name": "Priya"})

    response = newcomer_client.get(reverse("accounts:welcome"))

    assert response.status_code == 200
    assert response.context["step"].key == "decision"
    assert "step 4 of 5" in response.content.decode()


def test_the_last_step_offers_the_fastest_ways_in(newcomer_client) -> None:
    html = newcomer_client.get(reverse("accounts:welcome-start")).content.decode()

    for name in ("imports:new", "cards:capture", "network:person-new"):
        assert f'href="{reverse(name)}"' in html


def test_finishing_or_skipping_the_rest_goes_to_today(newcomer, newcomer_client) -> None:
    response = newcomer_client.post(reverse("accounts:welcome-finish"))

    assert response["Location"] == reverse("conversations:today")
    assert fresh(newcomer).onboarded_at is not None


def test_nothing_sends_an_account_back_to_the_welcome_steps(newcomer, newcomer_client) -> None:
    for name in ("conversations:today", "network:people", "accounts:settings", "profile:you"):
        assert newcomer_client.get(reverse(name)).status_code == 200


def test_the_calendar_step_suggests_holidays_from_the_zones_country(
    newcomer, newcomer_client
) -> None:
    newcomer.time_zone = "Europe/Berlin"
    newcomer.save()

    response = newcomer_client.get(reverse("accounts:welcome-calendar"))

    assert response.context["form"].initial["holiday_country"] == "DE"
    # The browser's zone picks its country too (static/js/welcome.js reads this map).
    assert response.context["zone_countries"]["Europe/Paris"] == "FR"
    assert 'id="zone-countries"' in response.content.decode()


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/Berlin", "DE"),
        ("America/Chicago", "US"),
        ("Asia/Tokyo", "JP"),
        ("Australia/Sydney", "AU"),
        ("UTC", ""),
        ("Antarctica/Troll", ""),
        ("Not/AZone", ""),
    ],
)
def test_a_zone_suggests_its_country_only_when_the_holidays_are_known(
    zone: str, country: str
) -> None:
    supported = {"DE", "US", "JP", "AU", "FR"}

    assert onboarding.holiday_country_for(zone, supported) == country


def test_the_service_refuses_fields_that_are_not_the_steps(newcomer) -> None:
    with pytest.raises(ValidationError, match="Unknown field: school"):
        services.save_onboarding_step(user=newcomer, step="you", school="Sneaky U")
    with pytest.raises(ValidationError, match="no such step"):
        services.skip_onboarding_step(user=newcomer, step="nowhere")


def test_a_failed_step_leaves_the_database_as_it_was(newcomer) -> None:
    with pytest.raises(ValidationError):
        services.save_onboarding_step(
            user=newcomer,
            step="calendar",
            time_zone="Europe/Berlin",
            working_days="",
            holiday_country="DE",
        )

    user = fresh(newcomer)
    assert (user.time_zone, user.working_days, user.onboarding_step) == ("UTC", "01234", "")


def test_a_decision_date_that_has_since_passed_does_not_block_other_changes(newcomer) -> None:
    User.objects.filter(pk=newcomer.pk).update(decision_by=date(2020, 1, 1))
    user = fresh(newcomer)

    services.update_profile(user=user, school="Oregon State University")

    assert fresh(newcomer).school == "Oregon State University"
