from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from coffeechat.conversations import itip
from coffeechat.conversations.models import Conversation
from coffeechat.lib.forms import error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.scheduling import ics, invites, queries, services, zones
from coffeechat.scheduling.forms import AnswerForm, CancelForm

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _panel(conversation: Conversation) -> HttpResponse:
    return redirect(reverse("conversations:conversation", args=[conversation.pk]) + "#schedule")


# /slots/<id>/confirm/
@login_required
@require_POST
def confirm(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    proposal = queries.get_proposal(request.user, proposal_id)
    try:
        services.confirm_slot(proposal=proposal)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "Meeting confirmed. Send them the calendar invitation.")
    return _panel(proposal.conversation)


# /meetings/<id>.ics
@login_required
def meeting_ics(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = queries.get_meeting(request.user, meeting_id)
    link = request.build_absolute_uri(meeting.conversation.get_absolute_url())
    body = ics.meeting_ics(
        meeting, stamp=timezone.now(), organizer_email=request.user.email, link=link
    )
    local = zones.local(meeting.starts_at, zones.zone_of_user(request.user))
    name = f"meeting-{local:%Y-%m-%d}-{slugify(meeting.conversation.person.full_name)}.ics"
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# /meetings/<id>/invite/
@login_required
@require_POST
def send_invite(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = queries.get_meeting(request.user, meeting_id)
    update = bool(meeting.invite_sent_at)
    try:
        services.send_invitation(meeting=meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        sent = "updated invitation" if update else "calendar invitation"
        messages.success(request, f"Sent the {sent} to {meeting.conversation.person.email}.")
    return _panel(meeting.conversation)


# /meetings/<id>/cancel/
@login_required
@require_POST
def cancel(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = queries.get_meeting(request.user, meeting_id)
    form = CancelForm(request.POST, prefix=f"cancel-{meeting.pk}")
    notify = form.is_valid() and form.cleaned_data["notify"]
    try:
        services.cancel(meeting=meeting, notify=notify)
    except invites.NotSent as error:
        messages.error(
            request, f"The meeting is cancelled, but they weren't told: {error_text(error)}"
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        told = " and told them" if notify else ""
        messages.success(request, f"Meeting cancelled{told}.")
    return _panel(meeting.conversation)


# /meetings/<id>/answer/
@login_required
@require_POST
def upload_answer(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = queries.get_meeting(request.user, meeting_id)
    form = AnswerForm(request.POST, request.FILES, prefix=f"answer-{meeting.pk}")
    if not form.is_valid():
        messages.error(request, "Choose the .ics file that came with their answer.")
        return _panel(meeting.conversation)
    upload = form.cleaned_data["ics"]
    try:
        data = upload.read(itip.MAX_ICS_BYTES + 1)
        results = itip.record_answers(
            owner=request.user, data=data, now=timezone.now(), meeting=meeting
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _panel(meeting.conversation)
    level, sentence = itip.describe(results, meeting)
    messages.add_message(request, level, sentence)
    return _panel(meeting.conversation)


# /calendar/<token>.ics  (no sign-in: calendar apps can't; the token is the credential)
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    owner = queries.feed_owner(token)
    if owner is None:
        raise Http404("No such calendar.")
    now = timezone.now()

    def link_for(conversation_id: int) -> str:
        return request.build_absolute_uri(
            reverse("conversations:conversation", args=[conversation_id])
        )

    body = ics.feed_ics(
        name="coffeechat",
        zone=zones.zone_of_user(owner),
        meetings=queries.feed_meetings_for(owner, now),
        reminders=queries.feed_reminders_for(owner, now),
        organizer_email=owner.email,
        link_for=link_for,
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["ETag"] = etag
    # Private: the URL is a secret, so no shared cache may keep the answer.
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="coffeechat.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


# /settings/calendar-feed/
@login_required
@require_POST
def regenerate_feed(request: AuthedRequest) -> HttpResponse:
    had_feed = bool(request.user.calendar_token)
    services.regenerate_feed_token(user=request.user)
    messages.success(
        request,
        "New calendar feed address made: the old one no longer works."
        if had_feed
        else "Calendar feed turned on. Keep its address to yourself.",
    )
    return redirect(reverse("accounts:settings") + "#calendar-feed")


# /settings/calendar-feed/off/
@login_required
@require_POST
def turn_off_feed(request: AuthedRequest) -> HttpResponse:
    services.turn_off_feed(user=request.user)
    messages.success(request, "Calendar feed turned off: its address no longer works.")
    return redirect(reverse("accounts:settings") + "#calendar-feed")
