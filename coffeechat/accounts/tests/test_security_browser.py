"""The security page and signing out, in a real browser (Debian Chromium via Playwright).

Sign in through the form (a failed try first), see this browser and another one on the security
page with the history, sign the other one out; then sign out with an unsent autosaved note in
the browser's storage: asked first, and once confirmed the copy is gone. Console errors (a CSP
violation is one) fail the test. Screenshots: test-artifacts/screenshots/security-*.png.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import BrowserContext, expect

from coffeechat.accounts.models import AuditEvent, User
from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, label

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "riley@example.org", "a long walk to the coffee shop"
PHONE = {"width": 390, "height": 844}
OTHER_BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
UNSENT = "coffeechat:autosave:/conversations/1/live/"


@pytest.mark.django_db(transaction=True)
def test_the_security_page_and_signing_out(live_server) -> None:
    user = User.objects.create_user(EMAIL, PASSWORD, display_name="Riley")
    other = Client(HTTP_USER_AGENT=OTHER_BROWSER, REMOTE_ADDR="198.51.100.23")
    other.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})

    left = in_chromium(lambda context: walk_through(context, live_server.url))

    assert left == {"after_cancel": True, "after_sign_out": False}
    assert other.get("/today/").status_code == 302  # signed out from the security page
    kinds = list(AuditEvent.objects.filter(owner=user).values_list("kind", flat=True))
    assert {"sign_in", "sign_in_failed", "session_ended", "sign_out"} <= set(kinds)


def walk_through(context: BrowserContext, site: str) -> dict[str, bool]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    page.goto(f"{site}/accounts/login/")
    page.get_by_label(label("Email")).fill(EMAIL)
    page.get_by_label(label("Password")).fill("not my password")
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))

    page.goto(f"{site}/settings/")
    page.get_by_role("link", name=re.compile("^Security")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Security")
    sessions = page.locator(".security-sessions")
    expect(sessions.locator("li")).to_have_count(2)
    expect(sessions.locator("li").first).to_contain_text("This browser")
    expect(sessions).to_contain_text("Firefox on Windows")
    log = page.locator(".security-log")
    expect(log).to_contain_text("Sign-in failed")
    expect(log).to_contain_text("Wrong password")
    page.screenshot(path=SCREENSHOTS / "security-1280.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOTS / "security-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name=re.compile(r"Sign out Firefox on Windows")).click()
    expect(page.locator("#messages")).to_contain_text("Firefox on Windows is signed out.")
    expect(sessions.locator("li")).to_have_count(1)
    expect(log.locator("li").first).to_contain_text("Session ended")

    # An autosaved note the server has not confirmed yet sits in this browser's storage.
    page.evaluate('([key]) => localStorage.setItem(key, \'{"live_notes": "unsent"}\')', [UNSENT])
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("form.signout button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Security")  # still here
    after_cancel = page.evaluate("([key]) => localStorage.getItem(key) !== null", [UNSENT])
    assert asked and "haven't reached the server yet" in asked[0]

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form.signout button").click()
    expect(
        page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in")
    ).to_be_visible()
    after_sign_out = page.evaluate("([key]) => localStorage.getItem(key) !== null", [UNSENT])
    assert not errors, "\n".join(errors)
    return {"after_cancel": after_cancel, "after_sign_out": after_sign_out}
