"""An import of contacts: the uploaded file, its analysed rows, and what applying it changed
(so that it can be undone as a whole)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse

from coffeechat.lib.models import OwnedModel
from coffeechat.network.models import Person


class ContactImport(OwnedModel):
    class Kind(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn export (zip or Connections.csv)"
        GOOGLE = "google", "Google Contacts CSV"
        OUTLOOK = "outlook", "Outlook CSV"
        VCARD = "vcard", "vCard (.vcf)"
        CSV = "csv", "Other CSV (choose the columns)"

    class Status(models.TextChoices):
        MAPPING = "mapping", "Choose the columns"
        ANALYSING = "analysing", "Checking the file"
        PREVIEW = "preview", "Ready to review"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Couldn't import"
        UNDONE = "undone", "Undone"
        DISCARDED = "discarded", "Discarded"

    filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANALYSING)
    # The uploaded bytes, kept only until the import is applied or discarded.
    data = models.BinaryField(editable=False, blank=True)
    size = models.PositiveIntegerField(default=0)
    # Generic CSV: field name -> column index, chosen on the mapping screen.
    mapping = models.JSONField(default=dict, blank=True)
    connection = models.CharField(
        max_length=20, choices=Person.Connection.choices, default=Person.Connection.KNOWN
    )
    error = models.TextField(blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)  # progress of the analysis
    new_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    uncertain_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    # After applying: how rows ended up (created + merged + skipped + rejected = rows_total).
    created_count = models.PositiveIntegerField(default=0)
    merged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # The owner's own data from a LinkedIn export (parsers.Profile), applied with the contacts.
    profile = models.JSONField(default=dict, blank=True)
    # What applying created or changed outside the rows, for undo.
    changes = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    # The lease of the process working on it (work.py): refreshed while it analyses or applies;
    # None while the task waits in its queue. A stale one means that process died.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The step a dead process left unfinished (analysing, importing): Retry starts it again.
    interrupted = models.CharField(max_length=10, choices=Status.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="imports_import_lease")]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("imports:import", args=[self.pk])

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.ANALYSING, self.Status.IMPORTING)

    # What its pages ask, so no template compares a status with a string.
    @property
    def is_mapping(self) -> bool:
        return self.status == self.Status.MAPPING

    @property
    def is_analysing(self) -> bool:
        return self.status == self.Status.ANALYSING

    @property
    def is_preview(self) -> bool:
        return self.status == self.Status.PREVIEW

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_set_aside(self) -> bool:
        """Undone or discarded: nothing of it is in the network."""
        return self.status in (self.Status.UNDONE, self.Status.DISCARDED)

    @property
    def was_applied(self) -> bool:
        """Its rows went in (and may have been undone since): it has counts to show."""
        return self.status in (self.Status.DONE, self.Status.UNDONE)

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED and bool(self.interrupted)

    @property
    def can_undo(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def progress_percent(self) -> int:
        return min(100, self.rows_checked * 100 // self.rows_total) if self.rows_total else 0


class ImportRow(OwnedModel):
    """One row of the file: what the analysis found, what the user chose, what was done."""

    class Outcome(models.TextChoices):
        NEW = "new", "New"
        DUPLICATE = "duplicate", "Already in your network"
        UNCERTAIN = "uncertain", "Maybe already in your network"
        REJECTED = "rejected", "Can't import"

    class Decision(models.TextChoices):
        MERGE = "merge", "Merge into the existing person"
        SEPARATE = "separate", "Keep separate (add as a new person)"
        SKIP = "skip", "Skip this row"

    class Result(models.TextChoices):
        PENDING = "", "Not applied"
        CREATED = "created", "Created"
        MERGED = "merged", "Merged"
        SKIPPED = "skipped", "Skipped"

    contact_import = models.ForeignKey(ContactImport, models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    contact = models.JSONField(default=dict)  # parsers.Contact.as_json()
    match = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, related_name="+")
    match_reason = models.CharField(max_length=200, blank=True)
    result = models.CharField(max_length=10, choices=Result.choices, blank=True)
    person = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, related_name="+")
    # A merge's old values of the fields it filled, and the tags it added: undo restores them.
    before = models.JSONField(default=dict, blank=True)
    added_tag_ids = models.JSONField(default=list, blank=True)
    # Not stored: what merging this row would fill, set for the preview page (views.py).
    changes: dict[str, Any]

    class Meta:
        ordering = ["line", "pk"]
        indexes = [
            models.Index(fields=["contact_import", "outcome"], name="imports_row_import_outcome")
        ]

    def __str__(self) -> str:
        return f"line {self.line}: {self.contact.get('full_name', '')}"

    @property
    def full_name(self) -> str:
        return self.contact.get("full_name", "")
