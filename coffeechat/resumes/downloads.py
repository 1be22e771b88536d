"""Files made from a resume: JSON (ours) and, through the render package, PDF, DOCX, Markdown
and plain text. Only what prints goes to the renderer (hidden entries and bullets left out).

A PDF's page count is remembered on the resume (`services.record_check`) so the resume page can
warn when it runs past the one or two pages the user chose.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from coffeechat.accounts.models import User
from coffeechat.resumes import document as doc
from coffeechat.resumes import services
from coffeechat.resumes.models import Resume, Template

FORMATS = ("pdf", "docx", "md", "txt", "json")
FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "md": "Markdown",
    "txt": "Plain text",
    "json": "JSON Resume",
}
# Countries that print on US Letter; everyone else uses A4. Used only until the renderer's
# own `paper_for_country` is installed.
_LETTER = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "SV", "NI", "PR"}


@dataclass(frozen=True)
class File:
    content: bytes
    media_type: str
    filename: str
    pages: int | None = None
    max_pages: int | None = None
    overflow: bool = False
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


class RenderUnavailable(ValidationError):
    pass


def paper_for(resume: Resume, user: User, chosen: str = "") -> str:
    """The paper asked for, else the resume's setting, else the one of the user's country."""
    if chosen or resume.paper:
        return chosen or resume.paper
    country = (user.holiday_country or "").upper()
    try:
        from coffeechat.resumes.render import paper_for_country
    except ImportError:
        return "letter" if country in _LETTER else "a4"
    return paper_for_country(country)


def make(resume: Resume, *, format: str, user: User, template: str = "", paper: str = "") -> File:
    """The file; a PDF also records its length on the resume."""
    if format not in FORMATS:
        raise ValidationError(f"We can't make a “{format}” file.")
    document = doc.loads(resume.document)
    stem = slugify(resume.name) or "resume"
    if format == "json":
        return File(doc.export_text(document).encode("utf-8"), "application/json", f"{stem}.json")
    try:
        from coffeechat.resumes.render import render_resume
    except ImportError:
        raise RenderUnavailable(
            "PDF, Word, Markdown and text files need the resume renderer, "
            "which this installation doesn't have yet. The JSON download "
            "works."
        ) from None
    template = template if template in Template.values else resume.template
    paper = paper_for(resume, user, paper)
    started = time.perf_counter()
    try:
        rendered = render_resume(
            doc.printable(document),
            format=format,
            template=template,
            paper=paper,
            max_pages=resume.max_pages,
        )
    except ValueError as error:  # the renderer's limits (e.g. far too much text), in words
        raise ValidationError(str(error)) from None
    seconds = time.perf_counter() - started
    if format == "pdf":
        services.record_check(
            resume=resume,
            pages=rendered.pages,
            max_pages=resume.max_pages,
            template=template,
            paper=paper,
            warnings=rendered.warnings,
        )
    return File(
        rendered.content,
        rendered.media_type,
        f"{stem}.{rendered.extension}",
        pages=rendered.pages,
        max_pages=rendered.max_pages,
        overflow=rendered.overflow,
        warnings=tuple(rendered.warnings),
        seconds=seconds,
    )


def overflow_message(resume: Resume) -> str:
    """The warning to show when the last PDF ran long, or ""."""
    if not resume.overflows:
        return ""
    limit = "one page" if resume.max_pages == 1 else "two pages"
    return (
        f"The last PDF ({resume.checked_template or resume.template}, "
        f"{(resume.checked_paper or '').upper() or 'A4'}) ran to {resume.checked_pages} "
        f"pages; you chose {limit} at most. Hide or shorten some entries, try the compact "
        "template, or allow two pages."
    )
