"""The LAMP target list (method.md section 2): employers scored, sorted, worked five at a time."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from coffeechat.lib.models import OwnedModel
from coffeechat.network.models import Organization

TARGET_LIST_SIZE = 40  # method.md RULE-L1
BATCH_SIZE = 5  # method.md RULE-L6


class Target(OwnedModel):
    """One employer on the owner's list, with its Motivation and Posting scores.

    Advocacy is not stored: it is counted from the people the owner knows there. "Active" (in
    the top five) is not stored either: it is the place in the LAMP sort, so it can never
    disagree with the list the user sees (see queries.batch_for).
    """

    class Source(models.TextChoices):
        # How the employer came onto the list (method.md RULE-L2).
        DREAM = "dream", "Dream employer"
        ALUMNI = "alumni", "Alumni employer"
        POSTING = "posting", "Posting search"
        TREND = "trend", "Trend following"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        # The stored part of the employer state machine (method.md section 1). Candidate,
        # active and engaged are all "open" here and told apart from facts (the sort, the
        # conversations held there): see `state_label` in queries.
        OPEN = "open", "Working on it"
        REFERRED = "referred", "Referred"
        APPLIED = "applied", "Applied"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        OFFER = "offer", "Offer"
        DECLINED = "declined", "Declined"
        EXHAUSTED = "exhausted", "Exhausted"

    class Size(models.TextChoices):
        # method.md RULE-L3: most employers have fewer than 500 staff; keep some on the list.
        UNKNOWN = "unknown", "Not sure"
        SMALL = "small", "Under 500 people"
        LARGE = "large", "500 people or more"

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="targets")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.OTHER)
    # method.md RULE-L4: Motivation 1-5 by gut (5 = dream), Posting 3/2/1; empty = not rated yet.
    motivation = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    posting = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    # When Motivation was last set: conversations held after it ask for a re-rating (RULE-L7).
    motivation_rated_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    size = models.CharField("size", max_length=10, choices=Size.choices, default=Size.UNKNOWN)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "organization"], name="targets_target_once_per_organization"
            ),
            models.CheckConstraint(
                condition=(models.Q(status="closed") & ~models.Q(outcome=""))
                | (~models.Q(status="closed") & models.Q(outcome="")),
                name="targets_target_outcome_iff_closed",
            ),
        ]
        indexes = [models.Index(fields=["owner", "status"], name="targets_target_owner_status")]

    def __str__(self) -> str:
        return str(self.organization)

    def get_absolute_url(self) -> str:
        return reverse("targets:target", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_referred(self) -> bool:
        return self.status == self.Status.REFERRED

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def status_label(self) -> str:
        if self.status == self.Status.CLOSED:
            return f"Closed: {self.get_outcome_display().lower()}"
        return self.get_status_display()
