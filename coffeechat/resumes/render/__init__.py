"""Render a JSON Resume document as PDF (typst), DOCX (python-docx), Markdown or plain text.

`render_resume` is the one entry point. Every format prints the same rows, built by
`model.normalize`, so they agree on content, order and how dates read. Rendering never raises on
odd documents: what cannot be read is left out and named in `Rendered.warnings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coffeechat.resumes.render.model import normalize

TEMPLATES = ("classic", "modern", "compact")
FORMATS = ("pdf", "docx", "md", "txt")
PAPERS = ("a4", "letter")
# Rendering time grows with length (typst: about 20 ms a page); this bounds it to a few seconds.
MAX_TEXT = 200_000

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}

# Where US Letter is the usual paper (ISO 3166-1 alpha-2); everywhere else uses A4.
LETTER_COUNTRIES = frozenset(
    {
        "US",
        "CA",
        "MX",
        "PH",
        "CL",
        "CO",
        "CR",
        "DO",
        "GT",
        "PA",
        "PR",
        "SV",
        "NI",
        "VE",
        "BZ",
        "GU",
        "VI",
        "AS",
        "MP",
        "UM",
    }
)


@dataclass(frozen=True)
class Rendered:
    content: bytes
    media_type: str
    extension: str  # "pdf", "docx", "md", "txt"
    pages: int | None  # PDFs: the page count
    max_pages: int | None  # the limit asked for (1 or 2)
    overflow: bool  # more pages than max_pages
    warnings: tuple[str, ...]  # what could not be printed as given, in sentences


def render_resume(
    document: dict[str, Any],
    *,
    format: str,
    template: str = "classic",
    paper: str = "a4",
    max_pages: int = 1,
) -> Rendered:
    """The document in `format`; `template` and `paper` shape the PDF and DOCX only."""
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}.")
    if template not in TEMPLATES:
        raise ValueError(f"Unknown template {template!r}: use one of {', '.join(TEMPLATES)}.")
    if paper not in PAPERS:
        raise ValueError(f"Unknown paper {paper!r}: use a4 or letter.")
    if max_pages not in (1, 2):
        raise ValueError("A resume is limited to 1 or 2 pages.")
    resume = normalize(document)
    if sum(map(len, resume.strings())) > MAX_TEXT:
        raise ValueError(
            f"This resume has more than {MAX_TEXT:,} characters of text, far more "
            "than any resume needs; shorten it to render it."
        )
    pages: int | None = None
    warnings = list(resume.warnings)
    if format == "pdf":
        from coffeechat.resumes.render import pdf

        content, pages, font_warnings = pdf.render(resume, template=template, paper=paper)
        warnings += font_warnings
    elif format == "docx":
        from coffeechat.resumes.render import docx

        content = docx.render(resume, template=template, paper=paper)
    else:
        from coffeechat.resumes.render import text

        content = (text.markdown(resume) if format == "md" else text.plain(resume)).encode()
    overflow = pages is not None and pages > max_pages
    if overflow:
        limit = "one page" if max_pages == 1 else "two pages"
        hint = " or choose the compact template" if template != "compact" else ""
        warnings.append(f"The resume runs to {pages} pages, more than {limit}: shorten it{hint}.")
    return Rendered(
        content=content,
        media_type=MEDIA_TYPES[format],
        extension=format,
        pages=pages,
        max_pages=max_pages,
        overflow=overflow,
        warnings=tuple(warnings),
    )


def paper_for_country(country_code: str) -> str:
    """'letter' where US Letter is the usual paper (US, CA, MX, PH and a few more), else 'a4'."""
    return "letter" if (country_code or "").strip().upper() in LETTER_COUNTRIES else "a4"
