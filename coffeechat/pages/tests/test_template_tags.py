"""Template tags only format: a page's rows come from its apps' typed panels, read once by the
page's assembler (docs/architecture.md, "How a page is put together").

A tag that reads the database hides a query inside a template, where no query-count test of the
page's view can see where it came from and no type checker can follow it. This is a static check:
a templatetags module imports no queries, services or panels module and nothing from django.db,
and touches no model manager (`.objects`).
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "coffeechat"
READERS = {"queries", "services", "panels"}  # the modules of an app that read or write rows


def reads(path: Path) -> list[str]:
    """What in the module at `path` reads rows: its imports of readers and its `.objects`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module.startswith("coffeechat."):
                modules += [f"{node.module}.{alias.name}" for alias in node.names]
        for module in modules:
            if module.split(".")[-1] in READERS or module.startswith("django.db"):
                found.append(f"line {node.lineno}: imports {module}")
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def tag_modules() -> list[Path]:
    return sorted(p for p in ROOT.glob("*/templatetags/*.py") if p.name != "__init__.py")


def test_template_tags_read_no_rows() -> None:
    reading = {
        f"{path.relative_to(ROOT)}: {read}" for path in tag_modules() for read in reads(path)
    }

    assert reading == set()


def test_the_check_sees_a_tag_that_runs_a_query(tmp_path: Path) -> None:
    module = tmp_path / "tags.py"
    module.write_text(
        "from coffeechat.targets import queries\n"
        "from coffeechat.resumes.models import Resume\n"
        "def count(user):\n"
        "    return Resume.objects.filter(owner=user).count()\n"
    )

    assert reads(module) == [
        "line 1: imports coffeechat.targets.queries",
        "line 4: Resume.objects",
    ]
