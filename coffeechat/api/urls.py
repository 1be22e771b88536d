from django.urls import path

from coffeechat.api import views

app_name = "api"
urlpatterns = [
    path("settings/api-tokens/", views.tokens, name="tokens"),
    path("settings/api-tokens/<int:token_id>/revoke/", views.revoke, name="revoke"),
]
