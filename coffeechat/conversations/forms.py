from __future__ import annotations

from datetime import datetime, time
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Meeting, Stage


class StartConversationForm(forms.Form):
    purpose = forms.CharField(
        label="What do you hope to learn?",
        max_length=300,
        required=False,
        help_text="e.g. How product teams decide what to build at a mid-size company.",
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, label="Move to")
    on = forms.DateField(
        label="When it happened",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for today.",
    )

    def clean_on(self) -> Any:
        on = self.cleaned_data.get("on")
        if on and on > timezone.localdate():
            raise forms.ValidationError("That date is in the future.")
        return on


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Starts",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="In your time zone.",
    )
    minutes = forms.IntegerField(
        label="Length (minutes)",
        initial=20,
        validators=[MinValueValidator(15), MaxValueValidator(45)],
    )
    mode = forms.ChoiceField(choices=Meeting.Mode.choices, initial=Meeting.Mode.VIDEO)
    place = forms.CharField(label="Place, number or link", max_length=300, required=False)

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].initial = owner.meeting_minutes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mode") == Meeting.Mode.IN_PERSON and not data.get("place"):
            self.add_error("place", "Where will you meet? A place near them is best.")
        return data


class ReminderForm(forms.Form):
    title = forms.CharField(label="Remind me to", max_length=300)
    due_on = forms.DateField(label="On", widget=forms.DateInput(attrs={"type": "date"}))

    def due_at(self, owner: User) -> datetime:
        calendar = owner.calendar
        return datetime.combine(self.cleaned_data["due_on"], time(9), tzinfo=calendar.zone)


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )


class BulkReminderForm(forms.Form):
    """Today's bulk actions: the ticked reminders of a section, or all of it (`all`)."""

    section = forms.ChoiceField(choices=[(s, s) for s in ("overdue", "today", "upcoming")])
    action = forms.ChoiceField(
        choices=[
            ("done", "Mark done"),
            ("dismiss", "Dismiss"),
            ("snooze", "Snooze"),
            ("no_reply", "Close as no reply"),
        ],
        error_messages={"required": "Choose what to do with them."},
    )
    reminder = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[])
    all = forms.BooleanField(required=False)
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any id may be ticked; the view keeps only the owner's open reminders of the section.
        values = self.data.getlist("reminder") if hasattr(self.data, "getlist") else []
        ticked = cast(forms.TypedMultipleChoiceField, self.fields["reminder"])
        ticked.choices = [(v, v) for v in values if v.isdigit()]
