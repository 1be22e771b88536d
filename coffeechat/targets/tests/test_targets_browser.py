"""Issue 8, the target list in a real browser (Debian Chromium via Playwright).

Paste 40 employers (one a close spelling of an organization already in the network, confirmed
on the check page), rate all 40 by keyboard only (Tab into each radio group, arrow keys to
choose; no mouse in the rating part), see the top five, and start the first request from it:
the composer opens with a draft to the best person there. Console errors and CSP violations
fail the test. Screenshots: test-artifacts/screenshots/targets-*.png (desktop and phone).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, expect

from coffeechat.conversations.models import Conversation, Stage
from coffeechat.lib.testing.browser import (
    SCREENSHOTS,
    ConsoleErrors,
    in_chromium,
    label,
    session_cookie,
)
from coffeechat.lib.testing.employers import EMPLOYERS, people_at
from coffeechat.lib.testing.keyboard import choose, tab_to
from coffeechat.targets.models import Target

pytestmark = pytest.mark.browser

OTHERS = EMPLOYERS
NAMES = ["Northwind Traders", "Contosso", *OTHERS]  # "Contosso": a close spelling of Contoso


def wanted(name: str) -> tuple[int, int]:
    """The score each employer gets: Northwind is the dream; the rest spread over the scale."""
    if name == "Northwind Traders":
        return 5, 3
    if name == "Contoso":
        return 5, 2
    n = NAMES.index(name)
    return n % 5 + 1, n % 3 + 1


@pytest.fixture
def seeker(transactional_db):
    from coffeechat.accounts.models import User
    from coffeechat.network import services as network

    user = User.objects.create_user(
        "seeker@example.org",
        "a long walk to the coffee shop",
        display_name="Alice Berger",
        school="Lakeshore State",
        field_broad="product analytics",
    )
    people_at(
        network.add_person,
        [
            (
                "Dana Whitfield",
                "Northwind Traders",
                {"title": "Product Analyst", "connection": "alumni", "email": "dana@example.com"},
            ),
            (
                "Rita Reyes",
                "Northwind Traders",
                {"title": "Technical Recruiter", "connection": "alumni"},
            ),
            ("Chris Cole", "Contoso", {"title": "Data Engineer", "connection": "event"}),
        ],
        owner=user,
    )
    return user


@pytest.mark.django_db(transaction=True)
def test_build_rate_and_work_a_40_employer_list(live_server, seeker) -> None:
    in_chromium(
        lambda context: walk_through(context, live_server.url),
        cookies=[session_cookie(live_server.url, seeker)],
        wait_seconds=420,
    )

    targets = Target.objects.filter(owner=seeker).select_related("organization")
    assert targets.count() == 40
    assert {t.organization.name: (t.motivation, t.posting) for t in targets} == {
        name: wanted(name) for name in ["Northwind Traders", "Contoso", *OTHERS]
    }
    assert not targets.filter(organization__name="Contosso").exists()
    dana = Conversation.objects.get(owner=seeker, person__full_name="Dana Whitfield")
    assert dana.stage == Stage.IDENTIFIED


def walk_through(context: BrowserContext, site: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    def shot(name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"targets-{name}.png", full_page=True)
        assert not errors, "\n".join(errors)

    # 1. Paste 40 names; the close spelling is confirmed as the organization you have.
    page.goto(f"{site}/targets/")
    expect(page.get_by_text("Start with 40 employers.")).to_be_visible()
    page.get_by_role("link", name="Paste a list").click()
    page.get_by_label(label("Employer names, one per line")).fill(
        "\n".join(["- Northwind Traders", "", *NAMES[1:], "northwind traders"])
    )
    page.get_by_label(label("Where they came from")).first.select_option("dream")
    page.get_by_role("button", name="Add these employers").click()
    expect(page.get_by_role("heading", name="Check the names")).to_be_visible()
    expect(page.locator(".paste-plan")).to_contain_text("Skipped: same as line 1")
    shot("1-check")
    page.get_by_role("radio", name=re.compile(r"^Contoso ")).check()
    page.get_by_role("button", name="Add them all").click()
    expect(page.locator(".message").first).to_contain_text("Added 40 employers to your list.")
    expect(page.locator(".lamp-count")).to_contain_text("40/40")
    expect(
        page.get_by_role("heading", name="What happened to your list, line by line")
    ).to_be_visible()

    # 2. Rate all 40 by keyboard only: Tab into a radio group, arrows to choose.
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    rated = 0
    while rated < 40:
        name = tab_to(page, "motivation-")
        motivation, posting = wanted(name)
        choose(page, motivation)
        if rated == 0:
            assert page.evaluate("document.activeElement.value") == str(motivation)
        assert tab_to(page, "posting-") == name
        choose(page, posting)
        rated += 1
    expect(page.locator(".rated:has-text('Saved')")).to_have_count(40)
    focused = page.evaluate("document.activeElement.name")
    assert focused.startswith("posting-"), "focus left the table after the last save"

    # 3. The top five: Northwind first, with Dana (alumni, in your field) to ask.
    page.reload()
    batch = page.locator("#batch-list .batch__item")
    # Motivation, then Posting, then Advocacy (you know people at Northwind and Contoso).
    expect(batch.locator(".batch__name")).to_have_text(
        [
            "Northwind Traders",
            "Copperfield Bank",
            "Maplecrest Foods",
            "Contoso",
            "Cedar Row Analytics",
        ]
    )
    expect(batch.first).to_contain_text("Dana Whitfield")
    expect(batch.first).not_to_contain_text("Rita Reyes")  # the recruiter comes last
    shot("2-rated")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("2-rated-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 4. One click starts the request: the composer opens with a draft to Dana.
    batch.first.get_by_role("button", name="Draft a request to Dana").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dana Whitfield")
    body = page.get_by_label(label("Message"))
    expect(body).to_have_value(re.compile(r"^Hi Dana"))
    expect(body).to_have_value(re.compile("Lakeshore State"))
    assert "{" not in body.input_value()
    shot("3-composer")
