"""The user's own career history: what the resume and outreach draw on, edited on /you/.

Filled by hand, or from a LinkedIn export once the user accepts what was found there
(Proposal). Each row belongs to one user; `sort_order` is the order the user chose.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from coffeechat.lib.models import OwnedModel


class Position(OwnedModel):
    """A job the user held (LinkedIn Positions.csv; JSON Resume `work[]`)."""

    organization_name = models.CharField("organization", max_length=200)
    title = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    # Empty means "current position".
    finished_on = models.DateField(null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

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
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name_plural = "education"

    def __str__(self) -> str:
        return self.school


class Skill(OwnedModel):
    """A skill, rated by the user 1-5 with the evidence for it (method.md RULE-A2)."""

    name = models.CharField(max_length=100)
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 = beginner, 5 = could teach it",
    )
    evidence = models.TextField(
        max_length=1000,
        blank=True,
        help_text="What shows it: a project, a result, a course, someone's words.",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("name"), name="profile_skill_unique_name_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(OwnedModel):
    """Something found in the user's own LinkedIn export, waiting to be accepted or ignored.

    Imports never write the profile directly: /you/ shows these under "Found in your LinkedIn
    export". `fingerprint` makes a re-import find its earlier proposals (accepted, ignored or
    pending) instead of adding them again.
    """

    class Kind(models.TextChoices):
        DISPLAY_NAME = "display_name", "Your name"
        SCHOOL = "school", "Your school"
        PROFILE_URL = "profile_url", "Your profile link"
        # Shown as a hint beside the field inputs, never used as the field (it isn't one).
        HEADLINE = "headline", "Your LinkedIn headline"
        POSITION = "position", "Position"
        EDUCATION = "education", "Education"
        SKILL = "skill", "Skill"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for you"
        ACCEPTED = "accepted", "Accepted"
        IGNORED = "ignored", "Ignored"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(max_length=100, default="LinkedIn export")
    # A field's value ({"value": "..."}), or a position's, school's or skill's fields.
    data = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=300)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "fingerprint"], name="profile_proposal_unique_per_owner"
            )
        ]
        indexes = [models.Index(fields=["owner", "status"], name="profile_proposal_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"

    @property
    def is_field(self) -> bool:
        return self.kind in FIELD_KINDS

    @property
    def summary(self) -> str:
        data = self.data
        if self.kind == self.Kind.POSITION:
            title = data.get("title", "")
            return f"{title} at {data['organization_name']}" if title else data["organization_name"]
        if self.kind == self.Kind.EDUCATION:
            degree = data.get("degree", "")
            return f"{degree}, {data['school']}" if degree else data["school"]
        if self.kind == self.Kind.SKILL:
            return data["name"]
        return data.get("value", "")


FIELD_KINDS = frozenset(
    {
        Proposal.Kind.DISPLAY_NAME,
        Proposal.Kind.SCHOOL,
        Proposal.Kind.PROFILE_URL,
        Proposal.Kind.HEADLINE,
    }
)
