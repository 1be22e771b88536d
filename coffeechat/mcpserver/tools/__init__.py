"""What an AI assistant may do in coffeechat: one function per MCP tool, in a module per area
(network, agenda, writing, plans; what they share in common).

Each function takes the owner first and calls the same queries, forms and services as the
pages do (no rule of the method lives here): the tools only choose what to read, validate
input with the page's own form, and shape small, capped, JSON-ready answers. Another user's
id reads as "not found", exactly like a page's 404. server.py registers these functions as
tools, with the descriptions a model reads to choose one.
"""
