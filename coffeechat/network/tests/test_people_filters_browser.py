"""The People page's filters on a phone: folded behind "Filters" (saying how many are on), so the
first people show on the first screen; open on a desktop; the same with and without JavaScript.

Screenshots: test-artifacts/screenshots/people-filters-*.png. Any console error or uncaught page
error (a CSP violation shows up as one) fails the test.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from coffeechat.lib.testing.browser import (
    PHONE,
    SCREENSHOTS,
    ConsoleErrors,
    on_a_phone,
)
from coffeechat.lib.testing.people import make_person

pytestmark = pytest.mark.browser


def a_network(owner) -> None:
    for n in range(30):
        connection = "alumni" if n % 3 == 0 else "cold"
        make_person(owner, f"Person {n:02}", f"Org {n % 4}", connection=connection)


def assert_on_the_first_screen(page: Page, name: str) -> None:
    first = page.locator("#results tbody tr").first.get_by_role("link", name=name)
    box = first.bounding_box()
    assert box is not None and box["y"] >= 0, box
    assert box["y"] + box["height"] <= PHONE["height"], (name, box)  # no scrolling needed


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_filters_fold_and_the_first_people_show(alice, live_server) -> None:
    a_network(alice)
    people = live_server.url + reverse("network:people")

    def steps(page: Page) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        errors = ConsoleErrors()
        errors.watch(page)
        page.goto(people)
        filters = page.get_by_role("search").locator("summary")
        stage = page.get_by_role("search").get_by_label("Stage")
        expect(filters).to_have_text("Filters")  # none on
        expect(page.get_by_role("search").get_by_label("Search")).to_be_visible()
        expect(stage).to_be_hidden()
        assert_on_the_first_screen(page, "Person 00")
        page.screenshot(path=SCREENSHOTS / "people-filters-phone-390.png")

        filters.tap()
        expect(stage).to_be_visible()
        page.get_by_role("search").get_by_label("Connection").select_option(label="Alumni")
        expect(page.locator("#results")).to_contain_text("10 people")
        expect(filters).to_have_text("Filters 1 on")  # swapped with the results
        page.screenshot(path=SCREENSHOTS / "people-filters-phone-open-390.png")

        page.reload()  # the address kept the filter; the fold starts closed again, and says so
        expect(filters).to_have_text("Filters 1 on")
        expect(stage).to_be_hidden()
        assert_on_the_first_screen(page, "Person 00")
        page.set_viewport_size({"width": 320, "height": 640})
        page.screenshot(path=SCREENSHOTS / "people-filters-phone-320.png")

        page.set_viewport_size({"width": 1280, "height": 900})  # a desktop: simply open
        expect(stage).to_be_visible()
        expect(page.get_by_role("search").get_by_label("Connection")).to_have_value("alumni")
        expect(filters).to_be_hidden()
        page.screenshot(path=SCREENSHOTS / "people-filters-desktop-1280.png")
        assert errors == [], errors

    on_a_phone(live_server.url, alice, steps)


@pytest.mark.django_db(transaction=True)
def test_the_folded_filters_work_without_javascript(alice, live_server) -> None:
    a_network(alice)
    make_person(alice, "Zed Quist", "Org 9", connection="alumni", tag_names=["mentor"])

    def steps(page: Page) -> None:
        page.goto(live_server.url + reverse("network:people"))
        filters = page.get_by_role("search").locator("summary")
        filters.tap()
        page.get_by_role("search").get_by_label("Connection").select_option(label="Alumni")
        page.get_by_role("search").get_by_label("Tag", exact=True).fill("mentor")
        page.get_by_role("button", name="Filter").tap()
        expect(page.locator("#results")).to_contain_text("1 person")
        expect(page.locator("#results").get_by_role("link", name="Zed Quist")).to_be_visible()
        expect(filters).to_have_text("Filters 2 on")
        filters.tap()
        page.get_by_role("link", name="Clear").tap()
        expect(page.locator("#results")).to_contain_text("31 people")
        expect(filters).to_have_text("Filters")

    on_a_phone(live_server.url, alice, steps, java_script_enabled=False)
