from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import meetings, reminders, services
from coffeechat.conversations.models import Activity, Conversation, Meeting, Note, Reminder, Stage
from coffeechat.lib.testing.people import make_person
from coffeechat.prep import services as prep

NEW_YORK = ZoneInfo("America/New_York")  # alice's time zone
NOW = datetime(2026, 10, 14, 15, 0, tzinfo=UTC)  # Wednesday, 11:00 in New York
HTMX = {"HX-Request": "true"}
Kind = Reminder.Kind


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def ny(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=NEW_YORK)


def start(
    owner: User,
    name: str = "Grace Hopper",
    stage: str = Stage.IDENTIFIED,
    at: datetime | None = None,
) -> Conversation:
    """A conversation with a new person, moved to `stage` at `at`."""
    person = make_person(owner, name, organization="Navy")
    conversation = services.start_conversation(owner=owner, person=person, now=at)
    if stage in (Stage.NO_REPLY, Stage.DECLINED):
        services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=at)
    if stage != Stage.IDENTIFIED:
        services.move_to_stage(conversation=conversation, stage=stage, now=at)
    return conversation


def remind(conversation: Conversation, title: str, due_at: datetime) -> Reminder:
    return reminders.add_reminder(conversation=conversation, title=title, due_at=due_at)


def section(response, heading_id: str) -> str:
    """The HTML of the card labelled by `heading_id` ('' when the page has none)."""
    found = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}">(.*?)</section>',
        response.content.decode(),
        re.S,
    )
    return found[1] if found else ""


def field_error(response, field: str) -> str:
    found = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', response.content.decode(), re.S
    )
    return found[1] if found else ""


