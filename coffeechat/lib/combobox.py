"""One searchable chooser for lists that grow with the user's network (people, organizations,
tags, time zones): never render them whole as <option>s.

The widget is a text input with the WAI-ARIA combobox pattern (static/js/combobox.js asks the
`source` endpoint for a few matches as you type, htmx-driven). Without JavaScript it stays a
plain text input: the server resolves the typed name, and says when it is unknown or
ambiguous. A chooser that picks a row also carries a hidden `<name>` id set when an option is
picked; the text then travels as `<name>_name`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# How many matches a chooser shows at once: typing narrows them.
LIMIT = 10


class Combobox(forms.Widget):
    """A text input that suggests matches from `source` (a URL name answering ?q=...).

    `picks_row`: the field names a row by id (hidden input `name`, text in `name_name`);
    otherwise the text itself is the value (free text with suggestions, e.g. an organization
    name that is created when new).
    """

    template_name = "components/combobox.html"

    def __init__(
        self,
        source: str,
        *,
        picks_row: bool = False,
        placeholder: str = "",
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.source = source
        self.picks_row = picks_row
        self.placeholder = placeholder

    def text_name(self, name: str) -> str:
        return f"{name}_name" if self.picks_row else name

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        text = data.get(self.text_name(name), "")
        if not self.picks_row:
            return text
        return (data.get(name, ""), text)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and self.text_name(name) not in data

    def format_value(self, value: Any) -> Any:
        return value

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = self.build_attrs(self.attrs, attrs)
        input_id = attrs.pop("id", None) or f"id_{name}"
        chosen_id, text = value if isinstance(value, tuple) else ("", value or "")
        if not isinstance(value, tuple) and self.picks_row and value is not None:
            chosen_id, text = getattr(value, "pk", value), str(value)
        return {
            "name": name,
            "text_name": self.text_name(name),
            "input_id": input_id,
            "text": text if text is not None else "",
            "chosen_id": chosen_id or "",
            "picks_row": self.picks_row,
            # ?pick=1 tells the endpoint to send ids with its options.
            "source": reverse(self.source) + ("?pick=1" if self.picks_row else ""),
            "placeholder": self.placeholder,
            "required": attrs.get("required", False),
            "describedby": attrs.get("aria-describedby", ""),
        }

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # The project's template engine (the default form renderer doesn't see templates/).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def id_for_label(self, id_: str) -> str:
        return id_


class ChooserField(forms.Field):
    """A field that names one of the owner's rows through a `Combobox(picks_row=True)`.

    `resolve(chosen_id, text)` returns the row or raises ValidationError with a sentence that
    says what was unknown or ambiguous; the form sets it (it knows the owner).
    """

    def __init__(self, *, source: str, placeholder: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", Combobox(source, picks_row=True, placeholder=placeholder))
        super().__init__(**kwargs)
        self.resolve: Callable[[int | None, str], Any] | None = None

    def clean(self, value: Any) -> Any:
        chosen, text = value if isinstance(value, tuple) else ("", value or "")
        text = " ".join(str(text).split())
        chosen_id = int(chosen) if str(chosen).isdigit() else None
        if chosen_id is None and not text:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        assert self.resolve is not None, "the form sets ChooserField.resolve"
        return self.resolve(chosen_id, text)

    def bound_data(self, data: Any, initial: Any) -> Any:
        return data


@dataclass(frozen=True)
class Option:
    """One match: `value` is what the input holds once it is chosen (`id` for a row)."""

    value: str
    label: str
    detail: str = ""
    id: int | None = None


def options_response(request: HttpRequest, options: list[Option], *, query: str) -> HttpResponse:
    """The listbox's options; `options` holds up to LIMIT + 1 (the extra one says "more")."""
    return render(
        request,
        "components/combobox_options.html",
        {"options": options[:LIMIT], "more": len(options) > LIMIT, "query": query},
    )


def query_of(request: HttpRequest) -> str:
    """The chooser's typed text, bounded (a search box is not a place to post a book)."""
    return " ".join(request.GET.get("q", "").split())[:100]


class FastSelect(forms.Select):
    """A <select> of a long fixed list (countries) drawn by one string join, not a template
    per option: 250 options cost under a millisecond instead of about twenty."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = {**self.build_attrs(self.attrs, attrs), "name": name}
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(v)}"{" selected" if str(v) == chosen else ""}>'
            f"{escape(label)}</option>"
            for v, label in self.choices
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))
