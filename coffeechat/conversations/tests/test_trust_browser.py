"""Issue 11 in a real browser (Debian Chromium via Playwright): dates and next steps you can
trust, honest delivery, notes that are never lost, and focus that stays where you act.

Screenshots at 1280 and 390 wide: test-artifacts/screenshots/trust-*.png. Any console error or
uncaught page error (a CSP violation shows up as one) fails the test.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from coffeechat.conversations import services
from coffeechat.conversations.models import Conversation, Stage
from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, session_cookie
from coffeechat.lib.testing.people import make_conversation, make_person, make_scheduled
from coffeechat.outreach.models import Message, MessageKind

pytestmark = pytest.mark.browser
NEW_YORK = ZoneInfo("America/New_York")
CONSOLE_ONLY = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}


def walk(site: str, user, steps, **kwargs) -> None:
    in_chromium(
        steps, timezone_id="America/New_York", cookies=[session_cookie(site, user)], **kwargs
    )


def shots(page: Page, name: str) -> None:
    """The page at 1280 and at 390 wide (a phone), whole."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"trust-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def next_sunday_at(hour: int) -> datetime:
    today = timezone.localdate(timezone.now(), NEW_YORK)
    sunday = today + timedelta(days=(6 - today.weekday()) % 7 or 7)
    return datetime.combine(sunday, time(hour), tzinfo=NEW_YORK)


# Dates and stages ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_offered_times_warn_and_we_met_waits_for_the_meeting(alice, live_server) -> None:
    from coffeechat.scheduling import services as scheduling

    offered = make_conversation(alice, person=make_person(alice, "Dana Whitfield", "Northwind"))
    services.move_to_stage(conversation=offered, stage=Stage.CONTACTED)
    services.move_to_stage(conversation=offered, stage=Stage.REPLIED)
    scheduling.propose_slots(
        conversation=offered,
        minutes=20,
        mode="video",
        starts=[next_sunday_at(3), next_sunday_at(3) + timedelta(days=2, hours=8)],
    )
    planned = make_scheduled(
        alice, now=timezone.now(), name="Grace Hopper", starts_at=timezone.now() + timedelta(days=2)
    )

    def steps(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(f"{live_server.url}/conversations/{offered.pk}/")
        step = page.locator(".next-step")
        expect(step).to_contain_text("You offered 2 times.")
        expect(step).not_to_contain_text("offer 2–3 times that suit them")
        expect(page.locator(".slot-warnings").first).to_contain_text(
            "03:00 on your clock: at night"
        )
        expect(page.locator(".slot-warnings").first).to_contain_text(
            "Sunday is not a working day for you both"
        )
        shots(page, "offered-times")

        page.goto(f"{live_server.url}/conversations/{planned.pk}/")
        expect(page.locator(".next-step")).to_contain_text(
            "“We met” appears once the meeting has started."
        )
        expect(page.get_by_role("button", name="We met")).to_have_count(0)
        shots(page, "meeting-to-come")
        assert errors == [], errors

    walk(live_server.url, alice, steps)
    planned.refresh_from_db()
    assert planned.stage == Stage.SCHEDULED


# Honest delivery ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_without_a_mail_server_nothing_is_called_sent_and_stuck_mail_shows(
    alice, live_server, settings
) -> None:
    settings.MAILERS = CONSOLE_ONLY
    planned = make_scheduled(
        alice, now=timezone.now(), name="Grace Hopper", starts_at=timezone.now() + timedelta(days=2)
    )
    Message.objects.create(
        owner=alice,
        conversation=planned,
        kind=MessageKind.REQUEST,
        status=Message.Status.FAILED,
        to_email="grace@example.org",
        subject="About compilers",
        body="Hi Grace",
        attempts=1,
        last_error="127.0.0.1:2525 refused the username or password.",
    )

    def steps(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(f"{live_server.url}/today/")
        stuck = page.locator("#outbox-h").locator("..")
        expect(stuck).to_contain_text("Not sent")
        expect(stuck).to_contain_text(
            "refused the username or password. coffeechat stopped trying."
        )
        expect(stuck.get_by_role("link", name="Fix mail settings")).to_be_visible()
        shots(page, "today-not-sent")
        stuck.get_by_role("button", name=re.compile("^Try again now")).click()
        expect(page.locator("#today-lists .message")).to_contain_text(
            "coffeechat has no mail server to send this through"
        )

        page.goto(f"{live_server.url}/conversations/{planned.pk}/")
        expect(page.get_by_role("button", name="Send invite")).to_have_count(0)
        expect(page.locator("#schedule")).to_contain_text(
            "This server can't email invitations: download the .ics"
        )
        expect(page.get_by_role("link", name="Download .ics")).to_be_visible()
        expect(page.locator("#outreach-messages")).to_contain_text("refused the username")
        shots(page, "conversation-not-sent")
        assert errors == [], errors

    walk(live_server.url, alice, steps)
    assert Message.objects.get().status == Message.Status.FAILED  # not pretended sent


# Notes never lost ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_huge_paste_is_kept_on_the_device_and_offered_back_after_a_reload(
    alice, live_server
) -> None:
    conversation = make_scheduled(
        alice, now=timezone.now(), minutes=30, starts_at=timezone.now() - timedelta(minutes=5)
    )
    huge = ("They said to read the SRE book. " * 1900)[:60_000]

    def paste(page: Page, selector: str, text: str) -> None:
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        page.locator(selector).focus()
        page.keyboard.press("Control+V")

    def steps(context: BrowserContext) -> None:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        live = f"{live_server.url}/conversations/{conversation.pk}/live/"
        page.goto(live)
        paste(page, "#live_notes", huge)
        status = page.locator("#autosave-status")
        expect(status).to_contain_text(
            "Not saved: this note is 60,000 characters long and the limit is 50,000."
        )
        assert "<" not in status.inner_text()  # words, never markup
        shots(page, "live-too-long")

        page.reload()
        expect(page.locator("#live_notes")).to_have_value(huge)
        expect(status).to_contain_text("Restored 1 unsaved change from this device. Not saved:")

        page.locator("#live_notes").fill("Read the SRE book; talk to Ravi.")
        page.locator("#live_notes").press("End")
        expect(status).to_contain_text("Saved at")

        paste(page, "#id_text", "x" * 1500)  # the quick capture takes 1,000 characters
        expect(page.locator("#id_text-paste-cut")).to_have_text(
            "Your paste was cut: this field takes 1,000 characters, so the last 500 were left out."
        )

        page.set_viewport_size({"width": 390, "height": 700})
        page.mouse.wheel(0, 2500)
        page.wait_for_timeout(300)
        box = page.locator(".clock").bounding_box()
        assert box is not None and 0 <= box["y"] < 700, box  # the clock stays in view
        page.screenshot(path=SCREENSHOTS / "trust-live-phone-scrolled-390.png")
        assert errors == [], errors

    walk(live_server.url, alice, steps)
    from coffeechat.prep import queries

    assert queries.brief_for(conversation).live_notes == "Read the SRE book; talk to Ravi."


