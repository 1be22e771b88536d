"""Issue 9 in a real browser (Debian Chromium via Playwright): from two conversations to a
strategy.

Capture advice in two conversations that say the same thing, see the theme confirmed with both
sources, tag items to an option with one tap, raise an obstacle in a brief and plan a question
about it, write the strategy with evidence links, open one in place, save, and download the PDF
(its text is read back, and its first page rendered to PNG to look at). Any console error or
uncaught page error (a CSP violation shows up as one) fails the test. Screenshots of the new
pages at 1280 and 390 wide: test-artifacts/screenshots/strategy-*.png.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from coffeechat.lib.testing.browser import (
    SCREENSHOTS,
    ConsoleErrors,
    in_chromium,
    label,
    session_cookie,
)
from coffeechat.strategy.models import Evidence, StrategyVersion, Theme

pytestmark = pytest.mark.browser
FIRST = "Learn SQL window functions before anything fancier"
SECOND = "SQL is a must: every QI report starts with a query"


@pytest.fixture
def world(db):
    from coffeechat.accounts.models import User
    from coffeechat.conversations import services as conversations
    from coffeechat.network import services as network
    from coffeechat.strategy import services

    user = User.objects.create_user(
        "plan@example.org",
        "a long walk to the coffee shop",
        display_name="Sam Rivera",
        time_zone="America/Chicago",
    )
    talks = []
    for name, org in (("Laura Chen", "CareLoop Health"), ("Rosa Delgado", "Lakeview Clinic")):
        person = network.add_person(
            owner=user, full_name=name, organization_name=org, title="Data Scientist"
        )
        talks.append(
            conversations.start_conversation(
                owner=user, person=person, purpose="How clinics use data"
            )
        )
    services.add_option(owner=user, title="Healthcare data analyst", status="focus")
    return user, talks


@pytest.mark.django_db(transaction=True)
def test_from_two_conversations_to_a_strategy_pdf(live_server, world) -> None:
    user, talks = world
    pdf = in_chromium(
        lambda context: walk_through(context, live_server.url, talks),
        timezone_id="America/Chicago",
        cookies=[session_cookie(live_server.url, user)],
    )

    theme = Theme.objects.get(owner=user, key="sql")
    assert theme.people_count == 2
    assert {e.tag for e in Evidence.objects.filter(owner=user)} == {"gap", "fit+"}
    version = StrategyVersion.objects.get(owner=user)
    assert "[[evidence:" in version.body
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Healthcare data analyst" in text and FIRST in text and "Laura Chen" in text
    pdf_path = SCREENSHOTS / "strategy.pdf"
    pdf_path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf_path),
            str(SCREENSHOTS / "strategy-pdf"),
        ],
        check=True,
    )


def walk_through(context: BrowserContext, site: str, talks: list) -> bytes:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    def shot(name: str, *, phone: bool = True) -> None:
        page.screenshot(path=SCREENSHOTS / f"strategy-{name}.png", full_page=True)
        if phone:
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=SCREENSHOTS / f"strategy-{name}-390.png", full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
        assert not errors, "\n".join(errors)

    # 1. Two conversations, the same advice in other words; one tap tags each to the option.
    for conversation, advice, tag in ((talks[0], FIRST, "gap"), (talks[1], SECOND, "fit+")):
        page.goto(f"{site}/conversations/{conversation.pk}/live/")
        captures = page.locator("#captures")
        captures.get_by_label(label("What they said")).fill(advice)
        captures.get_by_role("button", name="Capture").click()
        item = captures.locator("li", has_text=advice)
        expect(item).to_be_visible()
        item.get_by_label("Option").select_option(label="Healthcare data analyst (focus)")
        item.get_by_role("button", name=tag, exact=True).click()
        expect(item.locator(".tagger__status")).to_have_text(
            f"Tagged {tag} · Healthcare data analyst"
        )
    shot("live-tagged")

    # 2. The theme is confirmed, with both sources.
    page.goto(f"{site}/strategy/themes/")
    page.get_by_role("link", name="SQL", exact=True).click()
    sources = page.locator(".sources")
    expect(sources).to_contain_text("Laura Chen")
    expect(sources).to_contain_text("Rosa Delgado")
    expect(page.locator(".lead")).to_contain_text("Mentioned by 2 people")
    shot("theme")

    # 3. The brief: raise an obstacle, and plan a question about it in one click.
    page.goto(f"{site}/conversations/{talks[1].pk}/prepare/")
    panel = page.locator("#obstacles")
    panel.get_by_label(label("Add an obstacle")).fill("No SQL in production")
    panel.get_by_role("button", name="Add and raise").click()
    expect(page.locator(".message")).to_contain_text("will be raised with Rosa Delgado")
    page.locator("#obstacles").get_by_role("button", name=re.compile("^Ask about it")).click()
    expect(page.locator(".plan__item")).to_contain_text(["No SQL in production"])
    page.locator("#obstacles").scroll_into_view_if_needed()
    shot("brief")

    # 4. The After page: everything said, with its tag, and the obstacle's advice link.
    page.goto(f"{site}/conversations/{talks[1].pk}/after/")
    expect(page.locator("#got")).to_contain_text(SECOND)
    page.locator("#obstacles").get_by_role("button", name=re.compile("^About this")).click()
    expect(page.locator("#obstacles")).to_contain_text("Linked ✓")
    shot("after")

    # 5. Write the strategy, linking evidence with "Insert"; save; open a reference in place.
    page.goto(f"{site}/strategy/")
    body = page.get_by_label(label("Your strategy"))
    body.fill("# Healthcare data analyst\n\nLearn SQL first, as two people said:")
    page.locator(".picker__list li", has_text=FIRST).get_by_role(
        "button", name=re.compile("^Insert")
    ).click()
    expect(body).to_have_value(re.compile(r"said: \[\[evidence:\d+\]\]$"))
    shot("editing", phone=False)
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator(".message")).to_contain_text("Saved as version 1")
    reference = page.locator("details.ref").first
    reference.locator("summary").click()
    expect(reference.locator(".ref__body")).to_contain_text(FIRST)
    expect(reference.locator(".ref__body")).to_contain_text("Laura Chen")
    shot("strategy")

    # The other pages, for a look.
    for path, name in (
        ("options/", "options"),
        ("obstacles/", "obstacles"),
        ("evidence/", "evidence"),
    ):
        page.goto(f"{site}/strategy/{path}")
        shot(name)

    # 6. Download the PDF.
    page.goto(f"{site}/strategy/")
    return _download(page)


def _download(page: Page) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    path = download.value.path()
    return path.read_bytes()
