"""The repository documents itself: docs/method.md defines every rule the code cites, and no file
points outside the repository (a clone has nothing beside it)."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIP_DIRS = {".git", ".venv", ".tools", "data", "node_modules", "test-artifacts", "__pycache__"}
TEXT_SUFFIXES = {
    ".py",
    ".html",
    ".md",
    ".txt",
    ".js",
    ".css",
    ".typ",
    ".sh",
    ".toml",
    ".json",
    ".example",
    "",
}
RULE_ID = re.compile(r"\bRULE-[A-Z]{1,2}\d+\b")
# Spelled in pieces so this file doesn't match itself.
OUTSIDE = re.compile("|".join([re.escape("shared" + "/docs"), re.escape(".." + "/shared")]))
# A citation of one of our documents: `formats.md 4.4`, `method.md section 5`, `security.md T18`,
# `security.md decision 2`, `method.md T6` (a template).
CITATION = re.compile(
    r"\b([a-z][a-z-]*)\.md(?: sections?)? "
    r"((?:\d+(?:\.\d+)*)|(?:[TD]\d+)|(?:decision \d+))"
)


@cache
def repository_files() -> dict[Path, str]:
    """Every text file of the repository and its text, read once for the three tests. The
    skipped folders are never entered (.venv alone holds ten times the repository's files)."""
    found = {}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in SKIP_DIRS]
        for name in files:
            path = Path(folder) / name
            if (
                name not in SKIP_DIRS
                and path.suffix in TEXT_SUFFIXES
                and path.stat().st_size < 2_000_000
            ):
                found[path] = path.read_text(errors="replace")
    return found


def defined_rules() -> set[str]:
    method = (ROOT / "docs" / "method.md").read_text()
    return set(re.findall(r"\*\*(RULE-[A-Z]{1,2}\d+)\*\*", method))


def test_it_defines_every_rule_the_code_cites() -> None:
    cited = {}
    for path, text in repository_files().items():
        if path.parts[-2:] == ("docs", "method.md"):
            continue
        for rule in RULE_ID.findall(text):
            cited.setdefault(rule, str(path.relative_to(ROOT)))
    defined = defined_rules()

    undefined = {rule: where for rule, where in cited.items() if rule not in defined}

    assert undefined == {}


def test_it_has_no_path_that_points_outside_the_repository() -> None:
    pointing_out = [
        str(path.relative_to(ROOT))
        for path, text in repository_files().items()
        if OUTSIDE.search(text)
    ]

    assert pointing_out == []


def _defines(document: str, part: str) -> bool:
    if part.startswith("decision "):
        return re.search(rf"^{part.split()[1]}\. ", document, re.MULTILINE) is not None
    if part[0] in "TD":
        return re.search(rf"(\| {part} \||\b{part} [a-z])", document) is not None
    return re.search(rf"^#+ {re.escape(part)}[. ]", document, re.MULTILINE) is not None


def test_every_cited_section_of_our_documents_exists() -> None:
    """`formats.md 4.4` in a comment must lead somewhere: docs/formats.md with a section 4.4."""
    broken = []
    for path, text in repository_files().items():
        for name, part in CITATION.findall(text):
            document = ROOT / "docs" / f"{name}.md"
            if not document.exists() or not _defines(document.read_text(), part):
                broken.append(f"{path.relative_to(ROOT)}: {name}.md {part}")

    assert broken == []


def test_every_make_target_the_readme_names_exists() -> None:
    readme = (ROOT / "README.md").read_text()
    named = set(re.findall(r"`make ([a-z][a-z-]*)", readme))
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))

    assert named, "the README names no make target"
    assert named - targets == set()
