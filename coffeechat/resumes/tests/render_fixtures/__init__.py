"""Resumes for the render tests: every section and field (full.json), a realistic one-page
resume (typical.json), a long one, and the texts each should print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coffeechat.resumes.render.model import format_date, shown_url

HERE = Path(__file__).resolve().parent
DATE_KEYS = {"startDate", "endDate", "date", "releaseDate"}
NOT_PRINTED = {"image", "meta", "$schema"}
# How full.json's dates print (YYYY, YYYY-MM and YYYY-MM-DD; open-ended; equal years).
FULL_DATES = (
    "Mar 2022 – Present",
    "Jan 2019 – Feb 2022",
    "2020 – 2021",
    "Sep 2015 – Jun 2019",
    "Nov 2023",
    "May 2021",
    "2022",
    "Apr 2021 – Dec 2021",
)


def load(name: str) -> dict[str, Any]:
    return json.loads((HERE / f"{name}.json").read_text())


def long_resume(jobs: int) -> dict[str, Any]:
    """The typical resume with `jobs` positions of five bullets each."""
    document = load("typical")
    document["work"] = [
        {
            "name": f"Employer {i}",
            "position": f"Analyst grade {i}",
            "startDate": f"{2000 + i}-01",
            "endDate": f"{2001 + i}-01",
            "highlights": [
                f"Delivered outcome {i}.{j} that saved the team many hours of work and "
                "improved the quality of every report we shipped to customers."
                for j in range(5)
            ],
        }
        for i in range(jobs)
    ]
    return document


def expected_texts(document: Any, key: str = "") -> list[str]:
    """Every text of the document as it should print: dates as 'Mar 2021', web addresses
    without their scheme, multi-line text line by line."""
    if isinstance(document, dict):
        return [
            text
            for k, v in document.items()
            if k not in NOT_PRINTED
            for text in expected_texts(v, k)
        ]
    if isinstance(document, list):
        return [text for item in document for text in expected_texts(item, key)]
    if not isinstance(document, str):
        return []
    if key in DATE_KEYS:
        return [format_date(document)]
    if key == "url":
        return [shown_url(document)]
    return [line.strip() for line in document.splitlines() if line.strip()]


def flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped onto several lines still matches."""
    return " ".join(text.split())


# Text that means something to Typst, Markdown, HTML or a shell: it must come out as typed.
HOSTILE = [
    '#import "x": *',
    "*bold*",
    "$x$",
    "_under_",
    ']) #panic("no")',
    "<b>tag</b>",
    "[link](javascript:alert(1))",
    "`code`",
    "# Heading",
    "1. listed",
    "- bullet",
    "@label",
    "\\ backslash",
    "&amp; entity",
    "~strike~",
    "| pipe |",
    "// comment",
]
