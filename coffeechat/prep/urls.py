from django.urls import path

from coffeechat.prep import views

app_name = "prep"
urlpatterns = [
    # /conversations/<id>/...: before, during and after the conversation
    # /conversations/<id>/prepare/, /live/ and /after/ are drawn from several apps: pages/urls.py
    path(
        "conversations/<int:conversation_id>/prepare/suggested/",
        views.add_suggested,
        name="add-suggested",
    ),
    path("conversations/<int:conversation_id>/prepare/brief.pdf", views.brief_pdf, name="pdf"),
    path("conversations/<int:conversation_id>/prepare/card/", views.card, name="card"),
    path("conversations/<int:conversation_id>/held/", views.held, name="held"),
    # /questions/<id>/ and /captures/<id>/
    path("questions/<int:question_id>/", views.question, name="question"),
    path("questions/<int:question_id>/move/", views.move_question, name="move-question"),
    path("questions/<int:question_id>/delete/", views.delete_question, name="delete-question"),
    path("captures/<int:capture_id>/delete/", views.delete_capture, name="delete-capture"),
    # /people/<id>/: keeping in touch
    path("people/<int:person_id>/keep-in-touch/", views.keep_in_touch, name="keep-in-touch"),
    path("people/<int:person_id>/touches/", views.log_touch, name="log-touch"),
    path("going-cold/", views.going_cold, name="going-cold"),
]