def messages_on(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def count_queries(client: Client, url: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(queries)


def test_it_checks_ownership(alice, mallory_client: Client) -> None:
    conversation = start(alice)
    reminder = remind(conversation, "Call back", ny(14, 9))

    responses = [
        mallory_client.get(reverse("conversations:conversation", args=[conversation.pk])),
        mallory_client.post(
            reverse("conversations:move", args=[conversation.pk]), {"stage": "contacted"}
        ),
        mallory_client.post(reverse("conversations:reminder-done", args=[reminder.pk])),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    conversation.refresh_from_db()
    reminder.refresh_from_db()
    assert (conversation.stage, reminder.status) == (Stage.IDENTIFIED, Reminder.Status.OPEN)


# Today --------------------------------------------------------------------------------------------


def test_it_sorts_todays_reminders_into_overdue_due_today_and_upcoming(
    alice, mallory, alice_client: Client
) -> None:
    conversation = start(alice)
    remind(conversation, "Overdue since yesterday", ny(13, 9))
    remind(conversation, "Due this afternoon", ny(14, 17))
    remind(conversation, "Due late tonight", ny(14, 23, 30))  # already tomorrow in UTC
    remind(conversation, "Due on Saturday", ny(17, 9))
    remind(conversation, "Due in ten days", ny(24, 9))
    done = remind(conversation, "Done already", ny(14, 10))
    reminders.complete_reminder(reminder=done)
    remind(start(mallory, "Mallory Friend"), "Mallory's own", ny(13, 9))

    response = alice_client.get(reverse("conversations:today"))

    assert [r.title for r in response.context["page"].lists.overdue.rows] == [
        "Overdue since yesterday"
    ]
    assert [r.title for r in response.context["page"].lists.due_today.rows] == [
        "Due this afternoon",
        "Due late tonight",
    ]
    assert [r.title for r in response.context["page"].lists.upcoming.rows] == ["Due on Saturday"]
    assert "Overdue since yesterday" in section(response, "overdue-h")
    assert "Overdue since Tue 13 Oct" in section(response, "overdue-h")
    assert "Due this afternoon" in section(response, "due-h")
    assert "Due Wed 14 Oct, 23:30" in section(response, "due-h")
    assert "Due on Saturday" in section(response, "upcoming-h")
    html = response.content.decode()
    assert "Due in ten days" not in html
    assert "Done already" not in html
    assert "Mallory" not in html


def test_it_lists_todays_meetings(alice, alice_client: Client) -> None:
    today = start(alice, "Grace Hopper", Stage.REPLIED)
    meetings.schedule_meeting(
        conversation=today,
        starts_at=ny(14, 14, 30),
        minutes=30,
        mode=Meeting.Mode.IN_PERSON,
        place="Blue Bottle",
    )
    tomorrow = start(alice, "Ada Lovelace", Stage.REPLIED)
    meetings.schedule_meeting(
        conversation=tomorrow, starts_at=ny(15, 0, 30), minutes=20, mode=Meeting.Mode.VIDEO
    )

    response = alice_client.get(reverse("conversations:today"))

    listed = section(response, "meetings-h")
    assert "14:30 · In person with Grace Hopper" in listed
    assert "30 minutes · Blue Bottle" in listed
    assert "Ada Lovelace" not in listed


def test_it_says_when_nothing_is_due(alice, alice_client: Client) -> None:
    alice.checklist_dismissed_at = NOW  # a settled account: no first-run checklist
    alice.save()

    response = alice_client.get(reverse("conversations:today"))

    html = response.content.decode()
    assert "You're all caught up." in html
    assert "Nothing scheduled for the next seven days." in html
    assert section(response, "overdue-h") == section(response, "meetings-h") == ""


def test_it_says_nothing_else_is_due_when_only_overdue_ones_are_left(
    alice, alice_client: Client
) -> None:
    remind(start(alice), "Overdue since yesterday", ny(13, 9))

    response = alice_client.get(reverse("conversations:today"))

    assert "Nothing else today." in section(response, "due-h")
    assert "all caught up" not in response.content.decode()


def test_it_shows_today_on_the_home_page_once_signed_in(alice, alice_client: Client) -> None:
    remind(start(alice), "Call back", ny(14, 17))

    response = alice_client.get("/")

    assert "Call back" in section(response, "due-h")


def test_it_returns_only_todays_lists_to_htmx(alice, alice_client: Client) -> None:
    remind(start(alice), "Call back", ny(14, 17))

    response = alice_client.get(reverse("conversations:today"), headers=HTMX)

    html = response.content.decode().strip()
    assert html.startswith('<div id="today-lists"')
    assert "<html" not in html
    assert "Call back" in html


def test_it_offers_the_action_each_reminder_asks_for(alice, alice_client: Client) -> None:
    start(alice, "Grace Hopper", Stage.CONTACTED, at=NOW - timedelta(days=14))
    start(alice, "Ada Lovelace", Stage.MET, at=NOW - timedelta(days=2))

    response = alice_client.get(reverse("conversations:today"))

    html = response.content.decode()
    assert "No reply from Grace Hopper yet: reach out to someone else at Navy" in html
    assert "I sent the follow-up" in html
    assert "They replied" in html
    assert "Thank Ada Lovelace" in html
    assert "I sent the thank-you" in html


# One-click actions --------------------------------------------------------------------------------


def test_it_marks_a_reminder_done_and_comes_back_to_today(alice, alice_client: Client) -> None:
    reminder = remind(start(alice), "Call back", ny(14, 9))

    response = alice_client.post(
        reverse("conversations:reminder-done", args=[reminder.pk]), {"next": "/today/"}, follow=True
    )

    reminder.refresh_from_db()
    assert response.redirect_chain == [("/today/", 302)]
    assert reminder.status == Reminder.Status.DONE
    assert messages_on(response) == ["Done: Call back"]
    assert "Call back" not in section(response, "overdue-h")


def test_it_dismisses_a_reminder(alice, alice_client: Client) -> None:
    reminder = remind(start(alice), "Call back", ny(14, 9))

    response = alice_client.post(
        reverse("conversations:reminder-dismiss", args=[reminder.pk]),
        {"next": "/today/"},
        follow=True,
    )

    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.DISMISSED
    assert messages_on(response) == ["Dismissed: Call back"]


def test_it_resolves_a_reminder_twice_as_once(alice, alice_client: Client) -> None:
    reminder = remind(start(alice), "Call back", ny(14, 9))
    url = reverse("conversations:reminder-done", args=[reminder.pk])

    alice_client.post(url)
    alice_client.post(reverse("conversations:reminder-dismiss", args=[reminder.pk]))

    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.DONE
    assert Activity.objects.filter(action="reminder.done").count() == 1
    assert not Activity.objects.filter(action="reminder.dismissed").exists()


def test_it_returns_the_lists_to_htmx_after_an_action(alice, alice_client: Client) -> None:
    conversation = start(alice)
    reminder = remind(conversation, "Call back", ny(14, 9))
    remind(conversation, "Write to Ada", ny(14, 17))

    response = alice_client.post(
        reverse("conversations:reminder-done", args=[reminder.pk]), headers=HTMX
    )

    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith('<div id="today-lists"')
    assert "Write to Ada" in html
    assert "Call back" not in html


def test_it_keeps_coming_back_to_today_after_an_htmx_action(alice, alice_client: Client) -> None:
    conversation = start(alice)
    reminder = remind(conversation, "Call back", ny(14, 9))
    remind(conversation, "Write to Ada", ny(14, 17))

    response = alice_client.post(
        reverse("conversations:reminder-done", args=[reminder.pk]), headers=HTMX
    )

    targets = set(re.findall(r'name="next" value="([^"]*)"', response.content.decode()))
    assert targets == {"/today/"}


def test_it_records_they_replied(alice, alice_client: Client) -> None:
    conversation = start(alice, "Grace Hopper", Stage.CONTACTED, at=NOW - timedelta(days=14))

    response = alice_client.post(
        reverse("conversations:move", args=[conversation.pk]),
        {"stage": "replied", "next": "/today/"},
        follow=True,
    )

    conversation.refresh_from_db()
    assert response.redirect_chain == [("/today/", 302)]
    assert conversation.stage == Stage.REPLIED
    assert [(r.kind, r.status) for r in conversation.reminders.order_by("pk")] == [
        (Kind.TRY_ANOTHER, "cancelled"),
        (Kind.FOLLOW_UP, "cancelled"),
        (Kind.REPLY, "open"),
    ]
    assert "Answer Grace Hopper and offer 2–3 times" in section(response, "upcoming-h")


def test_it_records_the_one_follow_up_only_once(alice, alice_client: Client) -> None:
    conversation = start(alice, "Grace Hopper", Stage.CONTACTED, at=NOW - timedelta(days=14))
    url = reverse("conversations:follow-up", args=[conversation.pk])

    first = alice_client.post(url, {"next": "/today/"}, follow=True)
    second = alice_client.post(url, {"next": "/today/"}, follow=True)

    conversation.refresh_from_db()
    assert conversation.follow_up_sent_at == NOW
    assert messages_on(first)[0].startswith("Follow-up recorded.")
    assert messages_on(second) == [
        "You already followed up with Grace Hopper once. If they don't answer, close this "
        "and move on to someone else."
    ]
    assert 'class="message message--error"' in second.content.decode()
    assert conversation.reminders.filter(kind=Kind.CLOSE_NO_REPLY).count() == 1
    assert Activity.objects.filter(action="conversation.follow_up_sent").count() == 1
    assert "I sent the follow-up" not in second.content.decode()


def test_it_records_the_thank_you(alice, alice_client: Client) -> None:
    conversation = start(alice, "Ada Lovelace", Stage.MET, at=NOW - timedelta(days=2))
    prep.add_capture(conversation=conversation, kind="advice", text="Read the style guide")

    response = alice_client.post(
        reverse("conversations:move", args=[conversation.pk]),
        {"stage": "thanked", "next": "/today/"},
        follow=True,
    )

    conversation.refresh_from_db()
    assert response.redirect_chain == [("/today/", 302)]
    assert conversation.stage == Stage.THANKED
    assert not conversation.reminders.filter(kind=Kind.THANK_YOU, status="open").exists()
    assert conversation.reminders.filter(kind=Kind.REPORT_BACK, status="open").count() == 1
    assert "Thank Ada" not in response.content.decode()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/today/",
        "https://testserver.evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "javascript:alert(1)",
        " https://evil.example/",
    ],
)
@pytest.mark.parametrize("action", ["follow-up", "move", "reminder-done"])
def test_it_never_follows_next_to_another_site(
    action: str, target: str, alice, alice_client: Client
) -> None:
    conversation = start(alice, "Grace Hopper", Stage.CONTACTED, at=NOW - timedelta(days=14))
    reminder = remind(conversation, "Call back", ny(14, 9))
    url = reverse(
        f"conversations:{action}",
        args=[reminder.pk if action == "reminder-done" else conversation.pk],
    )

    response = alice_client.post(url, {"next": target, "stage": "replied"})

    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:conversation", args=[conversation.pk])


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/today/", "/today/"),
        ("/pipeline/", "/pipeline/"),
        ("http://testserver/today/", "http://testserver/today/"),
    ],
)
def test_it_follows_next_within_the_site(
    target: str, expected: str, alice, alice_client: Client
) -> None:
    reminder = remind(start(alice), "Call back", ny(14, 9))

    response = alice_client.post(
        reverse("conversations:reminder-done", args=[reminder.pk]), {"next": target}
    )

    assert response["Location"] == expected


