"""The render interface, the display model (dates, odd input) and the text formats."""

import json
from pathlib import Path

import pytest

from coffeechat.resumes.render import (
    FORMATS,
    TEMPLATES,
    paper_for_country,
    render_resume,
)
from coffeechat.resumes.render.model import date_range, format_date, normalize
from coffeechat.resumes.tests.render_fixtures import FULL_DATES, HOSTILE, expected_texts, flat, load


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2021", "2021"),
        ("2021-03", "Mar 2021"),
        ("2021-03-14", "Mar 2021"),
        ("1999-12-31", "Dec 1999"),
        ("2021-13", "2021-13"),
        ("March 2022", "March 2022"),
    ],
)
def test_each_date_form_reads_as_a_month_and_year(value, shown):
    assert format_date(value) == shown


def test_a_start_without_an_end_reads_present_and_equal_dates_read_once():
    assert date_range("2022-03", "") == "Mar 2022 – Present"
    assert date_range("2019-01-15", "2022-02-28") == "Jan 2019 – Feb 2022"
    assert date_range("2020", "2020") == "2020"
    assert date_range("", "2019-06") == "Jun 2019"


def test_dates_print_the_same_in_every_section():
    resume = normalize(
        {
            "work": [{"name": "A", "startDate": "2021-03-14"}],
            "education": [{"institution": "U", "startDate": "2015", "endDate": "2019-06-01"}],
            "awards": [{"title": "Prize", "date": "2020-11"}],
            "certificates": [{"name": "Cert", "date": "2018"}],
            "publications": [{"name": "Paper", "releaseDate": "2017-02-03"}],
            "projects": [{"name": "P", "startDate": "2016-05", "endDate": "2016-09"}],
            "volunteer": [{"organization": "V", "startDate": "2014", "endDate": "2015"}],
        }
    )
    dates = {s.key: s.entries[0].dates for s in resume.sections}
    assert dates == {
        "work": "Mar 2021 – Present",
        "education": "2015 – Jun 2019",
        "awards": "Nov 2020",
        "certificates": "2018",
        "publications": "Feb 2017",
        "projects": "May 2016 – Sep 2016",
        "volunteer": "2014 – 2015",
    }
    assert resume.warnings == ()


def test_a_date_in_another_form_prints_as_written_with_a_warning():
    rendered = render_resume({"work": [{"name": "Acme", "startDate": "March 2022"}]}, format="txt")
    assert "March 2022 – Present" in rendered.content.decode()
    assert any("work[0].startDate 'March 2022'" in w for w in rendered.warnings)


def test_odd_types_render_what_they_can_and_say_what_they_left_out():
    document = {
        "basics": {"name": 1234, "label": ["not", "text"], "profiles": "nope"},
        "work": {"name": "Lone Employer", "startDate": 2021, "highlights": "Only bullet"},
        "education": ["not an object", None, {"institution": "Uni", "courses": [1, None, "Ok"]}],
        "skills": [{"name": True, "keywords": {"a": 1}}],
        "languages": 5,
        "unknownSection": [{"x": 1}],
    }
    rendered = render_resume(document, format="txt")
    text = rendered.content.decode()
    for shown in ("1234", "Lone Employer", "2021 – Present", "- Only bullet", "Uni", "1, Ok"):
        assert shown in text
    warnings = " ".join(rendered.warnings)
    for path in (
        "basics.name is a number",
        "basics.label is a list",
        "work is an object",
        "work[0].highlights is text",
        "education[0] is not an object",
        "skills[0].name is true/false",
        "skills[0].keywords is not a list",
        "languages is not a list",
        "basics.profiles is not a list",
    ):
        assert path in warnings
    assert "unknownSection" not in text + warnings


def test_a_document_that_is_not_an_object_renders_empty_with_a_warning():
    for document in (None, [], "text"):
        rendered = render_resume(document, format="md")
        assert rendered.content == b"\n"
        assert "not a JSON object" in rendered.warnings[0]


def test_control_characters_and_lone_surrogates_are_dropped_with_a_warning():
    rendered = render_resume({"basics": {"name": "Ann\x00a \ud800Lee\x1b"}}, format="txt")
    assert rendered.content.decode().startswith("Anna Lee\n")
    assert "basics.name has control or invalid characters" in rendered.warnings[0]


def test_line_breaks_in_a_name_become_spaces_and_in_a_summary_new_lines():
    text = render_resume(
        {"basics": {"name": "Ann\nLee", "summary": "One.\n\n Two. "}}, format="txt"
    ).content.decode()
    assert text == "Ann Lee\n\nSUMMARY\nOne.\nTwo.\n"


