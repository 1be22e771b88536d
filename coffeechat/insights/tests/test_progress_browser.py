"""The progress page and an occupation page in a real browser, on a desktop and a phone.

The demo account supplies the data. Any console error or uncaught page error (a CSP violation
shows up as one) fails the test. Screenshots: test-artifacts/screenshots/insights-*.png and
occupation-*.png (look at them: the charts must be legible at 390 pixels).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, expect

from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, session_cookie

pytestmark = pytest.mark.browser
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def demo_user(db):
    from coffeechat.accounts.models import User
    from coffeechat.demo.services import load_demo
    from coffeechat.lib.testing.onet import load_sample

    load_demo(force=True)
    load_sample()
    return User.objects.get(email="demo@coffeechat.test")


@pytest.mark.django_db(transaction=True)
def test_progress_and_an_occupation_on_desktop_and_phone(live_server, demo_user) -> None:
    from coffeechat.conversations.models import Conversation

    conversation = Conversation.objects.filter(owner=demo_user).order_by("pk").first()
    in_chromium(
        lambda context: look(context, live_server.url, conversation.pk),
        cookies=[session_cookie(live_server.url, demo_user)],
    )


def look(context: BrowserContext, site: str, conversation_id: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site}/insights/")
        expect(page.get_by_role("heading", name="Progress", level=1)).to_be_visible()
        # The main navigation shows where you are, also on a phone, where it opens from Menu.
        menu = page.get_by_role("button", name="Menu")
        if menu.is_visible():
            menu.click()
        here = page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress")
        expect(here).to_have_attribute("aria-current", "page")
        box = here.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        if menu.is_visible():
            page.keyboard.press("Escape")
            expect(here).to_be_hidden()
        charts = page.locator("svg[role=img]")
        expect(charts).to_have_count(8)  # six on conversations, two on themes and obstacles
        for title in ("Themes confirmed", "Obstacles closed"):
            expect(page.get_by_role("heading", name=re.compile(title))).to_be_visible()
        funnel = page.get_by_role("img", name="Of 59 conversations")
        expect(funnel).to_be_visible()
        box = funnel.bounding_box()
        assert box is not None and box["width"] <= width - 40  # inside the card, no scrolling
        page.get_by_text("The numbers").first.click()
        expect(page.get_by_role("rowheader", name="Identified")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=SCREENSHOTS / f"insights-{name}.png", full_page=True)

        page.goto(f"{site}/occupations/99-0001.00/?conversation={conversation_id}")
        expect(page.get_by_role("heading", name="Data Scientists", level=1)).to_be_visible()
        expect(page.get_by_text("O*NET 30.1 Database")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=SCREENSHOTS / f"occupation-{name}.png", full_page=True)

        page.goto(f"{site}/conversations/{conversation_id}/prepare/")
        panel = page.locator("#occupation")
        expect(panel.get_by_role("heading", name="Their occupation")).to_be_visible()
        expect(panel).to_contain_text("Market Research Analysts")  # from “Customer Insights…”
        panel.get_by_role("button", name="Ask about it").nth(0 if name == "desktop" else 1).click()
        expect(page.locator(".message")).to_contain_text("Added to your questions")
        expect(page.locator("#plan")).to_contain_text("as a core task")
        panel.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOTS / f"occupation-brief-{name}.png", full_page=True)
    assert not errors, "\n".join(errors)
