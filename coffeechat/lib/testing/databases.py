"""The test database as a URL, for the real worker and scheduler processes a test starts, and
its SQLite files read as bytes without breaking SQLite's locks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection


def database_url() -> str:
    """The URL of the database this test is using, for the worker processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "localhost"
        netloc = f"{auth}@{host}" if auth else host
        if db["PORT"]:
            netloc += f":{db['PORT']}"
        return f"postgres://{netloc}/{quote(db['NAME'], safe='')}"
    pytest.skip(f"no worker set-up for {connection.vendor}")


_CAT = "import sys; sys.stdout.buffer.write(open(sys.argv[1], 'rb').read())"


def sqlite_file_bytes(path: Path) -> bytes:
    """The bytes of one of the test database's files (b"" if there is none), read by a process
    of its own.

    Never open the file in the test's own process: closing any descriptor of a file drops every
    POSIX lock the process holds on it, SQLite's shared lock included (fcntl semantics). The next
    process that closes its last connection to the database (a worker or a server a test
    started) then takes itself for the last one and deletes the -wal and -shm files under this
    process's open connections; every later connection fails with "disk I/O error".
    """
    if not path.exists():
        return b""
    return subprocess.run(
        [sys.executable, "-I", "-c", _CAT, str(path)], capture_output=True, check=True
    ).stdout
