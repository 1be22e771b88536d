"""`manage.py backup` and `manage.py restore`: a round trip into a fresh install (its own data
directory, key folder and, on PostgreSQL, its own database), run as real processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tarfile
import uuid

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from coffeechat.lib import crypto
from coffeechat.lib.testing.databases import database_url
from coffeechat.network import services as network
from coffeechat.outreach import queries

pytestmark = pytest.mark.django_db(transaction=True)

READ_BACK = """
import json, django
django.setup()
from django.conf import settings
from coffeechat.lib import crypto
from coffeechat.network.models import Person
from coffeechat.outreach.models import OutreachSettings
s = OutreachSettings.objects.get()
print(json.dumps({
    "people": sorted(Person.objects.values_list("full_name", flat=True)),
    "smtp_password": crypto.decrypt(s.smtp_password),
    "media": (settings.MEDIA_ROOT / "cards" / "card.jpg").read_bytes().decode(),
}))
"""


@pytest.fixture
def fresh_install(tmp_path):
    """The environment of a new, empty install: its own data, home (key) and database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "SECRET_KEY", "XDG_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        HOME=str(tmp_path / "home"),
        COFFEECHAT_DATA_DIR=str(tmp_path / "fresh"),
        LOG_LEVEL="WARNING",
    )
    name = ""
    if connection.vendor == "postgresql":
        name = f"restore_{uuid.uuid4().hex[:10]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = database_url().rsplit("/", 1)[0] + f"/{name}"
    try:
        yield env
    finally:
        if name:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    [name],
                )
                cursor.execute(f"DROP DATABASE IF EXISTS {name}")


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.system  # a fresh install migrated and restored by real processes
def test_a_backup_restores_into_an_empty_install_with_its_secrets_readable(
    alice, tmp_path, fresh_install
) -> None:
    network.add_person(owner=alice, full_name="Backup Canary Person")
    outreach = queries.settings_for(alice)
    outreach.smtp_password = crypto.encrypt("s3cret-smtp")
    outreach.save()
    default_storage.save("cards/card.jpg", ContentFile(b"a card photo"))
    archive = tmp_path / "coffeechat.backup"

    call_command("backup", str(archive))

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", "secret_key", "media/cards/card.jpg"} <= names
    assert run(fresh_install, "manage.py", "migrate", "-v0").returncode == 0

    restored = run(fresh_install, "manage.py", "restore", str(archive))

    assert restored.returncode == 0, restored.stderr
    assert "1 media files" in restored.stdout
    read = run(fresh_install, "-c", READ_BACK)
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout) == {
        "people": ["Backup Canary Person"],
        "smtp_password": "s3cret-smtp",
        "media": "a card photo",
    }
    # Restoring again would overwrite: refused, and said why.
    again = run(fresh_install, "manage.py", "restore", str(archive))
    assert again.returncode != 0
    assert "already has data" in again.stderr


def test_restore_refuses_an_install_that_has_accounts(alice, tmp_path) -> None:
    archive = tmp_path / "coffeechat.backup"
    call_command("backup", str(archive))

    with pytest.raises(CommandError, match="restore only into an empty install"):
        call_command("restore", str(archive))


def test_backup_never_overwrites_a_file(alice, tmp_path) -> None:
    archive = tmp_path / "coffeechat.backup"
    archive.write_text("precious")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive))

    assert archive.read_text() == "precious"
