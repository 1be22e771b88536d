"""Offer times, confirm one, download the .ics and turn on the feed, in a real browser.

Debian Chromium on a thread of its own (coffeechat/lib/testing/browser.py).
Screenshots go to test-artifacts/screenshots/scheduling-*.png.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import BrowserContext, expect

from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, label

pytestmark = pytest.mark.browser
PASSWORD = "a long walk to the coffee shop"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def dana_replied(db):
    from coffeechat.accounts.models import User
    from coffeechat.conversations import services as conversation_services
    from coffeechat.network import services as network_services

    user = User.objects.create_user(
        "berlin@example.org", PASSWORD, display_name="Alice Berger", time_zone="Europe/Berlin"
    )
    dana = network_services.add_person(
        owner=user,
        full_name="Dana Whitfield",
        email="dana@example.com",
        time_zone="America/Los_Angeles",
    )
    conversation = conversation_services.start_conversation(owner=user, person=dana)
    conversation_services.move_to_stage(conversation=conversation, stage="contacted")
    conversation_services.move_to_stage(conversation=conversation, stage="replied")
    return conversation


@pytest.mark.django_db(transaction=True)
def test_offer_confirm_and_download(live_server, dana_replied, tmp_path) -> None:
    url = f"{live_server.url}/conversations/{dana_replied.pk}/"
    ics = in_chromium(
        lambda context: walk_through(context, live_server.url, url, tmp_path),
        timezone_id="Europe/Berlin",
        height=800,
        timeout_ms=5_000,
    )

    [event] = Calendar.from_ical(ics).events
    assert str(event["SUMMARY"]) == "Informational interview: Dana Whitfield and Alice Berger"
    assert str(event["UID"]) == dana_replied.meetings.get().uid
    assert event.start == dana_replied.meetings.get().starts_at


def walk_through(
    context: BrowserContext, site: str, conversation_url: str, tmp_path: Path
) -> bytes:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    def shot(name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"scheduling-{name}.png", full_page=True)
        assert not errors, "\n".join(errors)

    page.goto(site + "/accounts/login/")
    page.get_by_label(label("Email")).fill("berlin@example.org")
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(conversation_url)

    # 1. Offer two times, 18:00 and 17:30 on Alice's (Berlin) clock.
    day = datetime.now(BERLIN).date() + timedelta(days=4)
    panel = page.locator("#schedule")
    offer = panel.locator("form", has=page.get_by_role("button", name="Offer these times"))
    offer.get_by_label(label("First time")).fill(f"{day}T18:00")
    offer.get_by_label(label("Second time")).fill(f"{day + timedelta(days=1)}T17:30")
    offer.get_by_label(label("Mode")).select_option("video")
    offer.get_by_label(label("Place, number or link")).fill("https://meet.example/abc-defg")
    shot("1-offer-form")
    offer.get_by_role("button", name="Offer these times").click()

    # 2. Both clocks on the page, and the reply in Dana's (Los Angeles) time, ready to copy.
    expect(page.locator(".message")).to_contain_text("Times saved")
    reply = page.get_by_label("Your reply, ready to copy")
    expect(reply).to_contain_text("Thank you, Dana!")
    expect(reply).to_contain_text("(Los Angeles)")
    expect(panel.get_by_text("Their time:").first).to_be_visible()
    expect(panel.get_by_role("button", name="Copy the reply")).to_be_visible()  # JS on
    shot("2-times-offered")

    # 3. Dana picks the first: confirm it.
    panel.get_by_role("button", name="Confirm").first.click()
    expect(page.locator(".message")).to_contain_text("Meeting confirmed")
    expect(page.locator(".page-head .stage")).to_have_text("Scheduled")
    expect(panel.get_by_role("button", name="Send invite")).to_be_visible()
    expect(panel).to_contain_text(f"{day.day} ")
    shot("3-meeting-confirmed")

    # 4. Download the .ics.
    with page.expect_download() as download_info:
        panel.get_by_role("link", name="Download .ics").click()
    path = tmp_path / "meeting.ics"
    download_info.value.save_as(path)

    # 5. Turn on the calendar feed in Settings.
    page.goto(site + "/settings/")
    page.get_by_role("button", name="Turn on the calendar feed").click()
    expect(page.get_by_label("Subscription address")).to_have_value(
        re.compile(r"^webcal://.+/calendar/[\w-]{40,}\.ics$")
    )
    shot("4-settings-feed")
    return path.read_bytes()
