"""Time-based jobs. Each one handles one due item and says whether it found one."""

from __future__ import annotations

import logging
from collections.abc import Callable

from coffeechat.cards import services as cards
from coffeechat.conversations import digests
from coffeechat.exports import services as exports
from coffeechat.imports import work as imports
from coffeechat.outreach import delivery, inbox

logger = logging.getLogger(__name__)

DUE_JOBS: list[Callable[[], bool]] = [
    digests.send_next_digest,
    cards.skip_next_stale_card,
    delivery.deliver_due_messages,
    inbox.poll_next_mailbox,
    imports.sweep_dead_imports,
    exports.sweep_dead_imports,
]


def run_due_jobs() -> bool:
    """Run every job once. Return True if any of them found work."""
    found_work = False
    for job in DUE_JOBS:
        try:
            found_work |= job()
        except Exception:
            # One broken job must not stop the others; the traceback goes to the log.
            logger.exception("Due job %s failed", job.__name__)
    return found_work
