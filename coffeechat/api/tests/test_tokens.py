"""Personal access tokens: shown once, stored hashed, revocable, expiring, used by scripts."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from coffeechat.api import services
from coffeechat.api.models import ApiToken
from coffeechat.exports import services as export_services


def test_it_stores_only_a_fingerprint_of_the_secret(alice) -> None:
    new = services.create_token(owner=alice, name="laptop", scope="read")

    row = ApiToken.objects.get()
    assert new.secret.startswith("cc_") and len(new.secret) > 40
    assert row.secret_hash == hashlib.sha256(new.secret.encode()).hexdigest()
    assert new.secret not in json.dumps([str(v) for v in row.__dict__.values()])


def test_it_authenticates_a_bearer_header_and_records_the_use(alice) -> None:
    new = services.create_token(owner=alice, name="laptop", scope="write")
    now = timezone.now()

    token = services.authenticate(f"Bearer {new.secret}", now=now)

    assert token.owner == alice and token.scope == "write"
    assert ApiToken.objects.get().last_used_at == now


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer cc_nope", "Basic abc", "cc_" + "x" * 43, "Bearer " + "x" * 500]
)
def test_it_refuses_what_is_not_a_token_of_ours(alice, header: str) -> None:
    services.create_token(owner=alice, name="laptop", scope="write")

    assert services.authenticate(header) is None
    assert ApiToken.objects.get().last_used_at is None


def test_it_refuses_a_revoked_token(alice) -> None:
    new = services.create_token(owner=alice, name="laptop", scope="write")

    services.revoke_token(token=new.token)

    assert services.authenticate(f"Bearer {new.secret}") is None


def test_it_refuses_an_expired_token(alice) -> None:
    then = timezone.now() - timedelta(days=31)
    new = services.create_token(owner=alice, name="laptop", scope="read", expires_days=30, now=then)

    assert services.authenticate(f"Bearer {new.secret}", now=then + timedelta(days=29))
    assert services.authenticate(f"Bearer {new.secret}") is None


def test_it_refuses_a_token_of_a_deactivated_account(alice) -> None:
    new = services.create_token(owner=alice, name="laptop", scope="read")
    alice.is_active = False
    alice.save()

    assert services.authenticate(f"Bearer {new.secret}") is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "", "scope": "read"}, "name"),
        ({"name": "x", "scope": "admin"}, "scope"),
        ({"name": "x", "scope": "read", "expires_days": 0}, "expires_days"),
    ],
)
def test_it_says_what_is_wrong_with_a_new_token(alice, fields: dict, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_token(owner=alice, **fields)

    assert field in caught.value.message_dict
    assert ApiToken.objects.count() == 0


def test_it_prints_a_working_token_from_the_command_line(alice, capsys) -> None:
    call_command(
        "api_token",
        "--user",
        "ALICE@example.org",
        "--scope",
        "read",
        "--name",
        "cron",
        "--expires-days",
        "7",
    )

    secret = capsys.readouterr().out.strip()
    token = services.authenticate(f"Bearer {secret}")
    assert token.name == "cron" and token.scope == "read"
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)


def test_it_names_the_unknown_account_on_the_command_line(db) -> None:
    with pytest.raises(CommandError, match="No account with the email nobody@example.org"):
        call_command("api_token", "--user", "nobody@example.org", "--scope", "read")


def test_it_shows_a_new_token_once_on_the_settings_page(alice_client) -> None:
    created = alice_client.post(
        reverse("api:tokens"), {"name": "assistant", "scope": "write", "expires_days": "30"}
    )
    first = alice_client.get(created["Location"])
    again = alice_client.get(reverse("api:tokens"))

    secret = first.context["new"]["secret"]
    assert services.authenticate(f"Bearer {secret}").name == "assistant"
    assert secret in first.content.decode() and "only time it is shown" in first.content.decode()
    assert secret not in again.content.decode()
    assert "assistant" in again.content.decode() and "never used" in again.content.decode()


def test_it_revokes_a_token_from_the_settings_page(alice, alice_client) -> None:
    new = services.create_token(owner=alice, name="old laptop", scope="read")

    response = alice_client.post(reverse("api:revoke", args=[new.token.pk]), follow=True)

    assert "“old laptop” revoked" in response.content.decode()
    assert services.authenticate(f"Bearer {new.secret}") is None


def test_it_links_the_tokens_page_from_settings(alice_client) -> None:
    response = alice_client.get(reverse("accounts:settings"))

    assert reverse("api:tokens") in response.content.decode()


def test_it_leaves_tokens_out_of_the_account_export(alice) -> None:
    new = services.create_token(owner=alice, name="laptop", scope="read")
    out = io.BytesIO()

    export_services.write_account_zip(owner=alice, out=out)

    data = zipfile.ZipFile(out).read("data.json").decode()
    document = json.loads(data)
    assert "api.ApiToken" not in document["records"]
    assert "api.ApiToken" in document["omitted"]["models"]
    assert new.token.secret_hash not in data


def test_it_lists_only_the_signed_in_users_tokens(alice, mallory, mallory_client) -> None:
    services.create_token(owner=alice, name="Alices laptop", scope="read")
    services.create_token(owner=mallory, name="Mallorys laptop", scope="read")

    page = mallory_client.get(reverse("api:tokens")).content.decode()

    assert "Mallorys laptop" in page and "Alices laptop" not in page


def test_it_writes_creation_first_use_of_the_day_and_revocation_to_the_audit_log(alice) -> None:
    from coffeechat.accounts import audit

    now = timezone.now()
    new = services.create_token(owner=alice, name="laptop", scope="read", now=now)
    for minutes in range(3):  # three requests today: one line
        services.authenticate(f"Bearer {new.secret}", now=now + timedelta(minutes=minutes))
    services.authenticate(f"Bearer {new.secret}", now=now + timedelta(days=1))
    services.revoke_token(token=new.token)

    kinds = [event.kind for event in audit.events_for(alice).order_by("pk")]
    assert kinds == ["token_created", "token_used", "token_used", "token_revoked"]
    assert all(new.secret not in event.detail for event in audit.events_for(alice))
