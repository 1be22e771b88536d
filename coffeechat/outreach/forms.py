from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from coffeechat.outreach.lint_findings import WHY
from coffeechat.outreach.models import MessageKind, OutreachSettings, Template

# --- composer, templates, lint ---

LINKEDIN_KINDS = (MessageKind.LINKEDIN_NOTE, MessageKind.LINKEDIN_MESSAGE)


class ComposeForm(forms.Form):
    """The composer's text, and the choices a blocked send asks for."""

    kind = forms.ChoiceField(choices=MessageKind.choices, widget=forms.HiddenInput)
    to_email = forms.EmailField(label="To", required=False)
    subject = forms.CharField(label="Subject", max_length=300, required=False)
    body = forms.CharField(
        label="Message",
        required=False,
        max_length=20_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
    )
    sent_on = forms.DateField(
        label="Sent on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    override = forms.MultipleChoiceField(choices=[(r, r) for r in WHY], required=False)
    acknowledge_budget = forms.BooleanField(required=False)
    # The draft's own key (Message.idempotency_key), or a new one for a page that shows no
    # draft yet: two Sends of one page (a double click, a retried POST) name the same row, so
    # they can never make two messages (services.save_draft).
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, kind: str, lint_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind in LINKEDIN_KINDS:  # LinkedIn has no address or subject line
            del self.fields["to_email"], self.fields["subject"]
        # Live lint: the text goes to the lint view 400 ms after the user stops typing.
        live = {
            "hx-post": lint_url,
            "hx-trigger": "input changed delay:400ms",
            "hx-target": "#findings",
            "hx-swap": "innerHTML",
            "hx-include": "closest form",
        }
        for name in ("subject", "body"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(live)
        self.fields["body"].widget.attrs["aria-describedby"] = "findings"

    def clean_sent_on(self) -> Any:
        sent_on = self.cleaned_data.get("sent_on")
        if sent_on and sent_on > timezone.localdate():
            raise forms.ValidationError("That date is in the future.")
        return sent_on

    def text(self) -> dict[str, Any]:
        """The draft's fields as the services take them."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "to_email": data.get("to_email") or "",
            "subject": data.get("subject") or "",
            "body": data.get("body") or "",
            "key": data.get("key"),
        }


class TemplateForm(forms.ModelForm):
    class Meta:
        model = Template
        fields = ["name", "kind", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "subject": "Not used for LinkedIn messages.",
            "body": "Placeholders in {braces} are filled in from the person, the "
            "conversation and your profile: see the list on this page.",
        }


# --- outreach settings (mail, LinkedIn, AI) ---

# The stored secrets: never rendered back, blank keeps the saved one.
SECRETS = {
    "smtp_password": "SMTP password",
    "imap_password": "IMAP password",
    "ai_api_key": "AI API key",
}


def _secret_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


def _forget_field(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=f"Forget the saved {label.split()[-1].lower()}", required=False)


class OutreachSettingsForm(forms.ModelForm):
    smtp_password = _secret_field("SMTP password")
    forget_smtp_password = _forget_field("SMTP password")
    imap_password = _secret_field("IMAP password")
    forget_imap_password = _forget_field("IMAP password")
    ai_api_key = _secret_field("AI API key")
    forget_ai_api_key = _forget_field("AI API key")

    # The page shows the fields in these groups, in this order.
    SECTIONS = [
        (
            "Sending",
            "smtp",
            [
                "smtp_enabled",
                "smtp_host",
                "smtp_port",
                "smtp_security",
                "smtp_username",
                "smtp_password",
                "forget_smtp_password",
                "from_email",
            ],
        ),
        (
            "Replies",
            "imap",
            [
                "imap_enabled",
                "imap_host",
                "imap_port",
                "imap_security",
                "imap_username",
                "imap_password",
                "forget_imap_password",
                "imap_folder",
            ],
        ),
        ("LinkedIn and habits", "habits", ["linkedin_note_limit", "daily_request_budget"]),
        (
            "AI rewrites",
            "ai",
            ["ai_enabled", "ai_base_url", "ai_model", "ai_api_key", "forget_ai_api_key"],
        ),
    ]

    class Meta:
        model = OutreachSettings
        fields = [
            "smtp_enabled",
            "smtp_host",
            "smtp_port",
            "smtp_security",
            "smtp_username",
            "from_email",
            "imap_enabled",
            "imap_host",
            "imap_port",
            "imap_security",
            "imap_username",
            "imap_folder",
            "linkedin_note_limit",
            "daily_request_budget",
            "ai_enabled",
            "ai_base_url",
            "ai_model",
        ]
        help_texts = {
            "from_email": "With your own SMTP server, mail goes out from this address (your "
            "sign-in address when blank). Through coffeechat's server it goes "
            "out from coffeechat's address with your name; replies come to you "
            "either way.",
            "smtp_port": "Usually 587 with STARTTLS, or 465 with SSL/TLS.",
            "imap_port": "Usually 993 with SSL/TLS, or 143 with STARTTLS.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("smtp_port", "imap_port"):
            self.fields[name].widget.attrs.update(min=1, max=65535)
        self.fields["daily_request_budget"].widget.attrs.update(min=1, max=50)
        for name, label in SECRETS.items():
            if getattr(self.instance, name):
                self.fields[
                    name
                ].help_text = f"A {label.split()[-1].lower()} is saved. Leave blank to keep it."
            else:
                del self.fields[f"forget_{name}"]

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [
            (title, key, [self[name] for name in names if name in self.fields])
            for title, key, names in self.SECTIONS
        ]

    def clean_smtp_port(self) -> int:
        return _port(self.cleaned_data["smtp_port"])

    def clean_imap_port(self) -> int:
        return _port(self.cleaned_data["imap_port"])

    def secrets(self) -> dict[str, str | None]:
        """Each secret as the service takes it: None keeps it, "" forgets it, text sets it."""
        return {
            name: ""
            if self.cleaned_data.get(f"forget_{name}")
            else self.cleaned_data.get(name) or None
            for name in SECRETS
        }


def _port(value: int) -> int:
    if not 1 <= value <= 65535:
        raise forms.ValidationError("A port is a number from 1 to 65535.")
    return value
