from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coffeechat.accounts import audit, onboarding, services, timezones
from coffeechat.accounts import security as security_queries
from coffeechat.accounts.forms import STEP_FORMS
from coffeechat.accounts.models import User
from coffeechat.lib import combobox
from coffeechat.lib.forms import add_errors
from coffeechat.lib.http import AuthedRequest


def _copy_of(request: AuthedRequest) -> User:
    # Bind to a copy: a failed save must not leave the signed-in user half-changed.
    # (request.user is a lazy proxy: type() of it is not the User model.)
    return User.objects.get(pk=request.user.pk)


# /settings/time-zones/?q=  (the time-zone chooser's matches)
@login_required
def choose_time_zone(request: AuthedRequest) -> HttpResponse:
    query = combobox.query_of(request)
    return combobox.options_response(request, timezones.to_choose(query), query=query)


# /welcome/
@login_required
def welcome(request: AuthedRequest) -> HttpResponse:
    """The onboarding, resumed at the furthest step the user reached (its form posts to the
    step's own address)."""
    user = _copy_of(request)
    step = onboarding.resume_key(user)
    form_class = STEP_FORMS.get(step)
    return _render_step(request, user, step, form_class(instance=user) if form_class else None)


# /welcome/you/, /welcome/calendar/, /welcome/field/, /welcome/decision/, /welcome/start/
@login_required
def welcome_step(request: AuthedRequest, step: str) -> HttpResponse:
    user = _copy_of(request)
    form_class = STEP_FORMS.get(step)
    form = form_class(request.POST or None, instance=user) if form_class else None
    if request.method == "POST":
        if "skip" in request.POST or form is None:
            services.skip_onboarding_step(user=user, step=step)
            return _after(step)
        if form.is_valid():
            try:
                services.save_onboarding_step(user=user, step=step, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                return _after(step)
    return _render_step(request, user, step, form)


def _after(step: str) -> HttpResponse:
    following = onboarding.next_key(step)
    return redirect(f"accounts:welcome-{following}" if following else "conversations:today")


def _render_step(
    request: AuthedRequest, user: User, step: str, form: forms.BaseForm | None
) -> HttpResponse:
    supported = {code for code, _ in onboarding.holiday_countries()}
    context = {
        "step": onboarding.BY_KEY[step],
        "steps": onboarding.STEPS,
        "form": form,
        "me": user,
        "number": onboarding.KEYS.index(step) + 1,
        "total": len(onboarding.STEPS),
        "next_key": onboarding.next_key(step),
        # static/js/welcome.js selects the browser's time zone while the account is on UTC,
        # and the holiday country follows the zone's country when the calendar knows it.
        "zone_countries": {
            zone: country
            for zone, country in onboarding.zone_countries().items()
            if country in supported
        }
        if step == "calendar"
        else {},
    }
    return render(
        request,
        "accounts/welcome.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


# /welcome/finish/
@login_required
@require_POST
def welcome_finish(request: AuthedRequest) -> HttpResponse:
    """End the onboarding (done, or the rest skipped) and go to Today."""
    services.finish_onboarding(user=_copy_of(request))
    messages.success(
        request, "You're set up. Everything you entered is on your “You” page, to change any time."
    )
    return redirect("conversations:today")


# /checklist/dismiss/
@login_required
@require_POST
def dismiss_checklist(request: AuthedRequest) -> HttpResponse:
    services.dismiss_checklist(user=_copy_of(request))
    messages.success(
        request, "The first steps are hidden. Bring them back from your “You” page or Settings."
    )
    return redirect("conversations:today")


# /checklist/restore/
@login_required
@require_POST
def restore_checklist(request: AuthedRequest) -> HttpResponse:
    services.restore_checklist(user=_copy_of(request))
    messages.success(request, "The first steps are back on Today (until they are all done).")
    back = request.POST.get("next")
    return redirect(back if back in ("profile:you", "accounts:settings") else "conversations:today")


AUDIT_PAGE_SIZE = 25


# /settings/security/
@login_required
def security(request: AuthedRequest) -> HttpResponse:
    """The account's sessions, two-factor status, API tokens and audit log."""
    owner = request.user
    page = Paginator(audit.events_for(owner), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/security.html",
        {
            "sessions": security_queries.sessions_for(
                owner, current_key=request.session.session_key
            ),
            "two_factor": security_queries.two_factor_for(owner),
            "page": page,
        },
    )


# /settings/security/sessions/<id>/end/
@login_required
@require_POST
def end_session(request: AuthedRequest, session_id: int) -> HttpResponse:
    try:
        described = security_queries.end_session(
            owner=request.user, session_id=session_id, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{described} is signed out.")
    return redirect("accounts:security")


# /settings/security/sessions/end-others/
@login_required
@require_POST
def end_other_sessions(request: AuthedRequest) -> HttpResponse:
    ended = security_queries.end_other_sessions(owner=request.user, request=request)
    messages.success(
        request,
        f"Signed out {ended} other browser{'s' if ended != 1 else ''}."
        if ended
        else "No other browser was signed in.",
    )
    return redirect("accounts:security")
