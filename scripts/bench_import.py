"""Time a large LinkedIn import through the same services the background tasks call.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python scripts/bench_import.py [ROWS]

Creates a throwaway user in the configured database, imports ROWS synthetic connections
(default 30,000), prints how long each phase took, undoes the import and deletes the user.
Not a test: timings depend on the machine, so nothing asserts them.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from coffeechat.accounts.models import User  # noqa: E402
from coffeechat.imports import services  # noqa: E402
from coffeechat.imports.tests.bigfile import linkedin_csv  # noqa: E402


def timed(label: str, function, **kwargs):
    started, cpu = time.perf_counter(), time.process_time()
    result = function(**kwargs)
    print(
        f"{label:<10} {time.perf_counter() - started:7.2f} s wall "
        f"{time.process_time() - cpu:7.2f} s CPU"
    )
    return result


def main(rows: int) -> None:
    call_command("migrate", verbosity=0, skip_checks=True)
    owner = User.objects.create_user(f"bench-{time.time_ns()}@example.test", None)
    raw = linkedin_csv(rows)
    services.APPLY_INLINE_ROWS = rows  # measure the work itself, not the queue
    print(f"{rows:,} rows, {len(raw) / 2**20:.1f} MB")
    try:
        contact_import = timed(
            "receive", services.receive_file, owner=owner, filename="Connections.csv", data=raw
        )
        contact_import = timed("analyse", services.analyse, contact_import=contact_import)
        contact_import = timed("apply", services.start_import, contact_import=contact_import)
        print(
            f"created {contact_import.created_count:,}, rejected {contact_import.rejected_count:,}"
        )
        timed("undo", services.undo, contact_import=contact_import)
    finally:
        owner.delete()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
