"""The test database as a URL, for the real worker and scheduler processes a test starts."""

from __future__ import annotations

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
