"""Scan a business card in a real browser: upload a photo, wait for OCR, review, save.

Screenshots of each step (desktop and phone width) go to test-artifacts/screenshots/cards/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from coffeechat.cards.models import Card
from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium
from coffeechat.lib.testing.cardgen import CARDS, card_bytes
from coffeechat.network.models import Person

pytestmark = pytest.mark.browser
SHOTS = SCREENSHOTS / "cards"


def in_own_browser(steps: Callable[[Page, ConsoleErrors], None]) -> None:
    """Run `steps` on a page of a fresh Chromium (a thread of its own), watching for errors."""

    def on_a_page(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        steps(page, errors)

    in_chromium(on_a_page, height=800, timeout_ms=20_000)  # OCR on a busy CI machine


def shot(page: Page, errors: ConsoleErrors, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    assert not errors, f"after {name}: " + "\n".join(errors)


@pytest.mark.django_db(transaction=True)
def test_a_scanned_card_becomes_a_person(live_server, alice, settings, tmp_path) -> None:
    # OCR runs as soon as the upload commits, inside the request, instead of in a worker.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    photo = tmp_path / "card.jpg"
    photo.write_bytes(card_bytes(CARDS[1]))

    in_own_browser(lambda page, errors: scan_and_save(page, errors, live_server.url, photo))

    person = Person.objects.get(owner=alice)
    assert (person.full_name, person.met_at, person.connection) == (
        "Daniel Fischer",
        "Spring career fair 2026",
        "event",
    )
    assert person.conversations.get().reminders.get().title == (
        "Follow up with Daniel Fischer from Spring career fair 2026"
    )


def scan_and_save(page: Page, errors: ConsoleErrors, base: str, photo: Path) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", "alice@example.org")
    page.fill("input[name=password]", "correct horse battery")
    page.click("button[type=submit]")
    page.goto(base + "/people/")
    page.get_by_role("link", name="Scan cards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scan business cards")
    shot(page, errors, "01-capture-empty")

    page.get_by_label(re.compile("^Where are you")).fill("Spring career fair 2026")
    page.get_by_label(re.compile("^Or choose photos")).set_input_files(str(photo))
    page.get_by_role("button", name="Read cards").click()
    expect(page.locator(".message")).to_contain_text("Got 1 card")
    expect(page.locator("#progress")).to_contain_text("1 card ready to review")
    shot(page, errors, "02-capture-read")

    page.get_by_role("link", name="Review 1 card").click()
    expect(page.locator(".item__title")).to_have_text("Daniel Fischer")
    shot(page, errors, "03-queue")
    page.get_by_role("link", name="Review", exact=True).click()
    main = page.locator("main")  # the header's quick-add form has a Name field too
    expect(main.get_by_label(re.compile("^Name"))).to_have_value("Daniel Fischer")
    expect(main.get_by_label(re.compile("^Email"))).to_have_value("d.fischer@brightlinehealth.com")
    expect(main.get_by_label(re.compile("^Where you met"))).to_have_value("Spring career fair 2026")
    expect(page.locator("img.card-photo")).to_be_visible()
    shot(page, errors, "04-review")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, errors, "05-review-phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("button", name="Save to my network").click()
    expect(page.locator(".message")).to_contain_text("Added Daniel Fischer")
    shot(page, errors, "06-saved")


@pytest.mark.django_db(transaction=True)
def test_a_photo_taken_offline_is_queued_and_uploaded_when_the_connection_returns(
    live_server, alice, settings, tmp_path
) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    photo = tmp_path / "card.jpg"
    photo.write_bytes(card_bytes(CARDS[1]))

    def steps(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(live_server.url + "/accounts/login/")
        page.fill("input[name=login]", "alice@example.org")
        page.fill("input[name=password]", "correct horse battery")
        page.click("button[type=submit]")
        page.goto(live_server.url + "/cards/")
        manifest = page.locator("link[rel=manifest]").get_attribute("href")
        assert page.request.get(live_server.url + manifest).json()["start_url"] == "/cards/"
        page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
        page.get_by_label(re.compile("^Where are you")).fill("Spring career fair 2026")

        context.set_offline(True)
        page.get_by_label(re.compile("^Or choose photos")).set_input_files(str(photo))
        page.get_by_role("button", name="Read cards").click()
        expect(page.locator("#offline-queue")).to_contain_text("1 photo is waiting")
        page.set_viewport_size({"width": 390, "height": 844})
        shot(page, errors, "07-offline-queue-phone")
        page.set_viewport_size({"width": 1280, "height": 800})
        assert not Card.objects.filter(owner=alice).exists()

        context.set_offline(False)
        # OCR runs inside the upload here (immediate tasks); the engine loads on first use.
        expect(page.locator("#progress")).to_contain_text("1 card ready to review", timeout=60_000)
        expect(page.locator("#offline-queue")).to_be_hidden()
        shot(page, errors, "08-offline-uploaded")

    in_chromium(steps, height=800, timeout_ms=20_000)

    card = Card.objects.get(owner=alice)
    assert (card.event, card.fields["full_name"]) == ("Spring career fair 2026", "Daniel Fischer")
