"""Waiting for something a real server, process or browser does in its own time."""

from __future__ import annotations

import time
from collections.abc import Callable


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
