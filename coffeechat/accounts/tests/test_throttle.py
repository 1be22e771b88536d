"""Sign-in throttling: counts shared by every process and kept across restarts, the client's
real address behind a proxy, no lock-out of the owner by a stranger, and a refusal that says
how long to wait (docs/security.md, "Sign-in throttling")."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.db import connection
from django.test import Client, override_settings

from coffeechat.accounts.models import AuditEvent
from coffeechat.accounts.tests.helpers import sign_in

pytestmark = pytest.mark.django_db

WRONG = "not the password"
SIGNED_IN = 302


def guess(client: Client, email: str, **extra: str) -> int:
    return sign_in(client, email, WRONG, **extra).status_code


def refusal(response) -> str:
    text = response.content.decode()
    match = re.search(r"Too many failed sign-in attempts[^<]*", text)
    return match.group(0) if match else ""


# Another server process: signs in with wrong passwords through a Django of its own.
OTHER_PROCESS = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.conf import settings
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
connection.settings_dict["NAME"] = sys.argv[1]
setup_test_environment()
client = Client(REMOTE_ADDR="198.51.100.2")
for _ in range(int(sys.argv[3])):
    client.post("/accounts/login/", {"login": sys.argv[2], "password": "not the password"})
"""


def guess_in_another_process(email: str, times: int) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            OTHER_PROCESS,
            str(connection.settings_dict["NAME"]),
            email,
            str(times),
        ],
        check=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


@pytest.mark.slow  # two child processes: make test runs it, make test-fast leaves it out
@pytest.mark.django_db(transaction=True)
def test_two_server_processes_share_the_counts(alice) -> None:
    # Each worker process used to count five guesses of its own.
    here = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(3):
        guess(here, alice.email)
    guess_in_another_process(alice.email, 2)

    response = sign_in(here, alice.email)

    assert "Try again in 5 minutes" in refusal(response)


def test_the_counts_survive_a_restart(alice, monkeypatch) -> None:
    stranger = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        guess(stranger, alice.email)

    # A restart: the process's memory is gone and the cache is made anew from the settings.
    for memory in ("_caches", "_expire_info", "_locks"):
        monkeypatch.setattr(locmem, memory, {})
    monkeypatch.setattr(caches._connections, "default", caches.create_connection("default"))

    assert refusal(sign_in(Client(REMOTE_ADDR="198.51.100.3"), alice.email))


def test_the_refusal_says_how_long_to_wait(alice) -> None:
    stranger = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        guess(stranger, alice.email)

    message = refusal(sign_in(stranger, alice.email, WRONG))

    assert message.startswith("Too many failed sign-in attempts. Try again in 5 minutes")


def test_a_strangers_guesses_do_not_lock_the_owner_out_of_their_own_browser(alice) -> None:
    owner = Client(REMOTE_ADDR="192.0.2.10")
    assert sign_in(owner, alice.email).status_code == SIGNED_IN  # this browser is now known
    owner.post("/accounts/logout/")
    stranger = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        guess(stranger, alice.email)
    assert refusal(sign_in(stranger, alice.email))  # the stranger is stopped...

    # ...and the owner's known browser still signs in with the right password.
    assert sign_in(owner, alice.email).status_code == SIGNED_IN


def test_a_known_browser_is_throttled_too(alice) -> None:
    owner = Client(REMOTE_ADDR="192.0.2.10")
    sign_in(owner, alice.email)
    owner.post("/accounts/logout/")
    for _ in range(5):
        guess(owner, alice.email)

    assert refusal(sign_in(owner, alice.email))


def test_a_forged_device_mark_counts_as_a_stranger(alice) -> None:
    stranger = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        guess(stranger, alice.email)
    stranger.cookies["known_device"] = "W10:1tXXXX:forged"

    assert refusal(sign_in(stranger, alice.email))


def test_a_password_reset_by_email_lifts_the_lock_for_a_new_browser(alice, mailoutbox) -> None:
    stranger = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        guess(stranger, alice.email)
    owner = Client(REMOTE_ADDR="192.0.2.10")
    owner.post("/accounts/password/reset/", {"email": alice.email})
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", mailoutbox[0].body).group(0)
    form_url = owner.get("/" + link.split("/", 3)[3], follow=True).redirect_chain[-1][0]
    owner.post(form_url, {"password1": "a brand new phrase", "password2": "a brand new phrase"})

    assert sign_in(owner, alice.email, "a brand new phrase").status_code == SIGNED_IN


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_each_client_has_its_own_address_limit(alice, mallory) -> None:
    # Every request arrives from the proxy (10.0.0.1); the client is in X-Forwarded-For.
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for n in range(10):
        guess(proxy, f"nobody{n}@example.org", HTTP_X_FORWARDED_FOR="198.51.100.1")

    refused = sign_in(proxy, alice.email, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other_client = sign_in(proxy, mallory.email, HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert refusal(refused)
    assert other_client.status_code == SIGNED_IN


def test_a_lock_is_noted_once_in_the_owners_audit_log(alice) -> None:
    stranger = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(8):
        guess(stranger, alice.email)

    kinds = list(AuditEvent.objects.filter(owner=alice).values_list("kind", flat=True))
    assert kinds.count("sign_in_failed") == 5
    assert kinds.count("sign_in_throttled") == 1
    assert AuditEvent.objects.filter(kind="sign_in_failed").first().ip == "198.51.100.1"
