from django.urls import path

from coffeechat.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.home, name="home"),
    path("today/", views.today, name="today"),
    path("today/bulk/", views.bulk_reminders, name="bulk-reminders"),
    path("today/all/", views.today_section, name="today-section"),  # ?section=overdue
    path("pipeline/", views.pipeline, name="pipeline"),
    # /people/<id>/...
    path("people/<int:person_id>/conversations/", views.start, name="start"),
    path("people/<int:person_id>/notes/", views.add_person_note, name="add-person-note"),
    # /conversations/<id>/  (the page and the forms that redraw it: pages/urls.py)
    path("conversations/<int:conversation_id>/stage/", views.move, name="move"),
    path("conversations/<int:conversation_id>/follow-up/", views.follow_up, name="follow-up"),
    # /reminders/<id>/
    path(
        "reminders/<int:reminder_id>/done/",
        views.resolve_reminder,
        {"action": "done"},
        name="reminder-done",
    ),
    path(
        "reminders/<int:reminder_id>/dismiss/",
        views.resolve_reminder,
        {"action": "dismiss"},
        name="reminder-dismiss",
    ),
]
