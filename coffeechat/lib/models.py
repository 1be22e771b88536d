from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class OwnedModel(models.Model):
    """A row that belongs to exactly one user and is shown to no one else."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def assign_fields(row: models.Model, allowed: Collection[str], fields: dict[str, Any], *,
                  one_line: Collection[str] = ()) -> list[str]:
    """Set the named fields of a row from a service's keyword arguments; returns their names.

    Text is trimmed; the fields in `one_line` (names, titles) also have their inner white space
    folded to single spaces, the others keep their line breaks. A name outside `allowed` is a
    programming error, said as one.
    """
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValidationError(f"Unknown field: {', '.join(unknown)}.")
    for name, value in fields.items():
        if isinstance(value, str):
            value = " ".join(value.split()) if name in one_line else value.strip()
        setattr(row, name, value)
    return list(fields)


class SubmittedForm(OwnedModel):
    """A creating form that was already handled, by its one-time key (lib/idempotency.py).

    What the first submission answered is kept for a day, so a retried POST (a double click, a
    browser resending after a dropped connection) gets the same answer and creates nothing.
    """

    key = models.UUIDField()
    location = models.CharField(max_length=2000, blank=True)  # a redirect's target
    status = models.PositiveSmallIntegerField(default=200)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)  # an htmx fragment's HTML

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"],
                                               name="lib_submitted_form_once")]

    def __str__(self) -> str:
        return f"Form {self.key}"
