from django.urls import path

from coffeechat.scheduling import views

app_name = "scheduling"
urlpatterns = [
    # /slots/<id>/  (offering times and rescheduling draw the conversation page: pages/urls.py)
    path("slots/<int:proposal_id>/confirm/", views.confirm, name="confirm"),
    # /meetings/<id>/...
    path("meetings/<int:meeting_id>.ics", views.meeting_ics, name="meeting-ics"),
    path("meetings/<int:meeting_id>/invite/", views.send_invite, name="send-invite"),
    path("meetings/<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("meetings/<int:meeting_id>/answer/", views.upload_answer, name="upload-answer"),
    # /settings/calendar-feed/ (the signed-in user's own feed address)
    path("settings/calendar-feed/", views.regenerate_feed, name="regenerate-feed"),
    path("settings/calendar-feed/off/", views.turn_off_feed, name="turn-off-feed"),
    # /calendar/<token>.ics: read by calendar apps without signing in
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
