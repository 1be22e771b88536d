from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from coffeechat.demo.services import load_demo


class Command(BaseCommand):
    help = (
        "Create the demo account (demo@coffeechat.test) with a lived-in network and "
        "conversations. Only runs on a database without users, unless --force."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even if other users exist; an existing demo account is rebuilt.",
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        outcome = load_demo(force=force)
        style = self.style.SUCCESS if outcome.loaded else self.style.NOTICE
        self.stdout.write(style(outcome.message))
