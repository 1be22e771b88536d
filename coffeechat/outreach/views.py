from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

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
from coffeechat.lib.emails import mailto
from coffeechat.lib.forms import add_errors
from coffeechat.lib.http import AuthedRequest, safe_next
from coffeechat.network import queries as network_queries
from coffeechat.outreach import (
    ai,
    delivery,
    drafting,
    gate,
    lint,
    mailer,
    preferences,
    queries,
    services,
)
from coffeechat.outreach.forms import ComposeForm, OutreachSettingsForm, TemplateForm
from coffeechat.outreach.models import MessageKind, OutreachSettings

# --- composer, templates, lint ---

COMPOSE_TEMPLATE = "outreach/compose.html"
# What the user hears after a message went out, by kind; {done} says how it went.
SENT_MESSAGES: dict[str, str] = {  # by Message.kind, the stored text
    MessageKind.REQUEST: "Request {done}. If {name} hasn't answered in 3 business days, "
    "you'll be reminded to ask someone else; after 7, to follow up once.",
    MessageKind.LINKEDIN_MESSAGE: "Request {done}. If {name} hasn't answered in 3 business "
    "days, you'll be reminded to ask someone else.",
    MessageKind.LINKEDIN_NOTE: "Connection note {done}. Once {name} accepts, write the request.",
    MessageKind.FOLLOW_UP: "Follow-up {done}. That was the only one: if {name} doesn't answer "
    "in 3 business days, close this and move on.",
    MessageKind.ACCEPT: "Reply {done}. Add the meeting once you agree on a time.",
    MessageKind.THANK_YOU: "Thank-you {done}. Next: act on {name}'s advice and report back, "
    "then keep in touch.",
}


def _kind(value: str | None, conversation: Conversation) -> str:
    return value if value in MessageKind.values else services.default_kind(conversation)


def _compose_url(conversation: Conversation, kind: str) -> str:
    return f"{reverse('outreach:compose', args=[conversation.pk])}?kind={kind}"


def _compose_form(conversation: Conversation, kind: str, **kwargs: Any) -> ComposeForm:
    return ComposeForm(
        kind=kind, lint_url=reverse("outreach:lint", args=[conversation.pk]), **kwargs
    )


# /conversations/<id>/compose/
@login_required
def compose(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    if request.method == "POST":
        return _save(request, conversation)
    kind = _kind(request.GET.get("kind"), conversation)
    template = request.GET.get("template", "")
    draft = None if template else queries.draft_of(conversation, kind)
    if draft:
        initial = {
            "to_email": draft.to_email,
            "subject": draft.subject,
            "body": draft.body,
            "key": draft.idempotency_key,
        }
    else:
        subject, body = services.prefill(conversation=conversation, kind=kind, template=template)
        initial = {
            "to_email": conversation.person.email,
            "subject": subject,
            "body": body,
            "key": uuid.uuid4(),
        }
    form = _compose_form(
        conversation, kind, initial={**initial, "kind": kind, "sent_on": timezone.localdate()}
    )
    return _render_compose(request, conversation, form, template=template)


def _save(request: AuthedRequest, conversation: Conversation) -> HttpResponse:
    kind = _kind(request.POST.get("kind"), conversation)
    form = _compose_form(conversation, kind, data=request.POST)
    if form.is_valid():
        try:
            services.save_draft(conversation=conversation, **form.text())
        except gate.AlreadySent as sent:
            return _already_sent(request, conversation, sent)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Draft saved.")
            return redirect(_compose_url(conversation, kind))
    return _render_compose(request, conversation, form, status=400)


def _render_compose(
    request: AuthedRequest,
    conversation: Conversation,
    form: ComposeForm,
    *,
    template: str = "",
    status: int = 200,
    blocked: bool = False,
    over_budget: gate.OverBudget | None = None,
) -> HttpResponse:
    kind = form.data.get("kind") if form.is_bound else form.initial["kind"]
    kind = _kind(kind, conversation)
    text = {
        name: (form.data.get(name, "") if form.is_bound else form.initial.get(name, ""))
        for name in ("to_email", "subject", "body")
    }
    outreach_settings = queries.settings_for(request.user)
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "form": form,
        "kind": kind,
        "kind_label": MessageKind(kind).label,
        "kinds": MessageKind.choices,
        "templates": _template_choices(request, kind),
        "template": template,
        "is_email": kind in services.EMAIL_KINDS,
        "blocked": blocked,
        "over_budget": over_budget,
        "ai_available": ai.is_available(outreach_settings),
        "own_smtp": outreach_settings.smtp_enabled,
        "mailto": mailto(text["to_email"], subject=text["subject"], body=text["body"]),
        "can_send": mailer.can_send(outreach_settings),
        "introducer": queries.introducer_of(conversation.person),
        **_lint_context(
            conversation,
            kind,
            text["subject"],
            text["body"],
            overrides=request.POST.getlist("override") if form.is_bound else [],  # bound to it
            show_overrides=blocked or bool(form.data.get("show_overrides")),
        ),
    }
    return render(request, COMPOSE_TEMPLATE, context, status=status)


