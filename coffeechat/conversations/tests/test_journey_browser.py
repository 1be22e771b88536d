"""A new user's first session, end to end in a real browser (Debian Chromium via Playwright).

Signs up, sets a time zone, adds people from the header, walks one conversation through every
stage, moves another on the pipeline board by drag and drop and by its Move form, and clears
overdue reminders from Today. Any console error or uncaught page error (a CSP violation shows
up as one) fails the test. Screenshots of each main step go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from coffeechat.lib.testing.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    ConsoleErrors,
    label,
    require_chromium,
)

pytestmark = pytest.mark.browser

ZONE = "Europe/Berlin"
PASSWORD = "a long walk to the coffee shop"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser: Browser) -> Iterator[tuple[Page, ConsoleErrors]]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="en-US", timezone_id=ZONE
    )
    context.set_default_timeout(5_000)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)
    try:
        yield page, errors
    finally:
        context.close()


class Journey:
    """The steps of the journey, sharing one page; each step ends on a screenshot."""

    def __init__(self, page: Page, errors: ConsoleErrors) -> None:
        self.page, self.errors = page, errors
        self.shots = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str) -> None:
        self.shots += 1
        self.page.screenshot(path=SCREENSHOTS / f"{self.shots:02d}-{name}.png", full_page=True)
        assert not self.errors, f"after {name}: " + "\n".join(self.errors)

    def nav(self, name: str):
        return self.page.get_by_role("navigation", name="Main").get_by_role(
            "link", name=name, exact=True
        )

    @property
    def stage_badge(self):
        return self.page.locator(".page-head .stage")

    @property
    def next_step(self):
        return self.page.locator("section.next-step")

    def quick_add(self, name: str, organization: str, met_at: str) -> None:
        page = self.page
        page.locator(".site-header summary", has_text="+ Quick add").click()
        form = page.locator("form.quick-add__form").first
        expect(form).to_be_visible()
        # Every field has a real label (this is what get_by_label relies on).
        form.get_by_label(label("Name")).fill(name)
        form.get_by_label(label("Organization")).fill(organization)
        form.get_by_label(label("How we met")).fill(met_at)
        form.get_by_role("button", name="Add person").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        expect(page.locator(".message")).to_contain_text(f"Added {name}.")

    def start_conversation(self, purpose: str) -> int:
        page = self.page
        page.get_by_label("What do you hope to learn?").fill(purpose)
        page.get_by_role("button", name="Start a conversation").click()
        expect(page).to_have_url(re.compile(r"/conversations/\d+/$"))
        expect(self.stage_badge).to_have_text("Identified")
        expect(page.locator(".lead")).to_have_text(purpose)
        return int(page.url.rstrip("/").rsplit("/", 1)[1])

    def move(self, button: str, stage: str) -> None:
        self.next_step.get_by_role("button", name=button, exact=True).click()
        expect(self.stage_badge).to_have_text(stage)
        expect(self.page.locator(".message")).to_contain_text(stage)


@pytest.mark.django_db(transaction=True)
def test_a_new_user_runs_their_first_conversations(live_server, browser_page) -> None:
    page, errors = browser_page
    journey = Journey(page, errors)
    berlin_today = datetime.now(ZoneInfo(ZONE)).date()

    # 1. Home page -> Create account -> the welcome steps, skipped -> Today, with the first
    # steps instead of "all caught up".
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Conversations that open doors")
    journey.shot("welcome")
    page.get_by_role("link", name="Create account", exact=True).click()
    page.get_by_label("Email").fill("new.user@example.org")
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_label(label("Password (again)")).fill(PASSWORD)
    journey.shot("signup")
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page).to_have_url(re.compile(r"/welcome/$"))
    page.get_by_role("button", name="Skip the rest and go to Today").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    expect(page.get_by_role("heading", name="Your first steps")).to_be_visible()
    expect(page.get_by_text("Nothing is due yet.")).to_be_visible()
    expect(page.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")
    journey.shot("today-empty")

    # 2. Settings: their own time zone.
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Settings").click()
    page.get_by_label("Time zone").fill(ZONE)  # a searchable field: typing the zone is enough
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".message")).to_have_text("Settings saved.")
    expect(page.get_by_label("Time zone")).to_have_value(ZONE)
    journey.shot("settings-saved")

    # 3. Quick add from the header -> the person's page.
    journey.quick_add("Dana Okafor", "Northwind Analytics", "Alumni mixer, spring 2026")
    expect(page.locator("dl.details")).to_contain_text("Alumni mixer, spring 2026")
    expect(page.get_by_role("link", name="Northwind Analytics")).to_be_visible()
    journey.shot("person")

    # 4. Start a conversation with a purpose -> the conversation page.
    journey.start_conversation("How analytics teams choose what to measure")
    journey.shot("conversation-identified")

    # 5. I sent the request -> contacted, with the 3B and 7B reminders.
    expect(page.get_by_label("Sent on")).to_have_value(berlin_today.isoformat())
    journey.move("I sent the request", "Contacted")
    reminders = page.locator("section[aria-labelledby=reminders-h] .list > li.item")
    expect(reminders).to_have_count(2)
    expect(reminders.nth(0)).to_contain_text(
        "No reply from Dana Okafor yet: reach out to someone else at Northwind Analytics"
    )
    expect(reminders.nth(1)).to_contain_text("Send Dana Okafor your one follow-up")
    journey.shot("conversation-contacted")

    # 6. Replied -> scheduled (through the meeting form) -> met -> thanked -> keeping in touch.
    journey.move("They replied", "Replied")
    expect(reminders).to_have_count(1)
    expect(reminders.first).to_contain_text("Answer Dana Okafor and offer 2–3 times")
    # The direct form (the time is already agreed) sits under the offer-times form.
    page.locator("#schedule summary", has_text="Add the meeting directly").click()
    meeting = page.locator("#schedule form", has=page.get_by_role("button", name="Schedule"))
    starts = datetime.combine(berlin_today + timedelta(days=3), datetime.min.time()).replace(
        hour=10, minute=30
    )
    meeting.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    meeting.get_by_label("Length (minutes)").fill("30")
    meeting.get_by_label("Mode").select_option("video")
    meeting.get_by_label("Place, number or link").fill("https://meet.example.org/dana")
    meeting.get_by_role("button", name="Schedule").click()
    expect(journey.stage_badge).to_have_text("Scheduled")
    expect(page.locator(".message")).to_have_text("Meeting scheduled.")
    expect(page.locator("#schedule .list")).to_contain_text(starts.strftime("%H:%M"))
    expect(journey.next_step).to_contain_text("for 30 minutes · https://meet.example.org/dana")
    journey.shot("conversation-scheduled")
    # "We met" waits for the meeting to start (method.md RULE-S8): three days early, it isn't
    # offered. Then the meeting's time comes (moved in the database: the browser can't travel).
    expect(journey.next_step).to_contain_text("“We met” appears once the meeting has started.")
    expect(journey.next_step.get_by_role("button", name="We met", exact=True)).to_have_count(0)
    from django.utils import timezone as django_timezone

    from coffeechat.conversations.models import Meeting

    Meeting.objects.filter(place="https://meet.example.org/dana").update(
        starts_at=django_timezone.now() - timedelta(minutes=40)
    )
    page.reload()
    journey.move("We met", "Met")
    journey.move("I sent the thank-you", "Thanked")
    journey.move("Keep in touch", "Keeping in touch")
    expect(reminders).to_have_count(1)
    expect(reminders.first).to_contain_text("Keep in touch with Dana Okafor")
    expect(page.locator(".timeline")).to_contain_text("Thanked → Keeping in touch")
    # The method's earlier reminders are kept, marked as no longer needed.
    page.get_by_text("History and your own reminder").click()
    history = page.locator("section[aria-labelledby=reminders-h] details .list")
    expect(history).to_contain_text("Send Dana Okafor your one follow-up · No longer needed")
    expect(page.get_by_label(label("Remind me to"))).to_be_visible()
    page.get_by_text("Move to another stage").click()
    expect(page.get_by_label("When it happened")).to_be_visible()
    journey.shot("conversation-nurturing")

    # 7. A second conversation, moved on the board by drag and drop, then by its Move form.
    journey.quick_add("Ravi Menon", "Blue Harbor Labs", "Introduced by Dana")
    second = journey.start_conversation("What a data engineer's first year looks like")
    journey.nav("Pipeline").click()
    card = page.locator(f"#card-{second}")
    column = "section.column[data-stage='{}']".format
    expect(page.locator(column("identified")).locator(card)).to_be_visible()
    expect(page.locator(column("nurturing"))).to_contain_text("Dana Okafor")
    # The board scrolls inside itself; the page never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    journey.shot("pipeline")
    page.evaluate("window.__sameDocument = true")
    page.drag_and_drop(f"#card-{second}", column("contacted"))
    expect(page.locator(column("contacted")).locator(card)).to_be_visible()
    expect(page.locator(column("identified"))).to_contain_text("No one here yet.")
    expect(page.locator("#col-contacted")).to_contain_text("1")
    expect(page.locator("#board-status")).to_have_text("Moved Ravi Menon to Contacted.")
    assert page.evaluate("window.__sameDocument") is True, "drag and drop reloaded the page"
    journey.shot("pipeline-dragged")
    # By keyboard: choose the stage on the card, then press Enter on its Move button.
    page.get_by_label("Move Ravi Menon to").select_option(label="Replied")
    page.get_by_role("button", name="Move Ravi Menon").focus()
    page.keyboard.press("Enter")
    expect(page.locator(column("replied")).locator(card)).to_be_visible()
    expect(page.locator(column("contacted"))).to_contain_text("No one here yet.")
    expect(page.locator("#board .message")).to_have_text("Ravi Menon: Replied.")
    assert page.evaluate("window.__sameDocument") is True, "the Move form reloaded the page"
    journey.shot("pipeline-moved")
    card.get_by_role("link", name="Ravi Menon").click()
    expect(journey.stage_badge).to_have_text("Replied")

    # 8. A request sent three weeks ago: its 3B and 7B reminders are overdue on Today.
    journey.quick_add("Lena Fischer", "Kettle & Co", "Conference talk on pricing")
    journey.start_conversation("How pricing decisions get made")
    page.get_by_label("Sent on").fill((berlin_today - timedelta(days=21)).isoformat())
    journey.move("I sent the request", "Contacted")
    journey.nav("Today").click()
    overdue = page.locator("section[aria-labelledby=overdue-h]")
    expect(overdue.get_by_role("heading")).to_contain_text("Overdue 2")
    expect(overdue.locator("li.item")).to_have_count(2)
    try_another = overdue.locator("li.item", has_text="reach out to someone else at Kettle & Co")
    follow_up = overdue.locator("li.item", has_text="Send Lena Fischer your one follow-up")
    expect(try_another.locator(".badge--overdue")).to_contain_text("Overdue since")
    expect(follow_up.locator(".badge--overdue")).to_contain_text("Overdue since")
    journey.shot("today-overdue")
    try_another.get_by_role("button", name=re.compile("^Done")).click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(overdue.locator("li.item")).to_have_count(1)
    expect(try_another).to_have_count(0)
    follow_up.get_by_role("button", name="I sent the follow-up").click()
    expect(page.locator(".message")).to_contain_text("Follow-up recorded.")
    expect(overdue).to_have_count(0)
    expect(page.locator("#today-lists")).not_to_contain_text("one follow-up")
    # The one follow-up starts the last timer: close it if they stay silent.
    expect(page.locator("section[aria-labelledby=upcoming-h]")).to_contain_text(
        "Still no reply from Lena Fischer: close it and move on"
    )
    journey.shot("today-cleared")

    # 9. Keyboard: on a fresh page the skip link comes first, then the brand and the main
    # navigation. (After an action on Today's lists, focus stays in the lists instead.)
    page.reload()
    page.locator("body").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    journey.shot("skip-link")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="coffeechat", exact=True)).to_be_focused()
    nav = page.get_by_role("navigation", name="Main")
    for name in ["Today", "Targets", "People", "Pipeline", "Strategy", "Resumes", "Progress"]:
        page.keyboard.press("Tab")
        expect(nav.get_by_role("link", name=name)).to_be_focused()
    account = page.get_by_role("navigation", name="Account")
    for name in ["You", "Settings"]:
        page.keyboard.press("Tab")
        expect(account.get_by_role("link", name=name)).to_be_focused()
    page.keyboard.press("Tab")
    expect(account.get_by_role("button", name="Sign out")).to_be_focused()
    page.keyboard.press("Tab")
    summary = page.locator(".site-header summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("form.quick-add__form").get_by_label(label("Name"))).to_be_focused()
    journey.shot("quick-add-open")
    # Skip to content moves focus into the page.
    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    assert not errors, "\n".join(errors)
