from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations.models import Conversation
from coffeechat.lib.forms import error_text
from coffeechat.lib.http import AuthedRequest, safe_next
from coffeechat.occupations import queries, services
from coffeechat.occupations.forms import ChooseForm, SearchForm, TaskQuestionForm


def _conversation_from_query(request: AuthedRequest) -> Conversation | None:
    return conversation_queries.conversation_from_query(
        request.user, request.GET.get("conversation", "")
    )


# /occupations/
@login_required
@require_GET
def search(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    conversation = _conversation_from_query(request)
    if conversation is not None and not request.GET.get("q"):
        form = SearchForm({"q": conversation.person.title})
    loaded = queries.release()
    matches = []
    if loaded is not None and form.is_valid() and form.cleaned_data["q"]:
        matches = queries.search(form.cleaned_data["q"], loaded=loaded)
    return render(
        request,
        "occupations/search.html",
        {
            "form": form,
            "loaded": loaded,
            "matches": matches,
            "conversation": conversation,
            "searched": form.is_bound and form.is_valid() and bool(form.cleaned_data["q"]),
        },
    )


# /occupations/<code>/  is put together with the user's options (strategy) in pages/views.py.


# /conversations/<id>/occupation/
@login_required
@require_POST
def choose(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    form = ChooseForm(request.POST)
    brief = reverse("prep:brief", args=[conversation.pk]) + "#occupation"
    if not form.is_valid():
        messages.error(request, "That isn't an O*NET-SOC code.")
        return redirect(brief)
    try:
        choice = services.choose_for_conversation(
            conversation=conversation, occupation_code=form.cleaned_data["occupation_code"]
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        chosen = queries.occupation(choice.occupation_code) if choice.occupation_code else None
        messages.success(
            request,
            f"This conversation is about {chosen.title}."
            if chosen
            else "No occupation for this conversation.",
        )
    return redirect(safe_next(request) or brief)


# /conversations/<id>/occupation/questions/
@login_required
@require_POST
def add_question(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    form = TaskQuestionForm(request.POST)
    plan = reverse("prep:brief", args=[conversation.pk]) + "#plan"
    if not form.is_valid():
        messages.error(request, "Choose a task from the occupation's list.")
        return redirect(safe_next(request) or plan)
    try:
        question = services.add_task_question(conversation=conversation, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, f"Added to your questions for {conversation.person}: {question.text}"
        )
    return redirect(safe_next(request) or plan)
