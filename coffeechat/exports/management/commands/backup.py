from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coffeechat.exports import backup


class Command(BaseCommand):
    help = (
        "Back up the whole install to one file: the database (SQLite online backup or "
        "pg_dump), media files and the secret key (docs/operations.md, Backups)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="the archive to write (a new file)")
        parser.add_argument(
            "--without-key",
            action="store_true",
            help="leave the secret key out (keep it elsewhere: without it the "
            "stored mail and AI passwords can't be read)",
        )

    def handle(self, *args: Any, out: Path, without_key: bool, **options: Any) -> None:
        try:
            manifest = backup.backup(out, with_key=not without_key)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        key = "with the secret key" if manifest["includes_key"] else "without the secret key"
        self.stdout.write(
            f"Backed up the {manifest['database']} database and "
            f"{manifest['media_files']} media files, {key}, to {out} "
            f"({out.stat().st_size} bytes, readable only by you)."
        )
