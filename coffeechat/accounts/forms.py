from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from functools import cache
from typing import Any, cast

from allauth.mfa.base import forms as mfa_forms
from django import forms

from coffeechat.accounts import onboarding, throttle, timezones
from coffeechat.accounts.models import WEEKDAY_NAMES, User
from coffeechat.lib.combobox import Combobox, FastSelect


@cache
def _time_zones() -> list[tuple[str, str]]:
    return [
        (z, z.replace("_", " "))
        for z in sorted(zoneinfo.available_timezones())
        if "/" in z and not z.startswith(("Etc/", "SystemV/"))
    ] + [("UTC", "UTC")]


class TimeZoneField(forms.CharField):
    """A time zone typed with suggestions (lib/combobox.py), resolved by the server: never the
    600 zones as <option>s on every load of Settings."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", Combobox("accounts:choose-time-zone", placeholder="A city, e.g. Paris")
        )
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("help_text", "Type your city and choose it from the matches.")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return timezones.label(value) if value else value

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return timezones.resolve(value) if value else value


class SettingsForm(forms.ModelForm):
    time_zone: forms.Field = TimeZoneField()
    working_days = forms.MultipleChoiceField(
        choices=[(str(i), name) for i, name in enumerate(WEEKDAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        required=False,  # clean_working_days says why
        help_text="Follow-up timers count only these days.",
    )
    holiday_country = forms.ChoiceField(
        label="Public holidays of",
        required=False,
        choices=lambda: [("", "None")] + onboarding.holiday_countries(),
        widget=FastSelect,
        help_text="Public holidays in this country don't count as business days.",
    )

    class Meta:
        model = User
        fields = [
            "time_zone",
            "working_days",
            "holiday_country",
            "meeting_minutes",
            "digest_enabled",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["working_days"] = list(self.instance.working_days)
        if "holiday_country" in self.fields:
            field = cast(forms.ChoiceField, self.fields["holiday_country"])
            current = self.instance.holiday_country
            known = list(cast(Iterable[tuple[str, str]], field.choices))
            # A code chosen before the list named countries (say "USA") stays choosable.
            if current and current not in dict(known):
                field.choices = [*known, (current, current)]
        if "meeting_minutes" in self.fields:
            self.fields["meeting_minutes"].widget.attrs.update(min=15, max=45, step=5)

    def clean_working_days(self) -> str:
        days = self.cleaned_data["working_days"]
        if not days:
            raise forms.ValidationError("Pick at least one working day.")
        return "".join(sorted(days))


# The onboarding's steps (/welcome/): each saves only its own fields through the services. ---


class _StepForm(forms.ModelForm):
    def _post_clean(self) -> None:
        pass  # the service validates and saves; the signed-in user stays untouched here


class YouStepForm(_StepForm):
    class Meta:
        model = User
        fields = ["display_name", "signature"]
        labels = {"display_name": "Your name"}
        help_texts = {
            "display_name": "As you sign your messages.",
            "signature": "The lines under your messages: your name, and a profile "
            "link if you like. Empty: your name and profile link.",
        }
        widgets = {"signature": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].widget.attrs["autocomplete"] = "name"
        self.fields["signature"].widget.attrs["placeholder"] = (
            "Sam Rivera\nhttps://www.linkedin.com/in/…"
        )


class CalendarStepForm(SettingsForm):
    """Time zone (detected by the browser, confirmed here), working days, holidays."""

    # A select here: welcome.js picks the browser's zone in it, on a page seen once.
    time_zone = forms.ChoiceField(choices=_time_zones, widget=FastSelect)

    class Meta(SettingsForm.Meta):
        fields = ["time_zone", "working_days", "holiday_country"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.instance
        if not user.holiday_country:
            self.initial["holiday_country"] = onboarding.holiday_country_for(
                user.time_zone, {code for code, _ in onboarding.holiday_countries()}
            )


class FieldStepForm(_StepForm):
    class Meta:
        model = User
        fields = ["school", "field_broad", "field_narrow", "profile_url"]
        labels = {
            "field_broad": "Field you're exploring (broad)",
            "field_narrow": "Your focus within it (narrow)",
        }


class DecisionStepForm(_StepForm):
    class Meta:
        model = User
        fields = ["decision", "decision_by"]
        labels = {"decision": "What decision are you trying to make?", "decision_by": "By when?"}
        widgets = {
            "decision": forms.Textarea(attrs={"rows": 3}),
            "decision_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


STEP_FORMS: dict[str, type[forms.ModelForm]] = {
    "you": YouStepForm,
    "calendar": CalendarStepForm,
    "field": FieldStepForm,
    "decision": DecisionStepForm,
}


class TwoFactorForm(mfa_forms.AuthenticateForm):
    """The code asked at sign-in (TOTP or a recovery code): a throttled refusal says how long
    to wait (settings.MFA_FORMS)."""

    def clean_code(self) -> str:
        with throttle.says_how_long_to_wait(self.user.pk):
            return super().clean_code()


class TwoFactorAgainForm(mfa_forms.ReauthenticateForm):
    """The code asked again of a signed-in user (the admin site asks it of staff)."""

    def clean_code(self) -> str:
        with throttle.says_how_long_to_wait(self.user.pk):
            return super().clean_code()