def test_it_never_follows_next_from_https_down_to_http(alice, alice_client: Client) -> None:
    reminder = remind(start(alice), "Call back", ny(14, 9))

    response = alice_client.post(
        reverse("conversations:reminder-done", args=[reminder.pk]),
        {"next": "http://testserver/today/"},
        secure=True,
    )

    assert response["Location"] == reverse(
        "conversations:conversation", args=[reminder.conversation_id]
    )


# Pipeline -----------------------------------------------------------------------------------------


def board_columns(response) -> dict[str, list[str]]:
    return {
        stage.value: [c.person.full_name for c in cards]
        for stage, cards in response.context["columns"]
    }


def test_it_shows_every_stage_as_a_column(alice, alice_client: Client) -> None:
    start(alice, "Grace Hopper", Stage.CONTACTED)
    start(alice, "Ada Lovelace")

    response = alice_client.get(reverse("conversations:pipeline"))

    html = response.content.decode()
    assert re.findall(r'<section class="column" data-stage="(\w+)"', html) == Stage.values
    for stage in Stage:
        assert f'<h2 id="col-{stage.value}">{stage.label}' in html.replace("&#x27;", "'")
    assert board_columns(response)["contacted"] == ["Grace Hopper"]
    assert board_columns(response)["identified"] == ["Ada Lovelace"]
    assert html.count("No one here yet.") == len(Stage) - 2


