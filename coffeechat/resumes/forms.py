from __future__ import annotations

import re
from typing import Any

from django import forms

from coffeechat.resumes import document as doc
from coffeechat.resumes import entries, sections
from coffeechat.resumes.models import Paper, Template

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S*")


def _field_for(spec: sections.Field, value: Any) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": False, "help_text": spec.help}
    if spec.kind == "textarea":
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, strip=True, **common
        )
    if spec.kind == "lines":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
    if spec.kind == "email":
        return forms.EmailField(max_length=254, **common)
    field = forms.CharField(max_length=500, **common)
    if spec.kind == "date":
        field.widget.attrs.update(
            {
                "inputmode": "numeric",
                "placeholder": "YYYY-MM",
                "pattern": r"\d{4}(-\d{2}(-\d{2})?)?",
                "size": 10,
            }
        )
    return field


def _initial(spec: sections.Field, value: Any) -> Any:
    if spec.kind == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return value if isinstance(value, str) else ("" if value is None else str(value))


class _DocumentFields(forms.Form):
    """A form over some fields of a JSON Resume object (an entry, basics): text in, values out."""

    specs: tuple[sections.Field, ...] = ()

    def __init__(
        self, *args: Any, specs: tuple[sections.Field, ...], values: Any = None, **kwargs: Any
    ) -> None:
        values = values if isinstance(values, dict) else {}
        kwargs.setdefault("initial", {s.key: _initial(s, values.get(s.key)) for s in specs})
        super().__init__(*args, **kwargs)
        self.specs = specs
        for spec in specs:
            self.fields[spec.key] = _field_for(spec, values.get(spec.key))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for spec in self.specs:
            value = cleaned.get(spec.key)
            if not isinstance(value, str) or not value.strip():
                continue
            if spec.kind == "date" and entries.date_problem(value.strip()):
                self.add_error(spec.key, entries.date_problem(value.strip()))
            elif spec.kind == "url" and not _URL.fullmatch(value.strip()):
                self.add_error(
                    spec.key,
                    f"“{value.strip()}” isn't a full web address: write it "
                    "with its beginning, such as https://example.org.",
                )
        return cleaned

    def values(self) -> dict[str, Any]:
        """What to store: lists for one-per-line fields, text for the rest."""
        result: dict[str, Any] = {}
        for spec in self.specs:
            value = self.cleaned_data.get(spec.key, "")
            if spec.kind == "lines":
                value = [line.strip() for line in (value or "").splitlines() if line.strip()]
            result[spec.key] = value or ("" if spec.kind != "lines" else [])
        return result


class EntryForm(_DocumentFields):
    def __init__(
        self, *args: Any, section: sections.Section, entry: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, specs=section.fields, values=entry, **kwargs)
        self.section = section


class BasicsForm(_DocumentFields):
    def __init__(self, *args: Any, basics: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, specs=sections.BASICS, values=basics, **kwargs)


class LocationForm(_DocumentFields):
    prefix = "location"

    def __init__(self, *args: Any, location: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, specs=sections.LOCATION, values=location, **kwargs)


class BulletForm(forms.Form):
    text = forms.CharField(
        label="Bullet", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="A JSON Resume file (.json)", required=False, help_text="Up to 1 MB."
    )
    text = forms.CharField(
        label="Or paste it here",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        max_length=doc.MAX_BYTES,
    )
    name = forms.CharField(
        label="Name it",
        max_length=110,
        required=False,
        help_text="Empty: from the name in the file.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is not None and upload.size > doc.MAX_BYTES:
            self.add_error(
                "file",
                f"This file is {upload.size // 1000:,} KB; a resume is a "
                "few kilobytes (1 MB at most).",
            )
        elif upload is None and not (cleaned.get("text") or "").strip() and not self.errors:
            raise forms.ValidationError("Choose a file or paste its content.")
        return cleaned

    def raw(self) -> tuple[bytes | str, str]:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return upload.read(doc.MAX_BYTES + 5), upload.name or ""
        return self.cleaned_data["text"], ""


class TailorForm(forms.Form):
    target_role = forms.CharField(
        label="Role", max_length=200, required=False, help_text="e.g. Product analyst"
    )
    organization_name = forms.CharField(
        label="Employer", max_length=200, required=False, help_text="One of your organizations."
    )
    name = forms.CharField(
        label="Name it",
        max_length=110,
        required=False,
        help_text="Empty: named after what it's for.",
    )


class SettingsForm(forms.Form):
    name = forms.CharField(max_length=110)
    target_role = forms.CharField(label="Role it's for", max_length=200, required=False)
    organization_name = forms.CharField(label="Employer it's for", max_length=200, required=False)
    template = forms.ChoiceField(choices=Template.choices)
    paper = forms.ChoiceField(choices=Paper.choices, required=False)
    max_pages = forms.TypedChoiceField(
        label="Pages at most", coerce=int, choices=[(1, "One page"), (2, "Two pages")]
    )


class DownloadForm(forms.Form):
    template = forms.ChoiceField(choices=Template.choices, required=False)
    paper = forms.ChoiceField(choices=Paper.choices, required=False)


class SuggestionsForm(forms.Form):
    text = forms.CharField(
        label="Their suggestions, one per line",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AddressForm(forms.Form):
    version = forms.IntegerField(label="Addressed in version", min_value=1)
    note = forms.CharField(label="What you changed", max_length=2000, required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(label="Why not", max_length=2000)


class VersionLabelForm(forms.Form):
    label = forms.CharField(label="Name this version", max_length=120, required=False)
