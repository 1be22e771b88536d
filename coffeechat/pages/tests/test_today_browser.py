"""Today in a browser: a meeting that ended asks "We met?", and the answer is recorded in place.

Screenshots: test-artifacts/screenshots/today-1280.png and today-390.png. A console error or a
CSP violation fails the test.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Meeting
from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, session_cookie
from coffeechat.lib.testing.people import make_due_reminder, make_scheduled

pytestmark = pytest.mark.browser


def in_the_afternoon(owner: User) -> datetime:
    """Put `owner` where it is about 2 p.m. now: the day holds meetings before and after."""
    now = timezone.now()
    offset = (14 - now.hour + 12) % 24 - 12  # hours east of UTC
    owner.time_zone = "Etc/GMT" + (f"-{offset}" if offset > 0 else f"+{-offset}")  # reversed
    owner.save(update_fields=["time_zone"])
    return now


@pytest.mark.django_db(transaction=True)
def test_today_asks_if_a_meeting_that_ended_happened_and_records_it_in_place(
    alice, live_server
) -> None:
    now = in_the_afternoon(alice)
    week_ago = now - timedelta(days=7)
    ended = make_scheduled(
        alice, now=week_ago, name="Ada Lovelace", starts_at=now - timedelta(hours=2), minutes=45
    )
    make_scheduled(alice, now=week_ago, name="Grace Hopper", starts_at=now + timedelta(hours=2))
    make_due_reminder(alice, due_at=now - timedelta(days=1), title="Send Grace the article")
    today = live_server.url + reverse("conversations:today")
    cookie = session_cookie(live_server.url, alice)

    def steps(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(today)
        meetings = page.get_by_role("region", name="Meetings today")
        expect(meetings).to_contain_text("did you meet?")
        # Only the meeting that ended asks; the one to come has only Open.
        expect(meetings.get_by_role("button", name="We met")).to_have_count(1)
        page.screenshot(path=SCREENSHOTS / "today-1280.png", full_page=True)
        phone(context, page)

        page.evaluate("window.__sameDocument = true")
        meetings.get_by_role("button", name=re.compile(r"We met\W+Ada Lovelace")).click()
        expect(page.locator("#today-lists").get_by_text("Ada Lovelace: Met.")).to_be_visible()
        expect(page.locator("#messages")).to_contain_text("Ada Lovelace: Met.")  # read out
        expect(meetings.get_by_role("button", name="We met")).to_have_count(0)
        expect(page.get_by_text("Thank Ada Lovelace: cite one thing you learned")).to_be_visible()
        assert page.evaluate("window.__sameDocument") is True  # swapped in place, no reload
        assert errors == []

    def phone(context: BrowserContext, page: Page) -> None:
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=SCREENSHOTS / "today-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    in_chromium(steps, cookies=[cookie])
    ended.refresh_from_db()
    assert ended.meetings.get().status == Meeting.Status.HELD
