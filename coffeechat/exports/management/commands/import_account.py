from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.exports import services


class Command(BaseCommand):
    help = "Load an export zip into an existing, empty account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--user", required=True, help="the email address of the empty account to import into"
        )
        parser.add_argument("archive", type=Path, help="the export .zip")

    def handle(self, *args: Any, user: str, archive: Path, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=user).first()
        if owner is None:
            raise CommandError(f"No account with the email {user}: sign up first.")
        try:
            with archive.open("rb") as stream:
                result = services.import_account(owner=owner, archive=stream)
        except (OSError, ValidationError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError(" ".join(messages)) from None
        self.stdout.write(f"Imported into {owner.email}: {result.summary}.")
