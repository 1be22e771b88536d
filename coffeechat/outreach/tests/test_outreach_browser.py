"""Writing a request in a real browser (Debian Chromium via Playwright), end to end.

Opens the composer from the conversation page, types a draft and watches the lint's findings
appear and clear as it runs through htmx, sends it through a real SMTP server on loopback,
then records a second request as sent from the user's own mail a week ago and finds its 3B
reminder overdue on Today. The clock never moves: the past date does the waiting. Any console
error (a CSP violation shows up as one) fails the test. Screenshots go to
test-artifacts/screenshots/outreach-*.png. The browser runs in a thread of its own
(coffeechat/lib/testing/browser.py), so the test passes whichever browser tests share its process.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import BrowserContext, Page, expect

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.lib.testing.browser import (
    SCREENSHOTS,
    ConsoleErrors,
    in_chromium,
    label,
    session_cookie,
)
from coffeechat.network import services as network

pytestmark = pytest.mark.browser

ZONE = "Europe/Berlin"
JOB_ASK = (
    "Hi Dana,\n\nI'm a fellow State University graduate. I hear your team is hiring. "
    "I would love a job at Northwind Analytics.\n\nThank you,\nAlice Martin\n"
)


@pytest.fixture
def alice_martin(transactional_db) -> User:
    user = User.objects.create_user(
        "alice.martin@example.org",
        "a long walk to the coffee shop",
        display_name="Alice Martin",
        time_zone=ZONE,
        school="State University",
        field_broad="product analytics",
        field_narrow="health tech",
        profile_url="https://www.linkedin.com/in/alice-martin",
    )
    # Confirmed: the server's mailer sends only for confirmed accounts.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def on_a_page(walk: Callable[[Page], None]) -> Callable[[BrowserContext], None]:
    """Browser steps that give `walk` a page whose console errors are kept in `page.errors`."""

    def steps(context: BrowserContext) -> None:
        page = context.new_page()
        errors = ConsoleErrors()
        errors.watch(page)
        page.errors = errors  # type: ignore[attr-defined]
        walk(page)

    return steps


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"outreach-{name}.png", full_page=True)
    assert not page.errors, f"after {name}: " + "\n".join(page.errors)  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
def test_a_request_is_linted_as_typed_sent_and_timed(
    live_server, alice_martin, smtp_server, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    dana = network.add_person(
        owner=alice_martin,
        full_name="Dana Okafor",
        organization_name="Northwind Analytics",
        title="Analytics Lead",
        email="dana@northwind.example",
        connection="alumni",
    )
    first = conversations.start_conversation(
        owner=alice_martin, person=dana, purpose="How analytics teams choose what to measure"
    )
    lena = network.add_person(
        owner=alice_martin,
        full_name="Lena Fischer",
        organization_name="Kettle & Co",
        email="lena@kettle.example",
        connection="event",
        met_at="the Pricing Summit in Berlin",
    )
    second = conversations.start_conversation(
        owner=alice_martin, person=lena, purpose="How pricing decisions get made"
    )
    walk = partial(
        walk_through,
        site=live_server.url,
        smtp_server=smtp_server,
        first=first.get_absolute_url(),
        second=second.get_absolute_url(),
    )

    in_chromium(
        on_a_page(walk),
        timezone_id=ZONE,
        timeout_ms=5_000,
        cookies=[session_cookie(live_server.url, alice_martin)],
    )

    first.refresh_from_db()
    assert first.messages.get().status == "sent"


def walk_through(page: Page, *, site: str, smtp_server, first: str, second: str) -> None:
    findings = page.locator("#findings")

    # 1. From the conversation's next step to the composer, filled in for Dana.
    page.goto(site + first)
    page.get_by_role("link", name="Write the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "First request by email to Dana Okafor"
    )
    expect(page.get_by_label(label("Subject"))).to_have_value(
        "Fellow State University alum: your advice on product analytics"
    )
    expect(findings).to_contain_text("No problems found")
    shot(page, "01-composer")

    # 2. A job ask without a question: the errors appear while typing, pointing at the words.
    body = page.get_by_label(label("Message"))
    body.fill(JOB_ASK)
    expect(findings.locator(".finding--error")).to_have_count(3)
    expect(findings).to_contain_text("“hiring” sounds like you're asking for a job.")
    expect(findings).to_contain_text("Ask for their advice as a question")
    expect(findings.locator("mark", has_text=re.compile("^job$"))).to_be_visible()
    shot(page, "02-lint-errors")
    # Sending anyway is refused, and each error offers its own override.
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("This message has errors.")
    expect(page.get_by_label("Send anyway, overriding RULE-E3")).not_to_be_checked()
    expect(page.get_by_label("Send anyway, overriding RULE-E5")).to_be_visible()
    # The refusal is a 400 page (like any form with errors), which Chromium logs; nothing else.
    assert [e for e in page.errors if "status of 400" not in e] == []  # type: ignore[attr-defined]
    page.errors.clear()  # type: ignore[attr-defined]
    shot(page, "02b-send-refused")
    body = page.get_by_label(label("Message"))

    # 3. Typing the request the method asks for clears them; the last keystroke is the "?".
    body.fill("")
    body.press_sequentially(
        "Hi Dana,\n\nI'm a fellow State University graduate and found you through our alumni "
        "network. I'm exploring product analytics, and your work at Northwind Analytics stood "
        "out to me. Would you be open to a 20-minute call to share your perspective",
        delay=0,
    )
    expect(findings).to_contain_text("RULE-E5")
    body.press_sequentially("?\n\nThank you,\nAlice Martin\n")
    expect(findings).to_contain_text("No problems found")
    expect(findings.locator(".finding--error")).to_have_count(0)
    shot(page, "03-lint-clear")

    # 4. Send: through coffeechat's mail server to a real SMTP server, with replies to Alice.
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".message")).to_contain_text("Request on its way.")
    expect(page.locator(".page-head .stage")).to_have_text("Contacted")
    expect(page.locator("#outreach-messages .badge")).to_have_text("Sent")
    [sent] = smtp_server.messages
    assert sent["To"] == "dana@northwind.example"
    assert sent["Subject"] == "Fellow State University alum: your advice on product analytics"
    assert sent["Reply-To"] == "Alice Martin <alice.martin@example.org>"
    assert "found you through our alumni network" in sent.get_content()
    shot(page, "04-sent")

    # 5. The second request went out from Alice's own mail a week ago: "I sent it", dated.
    week_ago = datetime.now(ZoneInfo(ZONE)).date() - timedelta(days=7)
    page.goto(site + second)
    page.get_by_role("link", name="Write the request").click()
    expect(page.get_by_label(label("Subject"))).to_have_value(
        "The Pricing Summit in Berlin: your advice on product analytics"
    )
    page.get_by_label(label("Sent on")).fill(week_ago.isoformat())
    page.get_by_role("button", name="I sent it").click()
    expect(page.locator(".message")).to_contain_text("Request recorded as sent.")
    history = page.locator("#outreach-messages")
    expect(history).to_contain_text("Sent from your own mail or LinkedIn")
    shot(page, "05-sent-elsewhere")

    # 6. Today: a week (5 business days) on, Lena's 3B reminder is overdue; Dana's is ahead.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    overdue = page.locator("section[aria-labelledby=overdue-h]")
    expect(
        overdue.locator("li.item", has_text="reach out to someone else at Kettle & Co")
    ).to_be_visible()
    expect(page.locator("section[aria-labelledby=upcoming-h]")).to_contain_text(
        "No reply from Dana Okafor yet: reach out to someone else at Northwind Analytics"
    )
    shot(page, "06-today-3b")