# Focus -----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_focus_stays_where_you_act_on_today_and_the_board(alice, live_server) -> None:
    week_ago = timezone.now() - timedelta(days=9)
    waiting = []
    for name, organization in (("Ada Lovelace", "Analytical"), ("Grace Hopper", "Navy")):
        conversation = make_conversation(
            alice, person=make_person(alice, name, organization), now=week_ago
        )
        services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=week_ago)
        waiting.append(conversation)
    # The live server imports the URLconf (the API and MCP packages) on its first request:
    # seconds on a loaded machine, which would count against the first page's timeout.
    today, board = reverse("conversations:today"), reverse("conversations:pipeline")

    def steps(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(f"{live_server.url}{today}")
        ada = page.locator("#today-lists .item", has_text="Ada Lovelace").first
        ada.get_by_role("button", name="They replied").focus()
        page.keyboard.press("Enter")
        # Wait on what the user would notice, never on time: the lists show what happened...
        expect(page.locator("#today-lists .message")).to_have_text("Ada Lovelace: Replied.")
        # ...the page's live region (there before the swap) reads it out...
        expect(page.locator("#messages")).to_have_text("Ada Lovelace: Replied.")
        # ...and the keyboard is on the item that took Ada's place, not at the top of the page.
        grace = page.locator("#today-lists .item", has_text="Grace Hopper").first
        expect(grace.get_by_role("link", name="Grace Hopper")).to_be_focused()
        page.keyboard.press("Tab")  # and Tab goes on through Grace's item
        expect(grace.get_by_role("link", name="People at Navy")).to_be_focused()

        page.goto(f"{live_server.url}{board}")
        card = f"#card-{waiting[1].pk}"
        page.locator(f"{card} select").select_option("replied")
        page.locator(f"{card} button").click()
        expect(page.locator(f"[data-stage=replied] {card}")).to_be_visible()
        expect(page.locator(f"#move-{waiting[1].pk}")).to_be_focused()
        expect(page.locator("#board-status")).to_have_text("Grace Hopper: Replied.")
        shots(page, "board-after-move")
        assert errors == [], errors

    walk(live_server.url, alice, steps)
    assert {c.stage for c in Conversation.objects.filter(owner=alice)} == {Stage.REPLIED}


@pytest.mark.django_db(transaction=True)
def test_a_bulk_action_on_today_keeps_the_keyboard_on_its_section(alice, live_server) -> None:
    week_ago = timezone.now() - timedelta(days=9)
    for name, organization in (("Ada Lovelace", "Analytical"), ("Grace Hopper", "Navy")):
        conversation = make_conversation(
            alice, person=make_person(alice, name, organization), now=week_ago
        )
        services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=week_ago)
    today = reverse("conversations:today")

    def steps(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(f"{live_server.url}{today}")
        overdue = page.locator("section[aria-labelledby=overdue-h]")
        expect(overdue.locator("li.item")).to_have_count(2)
        overdue.locator(".item__pick").first.check()
        overdue.get_by_role("button", name="Dismiss", exact=True).focus()  # the bulk Dismiss
        page.keyboard.press("Enter")
        expect(overdue.locator("li.item")).to_have_count(1)
        expect(page.locator("#messages")).to_contain_text("Dismissed 1 reminder")
        expect(page.locator("#overdue-h")).to_be_focused()  # not the top of the page
        assert errors == [], errors

    walk(live_server.url, alice, steps)