def test_it_offers_only_the_allowed_moves_on_a_card(alice, alice_client: Client) -> None:
    conversation = start(alice, "Grace Hopper", Stage.NO_REPLY)

    response = alice_client.get(reverse("conversations:pipeline"))

    select = re.search(
        rf'<select name="stage" id="move-{conversation.pk}">(.*?)</select>',
        response.content.decode(),
        re.S,
    )[1]
    assert re.findall(r'value="(\w+)"', select) == ["identified", "contacted"]


def test_it_moves_a_card_with_the_form(alice, alice_client: Client) -> None:
    conversation = start(alice)

    response = alice_client.post(
        reverse("conversations:move", args=[conversation.pk]),
        {"stage": "contacted", "next": "/pipeline/"},
        follow=True,
    )

    conversation.refresh_from_db()
    assert response.redirect_chain == [("/pipeline/", 302)]
    assert conversation.stage == Stage.CONTACTED
    assert board_columns(response)["contacted"] == ["Grace Hopper"]
    assert messages_on(response) == ["Grace Hopper: Contacted."]


def test_it_returns_only_the_board_to_an_htmx_move(alice, alice_client: Client) -> None:
    conversation = start(alice)

    response = alice_client.post(
        reverse("conversations:move", args=[conversation.pk]),
        {"stage": "contacted", "from": "board", "next": "/pipeline/"},
        headers=HTMX,
    )

    html = response.content.decode().strip()
    conversation.refresh_from_db()
    assert response.status_code == 200
    assert html.startswith('<div id="board">')
    assert "<html" not in html
    assert conversation.stage == Stage.CONTACTED
    assert board_columns(response)["contacted"] == ["Grace Hopper"]
    assert "Grace Hopper: Contacted." in html


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_it_refuses_a_move_the_stages_do_not_allow(
    headers: dict, alice, alice_client: Client
) -> None:
    conversation = start(alice)
    activities = Activity.objects.count()

    response = alice_client.post(
        reverse("conversations:move", args=[conversation.pk]),
        {"stage": "no_reply", "from": "board", "next": "/pipeline/"},
        headers=headers,
        follow=True,
    )

    conversation.refresh_from_db()
    assert "A conversation that is identified can&#x27;t move to closed: no reply." in (
        response.content.decode()
    )
    assert 'class="message message--error"' in response.content.decode()
    assert conversation.stage == Stage.IDENTIFIED
    assert board_columns(response)["identified"] == ["Grace Hopper"]
    assert Activity.objects.count() == activities
    assert not conversation.reminders.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"stage": "bogus"}, "Select a valid choice. bogus is not one of the available choices."),
        ({"stage": "contacted", "on": "2026-10-15"}, "That date is in the future."),
        ({"stage": "contacted", "on": "yesterday"}, "Enter a valid date."),
    ],
)
def test_it_refuses_a_move_with_a_bad_form(
    data: dict, error: str, alice, alice_client: Client
) -> None:
    conversation = start(alice)

    response = alice_client.post(
        reverse("conversations:move", args=[conversation.pk]), data, follow=True
    )

    conversation.refresh_from_db()
    assert messages_on(response) == [error]
    assert conversation.stage == Stage.IDENTIFIED


