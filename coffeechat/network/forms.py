from __future__ import annotations

from functools import partial
from typing import Any, cast

from django import forms

from coffeechat.accounts.forms import TimeZoneField
from coffeechat.accounts.models import User
from coffeechat.lib.combobox import ChooserField, Combobox
from coffeechat.network.models import Organization, Person
from coffeechat.network.queries import person_chosen


class QuickAddForm(forms.Form):
    full_name = forms.CharField(label="Name", max_length=200)
    organization_name = forms.CharField(
        label="Organization",
        max_length=200,
        required=False,
        widget=Combobox("network:choose-organization"),
    )
    met_at = forms.CharField(
        label="How we met",
        max_length=200,
        required=False,
        help_text="e.g. spring career fair, alumni mixer",
    )
    connection = forms.ChoiceField(
        label="Connection",
        choices=Person.Connection.choices,
        initial=Person.Connection.COLD,
        required=False,
    )

    def clean_connection(self) -> str:
        return self.cleaned_data.get("connection") or Person.Connection.COLD


class PersonForm(forms.ModelForm):
    organization_name = forms.CharField(
        label="Organization",
        max_length=200,
        required=False,
        widget=Combobox("network:choose-organization"),
        help_text="One of yours, or a new one (it is added).",
    )
    tag_names = forms.CharField(
        label="Tags",
        max_length=500,
        required=False,
        help_text="Separate tags with commas, e.g. product, career fair 2026.",
    )
    # Not required: a form posted without it (older pages, scripts) keeps the current segment.
    segment = forms.ChoiceField(
        label="How they respond",
        choices=Person.Segment.choices,
        required=False,
        help_text="Set from how quickly they replied; change it if you know better.",
    )

    # Scheduling shows offered times on their clock too; empty means the same as yours.
    time_zone = TimeZoneField(
        label="Their time zone",
        required=False,
        help_text="Offered times are shown in both zones. Empty: the same as yours.",
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "title",
            "organization_name",
            "email",
            "phone",
            "linkedin_url",
            "connection",
            "met_at",
            "time_zone",
            "segment",
            "tag_names",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            organization = self.instance.organization
            self.initial.setdefault("organization_name", organization.name if organization else "")
            self.initial.setdefault(
                "tag_names", ", ".join(t.name for t in self.instance.tags.all())
            )
        else:
            # Nobody has answered a new person yet: nothing to say about them.
            del self.fields["segment"]

    def clean_segment(self) -> str:
        return self.cleaned_data.get("segment") or self.instance.segment

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["tag_names"] = [t for t in data.get("tag_names", "").split(",") if t.strip()]
        return data


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "website", "industry", "location", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class IntroductionForm(forms.Form):
    # A chooser, never a <select> of the whole network (30,000 people happen).
    introduced = ChooserField(
        source="network:choose-person", label="Introduced you to", placeholder="Start typing a name"
    )
    introduced_on = forms.DateField(label="When", widget=forms.DateInput(attrs={"type": "date"}))
    context = forms.CharField(label="Context", max_length=300, required=False)

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the owner's own people can be chosen: an id from someone else's network is invalid.
        # Choosing the person themselves is left to the service, which says why it can't be.
        cast(ChooserField, self.fields["introduced"]).resolve = partial(person_chosen, owner)
