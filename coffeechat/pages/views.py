"""The views that draw a page put together from several apps' panels.

A page's GET view and every form posted from the page that comes back with errors live here,
above all the apps that contribute to it, so each draws the page through its one assembler
(pages/conversation.py, pages/person.py, pages/today.py, pages/settings.py). Their routes keep
their apps' names (`conversations:conversation`, `network:person`, `accounts:settings`...): see
pages/urls.py.
"""

from __future__ import annotations

from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.accounts import services as account_services
from coffeechat.accounts.forms import SettingsForm
from coffeechat.accounts.models import User
from coffeechat.conversations import meetings, reminders
from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.forms import MeetingForm, NoteForm, ReminderForm
from coffeechat.conversations.models import Conversation, Reminder, Stage
from coffeechat.lib.combobox import Combobox
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest, safe_next
from coffeechat.lib.paging import CappedPaginator
from coffeechat.network import queries as network_queries
from coffeechat.network import services as network_services
from coffeechat.network.forms import IntroductionForm
from coffeechat.network.models import Person
from coffeechat.pages.conversation import ConversationPage, conversation_page
from coffeechat.pages.person import PersonPage, person_page
from coffeechat.pages.settings import SettingsPage, settings_page
from coffeechat.pages.today import TodayPage, today_page
from coffeechat.scheduling import invites
from coffeechat.scheduling import queries as scheduling_queries
from coffeechat.scheduling import services as scheduling_services
from coffeechat.scheduling.forms import RescheduleForm, SlotsForm
from coffeechat.scheduling.panels import Reschedule

PEOPLE_PAGE_SIZE = 50


class PeopleFilters(TypedDict):
    search: str
    stage: str
    tag: str
    connection: str
    organization_id: int | None
    organization_name: str


def _conversation(
    request: AuthedRequest, page: ConversationPage, *, status: int = 200
) -> HttpResponse:
    return render(request, ConversationPage.TEMPLATE, {"page": page}, status=status)


def _person(request: AuthedRequest, page: PersonPage, *, status: int = 200) -> HttpResponse:
    return render(request, PersonPage.TEMPLATE, {"page": page}, status=status)


