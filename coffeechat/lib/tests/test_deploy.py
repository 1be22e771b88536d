from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@pytest.mark.slow  # a child process: make test runs it, make test-fast leaves it out
def test_check_deploy_is_clean_with_production_settings_from_the_environment(tmp_path) -> None:
    env = {
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "true",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "coffeechat.example.org",
        "COFFEECHAT_DATA_DIR": str(tmp_path),
        "EMAIL_HOST": "smtp.example.org",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright in tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_environment_variable_the_settings_read_is_documented() -> None:
    source = (ROOT / "config" / "settings.py").read_text()
    used = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    assert used, "the settings read no environment variables?"
    assert used - documented == set(), "document these in .env.example"


def test_pages_send_the_security_headers(client, alice) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    client.force_login(alice)
    assert client.get("/today/")["Cache-Control"] == "no-store"


def _site_url_in_a_process(env: dict[str, str]) -> str:
    env = {
        key: value for key, value in os.environ.items() if key not in ("SITE_URL", "HOST", "PORT")
    } | env
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            # The settings alone (no django.setup(): loading every app costs ten times more).
            "from django.conf import settings; print(settings.SITE_URL)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_links_in_emails_point_at_the_address_make_run_serves_on() -> None:
    # scripts/run.sh exports HOST and PORT to the scheduler that sends the digests.
    assert "export HOST PORT" in (ROOT / "scripts" / "run.sh").read_text()
    assert _site_url_in_a_process({"HOST": "127.0.0.2", "PORT": "8123"}) == (
        "http://127.0.0.2:8123"
    )
    assert _site_url_in_a_process({"HOST": "0.0.0.0", "PORT": "9000"}) == ("http://127.0.0.1:9000")
    assert _site_url_in_a_process({"HOST": "::1"}) == "http://[::1]:8000"
    assert _site_url_in_a_process(
        {"HOST": "127.0.0.2", "PORT": "8123", "SITE_URL": "https://coffee.example.org"}
    ) == ("https://coffee.example.org")


def test_error_pages_are_styled_and_offer_a_way_back(alice, rf) -> None:
    from django.core.exceptions import SuspiciousOperation
    from django.test import Client
    from django.views import defaults

    client = Client()
    client.force_login(alice)

    missing = client.get("/no-such-page/")
    # What Django answers a request it can't read (too large, bad host): the 400 handler.
    bad = defaults.bad_request(rf.get("/"), SuspiciousOperation("too large"))
    broken = defaults.server_error(rf.get("/"))

    for response, heading in (
        (missing, "Page not found"),
        (bad, "That request couldn't be read"),
        (broken, "Something went wrong on our side"),
    ):
        html = response.content.decode()
        assert heading in html
        assert "css/app.css" in html  # the one stylesheet: not an unstyled page
        assert 'href="/today/">Go to Today</a>' in html  # a way back
    assert (missing.status_code, bad.status_code, broken.status_code) == (404, 400, 500)