def _template_choices(request: AuthedRequest, kind: str) -> list[tuple[str, str]]:
    built_ins = [(f"builtin:{t.key}", t.name) for t in drafting.built_ins_for(kind)]
    mine = [
        (f"mine:{t.pk}", f"{t.name} (yours)") for t in queries.templates_for(request.user, kind)
    ]
    return built_ins + mine


def _lint_context(
    conversation: Conversation,
    kind: str,
    subject: str,
    body: str,
    *,
    overrides: list[str],
    show_overrides: bool,
) -> dict[str, Any]:
    findings = gate.lint_message(conversation=conversation, kind=kind, subject=subject, body=body)
    seen: set[str] = set()
    rows = []
    for finding in findings:
        text = subject if finding.field == "subject" else body
        # One "send anyway" box per rule, however many words it flags.
        rows.append(
            {
                "finding": finding,
                "excerpt": text[finding.start : finding.end],
                "checkbox": finding.is_error and finding.rule not in seen,
            }
        )
        seen.add(finding.rule)
    return {
        "findings": rows,
        "has_errors": any(f.is_error for f in findings),
        "words": lint.word_count(body),
        "chars": len(body.rstrip()),
        "note_limit": queries.settings_for(conversation.owner).linkedin_note_limit,
        "is_note": kind == MessageKind.LINKEDIN_NOTE,
        "missing": _missing(conversation, subject, body),
        "overrides": set(overrides),
        "show_overrides": show_overrides,
    }


def _missing(conversation: Conversation, subject: str, body: str) -> list[dict[str, str]]:
    """Each empty template field the draft still shows, with a link to where it is filled."""
    person = conversation.person
    rows = []
    for token in drafting.unfilled(f"{subject}\n{body}"):
        name = token.strip("{}")
        home, anchor = drafting.PLACEHOLDER_HOMES.get(name, ("", ""))
        url, where = "", ""
        if home == drafting.YOU:
            url, where = f"{reverse('profile:you')}#{anchor}", "on your You page"
        elif home == drafting.PERSON_EDIT:
            url = reverse("network:person-edit", args=[person.pk])
            where = f"in {person.first_name or person}'s details"
        elif home == drafting.PERSON:
            url = f"{person.get_absolute_url()}#{anchor}"
            where = f"on {person.first_name or person}'s page"
        rows.append(
            {"token": token, "meaning": drafting.PLACEHOLDERS[name], "url": url, "where": where}
        )
    return rows


