"""Time `manage.py import_contacts` as a person runs it, start-up included, against the
`manage.py check` yardstick in the same run, with the machine's load average beside each.

    .venv/bin/python scripts/bench_imports.py [--rows 10000 30000] [--pgdata DIR]

Uses the configured database (DATABASE_URL, or SQLite in COFFEECHAT_DATA_DIR): migrates it,
creates a user per file, writes the files with scripts/make_linkedin_csv.py and imports each
into an empty network. For each command: its CPU (user + sys) and wall time, and the seconds
the apply held its transaction open (the "held for" line it logs). With --pgdata (the
PostgreSQL cluster's data directory, as scripts/bench_pg.sh passes it), also the CPU the
database server spent meanwhile (exited backends are counted through the postmaster's
children), which the command's own CPU doesn't include. Then scripts/bench_import.py for the
phases in-process and undo. Not a test: nothing asserts timings.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(pgdata: Path | None) -> float:
    """CPU seconds of the PostgreSQL cluster so far: the postmaster, its reaped children and
    its live ones."""
    if pgdata is None:
        return 0.0
    postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
    total = _cpu(postmaster, children=True)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if parent == postmaster:
            total += _cpu(int(stat.parent.name), children=False)
    return total


def _cpu(pid: int, *, children: bool) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):  # exited: counted in its parent's children
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICK


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def timed(args: list[str], pgdata: Path | None) -> dict[str, object]:
    """Run a command; its CPU, wall, the server's CPU meanwhile and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server, started, load_before = server_cpu(pgdata), time.perf_counter(), load()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    time.sleep(0.2)  # the backend exits after the client: let the postmaster reap it
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "wall": wall,
        "server": server_cpu(pgdata) - server,
        "load": load_before,
        "output": done.stdout + done.stderr,
    }


def row(label: str, result: dict[str, object], pgdata: Path | None, held: str = "-") -> str:
    server = f"{result['server']:.2f} s" if pgdata else "-"
    return (
        f"| {label} | {result['cpu']:.2f} s | {server} | {result['wall']:.1f} s | {held} "
        f"| {result['load']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--pgdata", type=Path, default=None)
    parser.add_argument("--no-phases", action="store_true", help="skip bench_import.py")
    options = parser.parse_args()
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, check=True)
    work = Path(tempfile.mkdtemp())
    print(f"{time.strftime('%H:%M UTC', time.gmtime())}, database: {_database()}")
    print("\n| command | CPU (user + sys) | database server CPU | wall | write lock held | load |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for rows in options.rows:
        csv = work / f"c{rows}.csv"
        subprocess.run(
            [PYTHON, "scripts/make_linkedin_csv.py", str(rows), str(csv)], cwd=ROOT, check=True
        )
        email = f"bench-{rows}-{time.time_ns()}@example.test"
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from coffeechat.accounts.models import User; "
                f"User.objects.create_user({email!r}, None)",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        check = timed([*manage, "check"], options.pgdata)
        print(row("yardstick: `manage.py check`", check, options.pgdata), flush=True)
        result = timed([*manage, "import_contacts", str(csv), "--user", email], options.pgdata)
        held = re.search(r"held for ([\d.]+) s", str(result["output"]))
        added = re.search(r"Imported: ([\d,]+) added", str(result["output"]))
        label = f"import {rows:,} rows ({added.group(1) if added else '?'} people)"
        print(row(label, result, options.pgdata, f"{held.group(1)} s" if held else "?"))
    print(f"\nload average after: {load()}\n", flush=True)
    if not options.no_phases:
        subprocess.run([PYTHON, "scripts/bench_import.py", str(max(options.rows))], cwd=ROOT)


def _database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


if __name__ == "__main__":
    sys.exit(main())
