"""The chooser in a real browser (Debian Chromium via Playwright): the WAI-ARIA combobox.

Type a few letters, hear the count, move with the arrow keys, choose with Enter (the form is
not submitted), close with Escape; the introduction is saved for the person chosen, though two
people share a first name. The people list's organization filter is chosen the same way.
Then Today's bulk action clears a backlog. Console errors and CSP violations fail the test.
Screenshots: test-artifacts/screenshots/chooser-*.png (desktop and phone).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from coffeechat.conversations.models import Reminder
from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, in_chromium, session_cookie
from coffeechat.network.models import Introduction

pytestmark = pytest.mark.browser


@pytest.fixture
def network(db):
    from coffeechat.accounts.models import User
    from coffeechat.conversations import reminders
    from coffeechat.conversations import services as conversation_services
    from coffeechat.network import services

    user = User.objects.create_user("chooser@example.org", "a long walk to the coffee shop")
    ada = services.add_person(owner=user, full_name="Ada Lovelace", organization_name="Engines")
    services.add_person(
        owner=user, full_name="Tomás Ruiz", organization_name="Acme", title="Engineer"
    )
    services.add_person(owner=user, full_name="Tomasz Nowak", organization_name="Initech")
    for n in range(12):
        services.add_person(
            owner=user, full_name=f"Filler Person{n}", organization_name=f"Filler Org {n}"
        )
    conversation = conversation_services.start_conversation(owner=user, person=ada)
    for n in range(14):
        reminders.add_reminder(
            conversation=conversation,
            title=f"Old thing {n}",
            due_at=timezone.now() - timedelta(days=20 - n),
        )
    return user, ada


@pytest.mark.django_db(transaction=True)
def test_choose_with_the_keyboard_and_clear_a_backlog(live_server, network) -> None:
    user, ada = network
    chosen = in_chromium(
        lambda context: walk(context, live_server.url, ada.pk),
        cookies=[session_cookie(live_server.url, user)],
    )

    introduction = Introduction.objects.get()
    assert introduction.introducer == ada
    assert chosen.startswith(introduction.introduced.full_name + " · ")
    assert Reminder.objects.filter(title__startswith="Old thing", status="done").count() == 14


def walk(context: BrowserContext, site: str, ada_id: int) -> str:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    def shot(name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"chooser-{name}.png", full_page=True)
        assert not errors, "\n".join(errors)

    # 1. The person page: record an introduction by typing and choosing.
    page.goto(f"{site}/people/{ada_id}/")
    page.get_by_text("introduced you to someone").click()
    field = page.get_by_role("combobox", name="Introduced you to")
    field.press_sequentially("toma", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(2)
    status = page.locator("[data-combobox]", has=field).locator("[data-combobox-status]")
    expect(status).to_have_text("2 matches.")
    shot("1-matches")
    field.press("ArrowDown")
    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "id_introduced-listbox-1")
    second = listbox.get_by_role("option").nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    chosen = second.get_attribute("data-value")
    field.press("Enter")  # chooses; doesn't submit
    expect(field).to_have_value(chosen)
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially("x")  # typing after a choice un-chooses it
    expect(page.locator("input[name=introduced]")).to_have_value("")
    field.press("Backspace")
    field.press("Escape")
    # Without the picked id the server resolves the text (as without JavaScript).
    page.get_by_role("button", name="Save introduction").click()
    expect(page.locator(".message")).to_contain_text("Introduction recorded")

    # 2. The people list: the organization filter is a chooser too.
    page.goto(f"{site}/people/")
    organization = page.get_by_role("combobox", name="Organization")
    organization.press_sequentially("acm", delay=30)
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
    organization.press("ArrowDown")
    organization.press("Enter")
    expect(page.locator("#results")).to_contain_text("Tomás Ruiz")
    expect(page.locator("#results")).not_to_contain_text("Ada Lovelace")
    shot("2-people-filter")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("3-people-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 3. Today: ten of fourteen shown; "all of this section" marks every one done.
    page.goto(f"{site}/today/")
    overdue = page.locator("section", has=page.locator("#overdue-h"))
    expect(overdue.locator("li.item")).to_have_count(10)
    expect(overdue.get_by_role("link", name="Show all 14 overdue")).to_be_visible()
    shot("4-today")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("5-today-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    overdue.get_by_label("or all 14 of this section").check()
    overdue.get_by_role("button", name="Mark done").click()
    expect(page.locator(".message")).to_contain_text("Marked 14 reminders done.")
    return chosen
