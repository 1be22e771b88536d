"""Dates and stages the user can trust (issue 11): nothing held before it happened, nothing
planned in the past, no date the user typed moved, and one typed next step per conversation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from coffeechat.conversations import meetings, services
from coffeechat.conversations.models import Conversation, Meeting, Reminder, SlotProposal, Stage
from coffeechat.conversations.next_step import Action, next_step
from coffeechat.lib import dates
from coffeechat.lib.testing.people import make_conversation, make_person
from coffeechat.prep import services as prep
from coffeechat.prep import thank_you

# Wednesday 14 January 2026, 10:00 in New York (alice's zone).
NOW = datetime(2026, 1, 14, 15, tzinfo=UTC)
FRIDAY = datetime(2026, 1, 16, 16, tzinfo=UTC)  # 11:00 in New York, two days later
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def conversation(alice) -> Conversation:
    conversation = make_conversation(
        alice, person=make_person(alice, "Grace Hopper", "Navy"), now=NOW
    )
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.REPLIED, now=NOW)
    return conversation


def meet_friday(conversation: Conversation) -> Meeting:
    return meetings.schedule_meeting(
        conversation=conversation, starts_at=FRIDAY, minutes=20, mode="video", now=NOW
    )


# "We met" -----------------------------------------------------------------------------------


def test_we_met_before_the_meeting_starts_is_refused_and_nothing_is_marked_held(
    conversation,
) -> None:
    meeting = meet_friday(conversation)

    with pytest.raises(ValidationError, match="Fri 16 Jan, 11:00 and hasn't started yet"):
        services.move_to_stage(conversation=conversation, stage=Stage.MET, now=NOW)

    meeting.refresh_from_db()
    conversation.refresh_from_db()
    assert (meeting.status, conversation.stage) == (Meeting.Status.PLANNED, Stage.SCHEDULED)
    assert not conversation.reminders.filter(kind=Reminder.Kind.THANK_YOU).exists()


def test_the_after_pages_we_met_refuses_a_meeting_still_to_come_too(conversation) -> None:
    meet_friday(conversation)

    with pytest.raises(ValidationError, match="hasn't started yet"):
        prep.mark_held(conversation=conversation, now=NOW)

    assert conversation.meetings.get().status == Meeting.Status.PLANNED


def test_we_met_on_the_conversation_page_after_the_start_marks_the_meeting_held(
    conversation,
) -> None:
    meeting = meet_friday(conversation)
    after = FRIDAY + timedelta(minutes=40)

    services.move_to_stage(conversation=conversation, stage=Stage.MET, now=after)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.held_at) == (Meeting.Status.HELD, after)


def test_the_thank_you_never_says_today_about_another_day(conversation) -> None:
    meet_friday(conversation)
    prep.mark_held(conversation=conversation, now=FRIDAY + timedelta(minutes=30))
    prep.add_capture(
        conversation=conversation, kind="advice", text="Read the dragon book", now=FRIDAY
    )

    _, on_the_day = thank_you.thank_you_draft(conversation, now=FRIDAY + timedelta(hours=2))
    _, on_monday = thank_you.thank_you_draft(conversation, now=FRIDAY + timedelta(days=3))

    assert "talk with me today;" in on_the_day
    assert "talk with me on Friday;" in on_monday and "today" not in on_monday


def test_a_thank_you_drafted_before_the_meeting_names_no_day(conversation) -> None:
    meet_friday(conversation)

    _, body = thank_you.thank_you_draft(conversation, now=NOW)

    assert "talk with me;" in body and "today" not in body


# Meetings in the past -------------------------------------------------------------------------


def test_a_meeting_added_with_a_past_date_is_logged_as_held_not_planned(conversation) -> None:
    last_monday = datetime(2026, 1, 12, 17, tzinfo=UTC)

    meeting = meetings.schedule_meeting(
        conversation=conversation, starts_at=last_monday, minutes=30, mode="phone", now=NOW
    )

    conversation.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert conversation.stage == Stage.MET
    kinds = list(conversation.reminders.filter(status="open").values_list("kind", flat=True))
    assert kinds == [Reminder.Kind.THANK_YOU]  # no day-before reminder in the past
    line = conversation.activities.get(action="meeting.held")
    assert line.summary == "Met (phone, 30 min) on Mon 12 Jan, 12:00: logged afterwards"


def test_a_meeting_cannot_be_moved_into_the_past(conversation) -> None:
    meeting = meet_friday(conversation)

    with pytest.raises(ValidationError, match="time still to come"):
        meetings.reschedule_meeting(
            meeting=meeting, starts_at=NOW - timedelta(days=1), minutes=20, mode="video", now=NOW
        )

    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.sequence) == (FRIDAY, 0)


def test_the_thank_you_is_timed_from_the_meeting_held_not_a_cancelled_one(conversation) -> None:
    cancelled = meetings.schedule_meeting(
        conversation=conversation,
        minutes=20,
        mode="video",
        starts_at=NOW + timedelta(hours=2),
        now=NOW,
    )
    meet_friday(conversation)
    meetings.cancel_meeting(meeting=cancelled, now=NOW)
    after = FRIDAY + timedelta(hours=1)

    services.move_to_stage(conversation=conversation, stage=Stage.MET, now=after)

    thank = conversation.reminders.get(kind=Reminder.Kind.THANK_YOU, status="open")
    assert thank.due_at == FRIDAY + timedelta(minutes=20, hours=24)


# The next step ----------------------------------------------------------------------------------


def test_after_times_are_offered_the_next_step_is_to_wait_for_their_pick(conversation) -> None:
    assert next_step(conversation, NOW).action == Action.OFFER_TIMES
    SlotProposal.objects.create(
        owner=conversation.owner, conversation=conversation, starts_at=FRIDAY, minutes=20
    )

    step = next_step(conversation, NOW)

    assert (step.action, step.times_offered) == (Action.AWAIT_PICK, 1)


def test_the_next_step_names_the_meeting_that_stands_not_a_cancelled_later_one(
    conversation,
) -> None:
    standing = meet_friday(conversation)
    later = meetings.schedule_meeting(
        conversation=conversation,
        minutes=20,
        mode="phone",
        starts_at=FRIDAY + timedelta(days=5),
        now=NOW,
    )
    meetings.cancel_meeting(meeting=later, now=NOW)

    step = next_step(conversation, NOW)

    assert (step.action, step.meeting, step.meeting_started) == (Action.MEET, standing, False)
    assert next_step(conversation, FRIDAY).meeting_started is True


def test_the_keep_in_touch_step_uses_the_persons_own_cadence(conversation) -> None:
    conversation.person.keep_in_touch_weeks = 12
    conversation.person.save()
    services.move_to_stage(conversation=conversation, stage=Stage.MET, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.THANKED, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.NURTURING, now=NOW)

    step = next_step(conversation, NOW)

    assert (step.action, step.cadence_weeks) == (Action.KEEP_IN_TOUCH, 12)
    assert step.keep_in_touch_due.date() == (NOW + timedelta(weeks=12)).date()


# Dates as written -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "written"),
    [
        (datetime(2026, 3, 2, 19, 20, tzinfo=UTC), "Mon 2 Mar, 14:20"),
        (datetime(2025, 3, 3, 19, 20, tzinfo=UTC), "Mon 3 Mar 2025, 14:20"),
        (datetime(2027, 1, 4, 19, 20, tzinfo=UTC), "Mon 4 Jan 2027, 14:20"),
    ],
)
def test_a_date_shows_its_year_whenever_it_is_not_this_year(when, written) -> None:
    assert dates.day_time(when, NEW_YORK, NOW) == written


def test_the_sent_on_date_far_in_the_past_is_shown_with_its_year(alice_client, alice) -> None:
    conversation = make_conversation(alice, person=make_person(alice, "Ada Lovelace", "Lab"))
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, on=date(2023, 6, 5))

    page = alice_client.get(conversation.get_absolute_url()).content.decode()

    assert "You asked on Monday 5 June 2023." in page
