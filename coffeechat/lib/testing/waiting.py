"""Waiting for something a real server, process or browser does in its own time."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Callable
from typing import Any


def eventually(
    check: Callable[[], object],
    timeout: float = 5.0,
    interval: float = 0.05,
    *,
    message: str = "it never happened",
) -> None:
    """Call `check` until it neither returns False nor raises AssertionError.

    After `timeout` seconds the last AssertionError (or one saying `message`) is raised.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check() is not False:
                return
            failure = AssertionError(message)
        except AssertionError as error:
            failure = error
        if time.monotonic() > deadline:
            raise failure
        time.sleep(interval)


def run_coroutine(make: Callable[[], Any]) -> Any:
    """Run the coroutine `make()` returns to its end, in a thread of its own.

    A browser test earlier in the same process leaves Playwright's event loop in the test's
    thread, where asyncio.run and async_to_sync refuse to start another one. Only for clients
    of a real server (another process or thread): the coroutine doesn't see the test's
    database connection.
    """
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, make()).result()
