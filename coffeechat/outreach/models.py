from __future__ import annotations

import uuid

from django.db import models

from coffeechat.conversations.models import Conversation
from coffeechat.lib.models import OwnedModel


class MessageKind(models.TextChoices):
    REQUEST = "request", "First request by email"
    LINKEDIN_NOTE = "linkedin_note", "LinkedIn connection note"
    LINKEDIN_MESSAGE = "linkedin_message", "LinkedIn message after connecting"
    FOLLOW_UP = "follow_up", "The one follow-up"
    ACCEPT = "accept", "Reply accepting a meeting"
    THANK_YOU = "thank_you", "Thank-you note"


class Message(OwnedModel):
    """One outreach message: drafted, then sent by coffeechat, or sent by the user elsewhere.

    A queued message is delivered exactly once: delivery claims the row with a conditional
    UPDATE and a lease, and `message_id` is fixed when it is queued, so a resend after a crash
    carries the same Message-ID (security.md decision 2).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SENT_ELSEWHERE = "sent_elsewhere", "Sent from your own mail or LinkedIn"

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=MessageKind.choices, default=MessageKind.REQUEST)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    to_email = models.EmailField("to", blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    in_reply_to = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message_id = models.CharField(max_length=250, null=True, blank=True, unique=True)
    lint_overrides = models.JSONField(default=list, blank=True)
    ai_assisted = models.BooleanField(default=False)
    # Queued to leave through the server's own mailer (not the user's SMTP): what its daily
    # caps count (settings.SERVER_MAIL_DAILY_*).
    via_server_mailer = models.BooleanField(default=False)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outreach_message_due"),
            models.Index(fields=["owner", "queued_at"], name="outreach_message_owner_q"),
        ]

    def __str__(self) -> str:
        return self.subject or self.get_kind_display()

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Template(OwnedModel):
    """A user's own outreach template; the built-in ones live in outreach/templates.py."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class OutreachSettings(OwnedModel):
    """Per-user mail, LinkedIn and AI settings. Secrets are stored encrypted (lib/crypto.py)."""

    class Security(models.TextChoices):
        STARTTLS = "starttls", "STARTTLS"
        SSL = "ssl", "SSL/TLS"
        NONE = "none", "None (local servers only)"

    # Sending: the user's own SMTP server, or the server's mail settings when off.
    smtp_enabled = models.BooleanField("send through my own SMTP server", default=False)
    smtp_host = models.CharField(max_length=200, blank=True)
    smtp_port = models.PositiveIntegerField(default=587)
    smtp_security = models.CharField(
        max_length=10, choices=Security.choices, default=Security.STARTTLS
    )
    smtp_username = models.CharField(max_length=200, blank=True)
    smtp_password = models.TextField(blank=True)  # encrypted
    from_email = models.EmailField("send as", blank=True)
    # Replies: poll the user's mailbox.
    imap_enabled = models.BooleanField("watch my inbox for replies", default=False)
    imap_host = models.CharField(max_length=200, blank=True)
    imap_port = models.PositiveIntegerField(default=993)
    imap_security = models.CharField(max_length=10, choices=Security.choices, default=Security.SSL)
    imap_username = models.CharField(max_length=200, blank=True)
    imap_password = models.TextField(blank=True)  # encrypted
    imap_folder = models.CharField(max_length=200, default="INBOX")
    imap_polled_at = models.DateTimeField(null=True, blank=True)
    imap_lease_until = models.DateTimeField(null=True, blank=True)
    imap_last_error = models.TextField(blank=True)
    # Where polling got to, per folder: {"INBOX": {"uidvalidity": 1795313000, "last_uid": 41}}.
    # A new UIDVALIDITY means the server renumbered the folder, so the UIDs start over.
    imap_cursors = models.JSONField(default=dict, blank=True, editable=False)
    # Habits.
    linkedin_note_limit = models.PositiveSmallIntegerField(
        "LinkedIn note limit",
        default=200,
        choices=[(200, "200 (free account)"), (300, "300 (Premium)")],
    )
    daily_request_budget = models.PositiveSmallIntegerField(
        "new requests per day",
        default=5,
        help_text="The method is a steady cadence, not volume: a few new requests a day.",
    )
    # Optional AI rewrite through an OpenAI-compatible endpoint. Off by default.
    ai_enabled = models.BooleanField("offer AI rewrites", default=False)
    ai_base_url = models.URLField(
        "AI endpoint base URL",
        blank=True,
        help_text="e.g. http://127.0.0.1:11434/v1 for a local Ollama.",
    )
    ai_model = models.CharField("AI model", max_length=100, blank=True)
    ai_api_key = models.TextField(blank=True)  # encrypted

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="outreach_settings_one_per_owner")
        ]
        verbose_name_plural = "outreach settings"

    def __str__(self) -> str:
        return f"Outreach settings of {self.owner}"


class ServerMail(OwnedModel):
    """An email the server's own mailer sent for a user that is not a Message (a meeting
    invitation, its update or cancellation): counted in the daily caps with the messages."""

    what = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="outreach_servermail_at")]
