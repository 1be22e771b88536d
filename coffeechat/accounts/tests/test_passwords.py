"""Passwords: context words (the site's name, the user's email) are refused with a reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from coffeechat.accounts.models import User

pytestmark = pytest.mark.django_db


def refusal(password: str, email: str = "jordan.rivera@northwind-health.org") -> str:
    try:
        validate_password(password, User(email=email))
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@pytest.mark.parametrize("password", ["coffeechat2026!", "My C0ff33Chat pass", "coffee-chat-xyz9"])
def test_it_refuses_a_password_built_from_the_site_name(password: str) -> None:
    assert "the name of this site" in refusal(password)


@pytest.mark.parametrize(
    "password",
    [
        "Jordan is my name 42",
        "rivera-rivera-7",
        "northwind rules!",
        "N0rthw1nd stuff 1",
        "my health plan is big",
    ],
)
def test_it_refuses_a_password_built_from_the_email_address(password: str) -> None:
    assert "from your email address" in refusal(password)


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",
        "plum tractor glacier 9",
        "a chat over tea at noon",
        "I like coffee a lot",
    ],
)
def test_it_accepts_passphrases_without_context_words(password: str) -> None:
    assert refusal(password) == ""


@override_settings(SITE_URL="https://careers.stateuniversity.edu")
def test_it_refuses_the_words_of_the_sites_own_address() -> None:
    assert "stateuniversity" in refusal("stateuniversity grad 99")


def test_signing_up_with_such_a_password_says_why(client) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "sam@example.org",
            "password1": "Coffeechat forever 1",
            "password2": "Coffeechat forever 1",
        },
    )

    assert "contains “coffeechat”, the name of this site" in response.content.decode()
    assert not User.objects.filter(email="sam@example.org").exists()


@pytest.mark.django_db
def test_sign_up_is_closed_when_the_operator_says_so(client, settings) -> None:
    settings.SIGNUP_OPEN = False

    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long fresh phrase 42",
            "password2": "a long fresh phrase 42",
        },
    )

    assert "closed" in response.content.decode().lower()
    assert not User.objects.filter(email="new@example.org").exists()
