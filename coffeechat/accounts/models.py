from __future__ import annotations

from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from coffeechat.lib.businessdays import WorkingCalendar
from coffeechat.lib.models import OwnedModel

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """An account: signs in by email; carries the calendar its timers run on."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=100, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    # Weekday numbers, Monday = 0: "01234" is Monday to Friday.
    working_days = models.CharField(max_length=7, default="01234")
    holiday_country = models.CharField(
        "public holidays of",
        max_length=8,
        blank=True,
        help_text="Public holidays in this country don't count as business days.",
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        "default meeting length (minutes)",
        default=20,
        validators=[MinValueValidator(15), MaxValueValidator(45)],
    )
    digest_enabled = models.BooleanField(
        "email me a digest of due reminders",
        default=True,
    )
    # What outreach templates say about the user (method.md 4.1: connection first, interest
    # stated broadly and narrowly, a profile link in the signature).
    school = models.CharField(
        max_length=200, blank=True, help_text="Your school or university, for alumni outreach."
    )
    field_broad = models.CharField(
        "field you're exploring (broad)",
        max_length=200,
        blank=True,
        help_text="e.g. product management in health tech",
    )
    field_narrow = models.CharField(
        "focus within it (narrow)",
        max_length=200,
        blank=True,
        help_text="e.g. analytics for clinical operations",
    )
    profile_url = models.URLField(
        "profile link", blank=True, help_text="Your LinkedIn or website, for your signature."
    )
    signature = models.TextField(
        "how you sign",
        max_length=500,
        blank=True,
        help_text="The lines under your messages. Empty: your name and profile link.",
    )
    phone = models.CharField(max_length=40, blank=True)
    # method.md RULE-A3 (CASVE starts here): the gap the user wants to close, and by when.
    decision = models.TextField(
        "the decision you're trying to make",
        max_length=1000,
        blank=True,
        help_text="e.g. whether to move from clinical work into health data, and which "
        "kind of role",
    )
    decision_by = models.DateField("decide by", null=True, blank=True)
    # The first-run onboarding (/welcome/): the furthest step reached, and when it ended
    # (finished or skipped). Nothing is ever blocked on it.
    onboarding_step = models.CharField(max_length=20, blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    # When the user hid the first-run checklist on Today (empty = shown while unfinished).
    checklist_dismissed_at = models.DateTimeField(null=True, blank=True)
    # The secret in the private calendar feed URL (webcal). Empty = no feed; regenerate to revoke.
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(
            zone=ZoneInfo(self.time_zone),
            working_days=frozenset(int(d) for d in self.working_days),
            holiday_country=self.holiday_country,
        )

    @property
    def signature_text(self) -> str:
        """How the user signs: their own lines, else their name and profile link."""
        if self.signature.strip():
            return self.signature.strip()
        return "\n".join(v for v in (self.display_name, self.profile_url) if v)


class AuditEvent(OwnedModel):
    """Something that happened to an account's security: a sign-in, an export, a token used.

    Written only by `coffeechat.accounts.audit.record`; shown to the owner on the security
    page (newest first) and kept for AUDIT_LOG_DAYS. `created_at` is when it happened.
    """

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGN_IN_THROTTLED = "sign_in_throttled", "Sign-in refused: too many attempts"
        SIGN_OUT = "sign_out", "Signed out"
        SESSION_ENDED = "session_ended", "Session ended"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_RESET = "password_reset", "Password reset by email"
        EMAIL_CHANGED = "email_changed", "Email address changed"
        MFA_CHANGED = "mfa_changed", "Two-factor authentication changed"
        EXPORT = "export", "Account exported"
        ACCOUNT_IMPORT = "account_import", "Account imported"
        ACCOUNT_DELETION = "account_deletion", "Account deleted"
        TOKEN_CREATED = "token_created", "API token created"
        TOKEN_USED = "token_used", "API token used"
        TOKEN_REVOKED = "token_revoked", "API token revoked"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    # A short sentence for the owner ("Wrong password", "Token 'laptop'"), never a secret.
    detail = models.CharField(max_length=200, blank=True)
    # The client as the server saw it (behind a proxy: see ALLAUTH_TRUSTED_PROXY_COUNT).
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField("browser", max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"], name="audit_owner_newest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def browser(self) -> str:
        from coffeechat.accounts.browsers import describe_browser

        return describe_browser(self.user_agent) if self.user_agent else ""