def test_it_counts_the_timers_from_the_day_it_happened(alice, alice_client: Client) -> None:
    conversation = start(alice)

    alice_client.post(
        reverse("conversations:move", args=[conversation.pk]),
        {"stage": "contacted", "on": "2026-10-13"},
    )

    conversation.refresh_from_db()
    assert conversation.contacted_at == ny(13, 9)


# Conversation page --------------------------------------------------------------------------------


def schedule(client: Client, conversation: Conversation, **data: str):
    return client.post(
        reverse("conversations:schedule", args=[conversation.pk]),
        {"starts_at": "2026-10-16T10:00", "minutes": "30", "mode": "video", "place": "", **data},
    )


def test_it_schedules_a_meeting_in_her_time_zone(alice, alice_client: Client) -> None:
    conversation = start(alice, "Grace Hopper", Stage.REPLIED)

    response = schedule(alice_client, conversation, mode="in_person", place="Blue Bottle")

    conversation.refresh_from_db()
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:conversation", args=[conversation.pk])
    assert (meeting.owner, meeting.conversation) == (alice, conversation)
    assert meeting.starts_at == ny(16, 10)
    assert (meeting.minutes, meeting.mode, meeting.place) == (30, "in_person", "Blue Bottle")
    assert conversation.stage == Stage.SCHEDULED
    assert conversation.reminders.filter(kind=Kind.CONFIRM, due_at=ny(15, 10)).exists()


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"mode": "in_person"}, "place", "Where will you meet? A place near them is best."),
        ({"minutes": "60"}, "minutes", "Ensure this value is less than or equal to 45."),
        ({"minutes": "5"}, "minutes", "Ensure this value is greater than or equal to 15."),
        ({"starts_at": "soon"}, "starts_at", "Enter a valid date/time."),
        ({"mode": "carrier_pigeon"}, "mode", "Select a valid choice."),
    ],
)
def test_it_shows_meeting_errors_next_to_the_field(
    data: dict, field: str, error: str, alice, alice_client: Client
) -> None:
    conversation = start(alice, "Grace Hopper", Stage.REPLIED)

    response = schedule(alice_client, conversation, **data)

    conversation.refresh_from_db()
    assert response.status_code == 400
    assert error in field_error(response, field)
    assert Meeting.objects.count() == 0
    assert conversation.stage == Stage.REPLIED


def test_it_keeps_the_reminder_buttons_on_a_page_shown_again_with_errors(
    alice, alice_client: Client
) -> None:
    # The page comes back from POST /conversations/<id>/meetings/: a Done pressed there must
    # return to the conversation, not to that POST-only address.
    conversation = start(alice, "Grace Hopper", Stage.CONTACTED, at=NOW - timedelta(days=14))

    response = schedule(alice_client, conversation, minutes="60")

    targets = set(re.findall(r'name="next" value="([^"]*)"', response.content.decode()))
    assert targets == {reverse("conversations:conversation", args=[conversation.pk])}


def test_it_adds_a_note_to_the_conversation(alice, alice_client: Client) -> None:
    conversation = start(alice)

    response = alice_client.post(
        reverse("conversations:add-note", args=[conversation.pk]),
        {"body": "  Ask about the compiler team.  "},
    )

    note = Note.objects.get()
    assert (
        response["Location"]
        == reverse("conversations:conversation", args=[conversation.pk]) + "#notes"
    )
    assert (note.owner, note.person, note.conversation) == (
        alice,
        conversation.person,
        conversation,
    )
    assert note.body == "Ask about the compiler team."


def test_it_saves_no_blank_note(alice, alice_client: Client) -> None:
    conversation = start(alice)

    response = alice_client.post(
        reverse("conversations:add-note", args=[conversation.pk]), {"body": "   "}
    )

    assert response.status_code == 400
    assert "This field is required." in field_error(response, "body")
    assert Note.objects.count() == 0


