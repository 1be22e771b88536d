"""Every way in asks for the same second factor and counts against the same limits
(docs/security.md, "Every way in"). The admin site has no sign-in form of its own."""

from __future__ import annotations

import pytest
from django.test import Client

from coffeechat.accounts.tests.helpers import PASSWORD, make_staff, sign_in, totp_code, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    user = make_staff()
    user.totp_secret = with_totp(user)
    return user


def admin_index_status(client: Client) -> int:
    return client.get("/admin/").status_code


def test_the_admin_login_form_does_not_sign_in_on_a_password(client, root) -> None:
    response = client.post(
        "/admin/login/?next=/admin/", {"username": root.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert admin_index_status(client) == 302


def test_thirty_wrong_admin_passwords_then_the_right_one_still_do_not_sign_in(client, root) -> None:
    for attempt in range(30):
        client.post("/admin/login/", {"username": root.email, "password": f"wrong {attempt}"})

    client.post("/admin/login/", {"username": root.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_the_admin_sends_its_visitors_to_the_one_sign_in_page(client) -> None:
    response = client.get("/admin/")

    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/accounts/login/?next=/admin/"


def test_a_password_alone_does_not_open_the_admin_for_a_staff_account_with_totp(
    client, root
) -> None:
    response = sign_in(client, root.email)

    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert admin_index_status(client) == 302

    client.post("/accounts/2fa/authenticate/", {"code": totp_code(root.totp_secret)})

    assert admin_index_status(client) == 200


def test_a_staff_session_without_its_second_factor_is_asked_for_the_code(client, root) -> None:
    client.force_login(root)  # a session that never gave the code (signed in before TOTP)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    response = client.post(
        "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F", {"code": totp_code(root.totp_secret)}
    )
    assert admin_index_status(client) == 200


def test_an_ordinary_account_is_refused_the_admin(alice_client) -> None:
    response = alice_client.get("/admin/", follow=True)

    assert response.status_code == 403


def test_a_staff_account_without_two_factor_is_sent_to_set_it_up(client) -> None:
    staff = make_staff("helpdesk@example.org", superuser=False)
    client.force_login(staff)

    for path in ("/today/", "/admin/", "/settings/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (
            302,
            "/accounts/2fa/totp/activate/",
        ), path
    # ...where it can set it up, and sign out.
    assert client.get("/accounts/2fa/totp/activate/").status_code in (200, 302)
    assert client.get("/accounts/logout/").status_code == 200


def test_an_ordinary_account_is_not_pushed_to_two_factor(alice_client) -> None:
    assert alice_client.get("/today/").status_code == 200
