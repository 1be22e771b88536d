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

    # What its page asks, so the template compares no status with a string.
    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED


def _upload_name(account_import: AccountImport, filename: str) -> str:
    return f"account-imports/{uuid.uuid4().hex}.zip"


class AccountImport(OwnedModel):
    """An uploaded export zip, loaded into its owner's empty account by the task worker.

    The zip is kept only until the import has run. The rows go in batch by batch (exports/
    importing.py); an import that fails is UNDOING while what it wrote is removed, then FAILED.
    `heartbeat_at` is the lease of the process doing either (coffeechat/lib/leases.py): one
    that stops beating died, and its import is undone by another.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "Importing"
        UNDOING = "undoing", "Failed, removing what was imported"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=_upload_name, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)  # what it is doing, for the page
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Set once the account was found empty, just before the first row is written: from then
    # on, undoing the import means erasing what the account holds.
    began_writing = models.BooleanField(default=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    # What its page asks, so the template compares no status with a string.
    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_undoing(self) -> bool:
        return self.status == self.Status.UNDOING