def test_it_adds_a_note_to_the_person(alice, alice_client: Client) -> None:
    person = make_person(alice, "Grace Hopper")

    ok = alice_client.post(
        reverse("conversations:add-person-note", args=[person.pk]),
        {"body": "Likes nanoseconds"},
        follow=True,
    )
    blank = alice_client.post(
        reverse("conversations:add-person-note", args=[person.pk]), {"body": " "}, follow=True
    )

    assert [n.body for n in Note.objects.all()] == ["Likes nanoseconds"]
    assert messages_on(ok) == ["Note saved."]
    assert messages_on(blank) == ["Write something first."]


def test_it_adds_a_reminder_of_her_own_at_9_her_time(alice, alice_client: Client) -> None:
    conversation = start(alice)

    response = alice_client.post(
        reverse("conversations:add-reminder", args=[conversation.pk]),
        {"title": "Send the article", "due_on": "2026-10-20"},
    )

    reminder = conversation.reminders.get()
    assert response.status_code == 302
    assert (reminder.kind, reminder.title, reminder.owner) == (
        Kind.CUSTOM,
        "Send the article",
        alice,
    )
    assert reminder.due_at == ny(20, 9)


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"title": " ", "due_on": "2026-10-20"}, "title", "This field is required."),
        ({"title": "Call", "due_on": "someday"}, "due_on", "Enter a valid date."),
    ],
)
def test_it_shows_reminder_errors_next_to_the_field(
    data: dict, field: str, error: str, alice, alice_client: Client
) -> None:
    conversation = start(alice)

    response = alice_client.post(
        reverse("conversations:add-reminder", args=[conversation.pk]), data
    )

    assert response.status_code == 400
    assert error in field_error(response, field)
    assert not conversation.reminders.exists()


def test_it_starts_a_conversation_from_the_person_page(alice, alice_client: Client) -> None:
    person = make_person(alice, "Grace Hopper")

    response = alice_client.post(
        reverse("conversations:start", args=[person.pk]),
        {"purpose": "How the Navy buys software", "owner": 999},
    )

    conversation = Conversation.objects.get()
    assert response["Location"] == reverse("conversations:conversation", args=[conversation.pk])
    assert (conversation.owner, conversation.person) == (alice, person)
    assert conversation.stage == Stage.IDENTIFIED


def test_it_shows_the_conversation_page(alice, alice_client: Client) -> None:
    conversation = start(alice, "Grace Hopper", Stage.CONTACTED, at=NOW - timedelta(days=14))
    services.add_note(person=conversation.person, conversation=conversation, body="Met at PyCon")

    response = alice_client.get(reverse("conversations:conversation", args=[conversation.pk]))

    html = response.content.decode()
    assert "Conversation with Grace Hopper" in html
    assert "Met at PyCon" in html
    assert "I sent the follow-up" in html
    assert "Identified → Contacted" in html


# Settings -----------------------------------------------------------------------------------------

SETTINGS = {
    "time_zone": "Europe/Paris",
    "working_days": ["0", "1", "2", "3"],
    "holiday_country": "",
    "meeting_minutes": "30",
    "digest_enabled": "",
}


def user_row(user: User) -> dict:
    return User.objects.filter(pk=user.pk).values().get()


def test_it_saves_the_settings(alice, alice_client: Client) -> None:
    response = alice_client.post(reverse("accounts:settings"), SETTINGS, follow=True)

    alice.refresh_from_db()
    assert response.redirect_chain == [("/settings/", 302)]
    assert messages_on(response) == ["Settings saved."]
    assert (alice.time_zone, alice.working_days) == ("Europe/Paris", "0123")
    assert (alice.holiday_country, alice.meeting_minutes, alice.digest_enabled) == ("", 30, False)


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "a time zone we know"),
        ({"time_zone": ""}, "time_zone", "This field is required."),
        ({"working_days": []}, "working_days", "Pick at least one working day."),
        ({"working_days": ["7"]}, "working_days", "Select a valid choice."),
        (
            {"meeting_minutes": "60"},
            "meeting_minutes",
            "Ensure this value is less than or equal to 45.",
        ),
        ({"holiday_country": "XX"}, "holiday_country", "Select a valid choice."),
    ],
)
def test_it_keeps_the_user_unchanged_when_settings_are_invalid(
    data: dict, field: str, error: str, alice, alice_client: Client
) -> None:
    before = user_row(alice)

    response = alice_client.post(reverse("accounts:settings"), {**SETTINGS, **data})

    assert response.status_code == 400
    assert error in field_error(response, field)
    assert user_row(alice) == before


