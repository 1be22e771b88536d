"""manage.py targets_add --user EMAIL --file NAMES.txt [--source S] [--near new|best] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.accounts.models import User
from coffeechat.lib.forms import error_text
from coffeechat.targets import paste, services
from coffeechat.targets.models import Target


class Command(BaseCommand):
    help = (
        "Add employers to a user's target list from a file of names, one per line, with "
        "the same checks as pasting them on the Targets page (all or nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument(
            "--file", required=True, type=Path, help="UTF-8 text, one employer name per line"
        )
        parser.add_argument(
            "--source",
            default=Target.Source.OTHER,
            choices=Target.Source.values,
            help="where these employers came from",
        )
        parser.add_argument(
            "--near",
            default="",
            choices=["", "new", "best"],
            help="names close to an organization you have: 'new' creates them, "
            "'best' takes the closest one; by default the command stops "
            "and lists them",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print what would happen to each line; write nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=options["user"]).first()
        if owner is None:
            raise CommandError(f"No account with the email {options['user']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        if path.stat().st_size > paste.MAX_CHARS * 4:
            raise CommandError(f"{path} is too big: at most {paste.MAX_NAMES} names at a time.")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        plan = paste.plan_paste(owner, text)
        if plan.refused:
            raise CommandError(plan.refused)
        choices = self._choices(plan, options["near"])
        if options["dry_run"] or (plan.of_kind(paste.Kind.NEAR) and not options["near"]):
            self._print_plan(plan)
            if not options["dry_run"]:
                raise CommandError(
                    "Some names are close to organizations you have: run again "
                    "with --near new or --near best, or fix the file."
                )
            return
        try:
            outcomes = services.add_from_paste(
                owner=owner, text=text, source=options["source"], choices=choices
            )
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        for outcome in outcomes:
            self.stdout.write(f"line {outcome.number}: {outcome.result}")
        added = sum(o.added for o in outcomes)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {added} employers; the list has "
                f"{Target.objects.filter(owner=owner).count()}."
            )
        )

    @staticmethod
    def _choices(plan: paste.PastePlan, near: str) -> dict[int, str]:
        if not near:
            return {}
        return {
            line.number: "new" if near == "new" else str(line.near[0].organization_id)
            for line in plan.of_kind(paste.Kind.NEAR)
        }

    def _print_plan(self, plan: paste.PastePlan) -> None:
        for line in plan.lines:
            if line.kind == paste.Kind.NEAR:
                offered = ", ".join(f"{m.name} ({m.score}%)" for m in line.near)
                said = f"close to {offered}"
            elif line.match is not None:
                said = f"{line.kind}: {line.match.name}"
            else:
                said = line.kind
            note = f" ({line.note})" if line.note else ""
            self.stdout.write(f"line {line.number}: {line.name}: {said}{note}")
