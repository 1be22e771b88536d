from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

from coffeechat.lib.models import OwnedModel


class Scope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiToken(OwnedModel):
    """A personal access token for the JSON API. Only the SHA-256 of the secret is stored."""

    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    # `cc_` + 43 url-safe characters; the prefix lets secret scanners (and people) recognise it.
    secret_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="The first characters, to tell tokens apart.")
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The first use of each day goes to the audit log, not every request.
    last_audited_on = models.DateField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Rate limit: requests counted in the current window (one UPDATE per request).
    window_started_at = models.DateTimeField(null=True, blank=True)
    window_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.scope})"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class IdempotencyKey(models.Model):
    """The answer to a create request, kept so a retry with the same key gets it again."""

    token = models.ForeignKey(ApiToken, models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)  # method, path and body
    status_code = models.PositiveSmallIntegerField()
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token", "key"], name="api_idempotency_key_once_per_token"
            )
        ]

    def __str__(self) -> str:
        return self.key
