"""Options and O*NET occupations in a real browser: search as you type for an option's
occupation, read its page before choosing, link it from there, and explore another occupation
as an option from its page. Console errors (CSP violations among them) fail the test.
Screenshots at 1280 and 390 wide: test-artifacts/screenshots/strategy-occupation-*.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from coffeechat.lib.testing.browser import (
    SCREENSHOTS,
    ConsoleErrors,
    in_chromium,
    label,
    session_cookie,
)
from coffeechat.lib.testing.onet import DATA_SCIENTISTS, UX, load_sample
from coffeechat.strategy.models import Option

pytestmark = pytest.mark.browser


@pytest.fixture
def world(db):
    from coffeechat.accounts.models import User
    from coffeechat.network import services as network
    from coffeechat.strategy import services
    from coffeechat.targets import services as targets

    load_sample()
    user = User.objects.create_user("options@example.org", "a long walk to the coffee shop")
    careloop = network.add_organization(owner=user, name="CareLoop Health")
    network.add_organization(owner=user, name="Meridian Home Care")
    targets.add_target(owner=user, organization=careloop)
    option = services.add_option(
        owner=user,
        title="Machine learning in clinics",
        status="focus",
        organization_ids=[careloop.pk],
    )
    return user, option


@pytest.mark.django_db(transaction=True)
def test_choose_an_options_occupation_and_explore_another(live_server, world) -> None:
    user, option = world
    in_chromium(
        lambda context: walk_through(context, live_server.url, option),
        cookies=[session_cookie(live_server.url, user)],
    )

    option.refresh_from_db()
    assert option.occupation_code == DATA_SCIENTISTS
    assert Option.objects.filter(owner=user, occupation_code=UX).count() == 1


def walk_through(context: BrowserContext, site: str, option: Option) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    def shot(name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"strategy-occupation-{name}.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=SCREENSHOTS / f"strategy-occupation-{name}-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        assert not errors, "\n".join(errors)

    # 1. The option page: no occupation yet; search for one, results as you type (htmx).
    page.goto(f"{site}/strategy/options/{option.pk}/")
    expect(page.locator("#occupation")).to_contain_text("Occupations like “Machine learning")
    shot("option-unlinked")
    page.locator("#occupation").get_by_role("link", name="More occupations").click()
    search = page.get_by_label(label("Job title"))
    search.fill("")
    search.press_sequentially("ML engineer", delay=20)
    matches = page.locator("#occupation-matches")
    expect(matches).to_contain_text("Matched “ML Engineer”")
    shot("search")

    # 2. Read the occupation's page first, then link the option from there.
    matches.get_by_role("link", name="Data Scientists").click()
    panel = page.locator("#options")
    expect(panel).to_contain_text("Is this the work of your option")
    shot("page-choosing")
    panel.get_by_role("button", name="Use for “Machine learning in clinics”").click()
    expect(page.locator(".message")).to_contain_text("is about Data Scientists")
    expect(page.locator("#occupation")).to_contain_text("Data Scientists")
    shot("option-linked")

    # 3. Its page now lists the option and its employer, on the target list.
    page.locator("#occupation").get_by_role("link", name="Data Scientists").click()
    expect(panel).to_contain_text("Machine learning in clinics")
    expect(panel).to_contain_text("On your target list")

    # 4. Another occupation, explored as an option from its page.
    page.goto(f"{site}/occupations/{UX}/")
    page.locator("#options").get_by_role("button", name="Explore this as an option").click()
    expect(page.locator(".message")).to_contain_text("Added “User Experience Researchers”")
    page.goto(f"{site}/occupations/{DATA_SCIENTISTS}/")
    shot("page-with-options")
