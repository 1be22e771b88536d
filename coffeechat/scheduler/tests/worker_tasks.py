"""A task for the worker tests: it writes a row after a pause (a module the worker imports)."""

from __future__ import annotations

import time
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.tasks import task
from django.utils import timezone


@task()
def write_after(seconds: float, key: str) -> None:
    time.sleep(seconds)
    Session.objects.create(
        session_key=key,
        session_data="written by the worker test",
        expire_date=timezone.now() + timedelta(days=1),
    )
