"""Rebuild the full-text index from the rows (after a restore from a dump, or if in doubt)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from coffeechat.search import fulltext


class Command(BaseCommand):
    help = "Rebuild the full-text search index of people and organizations from their rows."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with transaction.atomic():
            fulltext.rebuild()
        self.stdout.write(f"Search index rebuilt in {time.monotonic() - started:.1f} s.")
