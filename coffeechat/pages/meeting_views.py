"""A conversation's own pages around the meeting: prepare (the brief), live and After, each
drawn from several apps' panels (pages/brief.py, pages/live.py, pages/after.py), and the forms
posted from them that draw the page again with their errors."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coffeechat.conversations import queries as conversation_queries
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.pages.after import AfterPage, after_page
from coffeechat.pages.brief import BriefPage, brief_page
from coffeechat.pages.live import CaptureCard, LivePage, capture_card, live_page
from coffeechat.prep import queries as prep_queries
from coffeechat.prep import services as prep_services
from coffeechat.prep.forms import (
    AddQuestionForm,
    BriefForm,
    CaptureForm,
    ReferralForm,
    live_changes,
    reflection_changes,
)


def _brief(request: AuthedRequest, page: BriefPage, *, status: int = 200) -> HttpResponse:
    return render(request, BriefPage.TEMPLATE, {"page": page}, status=status)


# /conversations/<id>/prepare/
@login_required
def brief(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    meeting = prep_queries.meeting_of(found)
    instance = prep_queries.brief_for(found)
    form = BriefForm(
        request.POST or None, instance=instance, mode=meeting.mode if meeting else "video"
    )
    form.enable_autosave(request.path)
    if request.method == "POST":  # the research, saved as it's typed
        if form.is_valid():
            prep_services.update_brief(conversation=found, **form.changed_fields())
            if request.htmx:
                return render(request, f"{BriefPage.TEMPLATE}#saved", {"saved_at": timezone.now()})
            messages.success(request, "Brief saved.")
            return redirect(reverse("prep:brief", args=[found.pk]))
        if request.htmx:
            return HttpResponse(
                error_text(ValidationError([e for errs in form.errors.values() for e in errs])),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
    page = brief_page(owner=request.user, conversation=found, form=form)
    return _brief(request, page, status=400 if form.errors else 200)


# /conversations/<id>/prepare/questions/
@login_required
@require_POST
def add_question(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    form = AddQuestionForm(request.POST)
    if form.is_valid():
        try:
            prep_services.add_question(conversation=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Question added.")
            return redirect(reverse("prep:brief", args=[found.pk]) + "#plan")
    page = brief_page(owner=request.user, conversation=found, add_form=form)
    return _brief(request, page, status=400)


def _live(request: AuthedRequest, page: LivePage, *, status: int = 200) -> HttpResponse:
    return render(request, LivePage.TEMPLATE, {"page": page}, status=status)


# /conversations/<id>/live/
@login_required
def live(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    if request.method == "POST":  # notes and answers, saved as they're typed
        try:
            answers, brief = live_changes(request.POST)
            prep_services.save_live(conversation=found, answers=answers, brief=brief)
        except (ValidationError, forms.ValidationError) as error:
            if request.htmx:  # a sentence as plain text: the page shows it as words
                return HttpResponse(
                    error_text(error), status=400, content_type="text/plain; charset=utf-8"
                )
            messages.error(request, error_text(error))
        else:
            if request.htmx:
                return render(request, f"{LivePage.TEMPLATE}#saved", {"saved_at": timezone.now()})
            messages.success(request, "Saved.")
        return redirect(reverse("prep:live", args=[found.pk]))
    return _live(request, live_page(owner=request.user, conversation=found))


# /conversations/<id>/captures/
@login_required
@require_POST
def add_capture(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    form = CaptureForm(request.POST)
    if form.is_valid():
        try:
            prep_services.add_capture(conversation=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if request.htmx:  # the card alone, with a fresh form
                card = capture_card(owner=request.user, conversation=found)
                return render(request, CaptureCard.TEMPLATE, {"card": card})
            messages.success(request, "Captured.")
            return redirect(reverse("prep:live", args=[found.pk]) + "#captures")
    if request.htmx:
        card = capture_card(owner=request.user, conversation=found, form=form)
        return render(request, CaptureCard.TEMPLATE, {"card": card}, status=400)
    page = live_page(owner=request.user, conversation=found, capture_form=form)
    return _live(request, page, status=400)


# /conversations/<id>/referrals/
@login_required
@require_POST
def add_referral(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    form = ReferralForm(request.POST)
    if form.is_valid():
        try:
            capture = prep_services.add_referral(conversation=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"Added {capture.referred} to your network, with a "
                "conversation to start when you're ready.",
            )
            return redirect(reverse("prep:live", args=[found.pk]) + "#referrals")
    page = live_page(owner=request.user, conversation=found, referral_form=form)
    return _live(request, page, status=400)


# /conversations/<id>/after/
@login_required
def after(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    if request.method == "POST":  # the reflection, saved as it's typed
        prep_services.update_brief(conversation=found, reflection=reflection_changes(request.POST))
        if request.htmx:
            return render(request, f"{AfterPage.TEMPLATE}#saved", {"saved_at": timezone.now()})
        messages.success(request, "Reflection saved.")
        return redirect(reverse("prep:after", args=[found.pk]) + "#reflection")
    page = after_page(owner=request.user, conversation=found)
    return render(request, AfterPage.TEMPLATE, {"page": page})
