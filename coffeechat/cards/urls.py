from django.urls import path

from coffeechat.cards import views

app_name = "cards"
urlpatterns = [
    # /cards/
    path("cards/", views.capture, name="capture"),
    path("cards/review/", views.queue, name="queue"),
    path("cards/<int:card_id>/", views.card, name="card"),
    path("cards/<int:card_id>/skip/", views.skip, name="skip"),
    path("cards/<int:card_id>/image/", views.image, name="image"),
]
