"""All outgoing mail is rendered here, from templates/emails/<name>/.

Each message has subject.txt, body.txt and body.html.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def clean_header(value: str) -> str:
    """One line, whatever the user typed: names and titles end up in headers."""
    return _LINE_BREAKS.sub(" ", value).strip()[:900]


def build(
    name: str, *, to: str, context: dict[str, Any], headers: dict[str, str] | None = None
) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL, **context}
    subject = clean_header(render_to_string(f"emails/{name}/subject.txt", context))
    text = render_to_string(f"emails/{name}/body.txt", context)
    html = render_to_string(f"emails/{name}/body.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers={key: clean_header(value) for key, value in (headers or {}).items()},
    )
    message.attach_alternative(html, "text/html")
    return message


def send(
    name: str, *, to: str, context: dict[str, Any], headers: dict[str, str] | None = None
) -> None:
    build(name, to=to, context=context, headers=headers).send()


def mailto(to: str, *, subject: str, body: str) -> str:
    """A mailto: link that opens the user's own mail program with the message filled in.

    RFC 6068: everything percent-encoded (spaces as %20, never +) and line breaks as CRLF, or
    some mail programs run the paragraphs together.
    """
    query = urlencode(
        {"subject": subject, "body": body.replace("\r\n", "\n").replace("\n", "\r\n")},
        quote_via=quote,
    )
    return f"mailto:{quote(to, safe='@')}?{query}"
