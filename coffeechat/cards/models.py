from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse

from coffeechat.lib.models import OwnedModel
from coffeechat.network.models import Person


def image_name(card: Card, filename: str) -> str:
    # Never the uploaded name: it is the user's (or an attacker's) text, and a path.
    # .upload: the photo as sent, until the worker has re-encoded it (services.clean_photo).
    extension = (
        filename.rpartition(".")[2] if filename.endswith((".jpg", ".png", ".upload")) else "jpg"
    )
    return f"cards/{card.owner_id}/{uuid.uuid4().hex}.{extension}"


class Card(OwnedModel):
    """A photo of a business card, on its way from OCR through review into the network."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Reading"
        READ = "read", "Ready to review"
        FAILED = "failed", "Couldn't read"
        SAVED = "saved", "Saved"
        SKIPPED = "skipped", "Skipped"

    # Statuses of cards still waiting for the user's review (the queue).
    OPEN = (Status.QUEUED, Status.READ, Status.FAILED)

    event = models.CharField("where you met", max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Emptied when the card is saved or skipped: the person keeps what the user confirmed.
    image = models.FileField(upload_to=image_name, blank=True, max_length=200)
    fields = models.JSONField("fields read", default=dict, blank=True)
    text = models.TextField("text read", blank=True)
    ocr_seconds = models.FloatField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    person = models.ForeignKey(Person, models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["owner", "status", "created_at"], name="cards_card_owner_status")
        ]

    def __str__(self) -> str:
        return self.fields.get("full_name") or f"Card {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("cards:card", args=[self.pk])

    @property
    def image_path(self) -> str:
        """The photo's name in storage; "" for none (a field never set says None)."""
        return self.image.name or ""

    @property
    def has_photo(self) -> bool:
        """A re-encoded photo to show (not one still as sent: views.image refuses those)."""
        return self.image_path.endswith((".jpg", ".png"))

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_queued(self) -> bool:
        """Still being read by the OCR task."""
        return self.status == self.Status.QUEUED

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED
