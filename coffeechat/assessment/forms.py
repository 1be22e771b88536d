from __future__ import annotations

from django import forms
from django.http import QueryDict

from coffeechat.assessment import inventory, values
from coffeechat.assessment.models import Talent, WorkValue


def posted_answers(data: QueryDict) -> dict[str, str]:
    """The inventory answers in a POST: one radio group per item key, other fields ignored.

    Values are checked by the service (a tampered value is an error there, not dropped here).
    """
    return {key: data.get(key) or "" for key in inventory.BY_KEY if data.get(key, "") != ""}


class ChooseValuesForm(forms.Form):
    keys = forms.MultipleChoiceField(
        label="Values that matter to you",
        required=False,
        choices=[(value.key, value.name) for value in values.VALUES],
        widget=forms.CheckboxSelectMultiple,
    )


class OwnValueForm(forms.Form):
    name = forms.CharField(
        label="Your own value", max_length=WorkValue._meta.get_field("name").max_length
    )
    description = forms.CharField(
        label="What it means to you",
        required=False,
        max_length=WorkValue._meta.get_field("description").max_length,
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down"), ("top", "Top")])


class TalentForm(forms.Form):
    text = forms.CharField(
        label="A talent, in your words",
        max_length=Talent._meta.get_field("text").max_length,
        help_text="Something you do well, e.g. “explaining numbers to people who hate numbers”.",
    )
