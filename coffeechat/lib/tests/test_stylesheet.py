"""The one stylesheet stays well-formed: an unclosed block swallows every rule after it."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "app.css"


def test_every_block_of_the_stylesheet_is_closed() -> None:
    text = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(), flags=re.S)
    depth, lowest = 0, 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        lowest = min(lowest, depth)

    assert (depth, lowest) == (0, 0)


def test_no_rule_sits_inside_a_print_block_by_accident() -> None:
    # @media print holds only a few lines; a section header inside one means a lost brace.
    for block in re.findall(r"@media print \{(.*?)\n\}", STYLESHEET.read_text(), flags=re.S):
        assert "/* ==" not in block
