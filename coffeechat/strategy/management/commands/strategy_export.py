from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.strategy import export


class Command(BaseCommand):
    help = (
        "Write one account's career strategy (the current version, with its evidence, "
        "focus options, next actions and themes) as PDF or Markdown."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument(
            "--format",
            required=True,
            choices=["pdf", "md"],
            dest="fmt",
            help="pdf or md (Markdown)",
        )
        parser.add_argument(
            "out", type=Path, help="the file to write ('-' for standard output, Markdown only)"
        )

    def handle(self, *args: Any, user: str, fmt: str, out: Path, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=user).first()
        if owner is None:
            raise CommandError(f"No account with the email {user}.")
        if fmt == "md":
            text = export.as_markdown(owner)
            if str(out) == "-":
                self.stdout.write(text, ending="")
                return
            out.write_text(text, encoding="utf-8")
        else:
            if str(out) == "-":
                raise CommandError("Write the PDF to a file, not to standard output.")
            out.write_bytes(export.as_pdf(owner))
        self.stdout.write(f"Wrote {owner.email}'s strategy to {out} ({out.stat().st_size} bytes).")
