from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from coffeechat.cards import parsing


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """A list of files; the service checks what they contain."""

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class CaptureForm(forms.Form):
    event = forms.CharField(
        label="Where are you?",
        max_length=200,
        help_text="Choose it once: every card you capture is saved as met here.",
        widget=forms.TextInput(attrs={"placeholder": "Spring career fair 2026"}),
    )
    photo = MultipleImageField(
        label="Take a photo of a card",
        required=False,
        # One photo: on a phone this opens the back camera straight away.
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    images = MultipleImageField(
        label="Or choose photos",
        required=False,
        help_text="Several at once is fine: JPEG, PNG or WebP, up to 10 MB each.",
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/*", "multiple": True}
        ),
    )

    def uploads(self) -> list[tuple[str, int, Any]]:
        files = [*self.cleaned_data.get("photo", []), *self.cleaned_data.get("images", [])]
        return [(f.name or "", f.size or 0, f) for f in files]


class ReviewForm(forms.Form):
    full_name = forms.CharField(label="Name", max_length=200)
    title = forms.CharField(max_length=200, required=False)
    organization_name = forms.CharField(label="Organization", max_length=200, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    # The phone number the user chose to keep although it doesn't look valid.
    phone_as_typed = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.URLField(max_length=200, required=False)
    address = forms.CharField(max_length=300, required=False)
    met_at = forms.CharField(label="Where you met", max_length=200)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.BooleanField(
        label="Remind me to follow up on the next business morning", required=False, initial=True
    )

    def __init__(self, *args: Any, region: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.phone_warning = ""

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        formatted, is_valid = parsing.normalize_phone(phone, self.region)
        if is_valid:
            return formatted
        self.phone_warning = _phone_warning(self.region)
        if phone != self.data.get("phone_as_typed", ""):
            # The page comes back with the number in the hidden field: saving again keeps it.
            data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound
            data["phone_as_typed"] = phone
            self.data = data
            raise forms.ValidationError(f"{self.phone_warning} Save again to keep it as typed.")
        return phone

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("phone_as_typed", None)
        return data


def _phone_warning(region: str | None) -> str:
    if region:
        return f"This doesn't look like a phone number in {region} or with a country code."
    return (
        "This doesn't look like a phone number with a country code (+…). Set your "
        "country in Settings to read numbers without one."
    )


def initial_from(fields: dict[str, str], *, event: str) -> dict[str, Any]:
    """The review form's starting values: what OCR read on the card."""
    return {
        "full_name": fields.get("full_name", ""),
        "title": fields.get("title", ""),
        "organization_name": fields.get("organization", ""),
        "email": fields.get("email", ""),
        "phone": fields.get("phone", ""),
        "website": fields.get("website", ""),
        "address": fields.get("address", ""),
        "met_at": event,
        "notes": fields.get("other", ""),
        "follow_up": True,
    }
