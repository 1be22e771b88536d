from django.urls import path

from coffeechat.conversations import views

app_name = "conversations"
urlpatterns = [
    # / and /today/, and the reminders' buttons that redraw Today: pages/urls.py
    path("today/bulk/", views.bulk_reminders, name="bulk-reminders"),
    path("today/all/", views.today_section, name="today-section"),  # ?section=overdue
    path("pipeline/", views.pipeline, name="pipeline"),
    # /people/<id>/...
    path("people/<int:person_id>/conversations/", views.start, name="start"),
    path("people/<int:person_id>/notes/", views.add_person_note, name="add-person-note"),
    # /conversations/<id>/  (the page and the forms that redraw it: pages/urls.py)
    path("conversations/<int:conversation_id>/stage/", views.move, name="move"),
    path("conversations/<int:conversation_id>/follow-up/", views.follow_up, name="follow-up"),
]
