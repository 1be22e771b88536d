from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.exports import services


class Command(BaseCommand):
    help = "Write one account's full export (the same zip as Settings -> Your data) to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument("out", type=Path, help="the .zip to write")

    def handle(self, *args: Any, user: str, out: Path, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=user).first()
        if owner is None:
            raise CommandError(f"No account with the email {user}.")
        with out.open("wb") as stream:
            services.write_account_zip(owner=owner, out=stream)
        self.stdout.write(f"Exported {owner.email} to {out} ({out.stat().st_size} bytes).")
