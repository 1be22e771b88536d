"""manage.py mcp --user EMAIL [--read-only]: the MCP server over stdio, acting as one user.

An MCP client (Claude Desktop, an IDE...) starts this command and talks JSON-RPC over its
stdin and stdout; stdout carries nothing else. Whoever can run manage.py can read the database
anyway, so this needs no token: --user names the account, --read-only refuses every write.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.mcpserver.server import Caller, acting_as, server


class Command(BaseCommand):
    help = "Run the MCP server (tools for AI assistants) over stdio, acting as one user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument(
            "--read-only",
            action="store_true",
            help="refuse the tools that change data (notes, drafts, stages...)",
        )

    def handle(self, *args: Any, user: str, read_only: bool, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=user, is_active=True).first()
        if owner is None:
            raise CommandError(f"No active account with the email {user}.")
        with acting_as(Caller(user=owner, can_write=not read_only, long_lived=True)):
            async_to_sync(server().run_stdio_async)()
