"""`make run` installs the runtime only; `make test` everything (the dev group)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.conf import settings


def planned(target: str) -> str:
    if shutil.which("make") is None:
        pytest.fail("make is not installed")
    return subprocess.run(
        ["make", "-n", target], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout


def test_make_run_leaves_the_test_tools_out() -> None:
    syncs = [line for line in planned("run").splitlines() if " sync " in line]

    assert syncs and all("--no-dev" in line for line in syncs)


def test_make_test_installs_the_test_tools() -> None:
    syncs = [line for line in planned("test").splitlines() if " sync " in line]

    assert syncs and not any("--no-dev" in line for line in syncs)
