"""A lease on a row of long background work: its `heartbeat_at` renewed by a thread.

The work itself may sit in one long transaction whose writes nobody sees before it commits,
so the heartbeat comes from a thread with its own connection. A row whose heartbeat is older
than its app's "dead after" was left by a process that died (kill -9, out of memory, a
restart); each app's sweep gives such rows up (imports/work.py, exports/services.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import DatabaseError, connection, models
from django.utils import timezone

log = logging.getLogger(__name__)
HEARTBEAT_EVERY = timedelta(seconds=30)


def beat(rows: models.QuerySet) -> int:
    """Renew the lease of these rows (a queryset that also says which states hold one)."""
    return rows.update(heartbeat_at=timezone.now())


@contextmanager
def lease(rows: models.QuerySet, every: timedelta = HEARTBEAT_EVERY) -> Iterator[None]:
    """Hold the lease of `rows` while the block runs: a heartbeat now and every `every`."""
    beat(rows)
    stop = threading.Event()
    thread = threading.Thread(
        target=_keep_beating, args=(rows, stop, every), daemon=True, name="lease-heartbeat"
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=1)


def _keep_beating(rows: models.QuerySet, stop: threading.Event, every: timedelta) -> None:
    try:
        while not stop.wait(every.total_seconds()):
            try:
                beat(rows)
            except DatabaseError:  # locked for a moment: the next beat will do
                log.warning("Couldn't renew a lease on %s", rows.model._meta.label)
    finally:
        connection.close()  # this thread's own connection