def test_it_changes_only_the_settings_fields(alice, alice_client: Client) -> None:
    before = user_row(alice)

    alice_client.post(
        reverse("accounts:settings"),
        {
            **SETTINGS,
            "email": "mallory@example.org",
            "is_staff": "on",
            "is_superuser": "on",
            "is_active": "",
            "password": "x",
            "id": "999",
            "date_joined": "2001-01-01",
        },
    )

    after = user_row(alice)
    changed = {k for k in before if before[k] != after[k]}
    # The name lives on /you/ now: Settings keeps the calendar.
    assert changed == {
        "time_zone",
        "working_days",
        "meeting_minutes",
        "holiday_country",
        "digest_enabled",
    }


def test_it_shows_the_current_settings(alice, alice_client: Client) -> None:
    response = alice_client.get(reverse("accounts:settings"))

    html = response.content.decode()
    assert 'name="time_zone" id="id_time_zone" value="America/New York"' in html
    assert re.search(r'value="4"[^>]*checked', html)
    assert not re.search(r'value="5"[^>]*checked', html)


# Query counts -------------------------------------------------------------------------------------


def fill_today(owner: User, count: int) -> None:
    for n in range(count):
        conversation = start(owner, f"Person {n:03}", Stage.REPLIED, at=NOW - timedelta(hours=30))
        remind(conversation, f"Due today {n}", ny(14, 17))
        remind(conversation, f"Due Friday {n}", ny(16, 9))
        meetings.schedule_meeting(
            conversation=conversation,
            starts_at=ny(14, 16),
            minutes=20,
            mode=Meeting.Mode.VIDEO,
            now=NOW - timedelta(hours=30),
        )
    for n in range(count):
        start(owner, f"Waiting {n:03}", Stage.CONTACTED, at=NOW - timedelta(days=14))


def test_it_shows_today_in_a_constant_number_of_queries(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    fill_today(alice, 5)
    few = count_queries(alice_client, reverse("conversations:today"))
    fill_today(alice, 45)

    with django_assert_max_num_queries(few):
        response = alice_client.get(reverse("conversations:today"))
    # Per pair: a confirm (the meeting was set yesterday), a follow-up and a try-another.
    assert response.context["page"].lists.overdue.count == 150
    assert response.context["page"].lists.due_today.count == 50
    assert len(response.context["page"].lists.meetings) == 50
    # Capped: the first rows and "Show all", never the whole backlog.
    assert len(response.context["page"].lists.overdue.rows) == 10
    assert "Show all 150" in response.content.decode()


def test_it_shows_the_board_in_a_constant_number_of_queries(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    stages = [Stage.IDENTIFIED, Stage.CONTACTED, Stage.MET, Stage.NO_REPLY, Stage.NURTURING]

    def fill(count: int, offset: int) -> None:
        for n in range(count):
            start(alice, f"Person {offset + n:03}", stages[n % len(stages)])

    fill(5, 0)
    few = count_queries(alice_client, reverse("conversations:pipeline"))
    fill(45, 5)

    with django_assert_max_num_queries(few):
        response = alice_client.get(reverse("conversations:pipeline"))
    assert sum(len(cards) for cards in board_columns(response).values()) == 50


def test_before_7b_the_page_says_when_the_follow_up_is_due(alice_client, alice) -> None:
    from coffeechat.network.services import add_person

    person = add_person(owner=alice, full_name="Dana Whitfield", organization_name="Northwind")
    conversation = services.start_conversation(owner=alice, person=person)
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED)

    page = alice_client.get(f"/conversations/{conversation.pk}/").content.decode()

    assert "your one follow-up is due on" in page
    assert ">Write the follow-up</a>" not in page


def test_after_7b_the_follow_up_is_the_next_step(alice_client, alice) -> None:
    from coffeechat.network.services import add_person

    person = add_person(owner=alice, full_name="Dana Whitfield", organization_name="Northwind")
    conversation = services.start_conversation(owner=alice, person=person)
    services.move_to_stage(
        conversation=conversation,
        stage=Stage.CONTACTED,
        on=timezone.localdate() - timedelta(days=21),
    )

    page = alice_client.get(f"/conversations/{conversation.pk}/").content.decode()

    assert ">Write the follow-up</a>" in page
    assert "your one follow-up is due on" not in page
