"""On a phone (390 px wide, touch): a one-row header whose Menu reaches every page, and moving a
card on the board without drag and drop.

Screenshots: test-artifacts/screenshots/phone-*.png. Any console error or uncaught page error (a
CSP violation shows up as one) fails the test.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from coffeechat.conversations.models import Conversation, Stage
from coffeechat.lib.testing.browser import (
    PHONE,
    SCREENSHOTS,
    ConsoleErrors,
    on_a_phone,
)
from coffeechat.lib.testing.people import make_conversation, make_person, make_scheduled

NEW_YORK = "America/New_York"  # alice's clock in these tests

pytestmark = pytest.mark.browser
MIN_TARGET = 24  # CSS px, WCAG 2.2 2.5.8 (target size, minimum)
ONE_ROW = 64  # CSS px: the header's height when it is one row (two rows are over 90)
MAIN = ["Today", "Targets", "People", "Pipeline", "Strategy", "Resumes", "Progress"]
ACCOUNT = ["You", "Settings"]
# The page's width against the screen's: on a phone innerWidth grows to fit what overflows.
FITS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def header_height(page: Page) -> float:
    box = page.locator("header.site-header").bounding_box()
    assert box is not None
    return box["height"]


def assert_tappable(target: Locator) -> None:
    box = target.bounding_box()
    assert box is not None, target
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, (target, box)


@pytest.mark.django_db(transaction=True)
def test_a_phone_moves_a_card_by_tapping_and_hears_what_happened(alice, live_server) -> None:
    now = timezone.now()
    ada = make_conversation(alice, person=make_person(alice, "Ada Lovelace", "Analytical"))
    dana = make_scheduled(alice, now=now, starts_at=now + timedelta(days=2))
    board = live_server.url + reverse("conversations:pipeline")  # imports the URLconf here

    def steps(page: Page) -> None:
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(board)
        page.evaluate("window.__sameDocument = true")
        card = page.locator(f"#card-{ada.pk}")
        move_to = card.get_by_label("Move Ada Lovelace to")
        move = card.get_by_role("button", name="Move Ada Lovelace")
        expect(move_to).to_be_visible()
        assert_tappable(move_to)
        assert_tappable(move)
        assert page.evaluate(FITS), "wider than the screen"
        page.screenshot(path=SCREENSHOTS / "phone-board-390.png", full_page=True)

        move_to.select_option(label="Replied")
        move.tap()
        moved = page.locator(f"section[data-stage=replied] #card-{ada.pk}")
        expect(moved).to_be_visible()
        expect(page.locator("#board-status")).to_have_text("Ada Lovelace: Replied.")
        expect(moved.get_by_label("Move Ada Lovelace to")).to_be_focused()
        expect(moved).to_be_in_viewport()  # the board scrolled to where the card went
        assert page.evaluate("window.__sameDocument") is True, "the move reloaded the page"
        page.screenshot(path=SCREENSHOTS / "phone-board-moved-390.png")

        # A move the server refuses (a meeting two days ahead can't have been held) is read
        # out in the server's words; the card stays where it was.
        dana_card = page.locator(f"#card-{dana.pk}")
        dana_card.get_by_label("Move Dana Okafor to").select_option(label="Met")
        dana_card.get_by_role("button", name="Move Dana Okafor").tap()
        expect(page.locator("#board-status")).to_contain_text("Your meeting with Dana Okafor is on")
        expect(page.locator(f"section[data-stage=scheduled] #card-{dana.pk}")).to_be_visible()
        expect(page.locator(f"#card-{dana.pk} select")).to_be_focused()
        assert errors == [], errors

    on_a_phone(live_server.url, alice, steps, timezone_id=NEW_YORK)
    ada.refresh_from_db()
    dana.refresh_from_db()
    assert (ada.stage, dana.stage) == (Stage.REPLIED, Stage.SCHEDULED)


@pytest.mark.django_db(transaction=True)
def test_a_phone_without_javascript_moves_a_card_with_the_same_control(alice, live_server) -> None:
    ada = make_conversation(alice, person=make_person(alice, "Ada Lovelace", "Analytical"))
    board = live_server.url + reverse("conversations:pipeline")

    def steps(page: Page) -> None:
        page.goto(live_server.url + reverse("conversations:today"))
        page.get_by_role("button", name="Menu").tap()  # a popover: HTML alone opens it
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Pipeline").tap()
        expect(page).to_have_url(board)
        card = page.locator(f"#card-{ada.pk}")
        card.get_by_label("Move Ada Lovelace to").select_option(label="Contacted")
        card.get_by_role("button", name="Move Ada Lovelace").tap()
        expect(page.locator(f"section[data-stage=contacted] #card-{ada.pk}")).to_be_visible()
        expect(page.locator("#messages")).to_contain_text("Ada Lovelace: Contacted.")

    on_a_phone(live_server.url, alice, steps, timezone_id=NEW_YORK, java_script_enabled=False)
    assert Conversation.objects.get(pk=ada.pk).stage == Stage.CONTACTED


@pytest.mark.django_db(transaction=True)
def test_the_header_is_one_row_on_a_phone_and_its_menu_reaches_every_page(
    alice, live_server
) -> None:
    ada = make_conversation(alice, person=make_person(alice, "Ada Lovelace", "Analytical"))
    pages = {
        "today": reverse("conversations:today"),
        "people": reverse("network:people"),
        "board": reverse("conversations:pipeline"),
        "conversation": reverse("conversations:conversation", args=[ada.pk]),
    }

    def steps(page: Page) -> None:
        errors = ConsoleErrors()
        errors.watch(page)
        for name, path in pages.items():
            page.goto(live_server.url + path)
            assert header_height(page) <= ONE_ROW, (name, header_height(page))
            assert page.evaluate(FITS), "wider than the screen"
            page.screenshot(path=SCREENSHOTS / f"phone-{name}-390.png", full_page=True)
        page.set_viewport_size({"width": 320, "height": 640})  # a small phone: still one row
        assert header_height(page) <= ONE_ROW, header_height(page)
        assert page.evaluate(FITS), "wider than the screen"
        page.screenshot(path=SCREENSHOTS / "phone-conversation-320.png")
        page.set_viewport_size({"width": 1280, "height": 900})
        for name, path in pages.items():
            page.goto(live_server.url + path)
            assert header_height(page) <= ONE_ROW, (name, header_height(page))
            expect(page.get_by_role("button", name="Menu")).to_be_hidden()
            expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_count(7)
            page.screenshot(path=SCREENSHOTS / f"phone-{name}-1280.png", full_page=True)
        page.set_viewport_size({"width": 1200, "height": 900})  # the narrowest whole row
        assert header_height(page) <= ONE_ROW, header_height(page)
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        page.set_viewport_size(PHONE)

        # By touch: Menu shows every page of the app and of the account, each big enough.
        page.goto(live_server.url + pages["board"])
        menu = page.get_by_role("button", name="Menu")
        main = page.get_by_role("navigation", name="Main")
        account = page.get_by_role("navigation", name="Account")
        expect(main).to_be_hidden()
        assert_tappable(menu)
        menu.tap()
        for name in MAIN:
            assert_tappable(main.get_by_role("link", name=name, exact=True))
        for name in ACCOUNT:
            assert_tappable(account.get_by_role("link", name=name, exact=True))
        assert_tappable(account.get_by_role("button", name="Sign out"))
        expect(main.get_by_role("link", name="Pipeline")).to_have_attribute("aria-current", "page")
        page.screenshot(path=SCREENSHOTS / "phone-menu-open-390.png")
        main.get_by_role("link", name="People", exact=True).tap()
        expect(page).to_have_url(live_server.url + pages["people"])
        expect(main).to_be_hidden()  # a new page starts with the menu folded
        quick_add = page.locator(".site-header .quick-add__form")
        page.locator(".site-header summary", has_text="+ Quick add").tap()
        expect(quick_add).to_be_visible()
        menu.tap()  # the two never cover each other
        expect(quick_add).to_be_hidden()
        expect(main).to_be_visible()
        menu.tap()
        expect(main).to_be_hidden()

        # By keyboard: Enter opens it, Tab walks into it in order, Escape folds it back.
        menu.focus()
        page.keyboard.press("Enter")
        for name in MAIN:
            page.keyboard.press("Tab")
            expect(main.get_by_role("link", name=name, exact=True)).to_be_focused()
        for name in ACCOUNT:
            page.keyboard.press("Tab")
            expect(account.get_by_role("link", name=name, exact=True)).to_be_focused()
        page.keyboard.press("Tab")
        expect(account.get_by_role("button", name="Sign out")).to_be_focused()
        page.keyboard.press("Escape")
        expect(main).to_be_hidden()
        expect(menu).to_be_focused()
        outline = menu.evaluate("el => getComputedStyle(el).outlineStyle")
        assert outline != "none", "the focused Menu button shows no focus ring"
        page.keyboard.press("Tab")
        expect(page.locator(".site-header summary", has_text="+ Quick add")).to_be_focused()
        assert errors == [], errors

    on_a_phone(live_server.url, alice, steps, timezone_id=NEW_YORK)
