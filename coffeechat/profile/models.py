"""The user's own career history: what the resume (later) and outreach draw on.

Filled by hand or from a LinkedIn export (coffeechat.imports). Each row belongs to one user.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from coffeechat.lib.models import OwnedModel


class Position(OwnedModel):
    """A job the user held (LinkedIn Positions.csv; JSON Resume `work[]`)."""

    organization_name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    # Empty means "current position".
    finished_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = [models.F("finished_on").desc(nulls_first=True), "-started_on"]

    def __str__(self) -> str:
        return f"{self.title} at {self.organization_name}" if self.title else self.organization_name


class Education(OwnedModel):
    """A school the user attended (LinkedIn Education.csv; JSON Resume `education[]`)."""

    school = models.CharField(max_length=200)
    degree = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    activities = models.TextField(blank=True)

    class Meta:
        ordering = [models.F("finished_on").desc(nulls_first=True)]
        verbose_name_plural = "education"

    def __str__(self) -> str:
        return self.school


class Skill(OwnedModel):
    name = models.CharField(max_length=100)

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"),
                                    name="profile_skill_unique_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name
