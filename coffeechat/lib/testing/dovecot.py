"""A real Dovecot IMAP server on loopback (formats.md 6.2) for the inbox tests.

CI installs `dovecot-imapd` (.ci/run, scripts/test.sh); when it is missing the inbox tests
fail with a message saying so instead of skipping, so a machine without it can't pass quietly.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from coffeechat.lib.testing.servers import free_port, wait_for_port

PASSWORD = "s3cret-imap"
DOVECOT_CONF = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A wrong password is answered at once: the tests try one on purpose.
auth_failure_delay = 0
mail_location = maildir:{d}/mail/%u
# Any user name signs in with this one password, and gets a mailbox of its own: each test
# takes a new name, so it starts with an empty mailbox on a server shared by the module.
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={d}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@dataclass(frozen=True)
class Dovecot:
    """Where the test server listens and the one account it knows."""

    host: str
    port: int
    username: str
    password: str


def dovecot_binary() -> str:
    found = shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)), None
    )
    if found is None:
        pytest.fail(
            "Dovecot is not installed, and the inbox tests need a real IMAP server: "
            "apt-get install -y --no-install-recommends dovecot-imapd "
            "(.ci/run and scripts/test.sh install it when run as root)."
        )
    return found


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    if wait_for_port(port, alive=lambda: proc.poll() is None):
        return
    proc.kill()
    details = log.read_text() if log.exists() else "(no log)"
    pytest.fail(f"Dovecot did not listen on 127.0.0.1:{port}. Its log:\n{details}")


def run_dovecot(binary: str, root: Path) -> Iterator[Dovecot]:
    """Start Dovecot in `root` (its configuration, mail and state) and yield it; stop it after."""
    for name in ("run", "state", "mail", "home"):
        (root / name).mkdir()
    if os.geteuid() == 0:
        # Mail is written as the userdb's uid (root is refused as a mail uid).
        for name in ("mail", "home"):
            shutil.chown(root / name, "nobody", "nogroup")
    server = Dovecot(host="127.0.0.1", port=free_port(), username="", password=PASSWORD)
    conf = root / "dovecot.conf"
    conf.write_text(DOVECOT_CONF.format(d=root, port=server.port, password=PASSWORD))
    proc = subprocess.Popen(
        [binary, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        _wait_for_port(server.port, proc, root / "dovecot.log")
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
