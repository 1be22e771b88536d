"""O*NET occupation data (shared reference rows, no owner) and the user's links to it.

The reference tables are replaced whole by `manage.py import_onet`; nothing of a user's points at
them with a foreign key. A user's row names an occupation by its O*NET-SOC code string (the
account export can only translate links between the user's own rows).
"""

from __future__ import annotations

from django.db import models

from coffeechat.conversations.models import Conversation
from coffeechat.lib.models import OwnedModel

RIASEC = "RIASEC"


class Release(models.Model):
    """The O*NET release that is loaded (one row, replaced by each import)."""

    version = models.CharField(max_length=20)  # "30.1"
    imported_at = models.DateTimeField()
    source = models.CharField(max_length=300)  # the zip or folder name it came from
    counts = models.JSONField(default=dict)  # rows loaded per file

    def __str__(self) -> str:
        return f"O*NET {self.version}"


class Occupation(models.Model):
    code = models.CharField("O*NET-SOC code", max_length=10, primary_key=True)
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True)
    # RIASEC "OI" levels (1-7) by letter, {"R": 2.5, ...}; empty when O*NET has none.
    interests = models.JSONField(default=dict, blank=True)
    # The high-point letters in order, e.g. "IEC" (Interests.txt, scale IH).
    interest_code = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class AlternateTitle(models.Model):
    occupation = models.ForeignKey(Occupation, models.CASCADE, related_name="alternate_titles")
    title = models.CharField(max_length=250)
    short_title = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    class Kind(models.TextChoices):
        CORE = "core", "Core"
        SUPPLEMENTAL = "supplemental", "Supplemental"
        UNRATED = "", "Not rated yet"

    occupation = models.ForeignKey(Occupation, models.CASCADE, related_name="tasks")
    task_id = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=12, choices=Kind.choices, blank=True)

    class Meta:
        ordering = ["occupation", "kind", "task_id"]

    def __str__(self) -> str:
        return self.text[:60]


class Rating(models.Model):
    """One skill or knowledge area of an occupation: importance (IM, 1-5) and level (LV, 0-7)."""

    class Domain(models.TextChoices):
        SKILL = "skill", "Skill"
        KNOWLEDGE = "knowledge", "Knowledge"

    occupation = models.ForeignKey(Occupation, models.CASCADE, related_name="ratings")
    domain = models.CharField(max_length=10, choices=Domain.choices)
    element_id = models.CharField(max_length=20)
    name = models.CharField(max_length=150)
    scale = models.CharField(max_length=2)  # IM or LV
    value = models.FloatField()

    class Meta:
        indexes = [
            models.Index(
                fields=["occupation", "domain", "scale", "value"], name="occupations_rating_top"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.scale} {self.value}"


class RelatedOccupation(models.Model):
    occupation = models.ForeignKey(Occupation, models.CASCADE, related_name="related")
    related = models.ForeignKey(Occupation, models.CASCADE, related_name="+")
    tier = models.CharField(max_length=50)  # Primary-Short, Primary-Long, Supplemental
    rank = models.PositiveSmallIntegerField()  # the file's Index

    class Meta:
        ordering = ["occupation", "rank"]

    def __str__(self) -> str:
        return f"{self.occupation_id} ~ {self.related_id}"


class ConversationOccupation(OwnedModel):
    """The occupation a conversation is about, chosen by the user (a code string, see above)."""

    conversation = models.OneToOneField(
        Conversation, models.CASCADE, related_name="occupation_choice"
    )
    occupation_code = models.CharField(max_length=10, blank=True)

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.occupation_code}"
