"""manage.py import_contacts FILE --user EMAIL [--type T] [--dry-run] [--uncertain CHOICE]
[--accept-profile]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from coffeechat.accounts.models import User
from coffeechat.imports import applying, parsers, queries, services
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.lib.forms import error_text
from coffeechat.profile import services as profile_services
from coffeechat.profile.models import Proposal

Status = ContactImport.Status


class Command(BaseCommand):
    # The system checks import every URLconf and view of the site: a second of start-up
    # that an import doesn't need (issue: 10,000 rows in under 3 s, start-up included).
    requires_system_checks: list[str] = []
    help = (
        "Import contacts from a LinkedIn export, Google/Outlook CSV, vCard or other CSV, "
        "with the same checks as the web preview."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="the account's email address")
        parser.add_argument(
            "--type",
            dest="kind",
            default="",
            choices=["", *ContactImport.Kind.values],
            help="the file type (detected when left out)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print what would happen and the rejected rows; write nothing",
        )
        parser.add_argument(
            "--uncertain",
            default=ImportRow.Decision.SEPARATE,
            choices=ImportRow.Decision.values,
            help="what to do with possible duplicates (default: separate)",
        )
        parser.add_argument(
            "--accept-profile",
            action="store_true",
            help="accept what the file says about you (positions, schools, "
            "skills; your name, school and link where you have none) "
            "instead of leaving it for you to review on /you/",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(email__iexact=options["user"]).first()
        if owner is None:
            raise CommandError(f"No account with the email {options['user']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        if path.stat().st_size > services.MAX_UPLOAD_BYTES:
            raise CommandError("The file is over 20 MB, the limit for one import.")
        data = path.read_bytes()
        try:
            if options["dry_run"]:
                self._dry_run(owner, data, options["kind"])
                return
            contact_import = self._run(owner, path.name, data, options)
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        if contact_import.status == Status.FAILED:
            raise CommandError(contact_import.error)

    def _dry_run(self, owner: User, data: bytes, kind: str) -> None:
        """The preview's counts and rejected rows, from the same checks; nothing is written
        (so nothing is locked either)."""
        report = services.check_file(owner=owner, data=data, kind=kind)
        kind = kind or parsers.detect(data)
        self.stdout.write(
            f"{ContactImport.Kind(kind).label}: {report.rows_total} rows: "
            f"{report.imported} new, {report.duplicates - report.uncertain} duplicates, "
            f"{report.uncertain} possible duplicates, {len(report.rejected)} rejected"
        )
        for line, reason in report.rejected:
            self.stdout.write(f"  line {line}: {reason}")
        if found := report.profile:
            counts = ", ".join(
                _count(len(found[key]), noun)
                for key, noun in (
                    ("positions", "position"),
                    ("education", "school"),
                    ("skills", "skill"),
                )
            )
            self.stdout.write(
                f"Your own profile in the file: {counts} (nothing is kept in a dry run)."
            )

    def _run(
        self, owner: User, filename: str, data: bytes, options: dict[str, Any]
    ) -> ContactImport:
        """As on the web: the analysis commits as it goes (no write lock held while the file
        is read), then the apply is one short transaction, all or nothing."""
        contact_import = services.receive_file(
            owner=owner, filename=filename, data=data, kind=options["kind"]
        )
        if contact_import.status == Status.MAPPING:
            # The command has no mapping screen: use the columns recognised by name.
            services.set_mapping(
                contact_import=contact_import,
                mapping=contact_import.mapping,
                connection=contact_import.connection,
            )
        contact_import = services.analyse(contact_import=contact_import)
        if contact_import.status == Status.FAILED:
            return contact_import
        contact_import.rows.filter(outcome=ImportRow.Outcome.UNCERTAIN).update(
            decision=options["uncertain"]
        )
        self._print_preview(contact_import)
        ContactImport.objects.filter(pk=contact_import.pk).update(status=Status.IMPORTING)
        contact_import = applying.run_import(contact_import=contact_import)
        if contact_import.status == Status.FAILED:
            return contact_import
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {contact_import.created_count} added, "
                f"{contact_import.merged_count} merged, {contact_import.skipped_count} skipped "
                f"(import #{contact_import.pk}; undo it on the Imports page)."
            )
        )
        self._report_profile(owner, contact_import, accept=options["accept_profile"])
        return contact_import

    def _report_profile(self, owner: User, contact_import: ContactImport, *, accept: bool) -> None:
        """What the file said about the owner: accepted now, or waiting on /you/."""
        waiting = list(queries.waiting_proposals_of(contact_import))
        if not waiting:
            if contact_import.profile:
                self.stdout.write("Your own profile in the file: nothing new for your profile.")
            return
        you = f"{settings.SITE_URL.rstrip('/')}{reverse('profile:you')}"
        if not accept:
            self.stdout.write(
                f"Found in your own LinkedIn profile ({len(waiting)}), waiting for "
                f"you to accept or ignore at {you} (or use --accept-profile):"
            )
            for proposal in waiting:
                self.stdout.write(f"  {proposal}")
            return
        result = profile_services.accept_all(owner=owner, ids=[p.pk for p in waiting])
        self.stdout.write(f"Your own LinkedIn profile: {len(result.accepted)} accepted.")
        for proposal in result.accepted:
            self.stdout.write(f"  accepted: {proposal}")
        for proposal in result.waiting:
            reason = (
                "a headline isn't a field; write yours on /you/"
                if proposal.kind == Proposal.Kind.HEADLINE
                else "you already have one"
            )
            self.stdout.write(f"  left for you at {you}: {proposal} ({reason})")
        for proposal, problem in result.refused:
            self.stdout.write(f"  not accepted: {proposal} ({problem})")

    def _print_preview(self, contact_import: ContactImport) -> None:
        self.stdout.write(
            f"{contact_import.get_kind_display()}: {contact_import.rows_total} rows: "
            f"{contact_import.new_count} new, {contact_import.duplicate_count} duplicates, "
            f"{contact_import.uncertain_count} possible duplicates, "
            f"{contact_import.rejected_count} rejected"
        )
        for row in contact_import.rows.filter(outcome=ImportRow.Outcome.REJECTED):
            self.stdout.write(f"  line {row.line}: {row.reason}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
