"""The lint's rules are documented in the repository (method.md sections 4.2 and 4.3): every rule
it implements is defined there and has a row in the table of rules, with its severity."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from coffeechat.outreach import lint_findings

METHOD = (Path(settings.BASE_DIR) / "docs" / "method.md").read_text()
ROWS = dict(re.findall(r"^\| (RULE-[A-Z]{1,2}\d+) \| ([^|]+) \|", METHOD, re.MULTILINE))


def test_every_rule_the_lint_implements_is_defined_in_the_method() -> None:
    defined = set(re.findall(r"\*\*(RULE-[A-Z]{1,2}\d+)\*\*", METHOD))

    assert set(lint_findings.WHY) - defined == set()


def test_the_table_of_rules_lists_exactly_the_lints_rules() -> None:
    assert set(ROWS) == set(lint_findings.WHY)


def test_the_table_says_which_rules_can_block() -> None:
    blocking = {
        "RULE-E2",
        "RULE-E3",
        "RULE-E4",
        "RULE-E5",
        "RULE-E9",
        "RULE-LI1",
        "RULE-T1",
        "RULE-D1",
    }

    assert {rule for rule, severity in ROWS.items() if "error" in severity} == blocking
