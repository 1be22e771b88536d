"""Whole-install backup and restore: the database, the media files and the secret key.

One archive (tar, written 0600) holds:
  manifest.json        what it is: format, database kind, when, row counts
  database.sqlite3     SQLite's online backup (consistent while the app runs), or
  database.pgdump      `pg_dump --format=custom` for PostgreSQL
  media/...            uploaded and generated files
  secret_key           the key that decrypts the stored mail and AI passwords (unless
                       --without-key): keep the archive as safe as the server itself

`restore` takes such an archive into an empty install only (no account, no media), so it can
never overwrite anyone's data; then it migrates, so an older backup comes up to date.
The account export (exports/services.py) is per user; this is the operator's whole copy.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection

from config import private_files

FORMAT = "coffeechat-backup/1"


class BackupError(Exception):
    """Why a backup or restore can't go on, in a sentence for the operator."""


# Backup ---------------------------------------------------------------------------------------


def backup(out: Path, *, with_key: bool = True) -> dict[str, object]:
    """Write the archive to `out` (0600); return its manifest."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} already exists: choose a new file name.")
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".coffeechat-backup-") as work:
        work_dir = Path(work)
        database = _dump_database(work_dir)
        manifest = {
            "format": FORMAT,
            "database": connection.vendor,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "includes_key": with_key,
            "media_files": 0,
        }
        partial = out.with_name(f".{out.name}.partial")
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, private_files.PRIVATE_FILE)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as archive:
                archive.add(database, arcname=database.name)
                manifest["media_files"] = _add_media(archive)
                if with_key:
                    _add_bytes(archive, "secret_key", settings.SECRET_KEY.encode())
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            partial.rename(out)  # a backup that stopped halfway never has the final name
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _dump_database(work_dir: Path) -> Path:
    if connection.vendor == "sqlite":
        target = work_dir / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # The online backup API: a consistent copy while other processes keep writing.
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target
    if connection.vendor == "postgresql":
        target = work_dir / "database.pgdump"
        _run_pg("pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={target}")
        return target
    raise BackupError(f"Backups know SQLite and PostgreSQL, not {connection.vendor}.")


def _add_media(archive: tarfile.TarFile) -> int:
    root = Path(settings.MEDIA_ROOT)
    count = 0
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")
                count += 1
    return count


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), private_files.PRIVATE_FILE
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


# Restore --------------------------------------------------------------------------------------


def restore(archive_path: Path) -> dict[str, object]:
    """Restore the archive into this (empty) install; return its manifest and what was done."""
    _check_empty_install()
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR, prefix=".coffeechat-restore-") as work:
        work_dir = Path(work)
        manifest = _unpack(Path(archive_path), work_dir)
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"This backup is of a {manifest['database']} database; this "
                f"install uses {connection.vendor}."
            )
        _load_database(work_dir)
        media = _restore_media(work_dir / "media")
        key_note = _restore_key(work_dir / "secret_key")
    call_command("migrate", interactive=False, verbosity=0)
    return {**manifest, "media_restored": media, "key": key_note}


def _check_empty_install() -> None:
    from coffeechat.accounts.models import User

    try:
        has_accounts = User.objects.exists()
    except DatabaseError:  # not migrated yet: nothing in it
        connection.close()
        has_accounts = False
    media = Path(settings.MEDIA_ROOT)
    has_media = media.is_dir() and any(p.is_file() for p in media.rglob("*"))
    if has_accounts or has_media:
        raise BackupError(
            "This install already has data (accounts or media files): restore "
            "only into an empty install, so nothing is overwritten. Point "
            "COFFEECHAT_DATA_DIR / DATABASE_URL at a new one."
        )


def _unpack(archive_path: Path, work_dir: Path) -> dict[str, object]:
    try:
        with tarfile.open(archive_path, mode="r:*") as archive:
            # "data": no absolute paths, no "..", no links out, no device files.
            archive.extractall(work_dir, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Can't read {archive_path}: {error}.") from None
    try:
        manifest = json.loads((work_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        raise BackupError(f"{archive_path} is not a coffeechat backup (no manifest).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{archive_path} is a backup in a format this version can't read "
            f"({manifest.get('format')!r})."
        )
    return manifest


def _load_database(work_dir: Path) -> None:
    if connection.vendor == "sqlite":
        source = sqlite3.connect(work_dir / "database.sqlite3")
        try:
            connection.ensure_connection()
            # Page by page into the live database file, WAL and all: no file is swapped
            # under a process that has it open.
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
        return
    _run_pg(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-acl",
        "--single-transaction",
        str(work_dir / "database.pgdump"),
        database_flag="--dbname",
    )
    connection.close()


def _restore_media(source: Path) -> int:
    if not source.is_dir():
        return 0
    root = private_files.private_dir(Path(settings.MEDIA_ROOT))
    count = 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(source)
            for folder in reversed(target.relative_to(root).parents[:-1]):
                private_files.private_dir(root / folder)
            shutil.move(path, target)
            target.chmod(private_files.PRIVATE_FILE)
            count += 1
    return count


def _restore_key(source: Path) -> str:
    if not source.exists():
        return (
            "The backup holds no key: stored mail and AI passwords can be read only with "
            "the SECRET_KEY of the server it came from."
        )
    key = source.read_text().strip()
    if key == settings.SECRET_KEY:
        return "The key is the one this install already uses."
    if os.environ.get("SECRET_KEY"):
        return (
            "SECRET_KEY is set in the environment and differs from the backup's key: "
            "set it to the backup's key (in the archive's secret_key) to read the stored "
            "mail and AI passwords."
        )
    path = Path(settings.SECRET_KEY_PATH)
    private_files.private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.restore")
    fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, private_files.PRIVATE_FILE)
    with os.fdopen(fd, "w") as file:
        file.write(key)
    temporary.replace(path)
    return f"The backup's key was written to {path}; restart the app to use it."


# PostgreSQL's own tools -----------------------------------------------------------------------


def _run_pg(tool: str, *args: str, database_flag: str = "") -> None:
    binary = _pg_binary(tool)
    db = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": str(db.get("HOST") or ""),
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGDATABASE": str(db["NAME"]),
    }
    command = [binary, *args]
    if database_flag:
        command.insert(1, f"{database_flag}={db['NAME']}")
    done = subprocess.run(
        command,
        env={k: v for k, v in env.items() if v},
        text=True,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()[:2000]}")


def _pg_binary(tool: str) -> str:
    """`tool` from PATH, else from the newest /usr/lib/postgresql/*/bin (Debian's layout)."""
    found = shutil.which(tool)
    if found:
        return found
    for bindir in sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()],
        reverse=True,
    ):
        if (bindir / tool).exists():
            return str(bindir / tool)
    raise BackupError(
        f"{tool} is not installed: it comes with PostgreSQL's client tools "
        "(Debian: apt-get install postgresql-client, the same major version as "
        "the server or newer)."
    )