# /  (Today once signed in)
def home(request: AuthedRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return today(request)
    return render(request, "conversations/welcome.html")


# /today/
@login_required
def today(request: AuthedRequest) -> HttpResponse:
    return _today(request)


def _today(request: AuthedRequest) -> HttpResponse:
    """Today, or only its lists for an action taken on them with htmx."""
    template = TodayPage.LISTS if request.htmx else TodayPage.TEMPLATE
    return render(request, template, {"page": today_page(owner=request.user)})


# /reminders/<id>/done/  and  /reminders/<id>/dismiss/
@login_required
@require_POST
def resolve_reminder(request: AuthedRequest, reminder_id: int, action: str) -> HttpResponse:
    reminder = conversation_queries.get_reminder(request.user, reminder_id)
    if action == "done":
        reminders.complete_reminder(reminder=reminder)
    else:
        reminders.dismiss_reminder(reminder=reminder)
    if request.htmx:
        return _today(request)
    label = "Done" if reminder.status == Reminder.Status.DONE else "Dismissed"
    messages.success(request, f"{label}: {reminder.title}")
    return redirect(safe_next(request) or reminder.conversation)


# /settings/
@login_required
def settings(request: AuthedRequest) -> HttpResponse:
    # Bind to a copy: a failed save must not leave the signed-in user half-changed.
    # (request.user is a lazy proxy: type() of it is not the User model.)
    user = User.objects.get(pk=request.user.pk)
    form = SettingsForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.update_settings(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("accounts:settings")
    page = settings_page(owner=request.user, form=form, absolute=request.build_absolute_uri)
    return render(
        request, SettingsPage.TEMPLATE, {"page": page}, status=400 if form.errors else 200
    )


# /conversations/<id>/
@login_required
def conversation(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    return _conversation(request, conversation_page(owner=request.user, conversation=found))


# /conversations/<id>/meetings/
@login_required
@require_POST
def schedule(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    form = MeetingForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            meetings.schedule_meeting(conversation=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Meeting scheduled.")
            return redirect(found)
    page = conversation_page(owner=request.user, conversation=found, meeting_form=form)
    return _conversation(request, page, status=400)


# /conversations/<id>/notes/
@login_required
@require_POST
def add_note(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        conversation_services.add_note(
            person=found.person, conversation=found, body=form.cleaned_data["body"]
        )
        messages.success(request, "Note saved.")
        return redirect(reverse("conversations:conversation", args=[found.pk]) + "#notes")
    page = conversation_page(owner=request.user, conversation=found, note_form=form)
    return _conversation(request, page, status=400)


# /conversations/<id>/reminders/
@login_required
@require_POST
def add_reminder(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    form = ReminderForm(request.POST)
    if form.is_valid():
        try:
            reminders.add_reminder(
                conversation=found,
                title=form.cleaned_data["title"],
                due_at=form.due_at(request.user),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Reminder added.")
            return redirect(found)
    page = conversation_page(owner=request.user, conversation=found, reminder_form=form)
    return _conversation(request, page, status=400)


def _meetings_card(conversation: Conversation) -> HttpResponse:
    return redirect(reverse("conversations:conversation", args=[conversation.pk]) + "#schedule")


# /conversations/<id>/slots/
@login_required
@require_POST
def propose(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    found = conversation_queries.get_conversation(request.user, conversation_id)
    form = SlotsForm(request.POST, owner=request.user, prefix="offer")
    if form.is_valid():
        data = form.cleaned_data
        try:
            scheduling_services.propose_slots(
                conversation=found,
                starts=form.starts(),
                minutes=data["minutes"],
                mode=data["mode"],
                place=data["place"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Times saved. Copy the reply below and send it.")
            return _meetings_card(found)
    page = conversation_page(owner=request.user, conversation=found, slot_form=form)
    return _conversation(request, page, status=400)


# /meetings/<id>/reschedule/
@login_required
@require_POST
def reschedule(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = scheduling_queries.get_meeting(request.user, meeting_id)
    form = RescheduleForm(request.POST, owner=request.user, prefix=f"move-{meeting.pk}")
    if form.is_valid():
        try:
            scheduling_services.reschedule(meeting=meeting, **form.cleaned_data)
        except invites.NotSent as error:
            messages.error(
                request, f"The meeting moved, but the update wasn't sent: {error_text(error)}"
            )
            return _meetings_card(meeting.conversation)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Meeting moved.")
            return _meetings_card(meeting.conversation)
    page = conversation_page(
        owner=request.user,
        conversation=meeting.conversation,
        reschedule=Reschedule(meeting.pk, form),
    )
    return _conversation(request, page, status=400)


# /people/
@login_required
def people(request: AuthedRequest) -> HttpResponse:
    """Everyone in the network, searched and filtered, a page at a time (never all of them)."""
    stage = request.GET.get("stage", "")
    connection = request.GET.get("connection", "")
    organization_id = _int_or_none(request.GET.get("organization"))
    filters = PeopleFilters(
        search=request.GET.get("q", "").strip()[:200],
        stage=stage if stage in Stage.values else "",
        tag=request.GET.get("tag", "").strip(),
        connection=connection if connection in Person.Connection.values else "",
        organization_id=organization_id,
        organization_name=" ".join(request.GET.get("organization_name", "").split())[:200],
    )
    found = network_queries.people_for(request.user, **filters)
    page = CappedPaginator(found, PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "stages": Stage.choices,
        "connections": Person.Connection.choices,
        "query_string": _without_page(request),
    }
    if request.htmx and request.htmx.target in (None, "results"):
        return render(request, "network/people.html#results", context)
    # Choosers, not <select>s of every organization and tag (method: never render the network).
    organization = (
        network_queries.organization_named_by_id(request.user, organization_id)
        if organization_id
        else None
    )
    context["organization_chooser"] = Combobox(
        "network:choose-organization", picks_row=True, placeholder="Any"
    ).render(
        "organization",
        (
            organization.pk if organization else "",
            organization.name if organization else filters["organization_name"],
        ),
        {"id": "id_organization"},
    )
    context["tag_chooser"] = Combobox("network:choose-tag", placeholder="Any").render(
        "tag", filters["tag"], {"id": "id_tag"}
    )
    return render(request, "network/people.html", context)


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _without_page(request: AuthedRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# /people/<id>/
@login_required
def person(request: AuthedRequest, person_id: int) -> HttpResponse:
    found = network_queries.get_person(request.user, person_id)
    return _person(request, person_page(owner=request.user, person=found))


# /people/<id>/introductions/
@login_required
@require_POST
def add_introduction(request: AuthedRequest, person_id: int) -> HttpResponse:
    found = network_queries.get_person(request.user, person_id)
    form = IntroductionForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            network_services.add_introduction(introducer=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Introduction recorded.")
            return redirect(found)
    page = person_page(owner=request.user, person=found, introduction_form=form)
    return _person(request, page, status=400)
