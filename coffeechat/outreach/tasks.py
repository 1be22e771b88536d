"""Background tasks for outreach: thin wrappers that pass ids to the services."""

from __future__ import annotations

from django.tasks import task

from coffeechat.outreach import delivery


@task()
def deliver(*, message_id: int) -> bool:
    """Send one queued message (django-tasks-db's db_worker runs this)."""
    return delivery.deliver_message(message_id)
