"""manage.py resume_import FILE --user EMAIL [--name NAME]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.lib.forms import error_text
from coffeechat.resumes import document as doc
from coffeechat.resumes import services


class Command(BaseCommand):
    help = (
        "Import a JSON Resume file (schema 1.x) as a new resume, with the same checks as "
        "the web import: an invalid file is refused with every problem, nothing saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument(
            "--name", default="", help="the resume's name (default: from the name in the file)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=options["user"]).first()
        if owner is None:
            raise CommandError(f"No account with the email {options['user']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        if path.stat().st_size > doc.MAX_BYTES:
            raise CommandError(f"{path} is over 1 MB; a resume is a few kilobytes.")
        try:
            resume = services.import_resume(
                owner=owner, raw=path.read_bytes(), name=options["name"], filename=path.name
            )
        except doc.InvalidResume as error:
            for problem in error.problems:
                self.stderr.write(f"{problem.pointer or '/'}: {problem.message}")
            raise CommandError(
                f"Not imported: {len(error.problems)} problem"
                f"{'' if len(error.problems) == 1 else 's'}; nothing was "
                "saved."
            ) from None
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        self.stdout.write(f"Imported “{resume.name}” (id {resume.pk}) for {owner.email}.")
