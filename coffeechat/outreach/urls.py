from django.urls import path

from coffeechat.outreach import views

app_name = "outreach"
urlpatterns = [
    # --- composer, templates, lint ---
    # /conversations/<id>/compose/
    path("conversations/<int:conversation_id>/compose/", views.compose, name="compose"),
    path("conversations/<int:conversation_id>/compose/lint/", views.check, name="lint"),
    path("conversations/<int:conversation_id>/compose/send/", views.send, name="send"),
    path(
        "conversations/<int:conversation_id>/compose/sent/",
        views.sent_elsewhere,
        name="sent-elsewhere",
    ),
    path("conversations/<int:conversation_id>/compose/rewrite/", views.rewrite, name="rewrite"),
    # /messages/<id>/retry/
    path("messages/<int:message_id>/retry/", views.retry, name="retry"),
    # /people/<id>/compose/
    path("people/<int:person_id>/compose/", views.compose_person, name="compose-person"),
    # /outreach/templates/
    path("outreach/templates/", views.templates, name="templates"),
    path("outreach/templates/new/", views.template_form, name="template-new"),
    path("outreach/templates/<int:template_id>/", views.template_form, name="template-edit"),
    path(
        "outreach/templates/<int:template_id>/delete/",
        views.template_delete,
        name="template-delete",
    ),
    # --- outreach settings (mail, LinkedIn, AI) ---
    path("settings/outreach/", views.settings_page, name="settings"),
    path("settings/outreach/test-smtp/", views.check_smtp, name="test-smtp"),
    path("settings/outreach/test-imap/", views.check_imap, name="test-imap"),
]
