"""The outreach tests' IMAP server: one Dovecot per test module (coffeechat/lib/testing/dovecot.py),
a fresh mailbox per test."""

from __future__ import annotations

import dataclasses
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.lib.testing.dovecot import Dovecot, dovecot_binary, run_dovecot


@pytest.fixture(scope="module")
def dovecot_server() -> Iterator[Dovecot]:
    """A Dovecot of its own on a free loopback port, for one test module; stopped by PID.

    One server per module, not per test: stopping Dovecot takes a second or more. Each test
    gets a fresh account on it from the `dovecot` fixture instead.
    """
    binary = dovecot_binary()
    # Not pytest's tmp_path: its root is 0700, and Dovecot's auth and mail processes run as
    # unprivileged users that must read the users file and reach the mail directory.
    root = Path(tempfile.mkdtemp(prefix="coffeechat-dovecot-"))
    root.chmod(0o755)
    try:
        yield from run_dovecot(binary, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


_accounts = itertools.count(1)


@pytest.fixture
def dovecot(dovecot_server: Dovecot) -> Dovecot:
    """A new, empty mailbox on the module's Dovecot."""
    return dataclasses.replace(
        dovecot_server, username=f"user{next(_accounts)}-{os.getpid()}@example.test"
    )
