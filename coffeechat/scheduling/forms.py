from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Meeting
from coffeechat.scheduling import services, zones

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _when(label: str, *, required: bool, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, widget=LOCAL_INPUT, help_text=help_text
    )


class _OwnerZoneForm(forms.Form):
    """Reads datetime-local inputs on the owner's clock, whatever zone the server runs in.

    Django refuses a wall time the clocks skip or repeat (a DST change) with a field error.
    """

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def full_clean(self) -> None:
        with timezone.override(zones.zone_of_user(self.owner)):
            super().full_clean()

    def _clean_meeting_fields(self, data: dict[str, Any]) -> None:
        mode = data.get("mode") or Meeting.Mode.VIDEO
        if mode == Meeting.Mode.IN_PERSON and not data.get("place"):
            self.add_error("place", "Where will you meet? Pick a place near them (RULE-S4).")
        if not data.get("minutes"):
            data["minutes"] = services.default_minutes(owner=self.owner, mode=mode)


class SlotsForm(_OwnerZoneForm):
    """Two or three times to offer (RULE-S1), all the same length, mode and place."""

    slot_1 = _when("First time", required=True, help_text="In your time zone.")
    slot_2 = _when("Second time", required=True)
    slot_3 = _when("Third time (optional)", required=False)
    minutes = forms.IntegerField(
        label="Length (minutes)",
        required=False,
        validators=[MinValueValidator(15), MaxValueValidator(45)],
        help_text="Leave empty for your default; 30 in person.",
    )
    mode = forms.ChoiceField(choices=Meeting.Mode.choices, initial=Meeting.Mode.VIDEO)
    place = forms.CharField(
        label="Place, number or link",
        max_length=300,
        required=False,
        help_text="A café near them, a phone number or a video link.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        now = timezone.now()
        seen: list[datetime] = []
        for name in ("slot_1", "slot_2", "slot_3"):
            start = data.get(name)
            if start is None:
                continue
            if start <= now:
                self.add_error(name, "This time has passed: offer one in the future.")
            elif start in seen:
                self.add_error(name, "You offered this time already.")
            seen.append(start)
        self._clean_meeting_fields(data)
        return data

    def starts(self) -> list[datetime]:
        return [
            self.cleaned_data[n] for n in ("slot_1", "slot_2", "slot_3") if self.cleaned_data.get(n)
        ]


class RescheduleForm(_OwnerZoneForm):
    starts_at = _when("New time", required=True, help_text="In your time zone.")
    minutes = forms.IntegerField(
        label="Length (minutes)",
        required=False,
        validators=[MinValueValidator(15), MaxValueValidator(45)],
    )
    mode = forms.ChoiceField(choices=Meeting.Mode.choices)
    place = forms.CharField(label="Place, number or link", max_length=300, required=False)
    notify = forms.BooleanField(label="Email them the updated invitation", required=False)

    def clean_starts_at(self) -> datetime:
        start: datetime = self.cleaned_data["starts_at"]
        if start <= timezone.now():
            raise forms.ValidationError("This time has passed: pick one in the future.")
        return start

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_meeting_fields(data)
        return data


class CancelForm(forms.Form):
    notify = forms.BooleanField(label="Email them the cancellation", required=False)


class AnswerForm(forms.Form):
    """The .ics an attendee's calendar sent back (iTIP METHOD:REPLY), saved from the email."""

    ics = forms.FileField(
        label="Their answer (.ics file)",
        help_text="Save the .ics attached to their answer email, then choose it here.",
    )
