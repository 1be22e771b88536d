from django.urls import path

from coffeechat.resumes import critique_views, editor_views, views

app_name = "resumes"

_ENTRY = "resumes/<int:resume_id>/sections/<slug:section>/<int:index>/"
_BULLET = _ENTRY + "bullets/<int:bullet>/"

urlpatterns = [
    # /resumes/: the list, a new one (from the profile or empty), an import
    path("resumes/", views.resume_list, name="list"),
    path("resumes/new/", views.new, name="new"),
    path("resumes/import/", views.import_resume, name="import"),
    # /resumes/<id>/: one resume, its settings, downloads, tailoring
    path("resumes/<int:resume_id>/", views.resume, name="resume"),
    path("resumes/<int:resume_id>/settings/", views.settings, name="settings"),
    path("resumes/<int:resume_id>/tailor/", views.tailor, name="tailor"),
    path("resumes/<int:resume_id>/delete/", views.delete, name="delete"),
    path("resumes/<int:resume_id>/download/<slug:format>/", views.download, name="download"),
    path("resumes/<int:resume_id>/check/", views.check, name="check"),
    # /resumes/<id>/edit/ and what its forms post to
    path("resumes/<int:resume_id>/edit/", editor_views.edit, name="edit"),
    path("resumes/<int:resume_id>/basics/", editor_views.basics, name="basics"),
    path("resumes/<int:resume_id>/lint/", editor_views.lint_view, name="lint"),
    path(
        "resumes/<int:resume_id>/sections/<slug:section>/", editor_views.add_entry, name="add-entry"
    ),
    path(_ENTRY, editor_views.entry, name="entry"),
    path(_ENTRY + "move/", editor_views.move_entry, name="move-entry"),
    path(_ENTRY + "hide/", editor_views.hide_entry, name="hide-entry"),
    path(_ENTRY + "delete/", editor_views.delete_entry, name="delete-entry"),
    path(_ENTRY + "bullets/", editor_views.add_bullet, name="add-bullet"),
    path(_BULLET, editor_views.bullet, name="bullet"),
    path(_BULLET + "move/", editor_views.move_bullet, name="move-bullet"),
    path(_BULLET + "hide/", editor_views.hide_bullet, name="hide-bullet"),
    path(_BULLET + "delete/", editor_views.delete_bullet, name="delete-bullet"),
    # /resumes/<id>/versions/ and /resumes/versions/<id>/: history, compare, restore
    path("resumes/<int:resume_id>/versions/", views.versions, name="versions"),
    path("resumes/<int:resume_id>/compare/", views.compare_view, name="compare"),
    path("resumes/versions/<int:version_id>/", views.version, name="version"),
    path("resumes/versions/<int:version_id>/restore/", views.restore, name="restore"),
    # /resumes/suggestions/<id>/: the critique loop
    path(
        "resumes/suggestions/<int:suggestion_id>/address/", critique_views.address, name="address"
    ),
    path(
        "resumes/suggestions/<int:suggestion_id>/decline/", critique_views.decline, name="decline"
    ),
    path("resumes/suggestions/<int:suggestion_id>/reopen/", critique_views.reopen, name="reopen"),
    # /conversations/<id>/resume/: the version to bring, handed over, their suggestions
    path("conversations/<int:conversation_id>/resume/", critique_views.handout, name="handout"),
    path(
        "conversations/<int:conversation_id>/resume/handed-over/",
        critique_views.handed_over,
        name="handed-over",
    ),
    path(
        "conversations/<int:conversation_id>/resume/suggestions/",
        critique_views.add_suggestions,
        name="add-suggestions",
    ),
]
