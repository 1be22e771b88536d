"""A missing page on a phone and a desktop: the usual header and menu, and the ways back work.

Screenshots: test-artifacts/screenshots/error-404-*.png. Any console error or uncaught page error
(a CSP violation shows up as one) fails the test.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, session_cookie
from coffeechat.lib.testing.people import make_person

pytestmark = pytest.mark.browser
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def sam(transactional_db):
    # Not this folder's `alice`: she lives in a transaction the live server can't see (conftest.py).
    from coffeechat.accounts.models import User

    return User.objects.create_user("sam@example.org", "correct horse battery", display_name="Sam")


@pytest.mark.django_db(transaction=True)
def test_a_missing_page_keeps_the_menu_and_leads_back(sam, live_server) -> None:
    make_person(sam, "Grace Hopper", "Navy")
    site = live_server.url
    cookie = session_cookie(site, sam)
    missing = site + "/people/999999/"

    def on(context: BrowserContext, width: int, height: int) -> Page:
        browser = context.browser
        assert browser is not None
        phone = width < 800
        device = browser.new_context(
            viewport={"width": width, "height": height},
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=2 if phone else 1,
            locale="en-US",
        )
        device.set_default_timeout(8_000)
        device.add_cookies([cookie])
        return device.new_page()

    def steps(context: BrowserContext) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        errors = ConsoleErrors()
        main = lambda page: page.get_by_role("navigation", name="Main")  # noqa: E731

        desktop = on(context, 1280, 800)
        errors.watch(desktop)
        response = desktop.goto(missing)
        assert response is not None and response.status == 404
        expect(desktop.get_by_role("heading", name="Page not found")).to_be_visible()
        expect(main(desktop).get_by_role("link", name="Strategy")).to_be_visible()
        desktop.screenshot(path=SCREENSHOTS / "error-404-1280.png", full_page=True)
        desktop.get_by_label("Or look for someone").fill("grace")
        desktop.get_by_role("button", name="Search people").click()
        expect(desktop.locator("#results").get_by_role("link", name="Grace Hopper")).to_be_visible()

        phone = on(context, 390, 844)
        errors.watch(phone)
        phone.goto(missing)
        expect(main(phone)).to_be_hidden()
        assert phone.evaluate(SIDEWAYS) == 0
        phone.screenshot(path=SCREENSHOTS / "error-404-390.png", full_page=True)
        phone.get_by_role("button", name="Menu").tap()
        expect(main(phone).get_by_role("link", name="Targets")).to_be_visible()
        phone.screenshot(path=SCREENSHOTS / "error-404-menu-390.png")
        # Sign out is a link here (no form token on an error page): it asks first.
        phone.get_by_role("navigation", name="Account").get_by_role("link", name="Sign out").tap()
        expect(phone).to_have_url(site + reverse("account_logout"))
        phone.goto(missing)
        phone.set_viewport_size({"width": 320, "height": 640})
        assert phone.evaluate(SIDEWAYS) == 0
        phone.screenshot(path=SCREENSHOTS / "error-404-320.png", full_page=True)
        phone.get_by_role("link", name="Go to Today").tap()
        expect(phone).to_have_url(site + reverse("conversations:today"))
        # The browser logs each 404 it was sent to; anything else is a fault (a CSP violation).
        others = [error for error in errors if not error.startswith(f"console error {missing}")]
        assert others == [], errors

    in_chromium(steps)
