"""The migrated test database, built once and copied for every test process.

Migrating an empty database through every app's migrations costs a test process 15-20 s of CPU
(more under load), and each pytest-xdist worker is a process of its own. So the first process
that needs a test database migrates a template, under a lock the others wait on, and every
process starts from a copy of it: on SQLite a file in the temporary folder, kept between runs;
on PostgreSQL a database on the same server (`CREATE DATABASE ... TEMPLATE`).

The template's name carries a hash of everything that decides what migrating produces (the
migration files, the modules they import, the models, the locked dependencies), so a changed
migration builds a new one. The copy is then opened the way Django opens a kept test database
(`keepdb`): `migrate` runs on it and finds nothing to do, which is the check that it is current.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

PREFIX = "coffeechat-test-template"
STALE_AFTER_SECONDS = 24 * 3600


def _sources() -> list[Path]:
    """The files whose content decides what `migrate` builds."""
    base = Path(settings.BASE_DIR)
    migrations = sorted(base.glob("coffeechat/*/migrations/*.py"))
    imported: set[Path] = set()
    for path in migrations:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for name in names:
                if name.startswith("coffeechat."):
                    module = base / name.replace(".", "/")
                    imported |= {p for p in (module.with_suffix(".py"), module / "__init__.py")}
    models = base.glob("coffeechat/*/models.py")
    extra = [base / "uv.lock", base / "config" / "settings.py"]
    return sorted({*migrations, *imported, *models, *extra})


def template_key() -> str:
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in _sources():
        if path.is_file():
            digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """One process at a time (the xdist workers of one run share the machine)."""
    with open(Path(tempfile.gettempdir()) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate_into(test_name: str, verbosity: int) -> None:
    """Django's own test database creation, aimed at `test_name`; the settings are left as
    they were (pointing at the real database, with the process's own test name)."""
    test_settings = connection.settings_dict["TEST"]
    names = (connection.settings_dict["NAME"], settings.DATABASES[connection.alias]["NAME"])
    own_test_name = test_settings["NAME"]
    test_settings["NAME"] = test_name
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True)
    finally:
        connection.close()
        test_settings["NAME"] = own_test_name
        connection.settings_dict["NAME"], settings.DATABASES[connection.alias]["NAME"] = names


def _sqlite(key: str, verbosity: int) -> None:
    template = Path(tempfile.gettempdir()) / f"{PREFIX}-{key}.sqlite3"
    target = Path(_test_name())
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    with _locked(template.name):
        try:
            shutil.copyfile(template, target)
            return
        except FileNotFoundError:
            pass  # not built yet, or swept away by another checkout's build (below)
        _build_sqlite_template(template, verbosity)
        shutil.copyfile(template, target)


def _build_sqlite_template(template: Path, verbosity: int) -> None:
    building = template.with_suffix(f".{os.getpid()}.building")
    _migrate_into(str(building), verbosity)
    # One self-contained file: the write-ahead log folded in (each connection turns WAL on
    # again), so a plain copy of it is the whole database.
    with sqlite3.connect(building) as db:
        db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    building.replace(template)
    for old in template.parent.glob(f"{PREFIX}-*.sqlite3"):
        try:
            stale = time.time() - old.stat().st_mtime > STALE_AFTER_SECONDS
        except FileNotFoundError:
            continue
        if old != template and stale:
            old.unlink(missing_ok=True)  # another migration state's, built over a day ago


def _postgresql(key: str, verbosity: int) -> None:
    template = f"test_coffeechat_template_{key}"
    target = _test_name()
    quote = connection.ops.quote_name
    with _locked(f"{PREFIX}-pg-{key}"):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = cursor.fetchone() is not None
        if not exists:
            _migrate_into(template, verbosity)
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")


def _test_name() -> str:
    """The name Django gives this process's test database (pytest-xdist's suffix included)."""
    return connection.settings_dict["TEST"]["NAME"] or f"test_{connection.settings_dict['NAME']}"


def copy_migrated_template(verbosity: int = 0) -> bool:
    """Put a migrated copy of the template where this process's test database goes; False
    (nothing done: Django migrates as usual) for other databases and in-memory SQLite."""
    vendor = connection.vendor
    if vendor == "sqlite" and connection.settings_dict["TEST"]["NAME"] not in (None, ":memory:"):
        _sqlite(template_key(), verbosity)
        return True
    if vendor == "postgresql":
        _postgresql(template_key(), verbosity)
        return True
    return False
