from django.urls import path

from coffeechat.cards import pwa, views

app_name = "cards"
urlpatterns = [
    # /sw.js (the service worker; at the root so it may control the capture page)
    path("sw.js", pwa.service_worker, name="service-worker"),
    # /cards/
    path("cards/", views.capture, name="capture"),
    path("cards/review/", views.queue, name="queue"),
    path("cards/<int:card_id>/", views.card, name="card"),
    path("cards/<int:card_id>/skip/", views.skip, name="skip"),
    path("cards/<int:card_id>/image/", views.image, name="image"),
]
