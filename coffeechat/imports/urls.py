from django.urls import path

from coffeechat.imports import views

app_name = "imports"
urlpatterns = [
    # /imports/
    path("imports/", views.imports, name="imports"),
    path("imports/new/", views.new, name="new"),
    path("imports/<int:import_id>/", views.detail, name="import"),
    path("imports/<int:import_id>/columns/", views.mapping, name="mapping"),
    path("imports/<int:import_id>/matches/", views.matches, name="matches"),
    path("imports/<int:import_id>/apply/", views.confirm, name="apply"),
    path("imports/<int:import_id>/undo/", views.undo, name="undo"),
    path("imports/<int:import_id>/discard/", views.discard, name="discard"),
    path("imports/<int:import_id>/retry/", views.retry, name="retry"),
]
