"""The scheduling panels other apps' pages include: on a conversation, and in Settings."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone

from coffeechat.conversations.models import Meeting
from coffeechat.scheduling import hours, invites, queries, replies, zones
from coffeechat.scheduling.forms import AnswerForm, CancelForm, RescheduleForm, SlotsForm

register = template.Library()


@register.inclusion_tag("scheduling/_meeting_panel.html", takes_context=True)
def meeting_panel(context: template.Context) -> dict[str, Any]:
    """Offer times, the reply to copy, and the meetings with their calendar actions.

    A view that re-renders the page after a failed POST passes its bound form in the
    context (`slot_form`, or `reschedule_form` with `reschedule_meeting_id`).
    """
    conversation = context["conversation"]
    owner = conversation.owner
    person = conversation.person
    yours = zones.zone_of_user(owner)
    theirs = zones.zone_of_person(person, owner)
    proposals = list(queries.open_proposals_of(conversation))
    meetings = [_meeting_row(context, m, yours, theirs) for m in queries.meetings_of(conversation)]
    now = timezone.now()
    return {
        "your_now": f"{zones.local(now, yours):%H:%M}",
        "their_now": f"{zones.local(now, theirs):%H:%M}",
        "conversation": conversation,
        "person": person,
        "csrf_token": context.get("csrf_token"),
        "your_zone": zones.zone_label(yours),
        "their_zone": zones.zone_label(theirs),
        "same_zone": yours.key == theirs.key,
        "proposals": [
            _times(p, yours, theirs)
            | {
                "proposal": p,
                "warnings": hours.slot_warnings(
                    owner=owner, person=person, starts_at=p.starts_at, minutes=p.minutes
                ),
            }
            for p in proposals
        ],
        "reply": replies.scheduling_reply(owner=owner, person=person, slots=proposals),
        "slot_form": context.get("slot_form") or SlotsForm(owner=owner, prefix="offer"),
        "meeting_form": context.get("meeting_form"),
        "meetings": meetings,
        "has_planned": any(row["is_planned"] for row in meetings),
        # Without a real mailer an invitation would only reach the server's log (issue 11).
        "can_email": invites.can_email(owner) if meetings else False,
    }


def _times(slot: Any, yours: zones.ZoneInfo, theirs: zones.ZoneInfo) -> dict[str, str]:
    return {
        "yours": zones.format_slot(slot.starts_at, slot.minutes, yours),
        "theirs": zones.format_slot(slot.starts_at, slot.minutes, theirs),
    }


def _meeting_row(
    context: template.Context, meeting: Meeting, yours: zones.ZoneInfo, theirs: zones.ZoneInfo
) -> dict[str, Any]:
    bound = (
        context.get("reschedule_form")
        if context.get("reschedule_meeting_id") == meeting.pk
        else None
    )
    local_start = timezone.localtime(meeting.starts_at, yours).replace(tzinfo=None)
    reschedule_form = bound or RescheduleForm(
        owner=meeting.owner,
        prefix=f"move-{meeting.pk}",
        initial={
            "starts_at": local_start,
            "minutes": meeting.minutes,
            "mode": meeting.mode,
            "place": meeting.place,
            "notify": bool(meeting.invite_sent_at),
        },
    )
    return _times(meeting, yours, theirs) | {
        "meeting": meeting,
        "is_planned": meeting.status == Meeting.Status.PLANNED,
        "reschedule_form": reschedule_form,
        "is_reschedule_open": bound is not None,
        "cancel_form": CancelForm(
            prefix=f"cancel-{meeting.pk}", initial={"notify": bool(meeting.invite_sent_at)}
        ),
        "answer_form": AnswerForm(prefix=f"answer-{meeting.pk}"),
        "is_declined": meeting.reply == Meeting.Reply.DECLINED,
    }


@register.inclusion_tag("scheduling/_feed_card.html", takes_context=True)
def calendar_feed_card(context: template.Context) -> dict[str, Any]:
    """The Settings card with the secret feed URL (https and webcal) and its controls."""
    request = context["request"]
    token = request.user.calendar_token
    https_url = webcal_url = ""
    if token:
        https_url = request.build_absolute_uri(reverse("scheduling:feed", args=[token]))
        webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {
        "csrf_token": context.get("csrf_token"),
        "https_url": https_url,
        "webcal_url": webcal_url,
    }
