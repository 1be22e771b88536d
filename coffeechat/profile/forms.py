from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms

from coffeechat.accounts.models import User
from coffeechat.profile.models import Education, Position, Skill

_MONTH = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")


class MonthField(forms.DateField):
    """A month and year ("2022-03"; a year alone or a full date also do), kept as its first day.

    Careers are remembered by the month: LinkedIn exports say "Mar 2022" too.
    """

    widget = forms.TextInput(
        attrs={"placeholder": "YYYY-MM", "inputmode": "numeric", "autocomplete": "off"}
    )
    default_error_messages = {"invalid": "Write the month as YYYY-MM, e.g. 2022-03."}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        match = _MONTH.match(str(value))
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = int(match[1]), int(match[2] or 1)
        if not (1900 <= year <= 2100 and 1 <= month <= 12):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date(year, month, 1)

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%Y-%m}" if isinstance(value, date) else value


class AboutForm(forms.ModelForm):
    """What outreach says about the user, on /you/ (the email address is shown, not edited)."""

    class Meta:
        model = User
        fields = [
            "display_name",
            "phone",
            "signature",
            "school",
            "field_broad",
            "field_narrow",
            "profile_url",
            "decision",
            "decision_by",
        ]
        labels = {
            "display_name": "Your name",
            "field_broad": "Field you're exploring (broad)",
            "field_narrow": "Your focus within it (narrow)",
        }
        help_texts = {
            "display_name": "As you sign and as people know you.",
            "phone": "Optional: for your resume; never put in a message for you.",
        }
        widgets = {
            "signature": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 3}),
            "decision_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].widget.attrs["autocomplete"] = "name"
        self.fields["profile_url"].widget.attrs["placeholder"] = "https://www.linkedin.com/in/…"
        self.fields["signature"].widget.attrs["placeholder"] = (
            self.instance.signature_text or "Your name\nhttps://www.linkedin.com/in/…"
        )

    def _post_clean(self) -> None:
        # The service validates and saves; don't let ModelForm change the signed-in user.
        pass


class PositionForm(forms.ModelForm):
    started_on = MonthField(label="From", required=False)
    finished_on = MonthField(
        label="To", required=False, help_text="Leave empty while it is your current position."
    )

    class Meta:
        model = Position
        fields = [
            "title",
            "organization_name",
            "location",
            "started_on",
            "finished_on",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        pass


class EducationForm(forms.ModelForm):
    started_on = MonthField(label="From", required=False)
    finished_on = MonthField(label="To", required=False)

    class Meta:
        model = Education
        fields = ["school", "degree", "started_on", "finished_on", "activities", "notes"]
        widgets = {
            "activities": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        pass


RATINGS = [
    ("", "Not rated yet"),
    ("1", "1 · beginner"),
    ("2", "2 · some practice"),
    ("3", "3 · solid"),
    ("4", "4 · strong"),
    ("5", "5 · could teach it"),
]


class SkillForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        label="How good are you at it?",
    )

    class Meta:
        model = Skill
        fields = ["name", "rating", "evidence"]
        labels = {"name": "Skill", "evidence": "Evidence"}
        widgets = {"evidence": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self) -> None:
        pass
