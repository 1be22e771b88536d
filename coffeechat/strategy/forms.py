from __future__ import annotations

from typing import Any

from django import forms

from coffeechat.occupations.onet import CODE
from coffeechat.strategy.models import Obstacle, Option, Synthesis, Tag

TEXTAREA = {"rows": 3}


class ObstacleForm(forms.Form):
    title = forms.CharField(
        label="What stands between you and the role",
        max_length=200,
        help_text="A skill, credential or kind of experience, e.g. “No SQL in production”.",
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=2000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class RaiseForm(forms.Form):
    title = forms.CharField(label="Add an obstacle", max_length=200)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Obstacle.Status.choices)


class ActionForm(forms.Form):
    text = forms.CharField(label="Next action", max_length=300)
    due_on = forms.DateField(
        label="Do by", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class OptionForm(forms.Form):
    title = forms.CharField(
        label="Occupation or role", max_length=200, help_text="e.g. “Healthcare data analyst”."
    )
    occupation_code = forms.RegexField(
        label="O*NET occupation code",
        max_length=12,
        required=False,
        regex=r"^\d{2}-\d{4}(\.\d{2})?$",
        error_messages={"invalid": "An O*NET code looks like 15-2051.01."},
        help_text="Optional, e.g. 15-2051.01 (from an occupation's page).",
    )
    occupation_title = forms.CharField(label="O*NET occupation", max_length=200, required=False)
    description = forms.CharField(
        label="The work, in your words",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    status = forms.ChoiceField(choices=Option.Status.choices, initial=Option.Status.EXPLORE)

    def __init__(self, *args: Any, occupation_fields: bool = True, **kwargs: Any) -> None:
        """Without O*NET data the code and title are typed; with it, they are chosen through
        the occupation search (OccupationChoiceForm), so the form leaves them out."""
        super().__init__(*args, **kwargs)
        if not occupation_fields:
            del self.fields["occupation_code"], self.fields["occupation_title"]


class OccupationChoiceForm(forms.Form):
    # Empty unlinks the option from its occupation.
    occupation_code = forms.RegexField(regex=CODE, required=False, max_length=10)


class OptionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Option.Status.choices)


class EmployerForm(forms.Form):
    name = forms.CharField(label="Add an employer", max_length=200)


class TagForm(forms.Form):
    """A tag button posts `tag`; changing the option re-posts the tag it had (`keep_tag`)."""

    tag = forms.ChoiceField(choices=[("", "none"), *Tag.choices], required=False)
    keep_tag = forms.ChoiceField(choices=[("", "none"), *Tag.choices], required=False)
    option = forms.IntegerField(required=False)

    def chosen_tag(self) -> str:
        if "tag" in self.data:
            return self.cleaned_data["tag"]
        return self.cleaned_data["keep_tag"]


class SynthesisForm(forms.ModelForm):
    conversations_count = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Synthesis
        fields = ["likes", "deal_breakers", "gaps", "open_questions", "next_prototype"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def sections(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StrategyForm(forms.Form):
    body = forms.CharField(
        label="Your strategy",
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 22, "id": "strategy-body", "data-strategy-body": ""}),
        help_text="For each focus option: what work, where, with whom, how. “# ” starts a "
        "heading, “- ” a bullet; [[evidence:12]] links a piece of evidence.",
    )


class ThemeNameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, required=False)


class MergeForm(forms.Form):
    into = forms.IntegerField(label="Merge into")
