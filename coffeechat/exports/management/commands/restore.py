from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.exports import backup


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive into an empty install (it refuses one with "
        "accounts or media), then migrate. Stop the app first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the file `manage.py backup` wrote")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            result = backup.restore(archive)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the {result['database']} database of "
            f"{result['created_at']} and {result['media_restored']} media files."
        )
        self.stdout.write(str(result["key"]))
