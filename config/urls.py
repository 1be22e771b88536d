from django.contrib import admin
from django.urls import include, path

from coffeechat.accounts.admin_guard import secure_admin_site
from coffeechat.api.v1 import api
from coffeechat.pages.urls import joined

secure_admin_site()  # every sign-in goes through allauth: its second factor and rate limits

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include(joined("coffeechat.accounts.urls"))),
    # Pages put together from several apps (coffeechat/pages/) keep their app's route names.
    path("", include(joined("coffeechat.network.urls"))),
    path("", include(joined("coffeechat.conversations.urls"))),
    path("", include("coffeechat.prep.urls")),
    path("", include("coffeechat.cards.urls")),
    path("", include("coffeechat.outreach.urls")),
    path("", include(joined("coffeechat.scheduling.urls"))),
    path("", include("coffeechat.profile.urls")),
    path("", include("coffeechat.imports.urls")),
    path("", include("coffeechat.exports.urls")),
    path("", include("coffeechat.assessment.urls")),
    path("", include("coffeechat.targets.urls")),
    path("", include("coffeechat.occupations.urls")),
    path("", include("coffeechat.strategy.urls")),
    path("", include("coffeechat.insights.urls")),
    path("", include("coffeechat.resumes.urls")),
    path("", include("coffeechat.api.urls")),
    path("api/v1/", api.urls),  # the JSON API (django-ninja, namespace "api-v1")
    path("", include("coffeechat.mcpserver.urls")),
]

# allauth's "too many requests" page, saying how long to wait (docs/security.md A2).
handler429 = "coffeechat.accounts.throttle.too_many_requests"
