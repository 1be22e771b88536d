"""The reminder digest: one email per owner with the reminders that fell due.

The scheduler calls `send_next_digest` in a loop (scheduler/jobs.py) until it returns False.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Literal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coffeechat.conversations.models import (
    Digest,
    Reminder,
)
from coffeechat.lib import emails
from coffeechat.lib.clock import current_time

logger = logging.getLogger(__name__)

DIGEST_LEASE = timedelta(minutes=5)
DIGEST_MAX_ATTEMPTS = 8


def send_next_digest(now: datetime | None = None) -> bool:
    """Email one owner the batch of reminders that fell due. Return False when nothing is due.

    Reminders are claimed into a Digest row by a conditional UPDATE, so each one is in exactly
    one digest however many schedulers run. The digest itself is leased before sending and
    marked sent after: a worker killed in between leaves a lease that expires and the digest
    is sent again with the same Message-ID (at-least-once, security.md decision 2).
    """
    now = current_time(now)
    digest = _claim_unsent_digest(now) or _claim_new_digest(now)
    if digest is None:
        return False
    if digest is True:
        return True  # lost a race to another worker: look again without sleeping
    _deliver_digest(digest, now)
    return True


def _claim_unsent_digest(now: datetime) -> Digest | None:
    stale = (
        Digest.objects.filter(sent_at=None, attempts__lt=DIGEST_MAX_ATTEMPTS)
        .filter(Q(lease_until=None) | Q(lease_until__lt=now))
        .order_by("created_at")
        .first()
    )
    if stale is None:
        return None
    claimed = Digest.objects.filter(
        pk=stale.pk, sent_at=None, lease_until=stale.lease_until
    ).update(lease_until=now + DIGEST_LEASE)
    return stale if claimed else None


def _claim_new_digest(now: datetime) -> Digest | Literal[True] | None:
    due = Reminder.objects.filter(
        status=Reminder.Status.OPEN,
        due_at__lte=now,
        digest=None,
        owner__digest_enabled=True,
        owner__is_active=True,
    )
    owner_id = due.order_by("due_at").values_list("owner_id", flat=True).first()
    if owner_id is None:
        return None
    with transaction.atomic():
        digest = Digest.objects.create(
            owner_id=owner_id,
            lease_until=now + DIGEST_LEASE,
            message_id=f"<digest-{uuid.uuid4().hex}@coffeechat>",
        )
        # Only columns of the reminder row itself in this WHERE: the join to the owner makes
        # Django write `id IN (SELECT ...)`, which PostgreSQL does not re-check against a row
        # another worker claimed meanwhile, so both workers would take (and mail) the batch.
        claimed = Reminder.objects.filter(
            owner_id=owner_id,
            status=Reminder.Status.OPEN,
            due_at__lte=now,
            digest=None,
        ).update(digest=digest)
        if not claimed:
            digest.delete()
            return True
    return digest


def _deliver_digest(digest: Digest, now: datetime) -> None:
    owner = digest.owner
    reminders = list(
        digest.reminders.select_related("conversation__person__organization").order_by("due_at")
    )
    if not reminders:  # all deleted with their person while the digest waited: nothing to say
        Digest.objects.filter(pk=digest.pk, sent_at=None).delete()
        return
    try:
        # Due times in the email are read on the user's clock, not the server's.
        with timezone.override(owner.calendar.zone):
            emails.send(
                "digest",
                to=owner.email,
                context={"user": owner, "reminders": reminders, "now": now},
                headers={"Message-ID": digest.message_id},
            )
    except Exception as error:  # SMTP down, bad settings: retry later, never crash the loop
        attempts = digest.attempts + 1
        backoff = timedelta(minutes=min(2**attempts, 60))
        Digest.objects.filter(pk=digest.pk).update(
            attempts=attempts, lease_until=now + backoff, last_error=str(error)[:1000]
        )
        logger.warning("Digest %s not sent (attempt %s): %s", digest.pk, attempts, error)
        return
    Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now(), attempts=digest.attempts + 1)
