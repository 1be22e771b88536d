from __future__ import annotations

from collections.abc import Collection
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, owner: Any) -> OwnedQuerySet:
        return self.filter(owner=owner)


class OwnedModel(models.Model):
    """A row that belongs to exactly one user and is shown to no one else."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True


def get_owned[Row: OwnedModel](
    rows: type[Row] | models.QuerySet[Row], *, owner: Any, pk: Any
) -> Row:
    """The owner's row with this id, or 404.

    The one way a query looks a row up by an id that came from a request: another user's id
    answers exactly like a missing one (security.md T1), and a malformed one too.
    """
    queryset: models.QuerySet[Row] = (
        rows
        if isinstance(rows, models.QuerySet)
        # The stubs type a type variable's manager by its bound (OwnedModel): the rows are Row's.
        else cast("models.QuerySet[Row]", rows._default_manager.all())
    )
    try:
        return queryset.filter(owner=owner).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404(f"No {queryset.model._meta.verbose_name} {pk!r} of yours.") from None


def assign_fields(
    row: models.Model,
    allowed: Collection[str],
    fields: dict[str, Any],
    *,
    one_line: Collection[str] = (),
) -> list[str]:
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
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="lib_submitted_form_once")
        ]

    def __str__(self) -> str:
        return f"Form {self.key}"
