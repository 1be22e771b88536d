from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from coffeechat.lib import combobox
from coffeechat.lib.forms import add_errors
from coffeechat.lib.http import AuthedRequest
from coffeechat.network import queries, services
from coffeechat.network.forms import (
    OrganizationForm,
    PersonForm,
    QuickAddForm,
)

PAGE_SIZE = 50


# /people/choose/?q=  /organizations/choose/?q=  /tags/choose/?q=
@login_required
def choose_person(request: AuthedRequest) -> HttpResponse:
    query = combobox.query_of(request)
    return combobox.options_response(
        request, queries.people_to_choose(request.user, query), query=query
    )


@login_required
def choose_organization(request: AuthedRequest) -> HttpResponse:
    query = combobox.query_of(request)
    # ?pick=1: the chooser picks the row (the people list's filter), else it fills in a name.
    options = queries.organizations_to_choose(
        request.user, query, by_id=request.GET.get("pick") == "1"
    )
    return combobox.options_response(request, options, query=query)


@login_required
def choose_tag(request: AuthedRequest) -> HttpResponse:
    query = combobox.query_of(request)
    return combobox.options_response(
        request, queries.tags_to_choose(request.user, query), query=query
    )


# /people/new/
@login_required
def person_new(request: AuthedRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.add_person(owner=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Added {person} to your network.")
            return redirect(person)
    return render(request, "network/person_form.html", {"form": form})


# /people/quick-add/
@login_required
@require_POST
def quick_add(request: AuthedRequest) -> HttpResponse:
    form = QuickAddForm(request.POST)
    if form.is_valid():
        try:
            person = services.quick_add(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Added {person}. Start a conversation when you're ready.")
            return redirect(person)
    return render(request, "network/quick_add.html", {"form": form}, status=400)


# /people/<id>/edit/
@login_required
def person_edit(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = queries.get_person(request.user, person_id)
    # Bind to a copy: validating and saving write the posted values onto the instance, and a
    # failed save must not show them in the page heading as if they were saved.
    form = PersonForm(request.POST or None, instance=copy.copy(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(person=form.instance, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(person)
    return render(request, "network/person_form.html", {"form": form, "person": person})


# /organizations/
@login_required
def organizations(request: AuthedRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    page = Paginator(queries.organizations_for(request.user, search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/organizations.html",
        {
            "page": page,
            "search": search,
            "query_string": urlencode({"q": search}) if search else "",
        },
    )


# /organizations/new/
@login_required
def organization_new(request: AuthedRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.add_organization(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Added {organization}.")
            return redirect(organization)
    return render(request, "network/organization_form.html", {"form": form})


# /organizations/<id>/edit/
@login_required
def organization_edit(request: AuthedRequest, organization_id: int) -> HttpResponse:
    organization = queries.get_organization(request.user, organization_id)
    form = OrganizationForm(request.POST or None, instance=copy.copy(organization))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization(organization=form.instance, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(organization)
    return render(
        request, "network/organization_form.html", {"form": form, "organization": organization}
    )
