"""The stage machine and the reminders it plans (method.md sections 1, 5, 6 and 10)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from coffeechat.conversations import meetings, reminders, services
from coffeechat.conversations.models import Activity, Conversation, Reminder, Stage
from coffeechat.lib.testing.people import (
    make_conversation,
    make_person,
    make_user,
    open_reminders,
)
from coffeechat.prep import services as prep

Kind = Reminder.Kind
Status = Reminder.Status

# Wednesday 14 January 2026, 10:00 in New York (EST, UTC-5). Monday the 19th is MLK Day.
NOW = datetime(2026, 1, 14, 15, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def conversation(alice) -> Conversation:
    person = make_person(alice, "Grace Hopper", "Navy")
    return make_conversation(alice, person=person, now=NOW)


def reminders_of(conversation: Conversation, **filters) -> list[Reminder]:
    return list(Reminder.objects.filter(conversation=conversation, **filters).order_by("due_at"))


def stage_lines(conversation: Conversation) -> list[Activity]:
    return list(
        Activity.objects.filter(
            conversation=conversation, action="conversation.stage_changed"
        ).order_by("pk")
    )


# Contacted: the 3B7 reminders -----------------------------------------------------------------


def test_it_plans_the_3b_and_7b_reminders_at_nine_local_when_contacted(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)

    try_another, follow_up = open_reminders(conversation)
    assert try_another.kind == Kind.TRY_ANOTHER
    # Thu 15, Fri 16, (Mon 19 is MLK Day), Tue 20: 09:00 EST = 14:00 UTC.
    assert try_another.due_at == utc(2026, 1, 20, 14)
    assert "Grace Hopper" in try_another.title and "Navy" in try_another.title
    assert follow_up.kind == Kind.FOLLOW_UP
    # Thu 15, Fri 16, Tue 20, Wed 21, Thu 22, Fri 23, Mon 26.
    assert follow_up.due_at == utc(2026, 1, 26, 14)
    assert {r.owner_id for r in (try_another, follow_up)} == {conversation.owner_id}

    conversation.refresh_from_db()
    assert conversation.stage == Stage.CONTACTED
    assert conversation.contacted_at == NOW
    assert conversation.follow_up_sent_at is None


def test_it_counts_from_the_day_the_request_really_went_out(conversation) -> None:
    # Sent last Friday, recorded today: timers count from Friday's morning.
    services.move_to_stage(
        conversation=conversation, stage=Stage.CONTACTED, now=NOW, on=date(2026, 1, 9)
    )

    conversation.refresh_from_db()
    assert conversation.contacted_at == utc(2026, 1, 9, 14)
    assert [r.due_at for r in open_reminders(conversation)] == [
        utc(2026, 1, 14, 14),  # Fri + 3B = Wed
        utc(2026, 1, 21, 14),  # Fri + 7B, skipping MLK Day
    ]


def test_it_counts_a_request_sent_on_saturday_from_monday(conversation) -> None:
    services.move_to_stage(
        conversation=conversation, stage=Stage.CONTACTED, now=NOW, on=date(2026, 1, 10)
    )

    assert [r.due_at for r in open_reminders(conversation)][0] == utc(2026, 1, 15, 14)


def test_it_keeps_the_reminders_at_nine_local_across_the_spring_dst_change(
    conversation, frozen
) -> None:
    sent = utc(2026, 3, 5, 15)  # Thursday 10:00 EST (UTC-5); clocks go forward on Sunday 8th
    frozen.move_to(sent)

    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=sent)

    assert [r.due_at for r in open_reminders(conversation)] == [
        utc(2026, 3, 10, 13),  # Tue 09:00 EDT (UTC-4)
        utc(2026, 3, 16, 13),  # Mon 09:00 EDT
    ]


def test_it_keeps_the_reminders_at_nine_local_across_the_autumn_dst_change(
    conversation, frozen
) -> None:
    sent = utc(2026, 10, 28, 14)  # Wednesday 10:00 EDT; clocks go back on Sunday 1 Nov
    frozen.move_to(sent)

    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=sent)

    assert [r.due_at for r in open_reminders(conversation)] == [
        utc(2026, 11, 2, 14),  # Mon 09:00 EST (UTC-5)
        utc(2026, 11, 6, 14),  # Fri 09:00 EST
    ]


def test_it_refuses_a_step_dated_in_the_future_instead_of_moving_the_date(conversation) -> None:
    with pytest.raises(ValidationError, match="1 February 2026 is still to come"):
        services.move_to_stage(
            conversation=conversation, stage=Stage.CONTACTED, now=NOW, on=date(2026, 2, 1)
        )

    conversation.refresh_from_db()
    assert (conversation.stage, conversation.contacted_at) == (Stage.IDENTIFIED, None)


def test_a_request_sent_long_ago_keeps_the_day_the_user_typed(conversation) -> None:
    services.move_to_stage(
        conversation=conversation, stage=Stage.CONTACTED, now=NOW, on=date(2023, 6, 5)
    )

    conversation.refresh_from_db()
    # Not silently moved to a year ago: 9:00 in New York on the day typed.
    assert conversation.contacted_at == datetime(2023, 6, 5, 13, 0, tzinfo=UTC)


def test_it_writes_one_timeline_line_per_move(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)

    (line,) = stage_lines(conversation)
    assert line.person_id == conversation.person_id
    assert line.owner_id == conversation.owner_id
    assert line.summary == "Identified → Contacted"
    assert line.data == {"old": "identified", "new": "contacted"}
    assert line.occurred_at == NOW
    assert (
        Activity.objects.filter(conversation=conversation, action="conversation.started").count()
        == 1
    )


# Replied -------------------------------------------------------------------------------------


def test_it_cancels_the_3b7_reminders_and_asks_for_a_reply_within_a_day(
    conversation, frozen
) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    later = NOW + timedelta(days=1, hours=2)
    frozen.move_to(later)

    services.move_to_stage(conversation=conversation, stage=Stage.REPLIED, now=later)

    cancelled = reminders_of(conversation, status=Status.CANCELLED)
    assert {r.kind for r in cancelled} == {Kind.TRY_ANOTHER, Kind.FOLLOW_UP}
    assert all(r.resolved_at == later for r in cancelled)
    (reply,) = open_reminders(conversation)
    assert reply.kind == Kind.REPLY
    assert reply.due_at == later + timedelta(hours=24)
    conversation.refresh_from_db()
    assert conversation.replied_at == later
    assert [line.summary for line in stage_lines(conversation)] == [
        "Identified → Contacted",
        "Contacted → Replied",
    ]


def test_it_keeps_the_users_own_reminders_through_stage_changes(conversation) -> None:
    own = reminders.add_reminder(
        conversation=conversation, title="Read her paper first", due_at=NOW + timedelta(days=2)
    )

    for stage in (
        Stage.CONTACTED,
        Stage.REPLIED,
        Stage.SCHEDULED,
        Stage.MET,
        Stage.THANKED,
        Stage.NURTURING,
    ):
        services.move_to_stage(conversation=conversation, stage=stage, now=NOW)

    own.refresh_from_db()
    assert own.status == Status.OPEN
    assert own.kind == Kind.CUSTOM
    # Of the method's reminders, only the current stage's is still open.
    assert {r.kind for r in open_reminders(conversation)} == {Kind.CUSTOM, Kind.KEEP_IN_TOUCH}


# Scheduled, met, thanked ---------------------------------------------------------------------


def test_it_reminds_to_confirm_the_day_before_the_meeting(conversation) -> None:
    starts = utc(2026, 1, 17, 16)
    meeting = meetings.schedule_meeting(
        conversation=conversation, starts_at=starts, minutes=20, mode="video", now=NOW
    )

    conversation.refresh_from_db()
    assert conversation.stage == Stage.SCHEDULED
    (confirm,) = open_reminders(conversation)
    assert confirm.kind == Kind.CONFIRM
    assert confirm.due_at == starts - timedelta(hours=24)
    assert meeting.ends_at == starts + timedelta(minutes=20)


def test_it_replans_the_confirm_reminder_for_the_next_meeting(conversation) -> None:
    meetings.schedule_meeting(
        conversation=conversation, starts_at=utc(2026, 1, 20, 16), minutes=20, mode="video", now=NOW
    )

    meetings.schedule_meeting(
        conversation=conversation, starts_at=utc(2026, 1, 17, 16), minutes=20, mode="phone", now=NOW
    )

    (confirm,) = open_reminders(conversation)
    assert confirm.due_at == utc(2026, 1, 16, 16)
    (cancelled,) = reminders_of(conversation, status=Status.CANCELLED)
    assert (cancelled.kind, cancelled.due_at) == (Kind.CONFIRM, utc(2026, 1, 19, 16))


def test_it_skips_the_confirm_reminder_for_a_meeting_less_than_a_day_away(conversation) -> None:
    meetings.schedule_meeting(
        conversation=conversation,
        starts_at=NOW + timedelta(hours=5),
        minutes=20,
        mode="video",
        now=NOW,
    )

    assert open_reminders(conversation) == []


def test_it_asks_for_a_thank_you_24h_after_the_meeting_ended(conversation, frozen) -> None:
    starts = utc(2026, 1, 15, 14)
    meetings.schedule_meeting(
        conversation=conversation, starts_at=starts, minutes=30, mode="in_person", now=NOW
    )
    after = utc(2026, 1, 15, 17)  # 2.5 h after it ended
    frozen.move_to(after)

    services.move_to_stage(conversation=conversation, stage=Stage.MET, now=after)

    (thank,) = open_reminders(conversation)
    assert thank.kind == Kind.THANK_YOU
    assert thank.due_at == starts + timedelta(minutes=30) + timedelta(hours=24)


def test_a_thank_you_recorded_late_is_shown_as_overdue(conversation, frozen) -> None:
    meetings.schedule_meeting(
        conversation=conversation, starts_at=utc(2026, 1, 15, 14), minutes=30, mode="video", now=NOW
    )
    much_later = utc(2026, 1, 20, 12)
    frozen.move_to(much_later)

    services.move_to_stage(conversation=conversation, stage=Stage.MET, now=much_later)

    (thank,) = open_reminders(conversation)
    # Due 24 hours after the meeting ended, which is honest: it is already overdue.
    assert thank.due_at == utc(2026, 1, 16, 14, 30)
    assert thank.is_overdue(now=much_later)


def test_it_asks_for_a_report_back_ten_business_days_after_the_thank_you(conversation) -> None:
    prep.add_capture(conversation=conversation, kind="advice", text="Learn SQL first", now=NOW)

    services.move_to_stage(conversation=conversation, stage=Stage.THANKED, now=NOW)

    (report,) = open_reminders(conversation)
    assert report.kind == Kind.REPORT_BACK
    # Jan 15, 16, 20, 21, 22, 23, 26, 27, 28, 29 (MLK Day skipped): 09:00 EST.
    assert report.due_at == utc(2026, 1, 29, 14)


def test_it_plans_no_report_back_without_advice_to_act_on(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.THANKED, now=NOW)

    assert open_reminders(conversation) == []


# Disallowed moves ----------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [Stage.NO_REPLY, Stage.DECLINED, Stage.IDENTIFIED, "bogus"])
def test_it_refuses_a_move_the_method_does_not_allow_and_changes_nothing(
    conversation, stage
) -> None:
    with pytest.raises(ValidationError):
        services.move_to_stage(conversation=conversation, stage=stage, now=NOW)

    conversation.refresh_from_db()
    assert conversation.stage == Stage.IDENTIFIED
    assert conversation.stage_changed_at == NOW
    assert reminders_of(conversation) == []
    assert stage_lines(conversation) == []


def test_it_closes_an_unanswered_request_as_no_reply_and_cancels_its_timers(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)

    services.move_to_stage(conversation=conversation, stage=Stage.NO_REPLY, now=NOW)

    conversation.refresh_from_db()
    assert conversation.is_closed
    assert conversation.closed_at == NOW
    assert open_reminders(conversation) == []
    assert len(reminders_of(conversation, status=Status.CANCELLED)) == 2
    # A closed conversation can only be reopened.
    with pytest.raises(ValidationError):
        services.move_to_stage(conversation=conversation, stage=Stage.MET, now=NOW)


def test_it_reopens_a_closed_conversation_as_a_fresh_request(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.NO_REPLY, now=NOW)

    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)

    conversation.refresh_from_db()
    assert conversation.closed_at is None
    assert {r.kind for r in open_reminders(conversation)} == {Kind.TRY_ANOTHER, Kind.FOLLOW_UP}


# The one follow-up (RULE-F1) -----------------------------------------------------------------


def test_it_records_the_follow_up_and_plans_the_close_three_business_days_later(
    conversation, frozen
) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    nudge = utc(2026, 1, 26, 15)  # Monday, the 7B morning
    frozen.move_to(nudge)

    services.record_follow_up(conversation=conversation, now=nudge)

    conversation.refresh_from_db()
    assert conversation.follow_up_sent_at == nudge
    assert not conversation.can_follow_up
    assert [(r.kind, r.status) for r in reminders_of(conversation)] == [
        (Kind.TRY_ANOTHER, Status.CANCELLED),
        (Kind.FOLLOW_UP, Status.DONE),
        (Kind.CLOSE_NO_REPLY, Status.OPEN),
    ]
    close = reminders_of(conversation, kind=Kind.CLOSE_NO_REPLY)[0]
    assert close.due_at == utc(2026, 1, 29, 14)  # Thursday 09:00 EST
    assert (
        Activity.objects.filter(
            conversation=conversation, action="conversation.follow_up_sent"
        ).count()
        == 1
    )


def test_it_never_records_a_second_follow_up(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    services.record_follow_up(conversation=conversation, now=NOW)

    with pytest.raises(ValidationError, match="already followed up"):
        services.record_follow_up(conversation=conversation, now=NOW + timedelta(days=3))

    conversation.refresh_from_db()
    assert conversation.follow_up_sent_at == NOW
    assert len(reminders_of(conversation, kind=Kind.CLOSE_NO_REPLY)) == 1
    assert (
        Activity.objects.filter(
            conversation=conversation, action="conversation.follow_up_sent"
        ).count()
        == 1
    )


def test_it_refuses_a_second_follow_up_from_a_stale_copy(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    tab_a = Conversation.objects.get(pk=conversation.pk)
    tab_b = Conversation.objects.get(pk=conversation.pk)
    services.record_follow_up(conversation=tab_a, now=NOW)

    with pytest.raises(ValidationError):
        services.record_follow_up(conversation=tab_b, now=NOW)

    assert len(reminders_of(conversation, kind=Kind.CLOSE_NO_REPLY)) == 1


def test_it_refuses_a_follow_up_to_a_request_that_was_never_sent(conversation) -> None:
    with pytest.raises(ValidationError):
        services.record_follow_up(conversation=conversation, now=NOW)

    assert reminders_of(conversation) == []


# Concurrent moves ----------------------------------------------------------------------------


def test_it_lets_only_one_of_two_stale_copies_move(conversation) -> None:
    tab_a = Conversation.objects.get(pk=conversation.pk)
    tab_b = Conversation.objects.get(pk=conversation.pk)
    services.move_to_stage(conversation=tab_a, stage=Stage.CONTACTED, now=NOW)

    with pytest.raises(ValidationError, match="changed elsewhere"):
        services.move_to_stage(conversation=tab_b, stage=Stage.CONTACTED, now=NOW)

    assert len(reminders_of(conversation)) == 2
    assert len(stage_lines(conversation)) == 1


def test_it_lets_only_one_stale_copy_move_even_to_different_stages(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    tab_a = Conversation.objects.get(pk=conversation.pk)
    tab_b = Conversation.objects.get(pk=conversation.pk)
    services.move_to_stage(conversation=tab_a, stage=Stage.REPLIED, now=NOW)

    with pytest.raises(ValidationError):
        services.move_to_stage(conversation=tab_b, stage=Stage.NO_REPLY, now=NOW)

    conversation.refresh_from_db()
    assert conversation.stage == Stage.REPLIED
    assert conversation.closed_at is None
    assert [r.kind for r in open_reminders(conversation)] == [Kind.REPLY]


@pytest.mark.django_db(transaction=True)
def test_it_moves_once_when_several_connections_move_the_same_card_at_once() -> None:
    owner = make_user(time_zone="America/New_York", holiday_country="US")
    conversation = make_conversation(owner, now=NOW)
    workers = 4
    barrier = threading.Barrier(workers)
    outcomes: list[str] = []

    def move() -> None:
        try:
            stale = Conversation.objects.select_related("owner", "person").get(pk=conversation.pk)
            barrier.wait(timeout=10)
            services.move_to_stage(conversation=stale, stage=Stage.CONTACTED, now=NOW)
            outcomes.append("moved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=move) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["moved"] + ["refused"] * (workers - 1)
    assert len(reminders_of(conversation)) == 2
    assert len(stage_lines(conversation)) == 1


# Completing and dismissing reminders ---------------------------------------------------------


def test_it_comes_round_again_when_a_keep_in_touch_is_done(conversation, frozen) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.NURTURING, now=NOW)
    (first,) = open_reminders(conversation)
    assert first.kind == Kind.KEEP_IN_TOUCH
    # 8 weeks after Wed 14 Jan is Wed 11 Mar, 09:00 EDT (after the DST change).
    assert first.due_at == utc(2026, 3, 11, 13)
    done_at = utc(2026, 3, 12, 15)
    frozen.move_to(done_at)

    reminders.complete_reminder(reminder=first, now=done_at)

    first.refresh_from_db()
    assert first.status == Status.DONE
    assert first.resolved_at == done_at
    (second,) = open_reminders(conversation)
    assert second.kind == Kind.KEEP_IN_TOUCH
    assert second.due_at == utc(2026, 5, 7, 13)  # Thursday 7 May, 09:00 EDT
    assert Activity.objects.filter(conversation=conversation, action="reminder.done").count() == 1


def test_it_lands_the_next_keep_in_touch_on_a_business_day(conversation) -> None:
    # 8 weeks after Sat 31 Oct 2026 is Sat 26 Dec 2026; Christmas was the Friday before,
    # so the touch moves to Monday the 28th, 09:00 EST.
    saturday = datetime(2026, 10, 31, 20, tzinfo=UTC)
    services.move_to_stage(conversation=conversation, stage=Stage.NURTURING, now=saturday)

    (touch,) = open_reminders(conversation)
    assert touch.due_at == utc(2026, 12, 28, 14)


def test_it_completes_a_reminder_only_once(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.NURTURING, now=NOW)
    (reminder,) = open_reminders(conversation)
    stale = Reminder.objects.get(pk=reminder.pk)

    reminders.complete_reminder(reminder=reminder, now=NOW)
    reminders.complete_reminder(reminder=reminder, now=NOW + timedelta(hours=1))
    reminders.complete_reminder(reminder=stale, now=NOW + timedelta(hours=2))

    reminder.refresh_from_db()
    assert reminder.resolved_at == NOW
    assert len(reminders_of(conversation, kind=Kind.KEEP_IN_TOUCH, status=Status.OPEN)) == 1
    assert Activity.objects.filter(conversation=conversation, action="reminder.done").count() == 1


def test_it_stops_the_keep_in_touch_cycle_once_the_conversation_moved_on(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.NURTURING, now=NOW)
    (touch,) = open_reminders(conversation)
    services.move_to_stage(conversation=conversation, stage=Stage.THANKED, now=NOW)
    touch.refresh_from_db()
    assert touch.status == Status.CANCELLED

    reminders.complete_reminder(reminder=touch, now=NOW)

    # Nothing comes round again (and no report-back: no advice was captured).
    assert open_reminders(conversation) == []


def test_it_keeps_a_dismissed_reminder_in_the_history(conversation) -> None:
    own = reminders.add_reminder(
        conversation=conversation, title="Send the article", due_at=NOW + timedelta(days=1)
    )

    reminders.dismiss_reminder(reminder=own, now=NOW)
    reminders.dismiss_reminder(reminder=own, now=NOW)

    own.refresh_from_db()
    assert own.status == Status.DISMISSED
    assert (
        Activity.objects.filter(conversation=conversation, action="reminder.dismissed").count() == 1
    )


def test_it_reports_the_real_status_when_a_dismissed_reminder_is_completed(conversation) -> None:
    own = reminders.add_reminder(
        conversation=conversation, title="Send the article", due_at=NOW + timedelta(days=1)
    )
    stale = Reminder.objects.get(pk=own.pk)
    reminders.dismiss_reminder(reminder=own, now=NOW)

    result = reminders.complete_reminder(reminder=stale, now=NOW + timedelta(hours=1))

    assert result.status == Status.DISMISSED
    assert result.resolved_at == NOW
    own.refresh_from_db()
    assert own.status == Status.DISMISSED


def test_it_refuses_a_conversation_with_someone_outside_the_network(alice, mallory) -> None:
    strangers_contact = make_person(mallory, "Ada Lovelace", "")

    with pytest.raises(ValidationError):
        services.start_conversation(owner=alice, person=strangers_contact, now=NOW)

    assert not Conversation.objects.filter(owner=alice).exists()


def test_it_quietly_ignores_completing_a_reminder_deleted_meanwhile(conversation) -> None:
    own = reminders.add_reminder(
        conversation=conversation, title="Send the article", due_at=NOW + timedelta(days=1)
    )
    Reminder.objects.filter(pk=own.pk).delete()

    result = reminders.complete_reminder(reminder=own, now=NOW)

    assert result.status == Status.OPEN  # nothing happened to it: it is gone
    assert not Activity.objects.filter(action="reminder.done").exists()


# Steps that fulfil a reminder end it as done --------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ([Stage.CONTACTED, Stage.REPLIED, Stage.SCHEDULED], Kind.REPLY),
        (
            [Stage.CONTACTED, Stage.REPLIED, Stage.SCHEDULED, Stage.MET, Stage.THANKED],
            Kind.THANK_YOU,
        ),
    ],
)
def test_the_step_a_reminder_asked_for_marks_it_done_not_cancelled(
    conversation, path, kind
) -> None:
    for stage in path:
        services.move_to_stage(conversation=conversation, stage=stage, now=NOW)

    (reminder,) = reminders_of(conversation, kind=kind)
    assert reminder.status == Status.DONE


def test_closing_as_no_reply_completes_the_close_reminder(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    services.record_follow_up(conversation=conversation, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.NO_REPLY, now=NOW)

    (close,) = reminders_of(conversation, kind=Kind.CLOSE_NO_REPLY)
    assert close.status == Status.DONE
    assert open_reminders(conversation) == []


def test_a_reopened_thread_never_gets_a_second_follow_up(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    services.record_follow_up(conversation=conversation, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.NO_REPLY, now=NOW)

    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)

    assert [r.kind for r in open_reminders(conversation)] == [Kind.CLOSE_NO_REPLY]
    with pytest.raises(ValidationError, match="already followed up"):
        services.record_follow_up(conversation=conversation, now=NOW)


def test_a_closed_conversation_takes_no_meeting(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.DECLINED, now=NOW)

    with pytest.raises(ValidationError, match="closed"):
        meetings.schedule_meeting(
            conversation=conversation,
            starts_at=NOW + timedelta(days=3),
            minutes=20,
            mode="video",
            now=NOW,
        )
    assert conversation.meetings.count() == 0


def test_the_thank_you_counts_from_the_day_they_met(conversation) -> None:
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    services.move_to_stage(
        conversation=conversation, stage=Stage.MET, now=NOW, on=date(2026, 1, 13)
    )

    (thank_you,) = open_reminders(conversation)
    # Met on the 13th (09:00 New York = 14:00 UTC): the thank-you was due 24 hours later.
    assert thank_you.due_at == utc(2026, 1, 14, 14)


def test_the_report_back_is_still_owed_after_moving_on_to_keeping_in_touch(conversation) -> None:
    from coffeechat.prep.models import Capture

    services.move_to_stage(conversation=conversation, stage=Stage.MET, now=NOW)
    Capture.objects.create(
        owner=conversation.owner,
        conversation=conversation,
        kind=Capture.Kind.ADVICE,
        text="Build one small dashboard",
    )
    services.move_to_stage(conversation=conversation, stage=Stage.THANKED, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.NURTURING, now=NOW)

    assert [r.kind for r in open_reminders(conversation)] == [Kind.REPORT_BACK, Kind.KEEP_IN_TOUCH]
