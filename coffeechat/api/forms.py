from __future__ import annotations

from django import forms

from coffeechat.api.models import Scope
from coffeechat.api.services import MAX_EXPIRY_DAYS

EXPIRY_CHOICES = [("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), ("", "Never")]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What it is for, e.g. “my laptop scripts”.")
    scope = forms.ChoiceField(
        choices=Scope.choices,
        initial=Scope.READ,
        widget=forms.RadioSelect,
        help_text="Read only can list and show; write can also change.",
    )
    expires_days = forms.TypedChoiceField(
        label="Expires",
        choices=EXPIRY_CHOICES,
        initial="90",
        coerce=int,
        empty_value=None,
        required=False,
    )

    def clean_expires_days(self) -> int | None:
        days = self.cleaned_data["expires_days"]
        if days is not None and not 1 <= days <= MAX_EXPIRY_DAYS:
            raise forms.ValidationError("Choose when the token expires.")
        return days
