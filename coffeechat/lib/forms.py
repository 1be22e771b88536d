from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when it names one we show."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def error_text(error: ValidationError) -> str:
    """A service's ValidationError as one line of text for a flash message or a report."""
    return " ".join(error.messages)


def form_error_text(form: forms.BaseForm, separator: str = " ") -> str:
    """A form's errors as one line of text for a flash message (its fields' and its own)."""
    return separator.join(str(message) for errors in form.errors.values() for message in errors)
