"""The obstacles pages: each obstacle, its actions and the advice linked to it, and the
brief's panel of obstacles to raise in a conversation."""

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
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.prep import queries as prep_queries
from coffeechat.strategy import obstacles, queries
from coffeechat.strategy.forms import (
    ActionForm,
    ObstacleForm,
    RaiseForm,
    StatusForm,
)
from coffeechat.strategy.models import Obstacle
from coffeechat.strategy.views import back


# /strategy/obstacles/
@login_required
def obstacle_list(request: AuthedRequest) -> HttpResponse:
    form = ObstacleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obstacle = obstacles.add_obstacle(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Added “{obstacle.title}”. Add a next action with a date.")
            return redirect("strategy:obstacle", obstacle.pk)
    return render(
        request,
        "strategy/obstacles.html",
        {
            "form": form,
            "obstacles": queries.obstacles_for(request.user),
            "statuses": Obstacle.Status.choices,
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


# /strategy/obstacles/<id>/
@login_required
def obstacle(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    form = ObstacleForm(request.POST or None, initial={"title": item.title, "notes": item.notes})
    if request.method == "POST" and form.is_valid():
        try:
            obstacles.update_obstacle(obstacle=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Obstacle saved.")
            return redirect("strategy:obstacle", item.pk)
    return _render_obstacle(request, item, form=form, status=400 if form.errors else 200)


def _render_obstacle(
    request: AuthedRequest,
    item: Obstacle,
    *,
    form: ObstacleForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "strategy/obstacle.html",
        {
            "detail": queries.obstacle_detail(item),
            "obstacle": item,
            "form": form or ObstacleForm(initial={"title": item.title, "notes": item.notes}),
            "action_form": action_form or ActionForm(),
            "statuses": Obstacle.Status.choices,
            "today": timezone.localdate(),
        },
        status=status,
    )


# /strategy/obstacles/<id>/status/
@login_required
@require_POST
def obstacle_status(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        obstacles.set_obstacle_status(obstacle=item, status=form.cleaned_data["status"])
        messages.success(request, f"“{item.title}”: {item.get_status_display().lower()}.")
    return back(request, reverse("strategy:obstacle", args=[item.pk]))


# /strategy/obstacles/<id>/delete/
@login_required
@require_POST
def delete_obstacle(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    obstacles.delete_obstacle(obstacle=item)
    messages.success(request, f"Removed “{item.title}”.")
    return redirect("strategy:obstacles")


# /strategy/obstacles/<id>/actions/
@login_required
@require_POST
def add_action(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            obstacles.add_action(obstacle=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Action added.")
            return back(request, reverse("strategy:obstacle", args=[item.pk]) + "#actions")
    return _render_obstacle(request, item, action_form=form, status=400)


# /strategy/obstacles/<id>/advice/<capture_id>/
@login_required
@require_POST
def link_advice(request: AuthedRequest, obstacle_id: int, capture_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    capture = prep_queries.get_capture(request.user, capture_id)
    linked = request.POST.get("linked", "1") == "1"
    obstacles.link_advice(obstacle=item, capture=capture, linked=linked)
    messages.success(request, "Advice linked to the obstacle." if linked else "Advice unlinked.")
    return back(request, reverse("strategy:obstacle", args=[item.pk]) + "#advice")


# /strategy/actions/<id>/
@login_required
@require_POST
def action(request: AuthedRequest, action_id: int) -> HttpResponse:
    item = queries.get_action(request.user, action_id)
    obstacles.set_action_done(action=item, done=request.POST.get("done") == "1")
    return back(request, reverse("strategy:obstacle", args=[item.obstacle_id]) + "#actions")


# /strategy/actions/<id>/delete/
@login_required
@require_POST
def delete_action(request: AuthedRequest, action_id: int) -> HttpResponse:
    item = queries.get_action(request.user, action_id)
    obstacles.delete_action(action=item)
    messages.success(request, "Action removed.")
    return back(request, reverse("strategy:obstacle", args=[item.obstacle_id]) + "#actions")


# The brief's obstacles panel ----------------------------------------------------------------------


def _brief(conversation_id: int) -> str:
    return reverse("prep:brief", args=[conversation_id]) + "#obstacles"


# /conversations/<id>/obstacles/
@login_required
@require_POST
def raise_new(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    form = RaiseForm(request.POST)
    if form.is_valid():
        try:
            item = obstacles.raise_new(conversation=conversation, title=form.cleaned_data["title"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"“{item.title}” will be raised with {conversation.person}.")
    else:
        messages.error(request, "Write the obstacle first.")
    return redirect(_brief(conversation.pk))


# /conversations/<id>/obstacles/<obstacle_id>/raise/
@login_required
@require_POST
def raise_here(request: AuthedRequest, conversation_id: int, obstacle_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    item = queries.get_obstacle(request.user, obstacle_id)
    obstacles.set_raised(
        conversation=conversation, obstacle=item, raised=request.POST.get("raised", "1") == "1"
    )
    return redirect(_brief(conversation.pk))


# /conversations/<id>/obstacles/<obstacle_id>/ask/
@login_required
@require_POST
def ask_about(request: AuthedRequest, conversation_id: int, obstacle_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    item = queries.get_obstacle(request.user, obstacle_id)
    try:
        obstacles.ask_about(conversation=conversation, obstacle=item)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(_brief(conversation.pk))
    messages.success(request, f"A question about “{item.title}” is in your plan.")
    return redirect(reverse("prep:brief", args=[conversation.pk]) + "#plan")
