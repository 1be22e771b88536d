"""The outreach settings page: write-only secrets, encrypted at rest, tests that explain."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coffeechat.lib import crypto
from coffeechat.outreach import queries
from coffeechat.outreach.models import OutreachSettings
from coffeechat.outreach.tests.sending import closed_port, smtp_with_auth

URL = reverse("outreach:settings")
SMTP_PASSWORD = "Sm7p-pa55word-zq"
IMAP_PASSWORD = "1map-pa55word-zq"
AI_KEY = "sk-ai-key-zq"


def form_data(**changes) -> dict[str, str]:
    data = {
        "smtp_enabled": "on",
        "smtp_host": "smtp.example.org",
        "smtp_port": "587",
        "smtp_security": "starttls",
        "smtp_username": "alice",
        "smtp_password": SMTP_PASSWORD,
        "from_email": "alice@example.net",
        "imap_enabled": "on",
        "imap_host": "imap.example.org",
        "imap_port": "993",
        "imap_security": "ssl",
        "imap_username": "alice",
        "imap_password": IMAP_PASSWORD,
        "imap_folder": "INBOX",
        "linkedin_note_limit": "300",
        "daily_request_budget": "3",
        "ai_enabled": "on",
        "ai_base_url": "http://127.0.0.1:11434/v1",
        "ai_model": "llama3.2",
        "ai_api_key": AI_KEY,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def stored(user) -> OutreachSettings:
    return OutreachSettings.objects.get(owner=user)


def test_it_shows_the_defaults_on_first_visit(alice_client: Client) -> None:
    response = alice_client.get(URL)

    assert response.status_code == 200
    assert b"Email, LinkedIn and AI" in response.content
    assert b'name="smtp_host"' in response.content
    assert b"Forget the saved" not in response.content


def test_it_is_linked_from_the_account_settings(alice_client: Client) -> None:
    response = alice_client.get(reverse("accounts:settings"))

    assert f'href="{URL}"'.encode() in response.content


def test_it_saves_the_settings_with_the_secrets_encrypted(alice, alice_client: Client) -> None:
    response = alice_client.post(URL, form_data())

    assert response.status_code == 302
    saved = stored(alice)
    assert (saved.smtp_enabled, saved.smtp_host, saved.smtp_port) == (True, "smtp.example.org", 587)
    assert (saved.linkedin_note_limit, saved.daily_request_budget) == (300, 3)
    for field, secret in [
        ("smtp_password", SMTP_PASSWORD),
        ("imap_password", IMAP_PASSWORD),
        ("ai_api_key", AI_KEY),
    ]:
        ciphertext = getattr(saved, field)
        assert secret not in ciphertext
        assert crypto.decrypt(ciphertext) == secret


def test_it_never_renders_a_saved_secret_back(alice_client: Client) -> None:
    alice_client.post(URL, form_data())

    page = alice_client.get(URL)
    failed = alice_client.post(URL, form_data(smtp_port="0"))

    for response in (page, failed):
        text = response.content.decode()
        for secret in (SMTP_PASSWORD, IMAP_PASSWORD, AI_KEY):
            assert secret not in text
        assert "A password is saved. Leave blank to keep it." in text
        assert "A key is saved. Leave blank to keep it." in text
    assert failed.status_code == 400


def test_a_blank_secret_keeps_the_saved_one(alice, alice_client: Client) -> None:
    alice_client.post(URL, form_data())

    alice_client.post(
        URL,
        form_data(smtp_password="", imap_password="", ai_api_key="", smtp_host="smtp2.example.org"),
    )

    saved = stored(alice)
    assert saved.smtp_host == "smtp2.example.org"
    assert crypto.decrypt(saved.smtp_password) == SMTP_PASSWORD
    assert crypto.decrypt(saved.imap_password) == IMAP_PASSWORD
    assert crypto.decrypt(saved.ai_api_key) == AI_KEY


def test_it_forgets_a_saved_secret_when_asked(alice, alice_client: Client) -> None:
    alice_client.post(URL, form_data())

    response = alice_client.post(
        URL,
        form_data(
            smtp_password="",
            forget_smtp_password="on",
            ai_api_key="",
            forget_ai_api_key="on",
            ai_enabled=None,
        ),
    )

    assert response.status_code == 302
    saved = stored(alice)
    assert (saved.smtp_password, saved.ai_api_key) == ("", "")
    assert crypto.decrypt(saved.imap_password) == IMAP_PASSWORD


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"smtp_host": ""}, "smtp_host", "Enter your SMTP server to send through it."),
        ({"imap_password": ""}, "imap_password", "Enter your IMAP password."),
        ({"smtp_port": "70000"}, "smtp_port", "A port is a number from 1 to 65535."),
        ({"linkedin_note_limit": "500"}, "linkedin_note_limit", "Select a valid choice."),
    ],
)
def test_it_refuses_incomplete_settings(
    alice, alice_client: Client, changes: dict, field: str, error: str
) -> None:
    response = alice_client.post(URL, form_data(**changes))

    assert response.status_code == 400
    assert error in str(response.context["form"].errors[field])
    assert not OutreachSettings.objects.filter(owner=alice, smtp_host="smtp.example.org").exists()


def test_mallory_sees_and_changes_only_her_own_settings(
    alice, alice_client: Client, mallory, mallory_client: Client
) -> None:
    alice_client.post(URL, form_data())
    before = OutreachSettings.objects.filter(owner=alice).values().get()

    page = mallory_client.get(URL)
    saved = mallory_client.post(
        URL, form_data(smtp_host="evil.example.org", smtp_password="", imap_password="x")
    )

    assert b"smtp.example.org" not in page.content and b"alice" not in page.content
    assert saved.status_code == 302
    assert OutreachSettings.objects.filter(owner=alice).values().get() == before
    assert stored(mallory).smtp_host == "evil.example.org"
    assert stored(mallory).smtp_password == ""


def test_anonymous_visitors_are_sent_to_sign_in(db, client: Client) -> None:
    for url in (URL, reverse("outreach:test-smtp"), reverse("outreach:test-imap")):
        response = client.post(url, form_data())
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not OutreachSettings.objects.exists()


# Test connection --------------------------------------------------------------------------------


def test_the_smtp_test_explains_a_closed_port_and_saves_nothing(
    alice, alice_client: Client
) -> None:
    port = closed_port()

    response = alice_client.post(
        reverse("outreach:test-smtp"),
        form_data(smtp_host="127.0.0.1", smtp_port=str(port), smtp_security="none"),
    )

    assert response.status_code == 200
    assert f"Couldn&#x27;t connect to 127.0.0.1:{port}".encode() in response.content
    assert queries.settings_for(alice).smtp_host == ""
    assert SMTP_PASSWORD.encode() not in response.content


def test_the_smtp_test_uses_the_saved_password_when_left_blank(alice, alice_client: Client) -> None:
    with smtp_with_auth("alice", SMTP_PASSWORD) as (_sink, port):
        alice_client.post(
            URL, form_data(smtp_host="127.0.0.1", smtp_port=str(port), smtp_security="none")
        )

        response = alice_client.post(
            reverse("outreach:test-smtp"),
            form_data(
                smtp_host="127.0.0.1", smtp_port=str(port), smtp_security="none", smtp_password=""
            ),
            headers={"HX-Request": "true"},
        )

    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<p id="smtp-result"')
    assert (
        f"Connected to 127.0.0.1:{port} without encryption (security: None) and signed in."
    ).encode() in response.content


def test_the_imap_test_explains_a_closed_port_in_the_htmx_fragment(alice_client: Client) -> None:
    port = closed_port()

    response = alice_client.post(
        reverse("outreach:test-imap"),
        form_data(imap_host="127.0.0.1", imap_port=str(port)),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="imap-result"' in text and "message--error" in text
    assert f"Couldn&#x27;t connect to 127.0.0.1:{port}" in text
    assert "<form" not in text


def test_the_connection_test_asks_to_fix_the_form_first(alice_client: Client) -> None:
    response = alice_client.post(reverse("outreach:test-smtp"), form_data(smtp_port="abc"))

    assert response.status_code == 400
    assert b"Fix the fields marked below, then test again." in response.content


def test_the_connection_tests_refuse_get(alice_client: Client) -> None:
    assert alice_client.get(reverse("outreach:test-smtp")).status_code == 405
    assert alice_client.get(reverse("outreach:test-imap")).status_code == 405
