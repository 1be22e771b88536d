from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from coffeechat.scheduler.jobs import run_due_jobs


class Command(BaseCommand):
    help = "Send due reminder digests (and other time-based jobs) until stopped."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Drain what is due now, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=15.0,
            help="Seconds to sleep when nothing is due (default 15).",
        )

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        while True:
            if run_due_jobs():
                continue
            if once:
                return
            time.sleep(interval)
