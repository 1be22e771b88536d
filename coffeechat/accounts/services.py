"""Writes for accounts: the user's own profile fields, calendar settings, the onboarding and the
first-run checklist. Every function validates before it saves, and saves all or nothing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coffeechat.accounts import onboarding
from coffeechat.accounts.models import User
from coffeechat.lib.models import assign_fields

# What outreach and the resume say about the user: edited on /you/ (and in the onboarding).
PROFILE_FIELDS = (
    "display_name",
    "signature",
    "phone",
    "school",
    "field_broad",
    "field_narrow",
    "profile_url",
    "decision",
    "decision_by",
)
# How the user's week runs: edited in Settings (and in the onboarding).
SETTINGS_FIELDS = (
    "time_zone",
    "working_days",
    "holiday_country",
    "meeting_minutes",
    "digest_enabled",
)
# Text fields kept on one line (names, schools...); the others may hold line breaks.
_ONE_LINE = frozenset(
    {"display_name", "phone", "school", "field_broad", "field_narrow", "profile_url"}
)


def _set(user: User, allowed: tuple[str, ...], fields: dict[str, Any]) -> list[str]:
    return assign_fields(user, allowed, fields, one_line=_ONE_LINE)


def _check_decision_date(user: User, before: date | None, *, today: date) -> None:
    # A date already past is a slip of the keyboard when it is typed, not when it passes later.
    if user.decision_by is not None and user.decision_by != before and user.decision_by < today:
        raise ValidationError(
            {"decision_by": "Pick a date from today on: by when do you want to have decided?"}
        )


def update_profile(*, user: User, now: datetime | None = None, **fields: Any) -> User:
    """Change what coffeechat knows about the user (name, signature, school, fields, profile
    link, the decision and its date). Validated as a whole: on an error nothing is saved."""
    before = User.objects.filter(pk=user.pk).values_list("decision_by", flat=True).first()
    names = _set(user, PROFILE_FIELDS, fields)
    user.full_clean(exclude=["password"])
    today = user.calendar.local_date(now or timezone.now())
    _check_decision_date(user, before, today=today)
    if names:
        user.save(update_fields=names)
    return user


def update_settings(*, user: User, **fields: Any) -> User:
    """Change the user's calendar settings (time zone, working days, holidays, meeting length,
    digest), validated before saving."""
    names = _set(user, SETTINGS_FIELDS, fields)
    if "working_days" in fields and not user.working_days:
        raise ValidationError({"working_days": "Pick at least one working day."})
    user.full_clean(exclude=["password"])
    if names:
        user.save(update_fields=names)
    return user


# The onboarding (/welcome/) ---------------------------------------------------------------------


def _advance(user: User, key: str) -> list[str]:
    """Remember the step after `key` as reached (never moving back); the fields changed."""
    following = onboarding.next_key(key) or key
    if onboarding.KEYS.index(following) > onboarding.KEYS.index(onboarding.resume_key(user)):
        user.onboarding_step = following
        return ["onboarding_step"]
    return []


def save_onboarding_step(
    *, user: User, step: str, now: datetime | None = None, **fields: Any
) -> User:
    """Save one onboarding step's answers and move on to the next step."""
    found = onboarding.step_of(step)
    if found is None:
        raise ValidationError("There is no such step.")
    unknown = sorted(set(fields) - set(found.fields))
    if unknown:
        raise ValidationError(f"Unknown field: {', '.join(unknown)}.")
    with transaction.atomic():
        profile = {k: v for k, v in fields.items() if k in PROFILE_FIELDS}
        calendar = {k: v for k, v in fields.items() if k in SETTINGS_FIELDS}
        if calendar:
            update_settings(user=user, **calendar)
        if profile:
            update_profile(user=user, now=now, **profile)
        changed = _advance(user, step)
        if changed:
            user.save(update_fields=changed)
    return user


def skip_onboarding_step(*, user: User, step: str) -> User:
    """Leave a step unanswered and move on (its fields stay as they were)."""
    if onboarding.step_of(step) is None:
        raise ValidationError("There is no such step.")
    changed = _advance(user, step)
    if changed:
        user.save(update_fields=changed)
    return user


def finish_onboarding(*, user: User, now: datetime | None = None) -> User:
    """End the onboarding (done, or the rest skipped); /welcome/ stays open to come back to."""
    if user.onboarded_at is None:
        user.onboarded_at = now or timezone.now()
        user.onboarding_step = onboarding.KEYS[-1]
        user.save(update_fields=["onboarded_at", "onboarding_step"])
    return user


# The first-run checklist on Today ---------------------------------------------------------------


def dismiss_checklist(*, user: User, now: datetime | None = None) -> User:
    """Hide the first-run checklist on Today (restore_checklist brings it back)."""
    user.checklist_dismissed_at = now or timezone.now()
    user.save(update_fields=["checklist_dismissed_at"])
    return user


def restore_checklist(*, user: User) -> User:
    """Show the first-run checklist on Today again (while any step is still open)."""
    user.checklist_dismissed_at = None
    user.save(update_fields=["checklist_dismissed_at"])
    return user
