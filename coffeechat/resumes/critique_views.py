"""The critique loop's pages (method.md RULE-R1, RULE-R2): the resume to bring to a
conversation, the suggestions heard there, and addressing, declining or reopening each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations.models import Conversation
from coffeechat.lib.forms import error_text
from coffeechat.lib.http import AuthedRequest, safe_next
from coffeechat.resumes import (
    critique,
    queries,
)
from coffeechat.resumes.forms import (
    AddressForm,
    DeclineForm,
    SuggestionsForm,
)
from coffeechat.resumes.models import Resume, Version


# /resumes/suggestions/<id>/address/
@login_required
@require_POST
def address(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    suggestion = queries.get_suggestion(request.user, suggestion_id)
    form = AddressForm(request.POST)
    if form.is_valid():
        version_found = Version.objects.filter(
            owner=request.user, resume=suggestion.resume, number=form.cleaned_data["version"]
        ).first()
        try:
            if version_found is None:
                raise ValidationError(
                    f"{suggestion.resume} has no version {form.cleaned_data['version']}."
                )
            critique.address(
                suggestion=suggestion, version=version_found, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"Marked addressed in version {version_found.number}.")
    else:
        messages.error(request, "Pick the version that takes the suggestion in.")
    return redirect(safe_next(request) or suggestion.resume.get_absolute_url() + "#suggestions")


# /resumes/suggestions/<id>/decline/
@login_required
@require_POST
def decline(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    suggestion = queries.get_suggestion(request.user, suggestion_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        critique.decline(suggestion=suggestion, reason=form.cleaned_data["reason"])
        messages.success(request, "Declined, with your reason.")
    else:
        messages.error(request, "Say why, in a few words: it helps when you report back.")
    return redirect(safe_next(request) or suggestion.resume.get_absolute_url() + "#suggestions")


# /resumes/suggestions/<id>/reopen/
@login_required
@require_POST
def reopen(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    suggestion = queries.get_suggestion(request.user, suggestion_id)
    critique.reopen(suggestion=suggestion)
    messages.success(request, "Open again.")
    return redirect(safe_next(request) or suggestion.resume.get_absolute_url() + "#suggestions")


def _conversation(request: AuthedRequest, conversation_id: int) -> Conversation:
    return conversation_queries.get_conversation(request.user, conversation_id)


# /conversations/<id>/resume/
@login_required
@require_POST
def handout(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    value = request.POST.get("resume", "")
    chosen = (
        Resume.objects.filter(owner=request.user, pk=int(value)).first()
        if value.isdigit()
        else None
    )
    if chosen is None:
        messages.error(request, "Pick one of your resumes.")
    else:
        found = critique.choose_handout(conversation=conversation, resume=chosen)
        number = found.version.number if found.version else 1
        messages.success(request, f"You'll bring “{chosen}”, version {number}.")
    return redirect(
        (safe_next(request) or reverse("prep:brief", args=[conversation.pk])) + "#resume"
    )


# /conversations/<id>/resume/handed-over/
@login_required
@require_POST
def handed_over(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    given = request.POST.get("handed_over") == "1"
    try:
        critique.set_handed_over(conversation=conversation, handed_over=given)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "Noted: they have a copy." if given else "Noted: you kept it.")
    return redirect(
        (safe_next(request) or reverse("prep:live", args=[conversation.pk])) + "#resume"
    )


# /conversations/<id>/resume/suggestions/
@login_required
@require_POST
def add_suggestions(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    form = SuggestionsForm(request.POST)
    fallback = reverse("prep:live", args=[conversation.pk])
    if not form.is_valid():
        messages.error(request, "Write at least one suggestion, one per line.")
        return redirect((safe_next(request) or fallback) + "#resume")
    value = request.POST.get("resume", "")
    chosen = (
        Resume.objects.filter(owner=request.user, pk=int(value)).first()
        if value.isdigit()
        else None
    )
    try:
        made = critique.add_suggestions(
            conversation=conversation,
            resume=chosen,
            texts=critique.split_suggestions(form.cleaned_data["text"]),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            f"Added {len(made)} suggestion{'' if len(made) == 1 else 's'} to “{made[0].resume}”.",
        )
    return redirect((safe_next(request) or fallback) + "#resume")
