"""The scheduling panel, the .ics download, the calendar feed and its Settings card."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coffeechat.conversations.models import Meeting, SlotProposal
from coffeechat.lib.testing.clock import BERLIN
from coffeechat.scheduling import services


@pytest.fixture
def berlin_client(client: Client, berlin_alice) -> Client:
    client.force_login(berlin_alice)
    return client


def local_input(days: int, hour: int) -> str:
    day = timezone.localdate(timezone.now(), BERLIN) + timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def page_of(conversation) -> str:
    return reverse("conversations:conversation", args=[conversation.pk])


def propose(client: Client, conversation, **fields: str):
    data = {
        "offer-slot_1": local_input(3, 18),
        "offer-slot_2": local_input(4, 17),
        "offer-mode": "video",
        **{f"offer-{k}": v for k, v in fields.items()},
    }
    return client.post(reverse("scheduling:propose", args=[conversation.pk]), data)


def test_offering_times_shows_both_zones_and_the_reply(berlin_client, replied) -> None:
    response = propose(berlin_client, replied, place="https://meet.example/x")

    assert response.status_code == 302
    assert response["Location"] == page_of(replied) + "#schedule"
    slots = list(replied.proposals.all())
    assert [s.minutes for s in slots] == [20, 20]
    assert slots[0].starts_at == datetime.fromisoformat(local_input(3, 18)).replace(tzinfo=BERLIN)
    page = berlin_client.get(page_of(replied)).content.decode()
    assert "Their time:" in page and "Los Angeles" in page and "Berlin" in page
    assert 'id="scheduling-reply"' in page and "Thank you, Dana!" in page
    assert page.count('action="/slots/') == 2


def test_in_person_without_a_length_offers_30_minutes(berlin_client, replied) -> None:
    propose(berlin_client, replied, mode="in_person", place="Blue Bottle")

    assert {s.minutes for s in replied.proposals.all()} == {30}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"slot_2": ""}, "offer-slot_2", "This field is required."),
        ({"slot_1": "2020-01-01T10:00"}, "offer-slot_1", "This time has passed"),
        ({"slot_2": None}, "offer-slot_2", "You offered this time already."),
        ({"mode": "in_person"}, "offer-place", "Where will you meet?"),
        ({"minutes": "90"}, "offer-minutes", "less than or equal to 45"),
        ({"slot_3": "2030-03-31T02:30"}, "offer-slot_3", "may be ambiguous or it may not exist"),
    ],
)
def test_a_bad_offer_shows_the_error_at_its_field(
    berlin_client, replied, fields, field, message
) -> None:
    if fields.get("slot_2", "") is None:
        fields = {"slot_2": local_input(3, 18)}  # the same as the first

    response = propose(berlin_client, replied, **fields)

    assert response.status_code == 400
    page = response.content.decode()
    at_field = page.split(f'id="id_{field}"')[0].rsplit('class="field"', 1)[-1]
    assert message in at_field or message in page.split(f'id="id_{field}"')[1][:600]
    assert f'id="id_{field}"' in page and 'aria-invalid="true"' in page
    assert replied.proposals.count() == 0


def test_confirming_a_slot_and_downloading_the_ics(berlin_client, replied) -> None:
    propose(berlin_client, replied)
    slot = replied.proposals.order_by("starts_at").last()

    response = berlin_client.post(reverse("scheduling:confirm", args=[slot.pk]))

    assert response.status_code == 302
    meeting = replied.meetings.get()
    assert meeting.starts_at == slot.starts_at
    download = berlin_client.get(reverse("scheduling:meeting-ics", args=[meeting.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    assert download["Content-Disposition"].startswith('attachment; filename="meeting-')
    [event] = Calendar.from_ical(download.content).events
    assert str(event["UID"]) == meeting.uid


def test_mallory_gets_404_for_alices_meeting_and_slot(replied, mallory_client) -> None:
    slot = services.propose_slots(
        conversation=replied, starts=[timezone.now() + timedelta(days=2)], minutes=20, mode="video"
    )[0]
    meeting = services.confirm_slot(
        proposal=services.propose_slots(
            conversation=replied,
            starts=[timezone.now() + timedelta(days=3)],
            minutes=20,
            mode="video",
        )[0]
    )

    assert (
        mallory_client.get(reverse("scheduling:meeting-ics", args=[meeting.pk])).status_code == 404
    )
    assert mallory_client.post(reverse("scheduling:confirm", args=[slot.pk])).status_code == 404
    assert mallory_client.post(reverse("scheduling:cancel", args=[meeting.pk])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


@pytest.fixture
def meeting(replied) -> Meeting:
    slot = services.propose_slots(
        conversation=replied,
        starts=[timezone.now() + timedelta(days=3)],
        minutes=20,
        mode="video",
        place="https://meet.example/x",
    )[0]
    return services.confirm_slot(proposal=slot)


def test_send_invite_then_update_from_the_meeting_card(berlin_client, meeting, mailoutbox) -> None:
    page = berlin_client.get(page_of(meeting.conversation)).content.decode()
    assert "Send invite" in page and "Download .ics" in page

    berlin_client.post(reverse("scheduling:send-invite", args=[meeting.pk]))
    page = berlin_client.get(page_of(meeting.conversation)).content.decode()

    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["dana@example.com"]
    assert "Send update" in page and "Invitation sent" in page


CONSOLE_ONLY = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}


def test_without_a_mail_server_the_invite_is_not_called_sent_and_the_ics_is_offered(
    berlin_client, meeting, settings, capsys
) -> None:
    settings.MAILERS = CONSOLE_ONLY  # `make run` without EMAIL_HOST

    page = unescape(berlin_client.get(page_of(meeting.conversation)).content.decode())
    response = berlin_client.post(reverse("scheduling:send-invite", args=[meeting.pk]), follow=True)

    assert "Send invite" not in page
    assert "This server can't email invitations: download the .ics" in page
    said = unescape(response.content.decode())
    assert "Sent the" not in said
    assert "coffeechat can't email the invitation: download the .ics" in said
    meeting.refresh_from_db()
    assert meeting.invite_sent_at is None
    assert not meeting.conversation.activities.filter(action="meeting.invite_sent").exists()
    assert "BEGIN:VCALENDAR" not in capsys.readouterr().out  # nothing "sent" to the log


def test_without_a_mail_server_a_cancellation_says_they_were_not_told(
    berlin_client, meeting, settings
) -> None:
    settings.MAILERS = CONSOLE_ONLY

    response = berlin_client.post(
        reverse("scheduling:cancel", args=[meeting.pk]),
        {f"cancel-{meeting.pk}-notify": "on"},
        follow=True,
    )

    said = unescape(response.content.decode())
    assert "The meeting is cancelled, but they weren't told" in said
    assert not meeting.conversation.activities.filter(action="meeting.cancel_sent").exists()


def test_rescheduling_from_the_card_notifies_and_bumps_the_sequence(
    berlin_client, meeting, mailoutbox
) -> None:
    services.send_invitation(meeting=meeting)
    prefix = f"move-{meeting.pk}"

    response = berlin_client.post(
        reverse("scheduling:reschedule", args=[meeting.pk]),
        {
            f"{prefix}-starts_at": local_input(6, 9),
            f"{prefix}-mode": "phone",
            f"{prefix}-place": "+49 30 1234",
            f"{prefix}-notify": "on",
        },
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.mode, meeting.minutes) == (1, "phone", 20)
    assert len(mailoutbox) == 2 and "SEQUENCE:1" in mailoutbox[1].alternatives[-1].content


def test_a_bad_reschedule_reopens_its_form_with_the_error(berlin_client, meeting) -> None:
    prefix = f"move-{meeting.pk}"

    response = berlin_client.post(
        reverse("scheduling:reschedule", args=[meeting.pk]),
        {f"{prefix}-starts_at": "2020-01-01T09:00", f"{prefix}-mode": "video"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "<details open>" in page and "This time has passed" in page
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_cancelling_from_the_card_with_a_cancellation_mail(
    berlin_client, meeting, mailoutbox
) -> None:
    services.send_invitation(meeting=meeting)

    berlin_client.post(
        reverse("scheduling:cancel", args=[meeting.pk]), {f"cancel-{meeting.pk}-notify": "on"}
    )

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert "METHOD:CANCEL" in mailoutbox[-1].alternatives[-1].content
    assert mailoutbox[-1].alternatives[-1].mimetype == "text/calendar; method=CANCEL"


# The calendar feed --------------------------------------------------------------------------------


def test_the_feed_is_read_without_signing_in_and_answers_conditional_gets(meeting, client) -> None:
    token = services.regenerate_feed_token(user=meeting.owner).calendar_token
    url = reverse("scheduling:feed", args=[token])

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    cal = Calendar.from_ical(response.content)
    assert meeting.uid in [str(e["UID"]) for e in cal.events]
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert client.post(url).status_code == 405


def test_a_regenerated_or_turned_off_feed_url_is_404(berlin_client, berlin_alice, client) -> None:
    berlin_client.post(reverse("scheduling:regenerate-feed"))
    berlin_alice.refresh_from_db()
    old = berlin_alice.calendar_token
    berlin_client.post(reverse("scheduling:regenerate-feed"))
    berlin_alice.refresh_from_db()
    new = berlin_alice.calendar_token

    assert client.get(reverse("scheduling:feed", args=[old])).status_code == 404
    assert client.get(reverse("scheduling:feed", args=[new])).status_code == 200
    berlin_client.post(reverse("scheduling:turn-off-feed"))
    assert client.get(reverse("scheduling:feed", args=[new])).status_code == 404


def test_the_settings_card_offers_the_feed_url(berlin_client, berlin_alice) -> None:
    off = berlin_client.get(reverse("accounts:settings")).content.decode()
    assert "Calendar feed" in off and "Turn on the calendar feed" in off

    berlin_client.post(reverse("scheduling:regenerate-feed"))
    on = berlin_client.get(reverse("accounts:settings")).content.decode()

    berlin_alice.refresh_from_db()
    assert f"webcal://testserver/calendar/{berlin_alice.calendar_token}.ics" in on
    assert f"http://testserver/calendar/{berlin_alice.calendar_token}.ics" in on
    assert "Make a new address" in on and "Turn off" in on


def test_the_person_form_sets_their_time_zone(berlin_client, dana) -> None:
    response = berlin_client.post(
        reverse("network:person-edit", args=[dana.pk]),
        {
            "full_name": "Dana Whitfield",
            "email": "dana@example.com",
            "connection": "cold",
            "time_zone": "Asia/Tokyo",
            "segment": "unknown",
        },
    )

    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.time_zone == "Asia/Tokyo"


def test_unused_slots_go_when_one_is_confirmed(berlin_client, replied) -> None:
    propose(berlin_client, replied, slot_3=local_input(5, 12))
    first = replied.proposals.order_by("starts_at").first()

    berlin_client.post(reverse("scheduling:confirm", args=[first.pk]))

    assert list(SlotProposal.objects.filter(conversation=replied)) == [first]
