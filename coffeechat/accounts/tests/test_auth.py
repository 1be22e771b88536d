from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from coffeechat.accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_signs_up_by_email_and_lands_on_the_welcome_steps(client, mailoutbox) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long pass phrase",
            "password2": "a long pass phrase",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/welcome/"
    assert b"You and how you sign" in response.content
    user = User.objects.get(email="new@example.org")
    assert user.time_zone == "UTC" and user.working_days == "01234" and user.meeting_minutes == 20
    # Verification is offered by email; it is optional so nobody is locked out without SMTP.
    assert any("new@example.org" in m.to for m in mailoutbox)


def test_it_rejects_a_short_or_common_password(client) -> None:
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "password", "password2": "password"},
    )

    assert response.status_code == 200
    assert b"too short" in response.content or b"too common" in response.content
    assert not User.objects.filter(email="new@example.org").exists()


def test_it_signs_in_by_email_and_out_again(client, alice) -> None:
    response = client.post(
        "/accounts/login/", {"login": "alice@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.get("/today/").status_code == 200

    client.post("/accounts/logout/")
    assert client.get("/today/").status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(client, alice, mailoutbox) -> None:
    client.post("/accounts/password/reset/", {"email": "alice@example.org"})

    assert len(mailoutbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", mailoutbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "a brand new phrase", "password2": "a brand new phrase"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a brand new phrase")


def test_it_activates_totp_two_factor(alice_client, alice) -> None:
    # allauth asks for a verified email and a fresh re-authentication first.
    EmailAddress.objects.update_or_create(
        user=alice, email=alice.email, defaults={"verified": True, "primary": True}
    )
    alice_client.post("/accounts/reauthenticate/", {"password": "correct horse battery"})
    assert alice_client.get("/accounts/2fa/totp/activate/").status_code == 200

    secret = alice_client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = alice_client.post("/accounts/2fa/totp/activate/", {"code": code})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()
