"""Issue 4, the meeting in a real browser (Debian Chromium via Playwright): from a reply to
keeping in touch.

Offer two times and confirm one, plan a question from the bank, run the conversation page
(the clock counts, a question is ticked and answered, advice and a referral are captured),
mark the meeting held, write the thank-you in the composer and record it as sent, then move
on to keeping in touch. Any console error or uncaught page error (a CSP violation shows up as
one) fails the test. The browser runs in a thread of its own, as in the other prep and
scheduling browser tests. Screenshots: test-artifacts/screenshots/meeting-*.png.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from coffeechat.conversations.models import Conversation, Meeting, Reminder, Stage
from coffeechat.lib.testing.browser import (
    SCREENSHOTS,
    ConsoleErrors,
    in_chromium,
    label,
    session_cookie,
)
from coffeechat.network.models import Introduction, Person
from coffeechat.outreach.models import Message, MessageKind

pytestmark = pytest.mark.browser
BERLIN = ZoneInfo("Europe/Berlin")
ADVICE = "Build a small portfolio project with public transit data"


@pytest.fixture
def dana_replied(db):
    from coffeechat.accounts.models import User
    from coffeechat.conversations import services as conversation_services
    from coffeechat.network import services as network_services

    user = User.objects.create_user(
        "meet@example.org",
        "a long walk to the coffee shop",
        display_name="Alice Berger",
        time_zone="Europe/Berlin",
    )
    dana = network_services.add_person(
        owner=user,
        full_name="Dana Whitfield",
        email="dana@example.com",
        organization_name="Northwind",
        title="Data Analyst",
        time_zone="America/Los_Angeles",
    )
    conversation = conversation_services.start_conversation(
        owner=user, person=dana, purpose="How analytics teams work"
    )
    conversation_services.move_to_stage(conversation=conversation, stage="contacted")
    conversation_services.move_to_stage(conversation=conversation, stage="replied")
    return conversation


@pytest.mark.django_db(transaction=True)
def test_from_reply_to_keeping_in_touch(live_server, dana_replied) -> None:
    base = f"{live_server.url}/conversations/{dana_replied.pk}"
    in_chromium(
        lambda context: walk_through(context, base),
        timezone_id="Europe/Berlin",
        cookies=[session_cookie(live_server.url, dana_replied.owner)],
    )

    conversation = Conversation.objects.get(pk=dana_replied.pk)
    assert conversation.stage == Stage.NURTURING
    assert conversation.meetings.get().status == "held"
    thanks = Message.objects.get(conversation=conversation, kind=MessageKind.THANK_YOU)
    assert thanks.status == Message.Status.SENT_ELSEWHERE
    assert thanks.in_reply_to is None
    assert ADVICE in thanks.body
    statuses = dict(conversation.reminders.values_list("kind", "status"))
    assert statuses[Reminder.Kind.THANK_YOU] == Reminder.Status.DONE
    assert statuses[Reminder.Kind.KEEP_IN_TOUCH] == Reminder.Status.OPEN
    ravi = Person.objects.get(owner=conversation.owner, full_name="Ravi Menon")
    assert ravi.organization.name == "Blue Harbor"
    assert Introduction.objects.filter(introducer=conversation.person, introduced=ravi).exists()
    assert Conversation.objects.filter(person=ravi, stage=Stage.IDENTIFIED).exists()
    [question] = conversation.questions.all()
    assert question.asked and question.answer == "Start with SQL and one messy data set"


def walk_through(context: BrowserContext, base: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    errors = ConsoleErrors()
    errors.watch(page)

    def shot(name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"meeting-{name}.png", full_page=True)
        assert not errors, "\n".join(errors)

    stage = page.locator(".page-head .stage")
    message = page.locator(".message")

    # 1. Offer two times, confirm the first: scheduled.
    page.goto(f"{base}/")
    expect(stage).to_have_text("Replied")
    day = datetime.now(BERLIN).date() + timedelta(days=4)
    panel = page.locator("#schedule")
    offer = panel.locator("form", has=page.get_by_role("button", name="Offer these times"))
    offer.get_by_label(label("First time")).fill(f"{day}T18:00")
    offer.get_by_label(label("Second time")).fill(f"{day + timedelta(days=1)}T17:30")
    offer.get_by_label(label("Mode")).select_option("video")
    offer.get_by_label(label("Place, number or link")).fill("https://meet.example/abc-defg")
    offer.get_by_role("button", name="Offer these times").click()
    expect(message).to_contain_text("Times saved")
    panel.get_by_role("button", name="Confirm").first.click()
    expect(message).to_contain_text("Meeting confirmed")
    expect(stage).to_have_text("Scheduled")
    shot("1-scheduled")

    # 2. The brief: add a question from the bank.
    page.get_by_role("link", name="Prepare", exact=True).click()
    expect(page).to_have_url(re.compile(r"/prepare/"))
    bank = page.locator("details.bank")
    bank.locator("summary").click()
    expect(bank).to_have_attribute("open", "")
    bank.locator("li", has_text="If you were starting where I am").get_by_role(
        "button", name=re.compile("^Add")
    ).click()
    expect(message).to_contain_text("Question added")
    expect(page.locator(".plan__item")).to_have_count(1)
    shot("2-brief")

    # 3. The conversation page: the clock runs.
    page.get_by_role("link", name="Start the conversation").first.click()
    clock = page.locator("[data-clock-text]")
    expect(clock).to_contain_text("Starts in")
    before = clock.inner_text()
    page.wait_for_timeout(1_500)
    assert clock.inner_text() != before, "the clock did not move"

    # 4. Tick the question and type the answer (autosaved).
    page.locator(".live-q input[type=checkbox]").first.check()
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    page.get_by_label(re.compile("^Their answer to: If you were starting")).fill(
        "Start with SQL and one messy data set"
    )
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")

    # 5. Capture their advice, and a referral: "talk to Ravi at Blue Harbor".
    captures = page.locator("#captures")
    captures.get_by_label(label("What is it?")).select_option("advice")
    captures.get_by_label(label("What they said")).fill(ADVICE)
    captures.get_by_role("button", name="Capture").click()
    expect(page.locator("#captures")).to_contain_text(ADVICE)
    referrals = page.locator("#referrals")
    referrals.get_by_label(label("Talk to (name)")).fill("Ravi Menon")
    referrals.get_by_label(label("At (organization)")).fill("Blue Harbor")
    referrals.get_by_label(label("Why talk to them")).fill("runs their analytics guild")
    referrals.get_by_role("button", name="Add the referral").click()
    expect(message).to_contain_text("Added Ravi Menon to your network")
    expect(page.locator("#captures")).to_contain_text("Talk to Ravi Menon at Blue Harbor")
    shot("3-live")

    # 6. We met (once the meeting has started: the test moves it into the past): the after
    # page, with the thank-you due.
    Meeting.objects.update(starts_at=timezone.now() - timedelta(minutes=30))
    page.get_by_role("button", name="We met: mark it held").click()
    expect(page.get_by_role("heading", name="Your thank-you")).to_be_visible()
    expect(page.locator("#thank-you")).to_contain_text("Send by")
    expect(stage).to_have_text("Met")
    shot("4-after")

    # 7. The thank-you in the composer: it cites the advice and passes the lint.
    page.get_by_role("link", name="Write it in the composer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank-you note to Dana Whitfield")
    expect(page.get_by_label(label("Subject"))).to_have_value(
        "Thank you — how analytics teams work"
    )
    expect(page.get_by_label(label("Message"))).to_have_value(re.compile(re.escape(ADVICE)))
    expect(page.get_by_label(label("Message"))).to_have_value(re.compile("Ravi Menon"))
    expect(page.locator("#findings")).to_contain_text("No problems found")
    shot("5-composer")
    page.get_by_role("button", name="I sent it").click()

    # 8. Thanked; then keeping in touch, with its reminder listed.
    expect(message).to_contain_text("Thank-you recorded as sent")
    expect(stage).to_have_text("Thanked")
    page.get_by_role("button", name="Keep in touch", exact=True).click()
    expect(stage).to_have_text("Keeping in touch")
    expect(page.locator(".item__title")).to_contain_text(
        ["Keep in touch with Dana Whitfield: share news or something useful"]
    )
    shot("6-keeping-in-touch")
