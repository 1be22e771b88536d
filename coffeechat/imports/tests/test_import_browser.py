"""An import in a real browser (Debian Chromium via Playwright): upload a vCard file, read
what the preview says was left out, import it, then undo it through the confirmation page.
Console errors (CSP violations among them) fail the test. Screenshots at 1280 and 390 wide:
test-artifacts/screenshots/import-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from coffeechat.lib.testing import contact_files as files
from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, session_cookie
from coffeechat.network.models import Person

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_import_a_vcard_see_what_was_left_out_and_undo_after_confirming(
    live_server, alice, tmp_path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(files.VCARD_IPHONE)
    in_chromium(
        lambda context: walk(context, live_server.url, path),
        cookies=[session_cookie(live_server.url, alice)],
    )

    assert Person.objects.filter(owner=alice).count() == 0


def walk(context: BrowserContext, site: str, path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    def shot(name: str) -> None:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=SCREENSHOTS / f"import-{name}-{width}.png", full_page=True)
        assert not errors, "\n".join(errors)

    page.goto(f"{site}/imports/new/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Imported with something left out (2)")).to_be_visible()
    expect(page.get_by_text("1 line without a colon")).to_be_visible()
    shot("1-preview")

    page.get_by_role("button", name="Import now").click()
    page.get_by_role("link", name="Undo this import…").click()
    expect(page.get_by_role("heading", name="Undo this import?")).to_be_visible()
    expect(page.get_by_text("remove 3 people")).to_be_visible()
    shot("2-confirm-undo")

    page.get_by_role("button", name="Yes, undo the import").click()
    expect(page.locator(".message")).to_contain_text("removed 3 people")
    shot("3-undone")
