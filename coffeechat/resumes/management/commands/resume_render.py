"""manage.py resume_render --user EMAIL --resume NAME --format pdf|docx|json|md|txt
[--template classic|modern|compact] [--paper a4|letter] OUT"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.lib.forms import error_text
from coffeechat.resumes import downloads
from coffeechat.resumes.models import Resume, Template


class Command(BaseCommand):
    help = (
        "Write a resume as PDF, Word, JSON Resume, Markdown or plain text. A PDF longer "
        "than the resume's page limit is reported (and the command exits 2)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="the file to write ('-' for standard output)")
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument("--resume", required=True, help="the resume's name")
        parser.add_argument("--format", required=True, choices=downloads.FORMATS)
        parser.add_argument("--template", default="", choices=["", *Template.values])
        parser.add_argument(
            "--paper",
            default="",
            choices=["", "a4", "letter"],
            help="default: the resume's setting, else the user's country",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=options["user"]).first()
        if owner is None:
            raise CommandError(f"No account with the email {options['user']}.")
        resume = Resume.objects.filter(owner=owner, name__iexact=options["resume"]).first()
        if resume is None:
            names = ", ".join(Resume.objects.filter(owner=owner).values_list("name", flat=True))
            raise CommandError(
                f"{owner.email} has no resume named “{options['resume']}”"
                + (f" (they have: {names})." if names else ".")
            )
        try:
            made = downloads.make(
                resume,
                format=options["format"],
                user=owner,
                template=options["template"],
                paper=options["paper"],
            )
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        out: Path = options["out"]
        if str(out) == "-":
            self.stdout.buffer.write(made.content)  # type: ignore[attr-defined]
        else:
            out.write_bytes(made.content)
            length = f", {made.pages} page{'' if made.pages == 1 else 's'}" if made.pages else ""
            self.stdout.write(f"Wrote {out} ({len(made.content):,} bytes{length}).")
        for warning in made.warnings:
            self.stderr.write(f"Warning: {warning}")
        if made.overflow:
            self.stdout.write(
                f"Overflow: the PDF runs to {made.pages} pages; the limit for “{resume.name}” "
                f"is {made.max_pages}. Hide or shorten entries, try --template compact, or "
                "allow two pages in the resume's settings."
            )
            raise SystemExit(2)
