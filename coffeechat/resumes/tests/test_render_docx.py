"""DOCX through python-docx: it opens, has every entry, and uses real heading and list styles."""

import io
import shutil
import subprocess

import docx
import pytest

from coffeechat.resumes.render import TEMPLATES, render_resume
from coffeechat.resumes.tests.render_fixtures import FULL_DATES, HOSTILE, expected_texts, flat, load


def paragraphs(content: bytes) -> list[tuple[str, str]]:
    """(style, text) of every paragraph, read back with python-docx."""
    document = docx.Document(io.BytesIO(content))
    return [(p.style.name, p.text) for p in document.paragraphs]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_entry_of_a_full_resume_is_in_the_docx(template):
    document = load("full")
    rendered = render_resume(document, format="docx", template=template)
    assert rendered.extension == "docx" and rendered.media_type.endswith("document")
    text = flat(" ".join(text for _, text in paragraphs(rendered.content)))
    expected = [*expected_texts(document), *FULL_DATES]
    missing = [t for t in expected if flat(t) not in text]
    assert missing == []


def test_sections_are_heading_1_entries_heading_2_and_highlights_list_bullets():
    rows = paragraphs(render_resume(load("typical"), format="docx").content)
    styles = {}
    for style, text in rows:
        styles.setdefault(style, []).append(text)
    assert styles["Title"] == ["Priya Okonkwo-Laurent"]
    assert styles["Heading 1"] == [
        "Summary",
        "Experience",
        "Education",
        "Projects",
        "Skills",
        "Certificates",
        "Languages",
    ]
    assert styles["Heading 2"][:3] == [
        "Senior Data Analyst, Cascadia Health Data",
        "Data Analyst, Riverbend Insurance",
        "Research Assistant, Biostatistics, Oregon State University",
    ]
    assert len(styles["List Bullet"]) == 8
    assert styles["List Bullet"][4] == (
        "Automated 30 weekly reports with Python and Airflow, saving 15 analyst-hours a week."
    )


def test_links_are_real_hyperlinks_and_unsafe_ones_are_plain_text():
    document = load("typical")
    document["basics"]["profiles"].append({"network": "Evil", "url": "javascript:alert(1)"})
    content = render_resume(document, format="docx").content
    rels = docx.Document(io.BytesIO(content)).part.rels.values()
    targets = {rel.target_ref for rel in rels if rel.is_external}
    assert {
        "mailto:priya.ol@example.org",
        "https://priya.example.org",
        "https://www.linkedin.com/in/priya-ol-example",
    } <= targets
    assert not any(target.startswith("javascript") for target in targets)
    assert "Evil: javascript:alert(1)" in " ".join(text for _, text in paragraphs(content))


@pytest.mark.parametrize(("paper", "size_mm"), [("a4", (210, 297)), ("letter", (216, 279))])
def test_page_size_follows_the_paper(paper, size_mm):
    section = docx.Document(
        io.BytesIO(render_resume(load("typical"), format="docx", paper=paper).content)
    ).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == size_mm


def test_hostile_and_unicode_text_is_kept_as_typed():
    names = ["王小明 😀", "محمد عبد الله", "Ελένη", *HOSTILE]
    content = render_resume(
        {"basics": {"name": names[0]}, "work": [{"name": "Co", "highlights": names}]}, format="docx"
    ).content
    bullets = [text for style, text in paragraphs(content) if style == "List Bullet"]
    assert bullets == names


def test_an_empty_resume_is_a_valid_empty_document():
    assert paragraphs(render_resume({}, format="docx").content) == []


@pytest.mark.interop  # LibreOffice, a real third-party reader
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is optional")
def test_libreoffice_opens_it(tmp_path):
    source = tmp_path / "resume.docx"
    source.write_bytes(render_resume(load("full"), format="docx").content)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert "Cut claims-report latency by 40%." in (tmp_path / "resume.txt").read_text("utf-8-sig")
