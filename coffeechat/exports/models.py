from __future__ import annotations

import uuid

from django.db import models

from coffeechat.lib.models import OwnedModel


def _zip_name(export: AccountExport, filename: str) -> str:
    # A random name: nothing serves MEDIA_ROOT, but a guessable path would still be one
    # mistake away from a leak.
    return f"exports/{uuid.uuid4().hex}.zip"


class AccountExport(OwnedModel):
    """One full-account zip, built in the background and deleted soon after it is ready."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "Being built"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=_zip_name, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="exports_export_expires")]

    def __str__(self) -> str:
        return f"Export of {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
