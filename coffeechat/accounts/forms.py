from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms

from coffeechat.accounts.models import WEEKDAY_NAMES, User
from coffeechat.lib.businessdays import supported_countries


@cache
def _time_zones() -> list[tuple[str, str]]:
    return [(z, z.replace("_", " ")) for z in sorted(zoneinfo.available_timezones())
            if "/" in z and not z.startswith(("Etc/", "SystemV/"))] + [("UTC", "UTC")]


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=_time_zones)
    working_days = forms.MultipleChoiceField(
        choices=[(str(i), name) for i, name in enumerate(WEEKDAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        help_text="Follow-up timers count only these days.",
    )
    holiday_country = forms.ChoiceField(
        label="Public holidays of", required=False,
        choices=lambda: [("", "None")] + supported_countries(),
        help_text="Public holidays in this country don't count as business days.",
    )

    class Meta:
        model = User
        fields = ["display_name", "time_zone", "working_days", "holiday_country",
                  "meeting_minutes", "digest_enabled"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["working_days"] = list(self.instance.working_days)
        self.fields["meeting_minutes"].widget.attrs.update(min=15, max=45, step=5)

    def clean_working_days(self) -> str:
        days = self.cleaned_data["working_days"]
        if not days:
            raise forms.ValidationError("Pick at least one working day.")
        return "".join(sorted(days))
