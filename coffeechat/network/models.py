from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse

from coffeechat.lib.models import OwnedModel


class Organization(OwnedModel):
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    industry = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("name"), name="network_organization_unique_name_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:organization", args=[self.pk])


class Tag(OwnedModel):
    name = models.CharField(max_length=50)

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("name"), name="network_tag_unique_name_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(OwnedModel):
    class Connection(models.TextChoices):
        # Ordered warmest first (method.md RULE-C1); `warmth` below relies on this order.
        ALUMNI = "alumni", "Alumni"
        REFERRAL = "referral", "Referred by someone"
        KNOWN = "known", "Already know them"
        GROUP = "group", "Shared group or community"
        EVENT = "event", "Met at an event"
        FAN = "fan", "Read or heard their work"
        COLD = "cold", "Cold"

    full_name = models.CharField("name", max_length=200)
    title = models.CharField(max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization, models.SET_NULL, null=True, blank=True, related_name="people"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    linkedin_url = models.URLField("LinkedIn URL", blank=True)
    connection = models.CharField(
        "how we are connected",
        max_length=20,
        choices=Connection.choices,
        default=Connection.COLD,
    )
    met_at = models.CharField("where we met", max_length=200, blank=True)

    class Segment(models.TextChoices):
        # Dalton's reply-time segments (method.md 5.3), set by outreach services.
        UNKNOWN = "unknown", "Not known yet"
        BOOSTER = "booster", "Booster (replied quickly)"
        OBLIGATE = "obligate", "Obligate (replied late)"
        CURMUDGEON = "curmudgeon", "Curmudgeon (never replied)"

    segment = models.CharField(max_length=12, choices=Segment.choices, default=Segment.UNKNOWN)
    time_zone = models.CharField(
        "their time zone",
        max_length=64,
        blank=True,
        help_text="Shown beside yours when you offer times. Empty means the same as yours.",
    )
    # Keeping in touch (method.md 10.1): every 8-12 weeks, never weekly.
    keep_in_touch_weeks = models.PositiveSmallIntegerField(
        "keep in touch every (weeks)",
        default=8,
        validators=[MinValueValidator(4), MaxValueValidator(52)],
    )
    last_touch_at = models.DateTimeField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = [Lower("full_name")]
        indexes = [
            # The people list's sort (Lower(full_name), pk), and an organization's people.
            models.Index(
                F("owner"), Lower("full_name"), F("id"), name="network_person_owner_lname"
            ),
            models.Index(F("organization"), Lower("full_name"), name="network_person_org_lname"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("network:person", args=[self.pk])

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0] if self.full_name.split() else self.full_name

    @property
    def warmth(self) -> int:
        """0 is warmest: alumni before referrals before ... before cold."""
        return list(self.Connection.values).index(self.connection)


class Introduction(OwnedModel):
    """`introducer` pointed the owner to `introduced` (a directed edge in the network)."""

    introducer = models.ForeignKey(Person, models.CASCADE, related_name="introductions_made")
    introduced = models.ForeignKey(Person, models.CASCADE, related_name="introduced_by")
    introduced_on = models.DateField()
    context = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-introduced_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["introducer", "introduced"], name="network_introduction_once_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(introducer=models.F("introduced")),
                name="network_introduction_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.introducer} → {self.introduced}"
