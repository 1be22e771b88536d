"""The API's pages in a real browser (Debian Chromium via Playwright): Settings → API tokens
(create, shown once, revoke) and the interactive docs at /api/v1/docs, which must render
from our own static files with no request leaving the server, no console error and no CSP
violation (a violation shows up as a console error). Screenshots:
test-artifacts/screenshots/api-*.png (desktop 1280 and phone 390 wide)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import BrowserContext, Route, expect

from coffeechat.api.models import ApiToken
from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, session_cookie

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_tokens_page_and_the_docs_work_offline(live_server, alice) -> None:
    result = in_chromium(
        lambda context: walk_through(context, live_server.url),
        timeout_ms=30_000,
        cookies=[session_cookie(live_server.url, alice)],
    )

    assert result["errors"] == []
    assert result["elsewhere"] == []
    assert ApiToken.objects.get().revoked_at is not None


def walk_through(context: BrowserContext, site: str) -> dict[str, list[str]]:
    errors, elsewhere = ConsoleErrors(), []
    host = urlparse(site).netloc

    def offline(route: Route) -> None:
        # Any request to another host (a CDN, the swagger.io validator) is refused and noted.
        if urlparse(route.request.url).netloc != host:
            elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", offline)
    page = context.new_page()
    errors.watch(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{site}/settings/api-tokens/")
    expect(page.get_by_text("No tokens yet")).to_be_visible()
    page.locator("#id_name").fill("My laptop scripts")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_role("textbox", name="Token").input_value()
    assert secret.startswith("cc_")
    expect(page.get_by_text("this is the only time it is shown")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "api-tokens-new.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SCREENSHOTS / "api-tokens-new-phone.png", full_page=True)
    page.reload()
    expect(page.locator("#new-token")).to_have_count(0)  # shown once
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{site}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("coffeechat API")
    expect(page.get_by_text("/api/v1/people", exact=True).first).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "api-docs.png")
    page.get_by_role("button", name="Authorize").first.click()
    page.locator(".auth-container input").fill(secret)
    page.locator(".auth-btn-wrapper button.authorize").click()
    page.locator(".auth-btn-wrapper button.btn-done").click()
    operation = page.locator("#operations-people-coffeechat_api_v1_network_list_people")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table tbody .response-col_status")).to_contain_text(
        "200"
    )
    expect(operation.locator(".live-responses-table .microlight").first).to_contain_text(
        "next_cursor"
    )
    page.screenshot(path=SCREENSHOTS / "api-docs-tried.png", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SCREENSHOTS / "api-docs-phone.png")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}/settings/api-tokens/")
    page.get_by_role("button", name="Revoke My laptop scripts").click()
    expect(page.get_by_text("“My laptop scripts” revoked")).to_be_visible()
    return {"errors": list(errors), "elsewhere": elsewhere}
