"""Templates ask objects what state they're in; they never compare a stage or status with a string.

`{% if conversation.is_contacted %}`, `{% if meeting.is_held %}`, `{% if step.action.is_meet %}`:
the rule (which stages count as "met", what "open" means) lives in one place in Python, tested
there, and a renamed value can't leave a template silently taking the wrong branch.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"

_TAG = re.compile(r"{%\s*(?:if|elif)\b(.*?)%}", re.DOTALL)
_LITERAL = r"""(?:"[^"]*"|'[^']*')"""
_COMPARISON = re.compile(
    rf"(?P<left>[\w.]+)\s*(?:==|!=)\s*{_LITERAL}|{_LITERAL}\s*(?:==|!=)\s*(?P<right>[\w.]+)"
)
STATE_NAMES = {"stage", "status"}


def literal_state_comparisons(text: str) -> list[str]:
    """The `{% if %}` conditions in `text` that compare a stage or status with a string."""
    found = []
    for condition in _TAG.findall(text):
        for match in _COMPARISON.finditer(condition):
            variable = match.group("left") or match.group("right")
            if variable.rsplit(".", 1)[-1] in STATE_NAMES:
                found.append(match.group(0))
    return found


def _offending_templates() -> dict[str, list[str]]:
    offending = {}
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix in {".html", ".txt"}:
            found = literal_state_comparisons(path.read_text())
            if found:
                offending[str(path.relative_to(TEMPLATES))] = found
    return offending


def test_no_template_compares_a_stage_or_status_with_a_literal_string() -> None:
    assert _offending_templates() == {}


def test_the_check_sees_either_quote_on_either_side_and_lets_questions_pass() -> None:
    page = """
      {% if meeting.status == 'held' %}x{% endif %}
      {% elif "planned" != row.meeting.status %}
      {% if c.stage == "contacted" and c.is_met %}
      {% if conversation.is_contacted or meeting.is_held %}
      {% if here == "brief" %}{{ conversation.stage }} == "met"
    """

    assert literal_state_comparisons(page) == [
        "meeting.status == 'held'",
        '"planned" != row.meeting.status',
        'c.stage == "contacted"',
    ]
