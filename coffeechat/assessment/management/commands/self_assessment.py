from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.assessment import inventory, queries, services
from coffeechat.lib.forms import error_text


class Command(BaseCommand):
    help = (
        "Show one account's self-assessment (latest interest code and scores, ranked values, "
        "talents), list the inventory's items, or record a completed inventory from a file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="the account's email address")
        parser.add_argument(
            "--items",
            action="store_true",
            help="print the inventory's items (key, type, text) and stop",
        )
        parser.add_argument(
            "--take",
            type=Path,
            metavar="ANSWERS.json",
            help='answers to every item, {"r1": 0-4, ...}: scored and kept as the latest result',
        )

    def handle(
        self, *args: Any, user: str | None, items: bool, take: Path | None, **options: Any
    ) -> None:
        if items:
            for item in inventory.ITEMS:
                self.stdout.write(f"{item.key}\t{item.kind}\t{item.text}")
            return
        if not user:
            raise CommandError("Name the account with --user EMAIL.")
        owner = User.objects.filter(email__iexact=user).first()
        if owner is None:
            raise CommandError(f"No account with the email {user}.")
        if take:
            self._take(owner, take)
        self._show(owner)

    def _take(self, owner: User, path: Path) -> None:
        try:
            answers = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(answers, dict):
                raise ValueError("expected an object of item keys to answers")
            services.take_inventory(owner=owner, answers=answers)
        except services.IncompleteInventory as error:
            keys = ", ".join(item.key for item in error.missing)
            raise CommandError(f"{error.messages[0]} Missing: {keys}.") from None
        except (OSError, ValueError, ValidationError) as error:
            message = error_text(error) if isinstance(error, ValidationError) else error
            raise CommandError(f"Nothing recorded: {message}") from None

    def _show(self, owner: User) -> None:
        latest = queries.latest_result(owner)
        if latest is None:
            self.stdout.write("Interests: no inventory completed yet.")
        else:
            result = queries.result_of(latest)
            scores = ", ".join(f"{row.kind.letter} {row.score}" for row in result.rows)
            self.stdout.write(
                f"Interests: {result.code} ({scores}; out of "
                f"{result.rows[0].maximum}), {latest.completed_at:%Y-%m-%d}"
            )
            for tie in result.ties:
                self.stdout.write(f"  {tie.sentence()}")
        chosen = [value.label for value in queries.values_of(owner)]
        self.stdout.write(f"Values: {', '.join(chosen) if chosen else 'none chosen yet'}")
        talents = [talent.text for talent in queries.talents_of(owner)]
        self.stdout.write(f"Talents: {'; '.join(talents) if talents else 'none yet'}")
