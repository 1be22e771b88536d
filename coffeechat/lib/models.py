from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class OwnedModel(models.Model):
    """A row that belongs to exactly one user and is shown to no one else."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
