from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.api import services
from coffeechat.api.models import Scope


class Command(BaseCommand):
    help = (
        "Create a personal access token for the JSON API and print it (once: only its "
        "fingerprint is stored)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument("--scope", required=True, choices=Scope.values)
        parser.add_argument("--name", default="Command line", help="what the token is for")
        parser.add_argument(
            "--expires-days",
            type=int,
            default=None,
            help="days until it stops working (default: never)",
        )

    def handle(
        self, *args: Any, user: str, scope: str, name: str, expires_days: int | None, **options: Any
    ) -> None:
        owner = User.objects.filter(email__iexact=user).first()
        if owner is None:
            raise CommandError(f"No account with the email {user}.")
        try:
            new = services.create_token(
                owner=owner, name=name, scope=scope, expires_days=expires_days
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(
            f"Token “{new.token.name}” ({scope}) for {owner.email}; it is shown only this once:"
        )
        self.stdout.write(new.secret)
