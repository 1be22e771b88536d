from __future__ import annotations

from django.db import models

from coffeechat.assessment import inventory, values
from coffeechat.lib.models import OwnedModel


class InterestAttempt(OwnedModel):
    """One go at the interest inventory: answered partly (a draft) or completed (a result).

    A user has at most one draft; completing it keeps it as a result, so every result stays in
    the history with its answers, its scores and the inventory version it was scored with.
    """

    version = models.PositiveSmallIntegerField(default=inventory.VERSION)
    # Item key ("r1") -> answer 0..4 (inventory.SCALE).
    answers = models.JSONField(default=dict, blank=True)
    # Type letter -> sum of its answers; filled when completed.
    scores = models.JSONField(default=dict, blank=True)
    # The top three letters, ties broken in RIASEC order (scoring.top_three); "" until completed.
    code = models.CharField(max_length=3, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(completed_at__isnull=True),
                name="assessment_one_draft_per_owner",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "completed_at"], name="assessment_attempt_owner_done")
        ]

    def __str__(self) -> str:
        return f"Interests {self.code}" if self.completed_at else "Interests (in progress)"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class WorkValue(OwnedModel):
    """A value the user chose, at its place in their ranking (0 = most important; RULE-A2).

    Either one of ours (`key`, described in values.py) or the user's own (`name`, `description`).
    """

    key = models.CharField(
        max_length=20, blank=True, choices=[(v.key, v.name) for v in values.VALUES]
    )
    name = models.CharField(max_length=60, blank=True)
    description = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "key"], condition=~models.Q(key=""), name="assessment_value_once"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        known = values.BY_KEY.get(self.key)
        return known.name if known else self.name

    @property
    def explanation(self) -> str:
        known = values.BY_KEY.get(self.key)
        return known.description if known else self.description

    @property
    def is_own(self) -> bool:
        return not self.key


class Talent(OwnedModel):
    """Something the user is good at, in their own words, in their own order."""

    text = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text
