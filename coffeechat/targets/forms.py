from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.http import QueryDict

from coffeechat.targets.models import Target

MOTIVATION_CHOICES = [("", "Not rated")] + [(str(n), str(n)) for n in range(1, 6)]
POSTING_CHOICES = [
    ("", "Not rated"),
    ("3", "3: a posting for your function"),
    ("2", "2: postings, not your function"),
    ("1", "1: no postings"),
]
SOURCE_CHOICES = Target.Source.choices
SCORE_FIELD = re.compile(r"^(motivation|posting)-(\d{1,12})$")


class SourceField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=Target.Source.choices,
            initial=Target.Source.DREAM,
            label="Where they came from",
            **kwargs,
        )


class PasteForm(forms.Form):
    # No max_length here: the service refuses an over-long paste with a sentence that says
    # how much it takes (paste.MAX_CHARS), instead of a bare "too long".
    names = forms.CharField(
        label="Employer names, one per line",
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
        error_messages={"required": "Paste at least one employer name."},
    )
    source = SourceField()


class PickForm(forms.Form):
    organization = forms.TypedMultipleChoiceField(
        coerce=int, choices=[], error_messages={"required": "Tick at least one."}
    )
    source = SourceField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The ids are checked against the owner's organizations by the service.
        values = self.data.getlist("organization") if hasattr(self.data, "getlist") else []
        cast(forms.ChoiceField, self.fields["organization"]).choices = [
            (v, v) for v in values if v.isdigit()
        ]


class TargetForm(forms.ModelForm):
    motivation = forms.TypedChoiceField(
        choices=MOTIVATION_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="By gut: 5 is a dream employer.",
    )
    posting = forms.TypedChoiceField(
        choices=POSTING_CHOICES, coerce=int, empty_value=None, required=False
    )
    field_order = ["motivation", "posting", "source", "size", "notes"]

    class Meta:
        model = Target
        fields = ["source", "size", "notes"]
        labels = {"source": "Where it came from", "size": "How big"}
        help_texts = {"size": "Most employers have under 500 people: keep some on your list."}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Target.Status.choices)
    outcome = forms.ChoiceField(choices=[("", "")] + Target.Outcome.choices, required=False)


class AskForm(forms.Form):
    person = forms.IntegerField(min_value=1)


def scores_from(data: QueryDict) -> tuple[dict[int, dict[str, int | None]], list[str]]:
    """The `motivation-<id>` / `posting-<id>` fields of a ratings post, and what was wrong."""
    ratings: dict[int, dict[str, int | None]] = {}
    errors = []
    for key in data:
        value = data.get(key) or ""
        match = SCORE_FIELD.match(key)
        if not match:
            continue
        kind, pk = match[1], int(match[2])
        top = 5 if kind == "motivation" else 3
        if value == "":
            score = None
        elif value.isdigit() and 1 <= int(value) <= top:
            score = int(value)
        else:
            errors.append(f"{kind.capitalize()} is a number from 1 to {top}.")
            continue
        ratings.setdefault(pk, {})[kind] = score
    return ratings, errors


# The radio groups of the rating table (None = not rated yet), lowest first.
MOTIVATION_OPTIONS = [None, 1, 2, 3, 4, 5]
POSTING_OPTIONS = [None, 1, 2, 3]
