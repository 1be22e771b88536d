from __future__ import annotations

from typing import Any

from django import forms

from coffeechat.imports import services
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.parsers.addressbook import MAPPABLE
from coffeechat.network.models import Person


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Contacts file",
        help_text="A LinkedIn data export (the .zip as downloaded, or Connections.csv), a Google "
        "or Outlook contacts CSV, a vCard (.vcf) file, or any other CSV. "
        "Up to 20 MB and 50,000 rows.",
    )
    kind = forms.ChoiceField(
        label="File type",
        required=False,
        choices=[("", "Detect it for me"), *ContactImport.Kind.choices],
        help_text="Leave this on “Detect it for me” unless the guess is wrong.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > services.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "This file is over 20 MB, the limit for one import. Split it into smaller files."
            )
        return upload


class MappingForm(forms.Form):
    """Which column holds which field, for a CSV we don't know."""

    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "— not in this file —")] + [
            (str(i), name or f"Column {i + 1}") for i, name in enumerate(header)
        ]
        for field, label in MAPPABLE.items():
            self.fields[field] = forms.TypedChoiceField(
                label=label, choices=choices, coerce=int, required=False, empty_value=None
            )
        self.fields["connection"] = forms.ChoiceField(
            label="How you know these people", choices=Person.Connection.choices
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not any(cleaned.get(f) is not None for f in ("full_name", "first_name", "last_name")):
            raise forms.ValidationError(
                "Choose the column that holds the name (or first and last names)."
            )
        return cleaned

    def mapping(self) -> dict[str, int]:
        return {f: self.cleaned_data[f] for f in MAPPABLE if self.cleaned_data.get(f) is not None}


class DecisionsForm(forms.Form):
    """Merge, keep separate or skip, for each matched row on the page."""

    def __init__(self, *args: Any, rows: list[ImportRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"row_{row.pk}"] = forms.ChoiceField(
                label=f"Line {row.line}: {row.full_name}",
                widget=forms.RadioSelect,
                choices=ImportRow.Decision.choices,
                initial=row.decision,
            )

    def decisions(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data[f"row_{row.pk}"] for row in self.rows}

    def rows_with_fields(self) -> list[tuple[ImportRow, forms.BoundField]]:
        return [(row, self[f"row_{row.pk}"]) for row in self.rows]
