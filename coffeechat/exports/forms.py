from __future__ import annotations

from typing import Any

from django import forms

from coffeechat.accounts.models import User


class ImportForm(forms.Form):
    archive = forms.FileField(
        label="Export zip", help_text="The .zip that coffeechat's export gave you."
    )


class DeleteAccountForm(forms.Form):
    email = forms.CharField(label="Type your email address")
    password = forms.CharField(label="Your password", widget=forms.PasswordInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email.lower() != self.user.email.lower():
            raise forms.ValidationError("That is not this account's email address.")
        return email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right.")
        return password