def test_the_photo_is_not_printed_and_a_warning_says_so():
    rendered = render_resume(
        {"basics": {"name": "A", "image": "https://x.example/me.jpg"}}, format="txt"
    )
    assert "x.example" not in rendered.content.decode()
    assert "photo" in rendered.warnings[0]


def test_schema_0_x_names_company_and_website_still_print():
    text = render_resume(
        {"work": [{"company": "Oldco", "position": "Dev", "website": "http://old.example"}]},
        format="txt",
    )
    assert "Dev, Oldco" in text.content.decode()
    assert "old.example" in text.content.decode()


def test_a_file_from_resume_clis_template_prints_its_empty_fields_as_absent():
    # fixtures/empty-strings-0x-names.json: "" for every field left out, 0.x names.
    path = Path(__file__).parent / "fixtures" / "empty-strings-0x-names.json"
    text = render_resume(json.loads(path.read_text()), format="txt").content.decode()
    assert "Front-end Developer, Larkspur Studio" in text
    assert "Apr 2019 – Present" in text
    assert "wren.example.org" in text  # basics.website
    assert "AWARDS" not in text  # its one award is all empty


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_text_formats_print_every_entry_of_a_full_resume(fmt):
    document = load("full")
    rendered = render_resume(document, format=fmt)
    text = flat(rendered.content.decode())
    if fmt == "md":  # undo the escapes Markdown needs
        text = text.replace("\\", "")
    expected = [*expected_texts(document), *FULL_DATES]
    missing = [t for t in expected if flat(t) not in text]
    assert missing == []
    assert rendered.pages is None and rendered.overflow is False


def test_plain_text_has_no_markup_and_one_line_per_bullet():
    text = render_resume(load("typical"), format="txt").content.decode()
    assert (
        "EXPERIENCE\nSenior Data Analyst, Cascadia Health Data\n"
        "Mar 2022 – Present | Portland, OR | cascadia.example.org\n"
        "- Cut the monthly claims report from 9 hours to 40 minutes by moving it to "
        "incremental dbt models.\n" in text
    )
    assert "**" not in text and "#" not in text and "](" not in text


def test_markdown_has_headings_lists_and_safe_links():
    document = load("typical")
    document["basics"]["profiles"].append({"network": "Evil", "url": "javascript:alert(1)"})
    text = render_resume(document, format="md").content.decode()
    assert text.startswith("# Priya Okonkwo-Laurent\n")
    assert "\n## Experience\n\n### Senior Data Analyst, Cascadia Health Data\n" in text
    assert "\n- Found $1.2M" not in text and "\n- Found \\$1.2M in duplicate payments" in text
    assert "[priya.example.org](<https://priya.example.org>)" in text
    assert "javascript:" in text and "(<javascript:" not in text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_escapes_user_text(hostile):
    text = render_resume(
        {"work": [{"name": "Co", "highlights": [hostile]}]}, format="md"
    ).content.decode()
    bullet = next(line for line in text.splitlines() if line.startswith("- "))[2:]
    assert bullet.replace("\\", "") == hostile.replace("\\", "")
    assert not any(ch in bullet.replace("\\" + ch, "") for ch in "*_`[]<>$|~&")
    assert not bullet.startswith(("#", "-", "1."))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_plain_text_prints_hostile_text_as_typed(hostile):
    text = render_resume({"basics": {"name": hostile}}, format="txt").content.decode()
    assert text == hostile + "\n"


def test_unknown_options_are_refused():
    for options in (
        {"format": "html"},
        {"format": "pdf", "template": "fancy"},
        {"format": "pdf", "paper": "a5"},
        {"format": "pdf", "max_pages": 3},
    ):
        with pytest.raises(ValueError):
            render_resume({}, **options)


def test_a_document_too_long_for_any_resume_is_refused():
    document = {"work": [{"name": "Co", "highlights": ["x" * 1000] * 201}]}
    with pytest.raises(ValueError, match="more than 200,000 characters"):
        render_resume(document, format="txt")


def test_formats_and_templates_are_the_documented_ones():
    assert FORMATS == ("pdf", "docx", "md", "txt")
    assert TEMPLATES == ("classic", "modern", "compact")


@pytest.mark.parametrize(
    ("country", "paper"),
    [
        ("US", "letter"),
        ("ca", "letter"),
        (" MX ", "letter"),
        ("PH", "letter"),
        ("CL", "letter"),
        ("DE", "a4"),
        ("GB", "a4"),
        ("IN", "a4"),
        ("", "a4"),
        ("ZZ", "a4"),
    ],
)
def test_paper_follows_the_country(country, paper):
    assert paper_for_country(country) == paper
