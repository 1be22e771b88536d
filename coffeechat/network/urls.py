from django.urls import path

from coffeechat.network import views

app_name = "network"
urlpatterns = [
    # /people/  (the list and a person's page are drawn from several apps: pages/urls.py)
    path("people/new/", views.person_new, name="person-new"),
    path("people/quick-add/", views.quick_add, name="quick-add"),
    # Choosers' matches as you type (components/combobox.html).
    path("people/choose/", views.choose_person, name="choose-person"),
    path("organizations/choose/", views.choose_organization, name="choose-organization"),
    path("tags/choose/", views.choose_tag, name="choose-tag"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person-edit"),
    # /organizations/
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/new/", views.organization_new, name="organization-new"),
    path(
        "organizations/<int:organization_id>/edit/",
        views.organization_edit,
        name="organization-edit",
    ),
]
