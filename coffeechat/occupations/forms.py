from __future__ import annotations

from django import forms

from coffeechat.occupations.onet import CODE


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Job title",
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": "e.g. UX researcher"}
        ),
    )


class ChooseForm(forms.Form):
    # Empty means "none of these": the brief stops suggesting an occupation.
    occupation_code = forms.RegexField(regex=CODE, required=False, max_length=10)


class TaskQuestionForm(forms.Form):
    occupation_code = forms.RegexField(regex=CODE, max_length=10)
    task_id = forms.IntegerField(min_value=1)
