"""Offering times, confirming one, moving and cancelling the meeting: stages and reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from coffeechat.conversations import meetings
from coffeechat.conversations.models import Meeting, Reminder, Stage
from coffeechat.lib.testing.clock import BERLIN, LOS_ANGELES, NOW
from coffeechat.scheduling import replies, services, zones


def offer(conversation, *starts: datetime, minutes: int = 20, mode: str = "video", place: str = ""):
    return services.propose_slots(
        conversation=conversation,
        starts=list(starts),
        minutes=minutes,
        mode=mode,
        place=place,
        now=NOW,
    )


def open_confirms(conversation) -> list[Reminder]:
    return list(conversation.reminders.filter(kind=Reminder.Kind.CONFIRM, status="open"))


def test_it_offers_times_and_replaces_an_earlier_offer(replied) -> None:
    offer(replied, datetime(2027, 3, 3, 18, 0, tzinfo=BERLIN))
    slots = offer(
        replied,
        datetime(2027, 3, 5, 18, 0, tzinfo=BERLIN),
        datetime(2027, 3, 4, 17, 0, tzinfo=BERLIN),
    )

    assert [s.starts_at for s in replied.proposals.all()] == [s.starts_at for s in slots]
    assert slots[0].starts_at < slots[1].starts_at
    assert replied.activities.filter(action="meeting.times_offered").count() == 2


def test_it_refuses_more_than_three_times_or_past_ones(replied) -> None:
    starts = [NOW + timedelta(days=d) for d in range(1, 5)]

    with pytest.raises(ValidationError):
        offer(replied, *starts)
    with pytest.raises(ValidationError):
        offer(replied, NOW - timedelta(hours=1))


def test_the_reply_lists_the_times_on_their_clock(replied) -> None:
    slots = offer(
        replied,
        datetime(2027, 3, 3, 18, 0, tzinfo=BERLIN),
        datetime(2027, 3, 4, 19, 30, tzinfo=BERLIN),
        place="https://meet.example/x",
    )

    text = replies.scheduling_reply(owner=replied.owner, person=replied.person, slots=slots)

    assert text.startswith("Thank you, Dana!")
    # 18:00 in Berlin (CET, UTC+1) is 09:00 in Los Angeles (PST, UTC-8).
    assert "- Wed 3 Mar, 09:00–09:20 PST" in text
    assert "- Thu 4 Mar, 10:30–10:50 PST" in text
    assert "(Los Angeles)" in text
    assert "https://meet.example/x" in text
    assert "fit around your schedule" in text


def test_the_reply_follows_their_clock_across_their_dst_change(replied) -> None:
    # The US springs forward on 14 March 2027, Europe only on 28 March: for two weeks
    # Berlin is 8 hours ahead of Los Angeles instead of 9.
    before = datetime(2027, 3, 12, 18, 0, tzinfo=BERLIN)
    after = datetime(2027, 3, 15, 18, 0, tzinfo=BERLIN)
    slots = offer(replied, before, after)

    text = replies.scheduling_reply(owner=replied.owner, person=replied.person, slots=slots)

    assert "Fri 12 Mar, 09:00–09:20 PST" in text
    assert "Mon 15 Mar, 10:00–10:20 PDT" in text


def test_in_person_offers_say_where_and_who_pays(replied) -> None:
    slots = offer(
        replied,
        NOW + timedelta(days=2),
        NOW + timedelta(days=3),
        minutes=30,
        mode=Meeting.Mode.IN_PERSON,
        place="Blue Bottle, Market St",
    )

    text = replies.scheduling_reply(owner=replied.owner, person=replied.person, slots=slots)

    assert "meet you at Blue Bottle, Market St; the coffee is on me" in text


def test_in_person_defaults_to_30_minutes_and_calls_to_the_users_length(berlin_alice) -> None:
    berlin_alice.meeting_minutes = 25

    assert services.default_minutes(owner=berlin_alice, mode="in_person") == 30
    assert services.default_minutes(owner=berlin_alice, mode="video") == 25


def test_confirming_a_slot_schedules_the_meeting_and_the_confirm_reminder(replied) -> None:
    chosen = datetime(2027, 3, 4, 18, 0, tzinfo=BERLIN)
    slots = offer(replied, datetime(2027, 3, 3, 18, 0, tzinfo=BERLIN), chosen)

    meeting = services.confirm_slot(proposal=slots[1], now=NOW)

    replied.refresh_from_db()
    assert replied.stage == Stage.SCHEDULED
    assert (meeting.starts_at, meeting.minutes, meeting.sequence) == (chosen, 20, 0)
    assert [r.due_at for r in open_confirms(replied)] == [chosen - timedelta(hours=24)]
    assert list(replied.proposals.values_list("accepted", flat=True)) == [True]


def test_a_slot_is_confirmed_once(replied) -> None:
    slot = offer(replied, NOW + timedelta(days=2))[0]
    services.confirm_slot(proposal=slot, now=NOW)

    with pytest.raises(ValidationError):
        services.confirm_slot(proposal=slot, now=NOW)

    assert replied.meetings.count() == 1


def test_rescheduling_bumps_the_sequence_and_moves_the_confirm_reminder(replied) -> None:
    meeting = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=2))[0], now=NOW)
    new_start = NOW + timedelta(days=5)

    services.reschedule(
        meeting=meeting,
        starts_at=new_start,
        minutes=30,
        mode="phone",
        place="+1 415 555 0100",
        now=NOW,
    )

    meeting.refresh_from_db()
    assert (meeting.uid, meeting.sequence, meeting.starts_at) == (meeting.uid, 1, new_start)
    assert [r.due_at for r in open_confirms(replied)] == [new_start - timedelta(hours=24)]
    assert replied.reminders.filter(kind="confirm", status="cancelled").count() == 1
    assert replied.activities.filter(action="meeting.rescheduled").exists()


def test_rescheduling_to_tomorrow_plans_no_confirm_reminder_in_the_past(replied) -> None:
    meeting = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=3))[0], now=NOW)

    services.reschedule(
        meeting=meeting, starts_at=NOW + timedelta(hours=5), minutes=20, mode="video", now=NOW
    )

    assert open_confirms(replied) == []


def test_a_stale_reschedule_is_refused(replied) -> None:
    meeting = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=2))[0], now=NOW)
    stale = Meeting.objects.get(pk=meeting.pk)
    services.reschedule(
        meeting=meeting, starts_at=NOW + timedelta(days=4), minutes=20, mode="video", now=NOW
    )

    with pytest.raises(ValidationError, match="changed elsewhere"):
        services.reschedule(
            meeting=stale, starts_at=NOW + timedelta(days=6), minutes=20, mode="video", now=NOW
        )


def test_cancelling_drops_the_confirm_reminder_and_asks_for_new_times(replied) -> None:
    meeting = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=2))[0], now=NOW)

    services.cancel(meeting=meeting, now=NOW)

    meeting.refresh_from_db()
    replied.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.CANCELLED, 1)
    assert open_confirms(replied) == []
    assert replied.stage == Stage.REPLIED
    assert replied.reminders.filter(kind="reply", status="open").exists()


def test_cancelling_one_of_two_meetings_keeps_the_other_confirm_reminder(replied) -> None:
    first = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=2))[0], now=NOW)
    second = meetings.schedule_meeting(
        conversation=replied, starts_at=NOW + timedelta(days=6), minutes=20, mode="video", now=NOW
    )

    services.cancel(meeting=first, now=NOW)

    replied.refresh_from_db()
    assert replied.stage == Stage.SCHEDULED
    assert [r.due_at for r in open_confirms(replied)] == [second.starts_at - timedelta(hours=24)]


def test_a_new_meeting_after_a_cancelled_earlier_one_gets_its_own_reminder(replied) -> None:
    first = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=2))[0], now=NOW)
    services.cancel(meeting=first, now=NOW)

    later = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=9))[0], now=NOW)

    assert [r.due_at for r in open_confirms(replied)] == [later.starts_at - timedelta(hours=24)]


def test_a_cancelled_meeting_cannot_be_moved_or_cancelled_again(replied) -> None:
    meeting = services.confirm_slot(proposal=offer(replied, NOW + timedelta(days=2))[0], now=NOW)
    services.cancel(meeting=meeting, now=NOW)

    with pytest.raises(ValidationError):
        services.cancel(meeting=meeting, now=NOW)
    with pytest.raises(ValidationError):
        services.reschedule(
            meeting=meeting, starts_at=NOW + timedelta(days=3), minutes=20, mode="video", now=NOW
        )


def test_slot_times_keep_their_wall_clock_across_a_dst_change() -> None:
    # 10:00 in Berlin on the Saturday and the Monday around the EU change (28 March 2027).
    saturday = datetime(2027, 3, 27, 10, 0, tzinfo=BERLIN)
    monday = datetime(2027, 3, 29, 10, 0, tzinfo=BERLIN)

    assert zones.format_slot(saturday, 20, BERLIN) == "Sat 27 Mar, 10:00–10:20 CET"
    assert zones.format_slot(monday, 20, BERLIN) == "Mon 29 Mar, 10:00–10:20 CEST"
    assert zones.format_slot(monday, 20, LOS_ANGELES) == "Mon 29 Mar, 01:00–01:20 PDT"
    # Same zone: Python subtracts wall clocks; in real time the weekend lost an hour.
    assert monday.astimezone(UTC) - saturday.astimezone(UTC) == timedelta(days=2, hours=-1)


def test_an_empty_or_unknown_person_zone_means_the_users(dana) -> None:
    dana.time_zone = ""
    assert zones.zone_of_person(dana, dana.owner) == BERLIN
    dana.time_zone = "Mars/Olympus_Mons"
    assert zones.zone_of_person(dana, dana.owner) == BERLIN


def test_the_feed_token_is_regenerated_and_revoked(berlin_alice) -> None:
    from coffeechat.scheduling import queries

    first = services.regenerate_feed_token(user=berlin_alice).calendar_token
    second = services.regenerate_feed_token(user=berlin_alice).calendar_token

    assert len(second) >= 40 and first != second
    assert queries.feed_owner(first) is None
    assert queries.feed_owner(second) == berlin_alice
    services.turn_off_feed(user=berlin_alice)
    assert queries.feed_owner(second) is None
    assert queries.feed_owner("") is None


# Offered times that may be slips: warnings, never blocks (RULE-S5, RULE-C3) ---------------------


def warnings_for(conversation, start: datetime, minutes: int = 20) -> list[str]:
    from coffeechat.scheduling import hours

    return hours.slot_warnings(
        owner=conversation.owner, person=conversation.person, starts_at=start, minutes=minutes
    )


def test_a_good_time_for_both_gets_no_warning(replied) -> None:
    # Thursday 18:00 in Berlin is 09:00 in Los Angeles.
    assert warnings_for(replied, datetime(2027, 3, 4, 18, 0, tzinfo=BERLIN)) == []


def test_a_time_at_night_on_your_clock_is_flagged(replied) -> None:
    found = warnings_for(replied, datetime(2027, 3, 4, 3, 0, tzinfo=BERLIN))

    assert "03:00 on your clock: at night" in found


def test_a_time_outside_their_working_hours_on_their_clock_is_flagged(replied) -> None:
    # Thursday 10:00 in Berlin is 01:00 in Los Angeles.
    found = warnings_for(replied, datetime(2027, 3, 4, 10, 0, tzinfo=BERLIN))

    assert found == ["01:00 on Dana’s clock: outside usual working hours (09:00–18:00)"]


def test_a_sunday_and_a_public_holiday_are_flagged_for_the_right_person(replied) -> None:
    replied.owner.holiday_country = "DE"
    replied.owner.save(update_fields=["holiday_country"])
    sunday = warnings_for(replied, datetime(2027, 3, 7, 18, 0, tzinfo=BERLIN))
    # Monday 31 May 2027 is Memorial Day in the US (Dana, Los Angeles), a workday in Berlin.
    memorial_day = warnings_for(replied, datetime(2027, 5, 31, 18, 0, tzinfo=BERLIN))

    assert sunday == ["Sunday is not a working day for you", "Sunday is not a working day for Dana"]
    assert memorial_day == ["Monday 31 May is a public holiday (Memorial Day) for Dana"]


def test_the_warnings_show_beside_each_offered_time_and_nothing_is_refused(replied, client) -> None:
    client.force_login(replied.owner)
    offer(
        replied,
        datetime(2027, 3, 7, 3, 0, tzinfo=BERLIN),
        datetime(2027, 3, 4, 18, 0, tzinfo=BERLIN),
    )

    page = client.get(replied.get_absolute_url()).content.decode()

    assert replied.proposals.count() == 2
    assert "03:00 on your clock: at night" in page
    assert "Sunday is not a working day for you" in page


def test_offering_times_answers_the_reply_reminder(replied) -> None:
    offer(replied, NOW + timedelta(days=2))

    reminder = replied.reminders.get(kind=Reminder.Kind.REPLY)
    assert reminder.status == Reminder.Status.DONE


def test_a_slot_whose_time_has_passed_cannot_be_confirmed(replied) -> None:
    slot = offer(replied, NOW + timedelta(days=1))[0]

    with pytest.raises(ValidationError, match="That time has passed"):
        services.confirm_slot(proposal=slot, now=NOW + timedelta(days=2))

    assert replied.meetings.count() == 0