# /conversations/<id>/compose/lint/
@login_required
@require_POST
def check(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    kind = _kind(request.POST.get("kind"), conversation)
    if request.htmx:
        context = _lint_context(
            conversation,
            kind,
            request.POST.get("subject", ""),
            request.POST.get("body", ""),
            overrides=request.POST.getlist("override"),
            show_overrides=bool(request.POST.get("show_overrides")),
        )
        return render(request, f"{COMPOSE_TEMPLATE}#findings", context)
    # Without JavaScript the Check button lands here: the whole page, with the findings.
    form = _compose_form(conversation, kind, data=request.POST)
    form.is_valid()
    return _render_compose(request, conversation, form)


# /conversations/<id>/compose/send/
@login_required
@require_POST
def send(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    return _send(request, conversation_id, elsewhere=False)


# /conversations/<id>/compose/sent/
@login_required
@require_POST
def sent_elsewhere(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    return _send(request, conversation_id, elsewhere=True)


def _send(request: AuthedRequest, conversation_id: int, *, elsewhere: bool) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    kind = _kind(request.POST.get("kind"), conversation)
    form = _compose_form(conversation, kind, data=request.POST)
    if not form.is_valid():
        return _render_compose(request, conversation, form, status=400)
    options = {
        "overrides": form.cleaned_data["override"],
        "acknowledge_budget": form.cleaned_data["acknowledge_budget"],
    }
    try:
        message = services.save_draft(conversation=conversation, **form.text())
        if elsewhere:
            services.mark_sent_elsewhere(
                message=message, on=form.cleaned_data["sent_on"], **options
            )
        else:
            services.send_draft(message=message, **options)
    except gate.AlreadySent as sent:
        return _already_sent(request, conversation, sent)
    except gate.LintBlocked:
        return _render_compose(request, conversation, form, status=400, blocked=True)
    except gate.OverBudget as over:
        return _render_compose(request, conversation, form, status=400, over_budget=over)
    except ValidationError as error:
        add_errors(form, error)
        return _render_compose(request, conversation, form, status=400)
    done = "recorded as sent" if elsewhere else "on its way"
    messages.success(request, SENT_MESSAGES[kind].format(done=done, name=conversation.person))
    return redirect(conversation)


def _already_sent(
    request: AuthedRequest, conversation: Conversation, sent: gate.AlreadySent
) -> HttpResponse:
    # The other request's answer told the user what happened; this one only says it was once.
    messages.info(request, sent.message)
    return redirect(conversation)


# /conversations/<id>/compose/rewrite/
@login_required
@require_POST
def rewrite(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    kind = _kind(request.POST.get("kind"), conversation)
    form = _compose_form(conversation, kind, data=request.POST)
    if not form.is_valid():
        return _render_compose(request, conversation, form, status=400)
    try:
        _, result = services.rewrite_draft(conversation=conversation, **form.text())
    except gate.AlreadySent as sent:
        return _already_sent(request, conversation, sent)
    (messages.success if result.ok else messages.error)(request, result.message)
    return redirect(_compose_url(conversation, kind))


# /messages/<id>/retry/
@login_required
@require_POST
def retry(request: AuthedRequest, message_id: int) -> HttpResponse:
    message = queries.get_message(request.user, message_id)
    try:
        delivery.retry_now(message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Sending it again now. If it fails, the reason shows here.")
    return redirect(
        safe_next(request)
        or reverse("conversations:conversation", args=[message.conversation_id])
        + "#outreach-messages"
    )


# /people/<id>/compose/
@login_required
@require_POST
def compose_person(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = network_queries.get_person(request.user, person_id)
    conversation = services.conversation_to_compose(owner=request.user, person=person)
    return redirect(_compose_url(conversation, MessageKind.REQUEST))


# /outreach/templates/
@login_required
def templates(request: AuthedRequest) -> HttpResponse:
    groups = [
        (label, drafting.built_ins_for(kind), queries.templates_for(request.user, kind))
        for kind, label in MessageKind.choices
    ]
    return render(
        request,
        "outreach/templates.html",
        {"groups": groups, "placeholders": drafting.PLACEHOLDERS},
    )


# /outreach/templates/new/  and  /outreach/templates/<id>/
@login_required
def template_form(request: AuthedRequest, template_id: int | None = None) -> HttpResponse:
    template = queries.get_template(request.user, template_id) if template_id else None
    form = TemplateForm(
        request.POST or None,
        instance=template,
        initial={"kind": request.GET.get("kind", MessageKind.REQUEST)},
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.TEMPLATE_FIELDS}
        try:
            if template:
                services.update_template(template=template, **fields)
            else:
                services.create_template(owner=request.user, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Template “{fields['name']}” saved.")
            return redirect("outreach:templates")
    return render(
        request,
        "outreach/template_form.html",
        {"form": form, "template": template, "placeholders": drafting.PLACEHOLDERS},
        status=400 if form.errors else 200,
    )


# /outreach/templates/<id>/delete/
@login_required
@require_POST
def template_delete(request: AuthedRequest, template_id: int) -> HttpResponse:
    template = queries.get_template(request.user, template_id)
    services.delete_template(template=template)
    messages.success(request, f"Template “{template.name}” deleted.")
    return redirect("outreach:templates")


# --- outreach settings (mail, LinkedIn, AI) ---

SETTINGS_TEMPLATE = "outreach/settings.html"


# /settings/outreach/
@login_required
def settings_page(request: AuthedRequest) -> HttpResponse:
    outreach_settings = queries.settings_for(request.user)
    form = OutreachSettingsForm(request.POST or None, instance=outreach_settings)
    if request.method == "POST" and form.is_valid():
        try:
            preferences.update_settings(
                outreach_settings=outreach_settings, secrets=form.secrets(), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Email, LinkedIn and AI settings saved.")
            return redirect("outreach:settings")
    return render(request, SETTINGS_TEMPLATE, {"form": form}, status=400 if form.errors else 200)


# /settings/outreach/test-smtp/
@login_required
@require_POST
def check_smtp(request: AuthedRequest) -> HttpResponse:
    return _check_connection(request, "smtp", mailer.test_smtp)


# /settings/outreach/test-imap/
@login_required
@require_POST
def check_imap(request: AuthedRequest) -> HttpResponse:
    return _check_connection(request, "imap", mailer.test_imap)


def _check_connection(
    request: AuthedRequest, kind: str, check: Callable[[OutreachSettings], tuple[bool, str]]
) -> HttpResponse:
    # Tries what the form holds now, unsaved; a blank password means the saved one.
    outreach_settings = queries.settings_for(request.user)
    form = OutreachSettingsForm(request.POST, instance=outreach_settings)
    result = (False, "Fix the fields marked below, then test again.")
    if form.is_valid():
        try:
            preferences.apply_settings(
                outreach_settings=outreach_settings, secrets=form.secrets(), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            result = check(outreach_settings)
    context = {"form": form, "results": {kind: result}}
    if request.htmx:  # htmx swaps only 2xx answers: the fragment carries the bad news itself
        return render(request, f"{SETTINGS_TEMPLATE}#{kind}-result", context)
    return render(request, SETTINGS_TEMPLATE, context, status=400 if form.errors else 200)
