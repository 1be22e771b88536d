"""Timing a page the way the bench_*.py scripts do: the median of several requests after one to
warm up, and the number of queries the last one made. Imported after django.setup()."""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def timed(client: Client, path: str, runs: int, ok: tuple[int, ...] = (200,)) -> tuple[float, int]:
    """(median milliseconds, queries) for GET `path`; a status outside `ok` stops the bench."""
    client.get(path)  # warm-up: caches, first template loads
    timings, count = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        count = len(queries)
        assert response.status_code in ok, (path, response.status_code)
    return statistics.median(timings), count
