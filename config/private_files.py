"""The data directory, the database and the secret key: readable by their owner only.

A copy of `data/` must not carry what decrypts the mail and AI passwords stored in it, so a
generated SECRET_KEY lives outside it by default (docs/security.md, docs/operations.md).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed; make it 0700 when we own it."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _chmod_if_mine(path, PRIVATE_DIR)
    return path


def private_database(path: Path) -> None:
    """Create the SQLite file 0600 before SQLite does (it gives its -wal and -shm files the
    database's own mode), and tighten an existing install's files."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        _chmod_if_mine(name, PRIVATE_FILE)


def default_key_file(data_dir: Path) -> Path:
    """Where a generated key goes: the user's config folder, not beside the database.

    An install that already keeps one in the data directory (before this default) goes on
    using it, so its stored secrets stay readable; `SECRET_KEY_FILE` moves it anywhere.
    """
    legacy = data_dir / "secret_key"
    if legacy.exists():
        return legacy
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "coffeechat" / "secret_key"


def read_or_create_key(path: Path) -> str:
    """The key in `path`, generated (0600, in a 0700 folder) on first use.

    Several processes start at once (`make run`): the key is written to a temporary file and
    linked into place, so exactly one of them creates it and every one reads the same key.
    """
    if not path.exists():
        private_dir(path.parent)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50))
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            temporary.unlink()
    _chmod_if_mine(path, PRIVATE_FILE)
    return path.read_text().strip()


def _chmod_if_mine(path: Path, mode: int) -> None:
    # Not ours (a mounted volume, root's /tmp): leave it to its owner.
    with contextlib.suppress(OSError):
        if path.exists() and path.stat().st_uid == os.getuid():
            path.chmod(mode)
