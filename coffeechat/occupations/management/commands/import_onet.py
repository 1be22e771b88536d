"""manage.py import_onet PATH: load the O*NET database text release (zip or folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.occupations import services
from coffeechat.occupations.onet import OnetProblem


class Command(BaseCommand):
    help = (
        "Load the O*NET database text release (db_30_x_text.zip as published, or its "
        "folder). All or nothing; a new import replaces the data loaded before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="db_30_x_text.zip or its unpacked folder")
        parser.add_argument(
            "--release",
            default="",
            help="the release number (30.1) when the file names don't say it",
        )
        parser.add_argument(
            "--encoding", default="utf-8", help="the files' text encoding (O*NET publishes UTF-8)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            release, lines = services.import_release(
                path=options["path"], version=options["release"], encoding=options["encoding"]
            )
        except (OnetProblem, LookupError) as problem:
            raise CommandError(f"Nothing was imported: {problem}") from None
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Loaded O*NET {release.version} from {release.source}.")
        )
