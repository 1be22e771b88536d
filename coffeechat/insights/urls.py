from django.urls import path

from coffeechat.insights import views

app_name = "insights"
urlpatterns = [
    # /insights/: your progress, in charts
    path("insights/", views.progress, name="progress"),
]
