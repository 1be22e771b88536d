from django.urls import path

from coffeechat.targets import views

app_name = "targets"
urlpatterns = [
    # /targets/: the list, rating it, adding to it
    path("targets/", views.targets, name="targets"),
    path("targets/ratings/", views.ratings, name="ratings"),
    path("targets/add/", views.add, name="add"),
    path("targets/add/paste/", views.paste_names, name="paste"),
    path("targets/add/network/", views.pick, name="pick"),
    # /targets/<id>/
    path("targets/<int:target_id>/", views.target, name="target"),
    path("targets/<int:target_id>/status/", views.status, name="status"),
    path("targets/<int:target_id>/ask/", views.ask, name="ask"),
    path("targets/<int:target_id>/remove/", views.remove, name="remove"),
    # /organizations/<id>/target/: put an organization on the list from its page
    path(
        "organizations/<int:organization_id>/target/",
        views.add_organization,
        name="add-organization",
    ),
]
