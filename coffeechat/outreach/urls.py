from django.urls import path

from coffeechat.outreach import views

app_name = "outreach"
urlpatterns = [
    # --- composer, templates, lint ---
    # --- outreach settings (mail, LinkedIn, AI) ---
]
