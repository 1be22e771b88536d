from django.urls import re_path

from coffeechat.mcpserver import views

app_name = "mcpserver"
urlpatterns = [
    # /mcp/ (and /mcp: MCP clients don't follow a redirect that turns a POST into a GET)
    re_path(r"^mcp/?$", views.endpoint, name="endpoint"),
]
