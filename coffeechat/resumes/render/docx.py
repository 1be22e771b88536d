"""The DOCX rendering (python-docx): real styles, so Word, LibreOffice and applicant tracking
systems see the structure: the name in Title, sections in Heading 1, entries in Heading 2,
highlights in List Bullet, references in Quote. Links are real hyperlinks.

The template only picks fonts, sizes and margins. The fonts are ones every office suite has
(or substitutes metrically: LibreOffice ships Carlito for Calibri); the PDF's vendored fonts are
not embedded in the DOCX.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from coffeechat.resumes.render.model import Contact, Entry, Resume, Section

PAGE = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
STYLE = {  # font, size (pt), margin (mm), accent colour
    "classic": ("Georgia", 10.5, 19, RGBColor(0x1A, 0x1A, 0x1A)),
    "modern": ("Calibri", 10.5, 17, RGBColor(0x1F, 0x5F, 0x8B)),
    "compact": ("Calibri", 9.5, 13, RGBColor(0x2D, 0x3A, 0x4A)),
}
MUTED = RGBColor(0x5C, 0x66, 0x70)


def render(resume: Resume, *, template: str, paper: str) -> bytes:
    doc = Document()
    _set_up(doc, template, paper)
    add = _Adder(doc)
    doc.core_properties.title = f"{resume.name} – Resume" if resume.name else "Resume"
    doc.core_properties.author = resume.name
    if resume.name:
        add(resume.name, "Title")
    if resume.label:
        add(resume.label, "Subtitle")
    for contacts in (resume.contacts, resume.profiles):
        if contacts:
            _contact_line(add(), contacts)
    for section in resume.sections:
        add(section.title, "Heading 1")
        _section(add, section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Adder:
    """Adds paragraphs by style name. python-docx looks a style up by name with a scan of every
    style, twice per paragraph (most of the render time); the ids are looked up once here."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.ids: dict[str, str] = {}

    def __call__(self, text: str = "", style: str = "") -> Paragraph:
        paragraph = self.doc.add_paragraph(text)
        if style:
            if style not in self.ids:
                self.ids[style] = self.doc.styles[style].style_id
            paragraph._p.get_or_add_pPr().style = self.ids[style]
        return paragraph


def _section(add: _Adder, section: Section) -> None:
    if section.kind == "inline":
        paragraph = add()
        for i, entry in enumerate(section.entries):
            _named(paragraph, entry, prefix="  ·  " if i else "")
        return
    for entry in section.entries:
        if section.kind == "lines":
            paragraph = _named(add(), entry)
            if entry.keywords:
                paragraph.add_run(": " + ", ".join(entry.keywords))
            continue
        if section.kind == "quotes":
            for text in entry.paragraphs:
                add(text, "Quote")
            if entry.title:
                add(f"— {entry.title}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
            continue
        if section.kind == "entries":
            _entry_heading(add, entry)
        for text in entry.paragraphs:
            add(text)
        for bullet in entry.bullets:
            add(bullet, "List Bullet")
        for label, text in entry.notes:
            paragraph = add()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(text)


def _entry_heading(add: _Adder, entry: Entry) -> None:
    heading = ", ".join(part for part in (entry.title, entry.organization) if part)
    if heading:
        add(heading, "Heading 2")
    meta = [part for part in (entry.dates, entry.location) if part]
    if meta or entry.url:
        paragraph = add()
        _muted(paragraph.add_run(" · ".join(meta)))
        if entry.url:
            _muted(paragraph.add_run(" · " if meta else ""))
            _link(paragraph, entry.url, entry.link)


def _named(paragraph: Paragraph, entry: Entry, prefix: str = "") -> Paragraph:
    """'Python (Expert)' with the name in bold."""
    if prefix:
        paragraph.add_run(prefix)
    if entry.title:
        paragraph.add_run(entry.title).bold = True
    if entry.organization:
        paragraph.add_run(f" ({entry.organization})" if entry.title else entry.organization)
    return paragraph


def _contact_line(paragraph: Paragraph, contacts: tuple[Contact, ...]) -> None:
    for i, contact in enumerate(contacts):
        if i:
            _muted(paragraph.add_run("  ·  "))
        _link(paragraph, contact.text, contact.link)


def _link(paragraph: Paragraph, text: str, link: str) -> None:
    """A hyperlink run (python-docx has no API for one), or plain text without a safe link."""
    if not link:
        paragraph.add_run(text)
        return
    rel = paragraph.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel)
    run = paragraph.add_run(text)
    run.font.underline = True
    run.font.color.rgb = RGBColor(0x1F, 0x5F, 0x8B)
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


def _muted(run) -> None:
    run.font.color.rgb = MUTED


def _set_up(doc, template: str, paper: str) -> None:
    font, size, margin, accent = STYLE[template]
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE[paper]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(margin if "left" in side or "right" in side else margin - 3))
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(size)
    normal.paragraph_format.space_after = Pt(2)
    for name, scale, before in (
        ("Title", 2.2, 0),
        ("Subtitle", 1.15, 0),
        ("Heading 1", 1.15, 10),
        ("Heading 2", 1.0, 6),
    ):
        style = styles[name]
        style.font.name, style.font.size = font, Pt(size * scale)
        style.font.color.rgb = accent if name != "Subtitle" else MUTED
        style.font.italic = False
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(2 if name != "Title" else 4)
        # The built-in theme fonts would otherwise win over the name for headings.
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None:
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attribute), None)
    styles["Title"].font.bold = template != "classic"
    for border in styles["Title"].element.iter(qn("w:bottom")):  # the rule under the name
        border.set(qn("w:color"), str(accent))
    for name in ("List Bullet", "Quote"):
        styles[name].font.name = font
