from django.apps import AppConfig


class McpServerConfig(AppConfig):
    name = "coffeechat.mcpserver"
    label = "mcpserver"
    verbose_name = "MCP server (tools for AI assistants)"
