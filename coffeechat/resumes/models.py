"""Resumes: JSON Resume documents, their versions, and the critique contacts give on them.

A resume's content is one JSON Resume document stored as text (see `document.py` for why not a
JSON column). Every change is kept as a version; suggestions from a conversation point at the
version the person saw and, once addressed, at the version that took them in.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from coffeechat.conversations.models import Conversation
from coffeechat.lib.models import OwnedModel
from coffeechat.network.models import Organization, Person


class Template(models.TextChoices):
    CLASSIC = "classic", "Classic"
    MODERN = "modern", "Modern"
    COMPACT = "compact", "Compact"


class Paper(models.TextChoices):
    AUTO = "", "From my country"
    A4 = "a4", "A4"
    LETTER = "letter", "US Letter"


class Resume(OwnedModel):
    """One resume: the base one built from the profile, or a version tailored for a target."""

    class Kind(models.TextChoices):
        BASE = "base", "Base"
        TAILORED = "tailored", "Tailored"

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BASE)
    tailored_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="tailored"
    )
    target_role = models.CharField("role it's for", max_length=200, blank=True)
    target_organization = models.ForeignKey(
        Organization,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="resumes",
        verbose_name="employer it's for",
    )
    # The JSON Resume document as JSON text, keys in the order written (document.dumps).
    document = models.TextField()
    # Bumped on every change; editor forms carry it so a stale tab can't overwrite newer work.
    revision = models.PositiveIntegerField(default=1)
    template = models.CharField(max_length=10, choices=Template.choices, default=Template.CLASSIC)
    paper = models.CharField(max_length=6, choices=Paper.choices, default=Paper.AUTO, blank=True)
    max_pages = models.PositiveSmallIntegerField(
        "pages at most", default=1, choices=[(1, "One page"), (2, "Two pages")]
    )
    # The last PDF rendered (to download or to check): its length, for the overflow warning.
    checked_revision = models.PositiveIntegerField(null=True, blank=True)
    checked_pages = models.PositiveSmallIntegerField(null=True, blank=True)
    checked_max_pages = models.PositiveSmallIntegerField(null=True, blank=True)
    checked_template = models.CharField(max_length=10, blank=True)
    checked_paper = models.CharField(max_length=6, blank=True)
    checked_warnings = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", Lower("name")]
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("name"), name="resumes_resume_unique_name_per_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resumes:resume", args=[self.pk])

    @property
    def overflows(self) -> bool:
        """The last PDF, of the current content, ran past the page limit chosen."""
        return (
            self.checked_revision == self.revision
            and self.checked_pages is not None
            and self.checked_pages > self.max_pages
        )


class Version(OwnedModel):
    """The resume as it was after a change (or an explicit save); numbered from 1."""

    resume = models.ForeignKey(Resume, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.TextField()
    revision = models.PositiveIntegerField(default=1)
    label = models.CharField(
        "name", max_length=120, blank=True, help_text="Name a version you want to find again."
    )
    change = models.CharField("what changed", max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint("resume", "number", name="resumes_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.resume} v{self.number}" + (f" ({self.label})" if self.label else "")

    def get_absolute_url(self) -> str:
        return reverse("resumes:version", args=[self.pk])


class Suggestion(OwnedModel):
    """One piece of advice on a resume from a contact, captured in a conversation.

    Open until the user addresses it (in a version: `addressed_in`) or declines it (with a
    reason). `version` is the version the person saw, when known.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ADDRESSED = "addressed", "Addressed"
        DECLINED = "declined", "Declined"

    resume = models.ForeignKey(Resume, models.CASCADE, related_name="suggestions")
    version = models.ForeignKey(
        Version, models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    conversation = models.ForeignKey(
        Conversation, models.CASCADE, null=True, blank=True, related_name="resume_suggestions"
    )
    person = models.ForeignKey(
        Person, models.CASCADE, null=True, blank=True, related_name="resume_suggestions"
    )
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    addressed_in = models.ForeignKey(
        Version, models.SET_NULL, null=True, blank=True, related_name="addressed"
    )
    # What the user changed (when addressed) or why not (when declined).
    note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["owner", "status"], name="resumes_suggestion_status")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_addressed(self) -> bool:
        return self.status == self.Status.ADDRESSED

    @property
    def is_declined(self) -> bool:
        return self.status == self.Status.DECLINED


class Handout(OwnedModel):
    """Which resume (and which version of it) the user brings to a conversation (RULE-R1).

    Hand it over only if asked: `handed_over` records that they asked and got it.
    """

    conversation = models.OneToOneField(Conversation, models.CASCADE, related_name="resume_handout")
    resume = models.ForeignKey(Resume, models.CASCADE, related_name="handouts")
    version = models.ForeignKey(
        Version, models.SET_NULL, null=True, blank=True, related_name="handouts"
    )
    handed_over = models.BooleanField("they asked, and I gave them a copy", default=False)

    def __str__(self) -> str:
        return f"{self.resume} for {self.conversation}"
