"""PDFs through typst: every entry is real text in reading order, fonts are embedded, the paper
is right, overflow is detected, user text prints literally, missing glyphs are named."""

import io

import pypdf
import pytest

from coffeechat.resumes.render import TEMPLATES, render_resume
from coffeechat.resumes.render.pdf import FAMILIES
from coffeechat.resumes.tests.render_fixtures import (
    FULL_DATES,
    HOSTILE,
    expected_texts,
    flat,
    load,
    long_resume,
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_entry_of_a_full_resume_is_in_the_pdf_text(template):
    document = load("full")
    rendered = render_resume(document, format="pdf", template=template)
    assert rendered.content.startswith(b"%PDF-")
    assert rendered.media_type == "application/pdf" and rendered.extension == "pdf"
    text = flat(pdf_text(rendered.content))
    expected = [*expected_texts(document), *FULL_DATES]
    missing = [t for t in expected if flat(t) not in text]
    assert missing == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_sections_and_entries_come_in_reading_order(template):
    text = pdf_text(
        render_resume(load("full"), format="pdf", template=template, max_pages=2).content
    )
    order = [
        "Zoë Ångström-Łukasiewicz",
        "Senior Data Analyst",
        "zoe@example.org",
        "SUMMARY",
        "Analyst with 6 years",
        "EXPERIENCE",
        "Cascadia Health Data",
        "Mar 2022 – Present",
        "Cut claims-report latency",
        "Built a cohort model",
        "Acme",
        "Automated 30 weekly reports",
        "EDUCATION",
        "Oregon State University",
        "PROJECTS",
        "Open Claims",
        "SKILLS",
        "CERTIFICATES",
        "AWARDS",
        "PUBLICATIONS",
        "VOLUNTEERING",
        "LANGUAGES",
        "INTERESTS",
        "REFERENCES",
        "Dana Smith",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions
    assert positions == sorted(positions)


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_font_is_embedded(template):
    reader = pypdf.PdfReader(
        io.BytesIO(render_resume(load("full"), format="pdf", template=template).content)
    )
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
        # Only the fonts whose characters pdf.py checks ("ABCDEF+NotoSerif-Bold").
        family = str(font["/BaseFont"]).split("+")[1].split("-")[0]
        assert family in {name.replace(" ", "") for name in FAMILIES[template]}


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_is_a4_or_letter(paper, size):
    reader = pypdf.PdfReader(
        io.BytesIO(render_resume(load("typical"), format="pdf", paper=paper).content)
    )
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_typical_resume_fits_one_page_without_warnings(template):
    for paper in ("a4", "letter"):
        rendered = render_resume(load("typical"), format="pdf", template=template, paper=paper)
        assert (rendered.pages, rendered.max_pages, rendered.overflow) == (1, 1, False)
        assert rendered.warnings == ()


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_long_resume_overflows_one_page_with_a_warning(template):
    rendered = render_resume(long_resume(9), format="pdf", template=template)
    assert rendered.pages >= 2 and rendered.overflow
    assert rendered.pages == len(pypdf.PdfReader(io.BytesIO(rendered.content)).pages)
    assert f"runs to {rendered.pages} pages, more than one page" in rendered.warnings[-1]
    assert ("compact template" in rendered.warnings[-1]) == (template != "compact")


def test_two_pages_are_fine_when_two_are_allowed_and_three_are_not():
    two = render_resume(long_resume(7), format="pdf", template="classic", max_pages=2)
    assert (two.pages, two.max_pages, two.overflow, two.warnings) == (2, 2, False, ())
    three = render_resume(long_resume(16), format="pdf", template="classic", max_pages=2)
    assert three.pages >= 3 and three.overflow
    assert "more than two pages" in three.warnings[-1]


@pytest.mark.parametrize("template", TEMPLATES)
def test_hostile_text_prints_literally(template):
    document = {
        "basics": {"name": '#import "x": *', "label": "*bold* $x$ _u_"},
        "work": [{"name": "Co", "position": "#set page(width: 1cm)", "highlights": HOSTILE}],
    }
    rendered = render_resume(document, format="pdf", template=template)
    text = flat(pdf_text(rendered.content))
    for hostile in [*HOSTILE, '#import "x": *', "*bold* $x$ _u_", "#set page(width: 1cm)"]:
        assert flat(hostile) in text
    assert rendered.pages == 1


@pytest.mark.parametrize("template", TEMPLATES)
def test_accented_greek_cyrillic_arabic_and_hebrew_names_print_without_warnings(template):
    names = [
        "Zoë Ångström-Łukasiewicz",
        "Nguyễn Thị Ánh",
        "Ελένη Παπαδοπούλου",
        "Анна Иванова",
        "محمد عبد الله",
        "דוד כהן",
        "Þór Ægirsson Øster",
    ]
    document = {
        "basics": {"name": names[0]},
        "references": [{"name": name, "reference": "Recommended."} for name in names],
    }
    rendered = render_resume(document, format="pdf", template=template)
    assert rendered.warnings == ()
    words = set(pdf_text(rendered.content).split())
    # Right-to-left words come out of the PDF in visual order, each word intact.
    assert {word for name in names for word in name.split()} <= words


@pytest.mark.parametrize("template", TEMPLATES)
def test_characters_no_font_has_are_named_in_a_warning(template):
    document = {"basics": {"name": "王小明", "summary": "Coffee ☕ and cake 🍰 with friends 👩‍💻"}}
    rendered = render_resume(document, format="pdf", template=template)
    assert len(rendered.warnings) == 1
    warning = rendered.warnings[0]
    for ch in (
        "王 (U+738B)",
        "小 (U+5C0F)",
        "明 (U+660E)",
        "🍰 (U+1F370)",
        "👩 (U+1F469)",
        "💻 (U+1F4BB)",
    ):
        assert ch in warning
    assert "U+200D" not in warning  # the zero-width joiner needs no glyph
    assert "DOCX, Markdown and text versions keep them" in warning
    docx = render_resume(document, format="docx")
    assert "font" not in " ".join(docx.warnings)


def test_an_empty_resume_renders_a_blank_page():
    rendered = render_resume({}, format="pdf")
    assert (rendered.pages, rendered.overflow, rendered.warnings) == (1, False, ())
