from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations.models import Conversation
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.network import queries as network_queries
from coffeechat.network.models import Person
from coffeechat.prep import checklists, hooks, pdf, queries, services
from coffeechat.prep.forms import (
    CadenceForm,
    QuestionForm,
    TouchForm,
)


def _url(name: str, conversation: Conversation, anchor: str = "") -> str:
    return reverse(name, args=[conversation.pk]) + (f"#{anchor}" if anchor else "")


def _saved(request: AuthedRequest, template: str) -> HttpResponse:
    """The autosave answer for htmx: a short status line."""
    return render(request, f"{template}#saved", {"saved_at": timezone.now()})


def _errors(exc: ValidationError) -> str:
    return error_text(exc)


# /conversations/<id>/prepare/  and its questions posted from it are put together from several
# apps in pages/meeting_views.py.


# /conversations/<id>/prepare/suggested/
@login_required
@require_POST
def add_suggested(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    try:
        added = services.add_suggested(conversation=conversation)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request, f"Added {len(added)} suggested question{'' if len(added) == 1 else 's'}."
        )
    return redirect(_url("prep:brief", conversation, "plan"))


# /questions/<id>/
@login_required
@require_POST
def question(request: AuthedRequest, question_id: int) -> HttpResponse:
    item = queries.get_question(request.user, question_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.update_question(question=item, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, "Question saved.")
    else:
        messages.error(request, "A question can't be empty. Remove it instead.")
    return redirect(_url("prep:brief", item.conversation, f"question-{item.pk}"))


# /questions/<id>/move/
@login_required
@require_POST
def move_question(request: AuthedRequest, question_id: int) -> HttpResponse:
    item = queries.get_question(request.user, question_id)
    try:
        services.move_question(question=item, direction=request.POST.get("direction", ""))
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect(_url("prep:brief", item.conversation, f"question-{item.pk}"))


# /questions/<id>/delete/
@login_required
@require_POST
def delete_question(request: AuthedRequest, question_id: int) -> HttpResponse:
    item = queries.get_question(request.user, question_id)
    services.delete_question(question=item)
    messages.success(request, "Question removed.")
    return redirect(_url("prep:brief", item.conversation, "plan"))


# /conversations/<id>/prepare/brief.pdf
@login_required
def brief_pdf(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    response = HttpResponse(pdf.brief_pdf(conversation), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brief-{conversation.pk}.pdf"'
    return response


# /conversations/<id>/prepare/card/
@login_required
def card(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    meeting = queries.meeting_of(conversation)
    plan = list(queries.questions_of(conversation))
    brief = queries.brief_for(conversation)
    minutes = meeting.minutes if meeting else request.user.meeting_minutes
    return render(
        request,
        "prep/card.html",
        {
            "conversation": conversation,
            "person": conversation.person,
            "meeting": meeting,
            "brief": brief,
            "plan": plan,
            "agenda": queries.agenda_for(plan, minutes),
            "obstacles": hooks.obstacles_of(conversation),
            "bring": checklists.bring_for(meeting.mode if meeting else "video"),
        },
    )


# /conversations/<id>/live/  and the captures posted from it are put together from several
# apps in pages/meeting_views.py.


# /captures/<id>/delete/
@login_required
@require_POST
def delete_capture(request: AuthedRequest, capture_id: int) -> HttpResponse:
    capture = queries.get_capture(request.user, capture_id)
    services.delete_capture(capture=capture)
    messages.success(request, "Removed.")
    return redirect(_url("prep:live", capture.conversation, "captures"))


# /conversations/<id>/referrals/  is in pages/meeting_views.py (an error draws the live page again).


# /conversations/<id>/held/
@login_required
@require_POST
def held(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    try:
        services.mark_held(conversation=conversation)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(conversation)
    messages.success(request, "Marked as held. Send your thank-you within 24 hours.")
    return redirect(_url("prep:after", conversation))


# /conversations/<id>/after/  is put together from several apps in pages/meeting_views.py.


# /people/<id>/keep-in-touch/
@login_required
def keep_in_touch(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = network_queries.get_person(request.user, person_id)
    form = CadenceForm(
        request.POST or None, initial={"keep_in_touch_weeks": person.keep_in_touch_weeks}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_cadence(person=person, weeks=form.cleaned_data["keep_in_touch_weeks"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Keeping in touch with {person} every {person.keep_in_touch_weeks} weeks."
            )
            return redirect(reverse("network:person", args=[person.pk]) + "#keep-in-touch")
    return _render_keep_in_touch(
        request, person, cadence_form=form, status=400 if form.errors else 200
    )


def _render_keep_in_touch(
    request: AuthedRequest,
    person: Person,
    *,
    cadence_form: CadenceForm | None = None,
    touch_form: TouchForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "prep/keep_in_touch.html",
        {
            "person": person,
            "cadence_form": cadence_form
            or CadenceForm(initial={"keep_in_touch_weeks": person.keep_in_touch_weeks}),
            "touch_form": touch_form or TouchForm(),
            "touches": person.activities.filter(owner=request.user, action="person.touched")[:20],
        },
        status=status,
    )


# /people/<id>/touches/
@login_required
@require_POST
def log_touch(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = network_queries.get_person(request.user, person_id)
    form = TouchForm(request.POST)
    if form.is_valid():
        try:
            services.log_touch(person=person, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Touch with {person} logged.")
            # From the going-cold list, back to it; anywhere else, to the person.
            if request.POST.get("next") == "going-cold":
                return redirect("prep:going-cold")
            return redirect(reverse("network:person", args=[person.pk]) + "#keep-in-touch")
    return _render_keep_in_touch(request, person, touch_form=form, status=400)


# /going-cold/
@login_required
def going_cold(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "prep/going_cold.html",
        {"cold": queries.going_cold_for(request.user, now), "now": now},
    )
