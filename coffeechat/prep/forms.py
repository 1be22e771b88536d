from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.http import QueryDict

from coffeechat.prep import checklists
from coffeechat.prep.models import Brief, Capture

TEXTAREA = {"rows": 3}


class BriefForm(forms.ModelForm):
    research_done = forms.MultipleChoiceField(
        label="Research done",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(i.key, i.label) for i in checklists.RESEARCH],
    )
    bring_done = forms.MultipleChoiceField(
        label="Ready to bring",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(i.key, i.label) for i in checklists.BRING],
    )

    class Meta:
        model = Brief
        fields = [
            "research_person",
            "research_organization",
            "research_field",
            "links",
            "research_done",
            "introduction",
            "bring_done",
        ]
        widgets = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in [
                "research_person",
                "research_organization",
                "research_field",
                "links",
                "introduction",
            ]
        }

    def __init__(self, *args: Any, mode: str = "video", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["bring_done"]).choices = [
            (i.key, i.label) for i in checklists.bring_for(mode)
        ]

    def enable_autosave(self, url: str) -> None:
        """Post each field on its own as it changes (htmx); text also gets a local backup."""
        for name, field in self.fields.items():
            group = name in ("research_done", "bring_done")
            field.widget.attrs.update(
                autosave_attrs(url, f"{name},{name}-shown" if group else name, backup=not group)
            )

    def sections(self) -> list[tuple[str, Any, list[Any]]]:
        """The research checklist by subject: (title, notes field, its checkboxes)."""
        boxes = self["research_done"].subwidgets
        return [
            (
                title,
                self[f"research_{key}"],
                [b for b in boxes if checklists.RESEARCH_GROUP[b.data["value"]] == key],
            )
            for key, title in checklists.RESEARCH_GROUPS
        ]

    def changed_fields(self) -> dict[str, Any]:
        """The posted fields only: an autosave of one field leaves the others alone."""
        posted = {name for name in self.data if name in self.fields}
        # Checkbox groups post nothing when all are unticked: a marker says they were shown.
        posted |= {name for name in ("research_done", "bring_done") if f"{name}-shown" in self.data}
        return {name: self.cleaned_data[name] for name in posted}


class AddQuestionForm(forms.Form):
    text = forms.CharField(
        label="Your own question",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    bank_key = forms.CharField(required=False, widget=forms.HiddenInput)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Question", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    must_ask = forms.BooleanField(label="Must ask", required=False)


class CaptureForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        initial=Capture.Kind.ADVICE,
        choices=[c for c in Capture.Kind.choices if c[0] != Capture.Kind.REFERRAL],
    )
    text = forms.CharField(
        label="What they said", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReferralForm(forms.Form):
    full_name = forms.CharField(label="Talk to (name)", max_length=200)
    organization_name = forms.CharField(label="At (organization)", max_length=200, required=False)
    title = forms.CharField(label="Their role", max_length=200, required=False)
    context = forms.CharField(label="Why talk to them", max_length=250, required=False)
    may_mention = forms.BooleanField(label="I may mention their name", required=False)


class TouchForm(forms.Form):
    note = forms.CharField(
        label="What you sent or talked about",
        max_length=200,
        help_text="e.g. Sent the article on pricing research; told her I "
        "took the SQL course she suggested.",
    )


class CadenceForm(forms.Form):
    keep_in_touch_weeks = forms.IntegerField(
        label="Keep in touch every (weeks)",
        min_value=4,
        max_value=52,
        help_text="Every 8–12 weeks suits most people; never closer than 4. Applies from the "
        "next reminder.",
    )


def autosave_attrs(url: str, params: str, *, backup: bool = True) -> dict[str, str]:
    """htmx attributes that post one field to `url` on every change (and typing pause)."""
    attrs = {
        "hx-post": url,
        "hx-trigger": "change, keyup delay:800ms",
        "hx-params": params,
        "hx-target": "#autosave-status",
        "hx-swap": "outerHTML",
        "hx-sync": "this:queue last",
    }
    if backup:
        attrs["data-autosave"] = ""
    return attrs


LIVE_FIELD = re.compile(r"^(answer|asked)-(\d+)$")
LIVE_BRIEF_FIELDS = ("live_notes", "resume_critique", "resume_feedback")


def live_changes(data: QueryDict) -> tuple[dict[int, dict[str, Any]], dict[str, str]]:
    """Read the conversation page's fields: per question (`answer-<id>`, `asked-<id>`) and brief.

    A ticked box posts "1" after its hidden "0", so the last value is the one that counts.
    """
    answers: dict[int, dict[str, Any]] = {}
    for name in data:
        match = LIVE_FIELD.match(name)
        if match:
            field, pk = match[1], int(match[2])
            value = data.getlist(name)[-1]
            answers.setdefault(pk, {})[field] = value in ("1", "on") if field == "asked" else value
    brief = {name: data.getlist(name)[-1] for name in LIVE_BRIEF_FIELDS if name in data}
    if "resume_critique" in brief and brief["resume_critique"] not in Brief.Resume.values:
        raise forms.ValidationError("Unknown resume critique choice.")
    return answers, brief


def reflection_changes(data: QueryDict) -> dict[str, str]:
    """The reflection prompts' answers that were posted (`reflection-<key>`)."""
    return {
        key: data.getlist(f"reflection-{key}")[-1]
        for key in checklists.REFLECTION_KEYS
        if f"reflection-{key}" in data
    }
