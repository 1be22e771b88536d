"""The conversation page in a real browser (Debian Chromium via Playwright): notes survive a
reload mid-conversation, and text typed while the server is unreachable is restored and saved
when it comes back. Also screenshots the prep pages (test-artifacts/screenshots/prep-*.png).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from coffeechat.lib.testing.browser import SCREENSHOTS, in_chromium, session_cookie
from coffeechat.lib.testing.people import make_scheduled
from coffeechat.lib.testing.waiting import eventually
from coffeechat.prep import queries, services
from coffeechat.prep.models import Question

pytestmark = pytest.mark.browser


def as_alice(site: str, alice, walk: Callable[[BrowserContext], None]) -> None:
    """Run `walk` in Chromium (a thread of its own), signed in as alice, on New York time."""
    in_chromium(walk, timezone_id="America/New_York", cookies=[session_cookie(site, alice)])


# What a browser logs for a request made while offline: expected in this test, nothing else is.
OFFLINE_NOISE = re.compile(
    r"ERR_INTERNET_DISCONNECTED|Failed to (load resource|fetch)|"
    r"^htmx:(sendError|afterRequest)"
)


def watch(page: Page) -> list[str]:
    """Console errors and uncaught exceptions (a CSP violation shows up as one)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not OFFLINE_NOISE.search(m.text)
            else None
        ),
    )
    return errors


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"prep-{name}.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_notes_survive_a_reload_and_a_lost_connection(alice, live_server) -> None:
    now = timezone.now()
    conversation = make_scheduled(
        alice, now=now - timedelta(hours=1), minutes=30, starts_at=now - timedelta(minutes=5)
    )
    question = services.add_question(conversation=conversation, bank_key="advice", must_ask=True)
    services.add_question(conversation=conversation, bank_key="week")
    live = f"{live_server.url}/conversations/{conversation.pk}/live/"
    as_alice(
        live_server.url,
        alice,
        lambda context: _reload_and_offline(context, live, conversation, question),
    )


def _reload_and_offline(
    signed_in: BrowserContext, live: str, conversation: Any, question: Question
) -> None:
    page = signed_in.new_page()
    errors = watch(page)
    answer = page.get_by_label(re.compile("^Their answer to: If you were starting"))

    # 1. Type, wait for the autosave, reload: still there (and in the database).
    page.goto(live)
    expect(page.locator("[data-clock-text]")).to_contain_text("left · ends at")
    answer.fill("Learn SQL before anything else")
    page.get_by_label(re.compile("If you were starting")).first.check()
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    # The answer and the tick are two requests: "Saved at" may be the first one's.
    eventually(lambda: Question.objects.filter(pk=question.pk, asked=True).exists())
    page.reload()
    expect(answer).to_have_value("Learn SQL before anything else")
    expect(page.get_by_role("checkbox").first).to_be_checked()
    question.refresh_from_db()
    assert (question.answer, question.asked) == ("Learn SQL before anything else", True)
    shot(page, "live")

    # 2. The server becomes unreachable: typing is kept on the device, then saved on return.
    signed_in.set_offline(True)
    notes = page.get_by_label("Anything else")
    notes.press_sequentially("Typed while offline")
    expect(page.locator("#autosave-status")).to_contain_text("kept on this device")
    signed_in.set_offline(False)
    expect(page.locator("#autosave-status")).to_contain_text("Saved")
    eventually(lambda: queries.brief_for(conversation).live_notes == "Typed while offline")

    # 3. Offline again, and the tab is closed: the next visit restores the text and saves it.
    signed_in.set_offline(True)
    answer.fill("")
    answer.press_sequentially("Then read their blog")
    expect(page.locator("#autosave-status")).to_contain_text("kept on this device")
    page.close()
    signed_in.set_offline(False)
    page = signed_in.new_page()
    errors += watch(page)
    page.goto(live)
    expect(page.get_by_label(re.compile("^Their answer to: If you were starting"))).to_have_value(
        "Then read their blog"
    )
    eventually(lambda: Question.objects.get(pk=question.pk).answer == "Then read their blog")
    page.reload()
    expect(page.get_by_label(re.compile("^Their answer to: If you were starting"))).to_have_value(
        "Then read their blog"
    )
    assert page.evaluate("Object.keys(localStorage).length") == 0
    assert not errors, "\n".join(errors)


@pytest.mark.django_db(transaction=True)
def test_the_prep_pages_look_right(alice, live_server) -> None:
    # The meeting began five minutes ago: "We met" is pressed during it (method.md RULE-S8).
    conversation = make_scheduled(
        alice,
        now=timezone.now(),
        title="Senior Data Analyst",
        purpose="How analytics teams choose what to measure",
        starts_at=timezone.now() - timedelta(minutes=5),
    )
    services.update_brief(
        conversation=conversation,
        introduction="Four years in retail operations, building the weekly "
        "dashboards my team relied on.",
    )
    services.add_suggested(conversation=conversation)
    services.add_capture(conversation=conversation, kind="advice", text="Learn SQL first")
    services.add_referral(
        conversation=conversation,
        full_name="Ravi Menon",
        organization_name="Blue Harbor",
        may_mention=True,
    )
    as_alice(
        live_server.url,
        alice,
        lambda context: _walk_the_pages(context, live_server.url, conversation),
    )


def _walk_the_pages(signed_in: BrowserContext, site: str, conversation: Any) -> None:
    page = signed_in.new_page()
    errors = watch(page)
    base = f"{site}/conversations/{conversation.pk}"

    page.goto(f"{base}/prepare/")
    expect(page.get_by_role("heading", level=2, name="Agenda 20 minutes")).to_be_visible()
    shot(page, "brief")
    # Up/down work as plain forms (no JavaScript involved).
    page.get_by_role("button", name=re.compile("^↓ Move down: What brought you")).click()
    expect(page.locator(".plan__item").first).to_contain_text("What changes are shaping")
    intro = page.get_by_label("My 30-second introduction")
    intro.fill("")
    intro.press_sequentially("Changed by autosave")
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    eventually(lambda: queries.brief_for(conversation).introduction == "Changed by autosave")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/prepare/card/")
    shot(page, "card-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{base}/live/")
    page.get_by_role("button", name="We met: mark it held").click()
    expect(page.get_by_role("heading", name="Your thank-you")).to_be_visible()
    expect(page.get_by_label("Message")).to_contain_text("“Learn SQL first”")
    shot(page, "after")
    page.goto(f"{site}/people/{conversation.person.pk}/")
    shot(page, "person")
    assert not errors, "\n".join(errors)
