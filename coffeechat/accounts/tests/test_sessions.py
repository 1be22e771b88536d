"""Sessions end after inactivity and after a maximum age; the security page lists the browsers
signed in to the account and signs them out (docs/security.md, "Sessions")."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.test import Client
from django.utils import timezone

from coffeechat.accounts import audit
from coffeechat.accounts.models import AuditEvent
from coffeechat.accounts.tests.helpers import sign_in
from coffeechat.exports import services as export_services

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1"
)


def browser(agent: str, ip: str) -> Client:
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)


def signed_in(client: Client) -> bool:
    return client.get("/today/").status_code == 200


def test_a_session_ends_after_a_day_unused(alice) -> None:
    laptop = browser(FIREFOX, "192.0.2.10")
    sign_in(laptop, alice.email)

    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert not signed_in(laptop)


def test_a_session_in_use_stays_signed_in(alice) -> None:
    laptop = browser(FIREFOX, "192.0.2.10")
    sign_in(laptop, alice.email)
    start = timezone.now()

    for hours in (20, 40, 60):
        with time_machine.travel(start + timedelta(hours=hours)):
            assert signed_in(laptop), hours


def test_a_session_in_use_still_ends_after_its_maximum_age(alice, settings) -> None:
    laptop = browser(FIREFOX, "192.0.2.10")
    sign_in(laptop, alice.email)
    start = timezone.now()
    for hours in range(20, 14 * 24, 20):
        with time_machine.travel(start + timedelta(hours=hours)):
            assert signed_in(laptop)

    with time_machine.travel(start + timedelta(days=14, hours=1)):
        response = laptop.get("/today/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/today/"
    assert "sessions last 14 days" in response.content.decode()
    assert audit.events_for(alice).first().kind == "session_ended"


def test_the_security_page_lists_the_browsers_signed_in(alice) -> None:
    laptop, phone = browser(FIREFOX, "192.0.2.10"), browser(SAFARI, "198.51.100.20")
    sign_in(laptop, alice.email)
    sign_in(phone, alice.email)

    page = phone.get("/settings/security/").content.decode()

    assert "Firefox on Windows" in page and "192.0.2.10" in page
    assert "Safari on iPhone" in page and "198.51.100.20" in page
    assert page.index("Safari on iPhone") < page.index("This browser") < page.index("Firefox")


def test_signing_out_another_browser_from_the_security_page(alice) -> None:
    laptop, phone = browser(FIREFOX, "192.0.2.10"), browser(SAFARI, "198.51.100.20")
    sign_in(laptop, alice.email)
    sign_in(phone, alice.email)
    laptop_row = UserSession.objects.get(user=alice, user_agent=FIREFOX)

    response = phone.post(f"/settings/security/sessions/{laptop_row.pk}/end/", follow=True)

    assert "Firefox on Windows is signed out." in response.content.decode()
    assert not signed_in(laptop)
    assert signed_in(phone)
    assert "Firefox on Windows (192.0.2.10)" in audit.events_for(alice).first().detail


def test_signing_out_every_other_browser(alice) -> None:
    clients = [browser(FIREFOX, f"192.0.2.{n}") for n in (1, 2, 3)]
    for client in clients:
        sign_in(client, alice.email)

    response = clients[0].post("/settings/security/sessions/end-others/", follow=True)

    assert "Signed out 2 other browsers." in response.content.decode()
    assert [signed_in(c) for c in clients] == [True, False, False]


def test_this_browser_is_ended_by_signing_out_not_from_the_list(alice) -> None:
    laptop = browser(FIREFOX, "192.0.2.10")
    sign_in(laptop, alice.email)
    row = UserSession.objects.get(user=alice)

    response = laptop.post(f"/settings/security/sessions/{row.pk}/end/", follow=True)

    assert "use Sign out to end it" in response.content.decode()
    assert signed_in(laptop)


def test_another_account_cannot_sign_alice_out(alice, mallory) -> None:
    laptop = browser(FIREFOX, "192.0.2.10")
    sign_in(laptop, alice.email)
    attacker = browser(FIREFOX, "203.0.113.66")
    sign_in(attacker, mallory.email)
    row = UserSession.objects.get(user=alice)

    assert attacker.post(f"/settings/security/sessions/{row.pk}/end/").status_code == 404
    assert signed_in(laptop)
    assert "192.0.2.10" not in attacker.get("/settings/security/").content.decode()


def test_the_security_page_shows_the_sign_in_history(alice) -> None:
    laptop = browser(FIREFOX, "192.0.2.10")
    sign_in(laptop, alice.email, "a wrong guess")
    sign_in(laptop, alice.email)

    page = laptop.get("/settings/security/").content.decode()

    assert page.index("Signed in") < page.index("Sign-in failed")
    assert "Wrong password" in page and "192.0.2.10" in page


def test_the_security_page_costs_the_same_queries_however_long_the_history(
    alice, django_assert_max_num_queries
) -> None:
    laptop = browser(FIREFOX, "192.0.2.10")
    sign_in(laptop, alice.email)

    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert laptop.get("/settings/security/").status_code == 200
        return len(captured)

    few = queries_for_page()
    for n in range(80):
        audit.record(user=alice, kind=audit.Kind.SIGN_IN_FAILED, detail=f"guess {n}")
    for n in range(8):
        sign_in(browser(SAFARI, f"198.51.100.{n}"), alice.email)

    with django_assert_max_num_queries(few):
        assert laptop.get("/settings/security/").status_code == 200


def test_signed_in_browsers_do_not_make_an_account_look_used_to_the_import(alice, bob) -> None:
    sign_in(browser(FIREFOX, "192.0.2.10"), bob.email)
    assert UserSession.objects.filter(user=bob).exists()
    assert AuditEvent.objects.filter(owner=bob).exists()
    zipped = io.BytesIO()
    export_services.write_account_zip(owner=alice, out=zipped)
    zipped.seek(0)

    result = export_services.import_account(owner=bob, archive=zipped)

    assert result.counts is not None


@pytest.fixture
def bob(db):
    from coffeechat.accounts.models import User

    return User.objects.create_user("bob@example.org", "correct horse battery")
