from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.cards import parsing, queries, services
from coffeechat.cards.forms import CaptureForm, ReviewForm, initial_from
from coffeechat.cards.models import Card
from coffeechat.lib.forms import add_errors
from coffeechat.lib.http import AuthedRequest


# /cards/
@login_required
def capture(request: AuthedRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = CaptureForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                cards = services.capture_cards(
                    owner=request.user, uploads=form.uploads(), event=form.cleaned_data["event"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                count = len(cards)
                messages.success(
                    request,
                    f"Got {count} card{'s' if count != 1 else ''}. "
                    "Reading now: take the next one when you're ready.",
                )
                return redirect("cards:capture")
        status = 400
    else:
        form = CaptureForm(initial={"event": queries.last_event_for(request.user)})
    context = {"form": form, "progress": queries.progress_for(request.user)}
    template = "cards/capture.html#progress" if request.htmx else "cards/capture.html"
    return render(request, template, context, status=status)


# /cards/review/
@login_required
def queue(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "cards/queue.html",
        {
            "cards": queries.cards_to_review(request.user),
            "progress": queries.progress_for(request.user),
        },
    )


# /cards/<id>/
@login_required
def card(request: AuthedRequest, card_id: int) -> HttpResponse:
    card = queries.get_card(request.user, card_id)
    if not card.is_open:
        return _after_review(request, card)
    region = services.phone_region_for(request.user)
    form = ReviewForm(
        request.POST or None, region=region, initial=initial_from(card.fields, event=card.event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.save_card(card=card, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Added {person} to your network.")
            return _next_card(request)
    phone = form["phone"].value() or ""
    if not form.is_bound and phone and not parsing.normalize_phone(phone, region)[1]:
        form.phone_warning = "Check this number: it doesn't look valid."
    return render(
        request,
        "cards/card.html",
        {
            "card": card,
            "form": form,
            "progress": queries.progress_for(request.user),
        },
        status=400 if form.is_bound else 200,
    )


def _after_review(request: AuthedRequest, card: Card) -> HttpResponse:
    # A second submit of the same card (a double click, the back button) lands here.
    if card.person_id:
        messages.info(request, "This card is already in your network.")
        return redirect("network:person", card.person_id)
    messages.info(request, "This card was skipped.")
    return redirect("cards:queue")


def _next_card(request: AuthedRequest) -> HttpResponse:
    following = queries.next_card_to_review(request.user)
    return redirect(following or reverse("cards:capture"))


# /cards/<id>/skip/
@login_required
@require_POST
def skip(request: AuthedRequest, card_id: int) -> HttpResponse:
    card = queries.get_card(request.user, card_id)
    if card.is_open:
        services.skip_card(card=card)
        messages.success(request, "Skipped the card and deleted its photo.")
    return _next_card(request)


# /cards/<id>/image/
@login_required
def image(request: AuthedRequest, card_id: int) -> FileResponse:
    card = queries.get_card(request.user, card_id)
    # Only files under the owner's own folder: a row brought in by an account import could
    # name any file in the media folder.
    # Never the photo as uploaded (.upload): only once the worker has re-encoded it.
    path = card.image_path
    if not path.startswith(f"cards/{card.owner_id}/") or not path.endswith((".jpg", ".png")):
        raise Http404("No photo for this card.")
    extension = path.rpartition(".")[2]
    try:
        file = card.image.open("rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        raise Http404("No photo for this card.") from None
    # attachment + nosniff: opened directly, the file downloads instead of rendering in our
    # origin, whatever it contains. <img> ignores Content-Disposition, so the page still shows it.
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"card-{card.pk}.{extension}",
        content_type="image/png" if extension == "png" else "image/jpeg",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
