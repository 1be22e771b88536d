"""The data directory, the database, its WAL, media and the secret key are owner-only, and a
generated key lives outside the data directory (config/private_files.py)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

# A fresh process with its own data directory: it writes in WAL mode and keeps the
# connection open while the test looks at the files.
WRITE = """
import json, os, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x TEXT)")
    cursor.execute("INSERT INTO t VALUES ('hello')")
    data = os.environ["COFFEECHAT_DATA_DIR"]
    print(json.dumps({name: oct(os.stat(os.path.join(data, name)).st_mode & 0o777)
                      for name in os.listdir(data)}))
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def start_fresh_install(tmp_path: Path, **env: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "SECRET_KEY", "XDG_", "PYTEST_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        HOME=str(tmp_path / "home"),
        COFFEECHAT_DATA_DIR=str(tmp_path / "data"),
        **env,
    )
    done = subprocess.run(
        [sys.executable, "-c", WRITE],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_a_fresh_install_keeps_its_database_and_wal_owner_only(tmp_path) -> None:
    modes = start_fresh_install(tmp_path)

    assert mode(tmp_path / "data") == 0o700
    assert modes["coffeechat.sqlite3"] == "0o600"
    assert modes["coffeechat.sqlite3-wal"] == "0o600"
    assert mode(tmp_path / "data" / "coffeechat.sqlite3") == 0o600


def test_the_generated_key_is_owner_only_and_not_beside_the_database(tmp_path) -> None:
    start_fresh_install(tmp_path)

    key = tmp_path / "home" / ".config" / "coffeechat" / "secret_key"
    assert mode(key) == 0o600 and mode(key.parent) == 0o700
    assert len(key.read_text().strip()) >= 50
    assert not (tmp_path / "data" / "secret_key").exists()


def test_secret_key_file_says_where_the_key_lives(tmp_path) -> None:
    where = tmp_path / "keys" / "coffeechat.key"

    start_fresh_install(tmp_path, SECRET_KEY_FILE=str(where))

    assert mode(where) == 0o600
    assert not (tmp_path / "home" / ".config" / "coffeechat").exists()


def test_uploaded_files_and_their_folders_are_owner_only(tmp_path) -> None:
    storage = FileSystemStorage(location=tmp_path / "media")

    name = storage.save("cards/2026/photo.jpg", ContentFile(b"jpeg"))

    assert mode(tmp_path / "media" / name) == 0o600
    assert mode(tmp_path / "media" / "cards" / "2026") == 0o700
