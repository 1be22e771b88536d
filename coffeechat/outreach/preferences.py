"""Writes for a user's outreach settings: mail servers, LinkedIn habits, AI endpoint."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from coffeechat.lib import crypto
from coffeechat.outreach.models import OutreachSettings

FIELDS = (
    "smtp_enabled",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_username",
    "from_email",
    "imap_enabled",
    "imap_host",
    "imap_port",
    "imap_security",
    "imap_username",
    "imap_folder",
    "linkedin_note_limit",
    "daily_request_budget",
    "ai_enabled",
    "ai_base_url",
    "ai_model",
)
SECRETS = ("smtp_password", "imap_password", "ai_api_key")


def apply_settings(
    *,
    outreach_settings: OutreachSettings,
    secrets: dict[str, str | None] | None = None,
    **fields: Any,
) -> OutreachSettings:
    """Set the given fields and secrets on the row in memory, validated, without saving.

    A secret of None keeps the stored one, "" forgets it, and any other text replaces it,
    encrypted. The "test connection" buttons try settings this way before they are saved.
    """
    for key, value in fields.items():
        if key in FIELDS:
            setattr(outreach_settings, key, value.strip() if isinstance(value, str) else value)
    for key, value in (secrets or {}).items():
        if key in SECRETS and value is not None:
            setattr(outreach_settings, key, crypto.encrypt(value))
    outreach_settings.full_clean(exclude=["owner"])
    return outreach_settings


def _check_complete(s: OutreachSettings) -> None:
    errors = {}
    if s.smtp_enabled and not s.smtp_host:
        errors["smtp_host"] = "Enter your SMTP server to send through it."
    if s.imap_enabled and not s.imap_host:
        errors["imap_host"] = "Enter your IMAP server to watch your inbox."
    if s.imap_enabled and not s.imap_username:
        errors["imap_username"] = "Enter the username you sign in to your mailbox with."
    if s.imap_enabled and not s.imap_password:
        errors["imap_password"] = "Enter your IMAP password."
    if s.ai_enabled and not (s.ai_base_url and s.ai_model):
        errors["ai_base_url"] = "Enter the endpoint and the model to offer AI rewrites."
    if errors:
        raise ValidationError(errors)


def update_settings(
    *,
    outreach_settings: OutreachSettings,
    secrets: dict[str, str | None] | None = None,
    **fields: Any,
) -> OutreachSettings:
    """Change and save the user's outreach settings (see apply_settings for secrets)."""
    apply_settings(outreach_settings=outreach_settings, secrets=secrets, **fields)
    _check_complete(outreach_settings)
    outreach_settings.updated_at = timezone.now()
    outreach_settings.save(update_fields=[*FIELDS, *SECRETS, "updated_at"])
    return outreach_settings
