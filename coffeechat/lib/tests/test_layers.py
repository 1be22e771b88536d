"""The apps import in one direction, and tests share helpers only through lib/testing.

A lower app never imports a higher one: a page that shows several apps' parts is put together in
coffeechat/pages/ from each app's typed panel, or the higher app registers itself from
AppConfig.ready().
Imports made only for type checking (under `if TYPE_CHECKING:`) don't count: they don't run.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "coffeechat"

# Lowest first: an app may import the apps before it in this list, never one after it.
LAYERS = [
    "lib",
    "search",
    "accounts",
    "network",
    "conversations",
    "prep",
    "outreach",
    "scheduling",
    "profile",
    "cards",
    "imports",
    "exports",
    "scheduler",
    "assessment",
    "targets",
    "occupations",
    "strategy",
    "insights",
    "resumes",
    "api",  # the JSON API over every app's services (the security page lists its tokens)
    # Pages put together from several apps' panels (the conversation page, a person's page):
    # above every app that contributes to them.
    "pages",
    "mcpserver",
    "demo",
]
# Code that exists to serve tests may reach anywhere.
SUPPORT = {"tests", "testing", "migrations"}


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(child) for child in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
    return found


def _app_files() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(ROOT).parts[0], path)
        for path in sorted(ROOT.rglob("*.py"))
        if len(path.relative_to(ROOT).parts) > 1
    ]


def test_every_app_has_a_place_in_the_layers() -> None:
    apps = {app for app, _ in _app_files()}

    assert apps - set(LAYERS) == set()


def test_no_app_imports_a_higher_one() -> None:
    rank = {app: i for i, app in enumerate(LAYERS)}
    upward = []
    for app, path in _app_files():
        if SUPPORT & set(path.relative_to(ROOT).parts):
            continue
        for module, line in _imports(ast.parse(path.read_text())):
            parts = module.split(".")
            if (
                parts[0] == "coffeechat"
                and len(parts) > 1
                and parts[1] in rank
                and rank[parts[1]] > rank[app]
            ):
                upward.append(f"{path.relative_to(ROOT.parent)}:{line} imports {module}")

    assert upward == []


def test_tests_share_helpers_only_through_lib_testing() -> None:
    """No test imports a conftest, a test module, or another app's tests package."""
    crossing = []
    for app, path in _app_files():
        if "tests" not in path.relative_to(ROOT).parts:
            continue
        for module, line in _imports(ast.parse(path.read_text())):
            parts = module.split(".")
            other_tests = parts[0] == "coffeechat" and "tests" in parts and parts[1] != app
            if parts[-1] == "conftest" or parts[-1].startswith("test_") or other_tests:
                crossing.append(f"{path.relative_to(ROOT.parent)}:{line} imports {module}")

    assert crossing == []


def test_the_readmes_app_table_lists_the_apps_in_this_order() -> None:
    """The README's app table ("The apps, lowest first") is this list, so it states the real
    layering."""
    readme = (ROOT.parent / "README.md").read_text()
    table = readme.split("The apps, lowest first", 1)[1].split("\n\n", 2)[1]
    listed = re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE)

    assert listed == LAYERS
