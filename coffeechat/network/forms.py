from __future__ import annotations

from typing import Any

from django import forms

from coffeechat.accounts.models import User
from coffeechat.network.models import Organization, Person


class QuickAddForm(forms.Form):
    full_name = forms.CharField(label="Name", max_length=200)
    organization_name = forms.CharField(label="Organization", max_length=200, required=False)
    met_at = forms.CharField(label="How we met", max_length=200, required=False,
                             help_text="e.g. spring career fair, alumni mixer")
    connection = forms.ChoiceField(label="Connection", choices=Person.Connection.choices,
                                   initial=Person.Connection.COLD, required=False)

    def clean_connection(self) -> str:
        return self.cleaned_data.get("connection") or Person.Connection.COLD


class PersonForm(forms.ModelForm):
    organization_name = forms.CharField(label="Organization", max_length=200, required=False)
    tag_names = forms.CharField(
        label="Tags", max_length=500, required=False,
        help_text="Separate tags with commas, e.g. product, career fair 2026.",
    )

    class Meta:
        model = Person
        fields = ["full_name", "title", "organization_name", "email", "phone", "linkedin_url",
                  "connection", "met_at", "tag_names", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            organization = self.instance.organization
            self.initial.setdefault("organization_name", organization.name if organization else "")
            self.initial.setdefault("tag_names",
                                    ", ".join(t.name for t in self.instance.tags.all()))

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
    introduced = forms.ModelChoiceField(queryset=Person.objects.none(),
                                        label="Introduced you to")
    introduced_on = forms.DateField(label="When", widget=forms.DateInput(attrs={"type": "date"}))
    context = forms.CharField(label="Context", max_length=300, required=False)

    def __init__(self, *args: Any, owner: User, exclude: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the owner's own people can be chosen: an id from someone else's network is invalid.
        self.fields["introduced"].queryset = Person.objects.filter(owner=owner).exclude(
            pk=exclude.pk).select_related("organization")
