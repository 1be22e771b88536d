"""Time a large LinkedIn import through the same services the background tasks call.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python scripts/bench_import.py [ROWS]

Creates a throwaway user in the configured database, imports ROWS synthetic connections
(default 30,000), prints how long each phase took, undoes the import and deletes the user.
While the import is applied, a second process (another user) adds a tag every 50 ms and
reports how long its writes waited for the write lock (none failed is the point: they wait
inside the busy timeout). Not a test: timings depend on the machine, so nothing asserts them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from coffeechat.accounts.models import User  # noqa: E402
from coffeechat.imports import applying, services, undoing  # noqa: E402
from coffeechat.imports.tests.bigfile import linkedin_csv  # noqa: E402


def timed(label: str, function, **kwargs):
    started, cpu, server = time.perf_counter(), time.process_time(), backend_cpu()
    result = function(**kwargs)
    print(
        f"{label:<10} {time.perf_counter() - started:7.2f} s wall "
        f"{time.process_time() - cpu:7.2f} s CPU"
        + (f" + {backend_cpu() - server:5.2f} s of the database server's" if server else "")
    )
    return result


def backend_cpu() -> float:
    """PostgreSQL on this machine: the CPU seconds of our connection's server process so far
    (its work is not in our own CPU time). 0 on SQLite, which works inside our process."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a server on another machine
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(rows: int) -> None:
    call_command("migrate", verbosity=0, skip_checks=True)
    owner = User.objects.create_user(f"bench-{time.time_ns()}@example.test", None)
    other = User.objects.create_user(f"other-{time.time_ns()}@example.test", None)
    raw = linkedin_csv(rows)
    applying.APPLY_INLINE_ROWS = rows  # measure the work itself, not the queue
    print(f"{rows:,} rows, {len(raw) / 2**20:.1f} MB")
    try:
        contact_import = timed(
            "receive", services.receive_file, owner=owner, filename="Connections.csv", data=raw
        )
        contact_import = timed("analyse", services.analyse, contact_import=contact_import)
        with another_user_writing(other):
            contact_import = timed("apply", applying.start_import, contact_import=contact_import)
        print(
            f"created {contact_import.created_count:,}, rejected {contact_import.rejected_count:,}"
        )
        timed("undo", undoing.undo, contact_import=contact_import)
    finally:
        owner.delete()
        other.delete()


class another_user_writing:
    """A second process adding a tag for `user` every 50 ms until the block ends."""

    def __init__(self, user: User) -> None:
        self.stop = Path(tempfile.mkdtemp()) / "stop"
        self.user = user

    def __enter__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--writer", str(self.stop), str(self.user.pk)]
        )
        while not self.stop.with_name("ready").exists():  # its Django start-up first
            time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        self.stop.touch()
        self.process.wait()


def writer(stop: Path, user_id: int) -> None:
    from coffeechat.network.models import Tag

    waits, failed = [], 0
    Tag.objects.filter(owner_id=user_id).exists()  # connected, models loaded: ready
    stop.with_name("ready").touch()
    while not stop.exists():
        started = time.perf_counter()
        try:
            Tag.objects.create(owner_id=user_id, name=f"tag {time.time_ns()}")
        except Exception as error:
            failed += 1
            print(f"writer: {error}")
        waits.append(time.perf_counter() - started)
        time.sleep(0.05)
    waits.sort()
    print(
        f"writer     {len(waits)} writes meanwhile, {failed} failed; "
        f"wait p50 {waits[len(waits) // 2] * 1000:.0f} ms, max {waits[-1]:.2f} s"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--writer"]:
        writer(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
