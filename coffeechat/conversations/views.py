from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coffeechat.conversations import panels, queries, reminders, services, today
from coffeechat.conversations.forms import (
    BulkReminderForm,
    NoteForm,
    StageForm,
    StartConversationForm,
)
from coffeechat.conversations.models import Conversation, Stage
from coffeechat.lib.forms import error_text, form_error_text
from coffeechat.lib.http import AuthedRequest, safe_next
from coffeechat.lib.paging import CappedPaginator
from coffeechat.network import queries as network_queries

SECTION_PAGE_SIZE = 50


# /today/all/?section=overdue|today|upcoming  (all of a section, a page at a time)
@login_required
def today_section(request: AuthedRequest) -> HttpResponse:
    section = request.GET.get("section", today.Section.OVERDUE)
    if section not in today.Section.ALL:
        raise Http404
    now = timezone.now()
    paginator = CappedPaginator(
        today.section_reminders(request.user, section, now), SECTION_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    panels.attach_suggestions(request.user, rows)
    return render(
        request,
        "conversations/today_section.html",
        {
            "now": now,
            "page": page,
            "rows": rows,
            "section": section,
            "count_text": f"{today.COUNT_CAP:,}+" if paginator.is_capped else str(paginator.count),
            "title": today.Section.TITLES[section],
            "query_string": f"section={section}",
            "tomorrow": request.user.calendar.local_date(now) + timedelta(days=1),
        },
    )


# /today/bulk/
@login_required
@require_POST
def bulk_reminders(request: AuthedRequest) -> HttpResponse:
    """One action for the reminders ticked (or all of a section's): Today's backlog cleared."""
    form = BulkReminderForm(request.POST)
    back = safe_next(request) or reverse("conversations:today")
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(back)
    data = form.cleaned_data
    now = timezone.now()
    chosen = today.section_reminders(request.user, data["section"], now)
    if not data["all"]:
        chosen = chosen.filter(pk__in=data["reminder"])
    picked = list(chosen[: reminders.BULK_LIMIT])
    if not picked:
        messages.error(request, "Tick the reminders to act on, or “all” for the whole section.")
        return redirect(back)
    try:
        outcome = reminders.resolve_reminders(
            owner=request.user,
            reminders=picked,
            action=data["action"],
            until=data["until"],
            now=now,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _bulk_message(data["action"], outcome, data["until"]))
    return redirect(back)


def _bulk_message(action: str, outcome: reminders.BulkOutcome, until: date | None) -> str:
    n = outcome.changed
    if action == "snooze":
        done = f"Snoozed {n} reminder{pluralize(n)} until {until:%a %-d %b}."
    elif action == "no_reply":
        done = f"Closed {n} conversation{pluralize(n)} as no reply."
    else:
        done = f"{'Marked' if action == 'done' else 'Dismissed'} {n} reminder{pluralize(n)}"
        done += " done." if action == "done" else "."
    if outcome.skipped:
        why = (
            "not waiting for a reply, left as they were"
            if action == "no_reply"
            else "already done or dismissed elsewhere"
        )
        done += f" {outcome.skipped} {why}."
    return done


# /pipeline/
@login_required
def pipeline(request: AuthedRequest) -> HttpResponse:
    template = "conversations/pipeline.html"
    if request.htmx:
        template += "#board"
    return render(request, template, {"columns": queries.board_for(request.user)})


# /people/<id>/conversations/
@login_required
@require_POST
def start(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = network_queries.get_person(request.user, person_id)
    form = StartConversationForm(request.POST)
    if form.is_valid():
        conversation = services.start_conversation(
            owner=request.user, person=person, purpose=form.cleaned_data["purpose"]
        )
        messages.success(request, f"Conversation with {person} started.")
        return redirect(conversation)
    messages.error(request, form_error_text(form, "; "))
    return redirect(person)


# /conversations/<id>/stage/
@login_required
@require_POST
def move(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = queries.get_conversation(request.user, conversation_id)
    form = StageForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.move_to_stage(
                conversation=conversation,
                stage=form.cleaned_data["stage"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as exc:
            error = error_text(exc)
    else:
        error = form_error_text(form)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{conversation.person}: {Stage(conversation.stage).label}.")
    if request.htmx and request.POST.get("from") == "board":
        response = render(
            request,
            "conversations/pipeline.html#board",
            {"columns": queries.board_for(request.user)},
        )
        return response
    return _back(request, conversation)


def _back(request: AuthedRequest, conversation: Conversation) -> HttpResponse:
    """Return to the page the action was taken on (Today, the board) or the conversation."""
    return redirect(safe_next(request) or conversation)


# /conversations/<id>/follow-up/
@login_required
@require_POST
def follow_up(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = queries.get_conversation(request.user, conversation_id)
    try:
        services.record_follow_up(conversation=conversation)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            "Follow-up recorded. That was the only one: if they don't "
            "answer in 3 business days, move on.",
        )
    return _back(request, conversation)


# /people/<id>/notes/
@login_required
@require_POST
def add_person_note(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = network_queries.get_person(request.user, person_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(person=person, body=form.cleaned_data["body"])
        messages.success(request, "Note saved.")
    else:
        messages.error(request, "Write something first.")
    return redirect(reverse("network:person", args=[person.pk]) + "#notes")
