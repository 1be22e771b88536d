"""During and after: answers, captures, referrals, holding the meeting, the thank-you draft,
the report-back and keeping in touch (method.md 9, 10, 14 T8)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Activity, Conversation, Meeting, Reminder, Stage
from coffeechat.lib.testing.people import make_scheduled
from coffeechat.network.models import Introduction, Person
from coffeechat.prep import queries, services, thank_you
from coffeechat.prep.models import Capture

NOW = datetime(2026, 3, 4, 15, tzinfo=UTC)  # Wednesday, 10:00 in New York
LATER = NOW + timedelta(hours=2)
Kind = Reminder.Kind


@pytest.fixture
def conversation(alice):
    return make_scheduled(alice, now=NOW)


def words(text: str) -> int:
    return len(text.split())


def open_kinds(conversation) -> list[str]:
    return [r.kind for r in conversation.reminders.filter(status="open")]


def test_it_saves_answers_and_notes_jotted_during_the_conversation(conversation) -> None:
    question = services.add_question(conversation=conversation, text="What surprised you?")

    services.save_live(
        conversation=conversation,
        brief={"live_notes": "Warm person"},
        answers={question.pk: {"answer": "The politics", "asked": True}},
    )

    question.refresh_from_db()
    assert (question.answer, question.asked) == ("The politics", True)
    assert queries.brief_for(conversation).live_notes == "Warm person"


def test_it_refuses_an_answer_to_another_conversations_question(alice, conversation) -> None:
    other = make_scheduled(alice, now=NOW, name="Ravi Menon")
    theirs = services.add_question(conversation=other, text="Theirs?")

    with pytest.raises(ValidationError):
        services.save_live(
            conversation=conversation, brief={}, answers={theirs.pk: {"answer": "Injected"}}
        )

    theirs.refresh_from_db()
    assert theirs.answer == ""


def test_a_capture_goes_on_the_persons_timeline(conversation) -> None:
    services.add_capture(conversation=conversation, kind="advice", text="Learn SQL  first", now=NOW)

    line = Activity.objects.get(action="prep.advice")
    assert (line.person, line.summary) == (conversation.person, "Advice: Learn SQL first")


def test_a_referral_creates_the_person_the_introduction_and_a_conversation(conversation) -> None:
    capture = services.add_referral(
        conversation=conversation,
        full_name="Ravi Menon",
        organization_name="Blue Harbor",
        context="Runs the data team",
        may_mention=True,
        now=NOW,
    )

    ravi = Person.objects.get(full_name="Ravi Menon")
    assert (ravi.connection, str(ravi.organization)) == ("referral", "Blue Harbor")
    intro = Introduction.objects.get()
    assert (intro.introducer, intro.introduced, intro.context) == (
        conversation.person,
        ravi,
        "Runs the data team",
    )
    started = Conversation.objects.get(person=ravi)
    assert started.stage == Stage.IDENTIFIED
    assert started.purpose == "Referred by Dana Okafor; may mention Dana's name"
    assert capture.referred == ravi
    assert capture.text == (
        "Talk to Ravi Menon at Blue Harbor: Runs the data team; may mention Dana's name"
    )
    assert Activity.objects.filter(person=ravi, action="prep.referred").exists()


def test_marking_it_held_moves_to_met_and_plans_the_thank_you(conversation) -> None:
    meeting = services.mark_held(conversation=conversation, now=LATER)

    meeting.refresh_from_db()
    conversation.refresh_from_db()
    assert (meeting.status, meeting.held_at) == (Meeting.Status.HELD, LATER)
    assert conversation.stage == Stage.MET
    thank = conversation.reminders.get(kind=Kind.THANK_YOU, status="open")
    assert thank.due_at <= LATER + timedelta(hours=24)
    assert Activity.objects.filter(action="meeting.held").count() == 1


def test_marking_it_held_twice_changes_nothing_more(conversation) -> None:
    services.mark_held(conversation=conversation, now=LATER)
    services.mark_held(conversation=conversation, now=LATER + timedelta(hours=1))

    assert Meeting.objects.get().held_at == LATER
    assert Activity.objects.filter(action="meeting.held").count() == 1
    assert conversation.reminders.filter(kind=Kind.THANK_YOU).count() == 1


def test_a_closed_conversation_cannot_be_held(conversation) -> None:
    conversations.move_to_stage(conversation=conversation, stage=Stage.DECLINED, now=NOW)

    with pytest.raises(ValidationError):
        services.mark_held(conversation=conversation, now=LATER)


JOB_WORDS = re.compile(r"\b(jobs?|positions?|openings?|hiring|apply|resume|attach)", re.I)


@pytest.mark.parametrize(
    "kind,text,cited",
    [
        ("advice", "Learn SQL before anything else", "Learn SQL before anything else"),
        ("insight", "Most of the job is stakeholder work", None),
        ("resource", "the Locally Optimistic community", None),  # an insight comes first
        ("advice", "Apply for the junior analyst opening", None),  # job words: passed over
    ],
)
def test_the_thank_you_follows_t8_and_rules_t1_to_t4(conversation, kind, text, cited) -> None:
    services.mark_held(conversation=conversation, now=LATER)
    services.add_capture(conversation=conversation, kind=kind, text=text, now=LATER)
    services.add_capture(
        conversation=conversation,
        kind="insight",
        text="Dashboards matter less than decisions",
        now=LATER,
    )

    subject, body = thank_you.thank_you_draft(conversation, now=LATER)

    assert subject == "Thank you — how analytics teams work"
    assert body.startswith("Hi Dana,\n\nThank you for taking the time to talk with me today;")
    assert 50 <= words(body) <= 150
    # One captured item is cited; an item with job words is passed over for the next one.
    assert f"“{cited or 'Dashboards matter less than decisions'}”" in body
    assert not JOB_WORDS.search(subject + body)
    assert "I'll let you know how it goes." in body


def test_the_thank_you_thanks_for_an_introduction_and_says_yesterday(conversation) -> None:
    services.mark_held(conversation=conversation, now=LATER)
    services.add_referral(conversation=conversation, full_name="Ravi Menon", now=LATER)
    services.add_capture(conversation=conversation, kind="advice", text="Ship small", now=LATER)

    _, body = thank_you.thank_you_draft(conversation, now=LATER + timedelta(days=1))

    assert "talk with me yesterday" in body
    assert "suggesting I talk with Ravi Menon" in body
    assert 50 <= words(body) <= 150


def test_without_captures_the_thank_you_says_what_to_fill_in(conversation) -> None:
    _, body = thank_you.thank_you_draft(conversation, now=LATER)

    assert "[One specific thing you learned or valued.]" in body


def test_a_report_back_is_planned_only_when_there_is_advice(alice, conversation) -> None:
    plain = make_scheduled(alice, now=NOW, name="Ravi Menon")
    services.add_capture(conversation=conversation, kind="advice", text="Ship small", now=NOW)
    for c in (conversation, plain):
        services.mark_held(conversation=c, now=LATER)
        conversations.move_to_stage(conversation=c, stage=Stage.THANKED, now=LATER)

    assert open_kinds(conversation) == [Kind.REPORT_BACK]
    assert open_kinds(plain) == []


def test_advice_captured_after_the_thanks_still_plans_one_report_back(conversation) -> None:
    services.mark_held(conversation=conversation, now=LATER)
    conversations.move_to_stage(conversation=conversation, stage=Stage.THANKED, now=LATER)

    services.add_capture(conversation=conversation, kind="advice", text="Ship small", now=LATER)
    services.add_capture(conversation=conversation, kind="advice", text="Read more", now=LATER)

    assert open_kinds(conversation) == [Kind.REPORT_BACK]


# Keeping in touch -------------------------------------------------------------------------------


@pytest.fixture
def nurturing(conversation) -> Conversation:
    services.mark_held(conversation=conversation, now=LATER)  # after the meeting's start
    conversations.move_to_stage(conversation=conversation, stage=Stage.NURTURING, now=LATER)
    return conversation


@pytest.mark.parametrize("weeks", [3, 53])
def test_the_cadence_stays_between_4_and_52_weeks(nurturing, weeks) -> None:
    with pytest.raises(ValidationError):
        services.set_cadence(person=nurturing.person, weeks=weeks)

    assert Person.objects.get(pk=nurturing.person.pk).keep_in_touch_weeks == 8


def test_the_next_keep_in_touch_uses_the_persons_cadence(nurturing) -> None:
    services.set_cadence(person=nurturing.person, weeks=12, now=NOW)
    first = nurturing.reminders.get(kind=Kind.KEEP_IN_TOUCH, status="open")

    reminders.complete_reminder(reminder=first, now=LATER)

    nxt = nurturing.reminders.get(kind=Kind.KEEP_IN_TOUCH, status="open")
    # 12 weeks later, on the morning of a business day.
    assert (nxt.due_at.date() - LATER.date()).days == 12 * 7
    person = Person.objects.get(pk=nurturing.person.pk)
    assert person.last_touch_at == LATER  # doing the reminder is a touch
    assert Activity.objects.filter(person=person, action="person.touched").count() == 1


def test_logging_a_touch_records_it_and_restarts_the_clock(nurturing) -> None:
    services.log_touch(person=nurturing.person, note="Sent the pricing article", now=LATER)

    person = Person.objects.get(pk=nurturing.person.pk)
    assert person.last_touch_at == LATER
    line = Activity.objects.get(action="person.touched")
    assert line.summary == "Kept in touch: Sent the pricing article"
    kinds = list(
        nurturing.reminders.filter(kind=Kind.KEEP_IN_TOUCH)
        .values_list("status", flat=True)
        .order_by("pk")
    )
    assert kinds == ["done", "open"]


def test_a_touch_needs_a_short_note(nurturing) -> None:
    with pytest.raises(ValidationError):
        services.log_touch(person=nurturing.person, note="   ")


def test_going_cold_lists_people_past_their_cadence(alice, nurturing) -> None:
    fresh = make_scheduled(alice, now=NOW, name="Ravi Menon")
    services.mark_held(conversation=fresh, now=LATER)
    conversations.move_to_stage(conversation=fresh, stage=Stage.NURTURING, now=LATER)
    services.set_cadence(person=fresh.person, weeks=12)
    in_nine_weeks = NOW + timedelta(weeks=9)

    cold = queries.going_cold_for(alice, in_nine_weeks)

    assert [c.person for c in cold] == [nurturing.person]
    assert queries.going_cold_count(alice, in_nine_weeks) == 1  # Today's count agrees
    services.log_touch(person=nurturing.person, note="Congratulated her", now=in_nine_weeks)
    assert queries.going_cold_for(alice, in_nine_weeks) == []
    assert queries.going_cold_count(alice, in_nine_weeks) == 0


def test_captures_of_another_owner_are_not_listed(alice, mallory, conversation) -> None:
    services.add_capture(conversation=conversation, kind="advice", text="Mine", now=NOW)

    assert list(Capture.objects.filter(owner=mallory)) == []
    assert [c.text for c in queries.captures_of(conversation)] == ["Mine"]
