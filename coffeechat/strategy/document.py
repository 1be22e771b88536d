"""The strategy document: plain text with a little Markdown, and references to evidence.

What the user writes: paragraphs separated by a blank line, `# ` and `## ` headings, `- `
bullets, and references `[[evidence:12]]` (a tagged item) or `[[theme:3]]` (a confirmed theme)
anywhere in the text. On the page a reference opens in place (who said it, when, the quote);
in the Markdown and PDF exports it becomes a numbered note.
Nothing the user writes is ever read as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coffeechat.accounts.models import User
from coffeechat.strategy.models import Evidence, Theme

REFERENCE = re.compile(r"\[\[(evidence|theme):(\d{1,10})\]\]")
MAX_REFERENCES = 300  # per document: more are shown as plain text
QUOTE_CHARS = 400


@dataclass
class Reference:
    kind: str  # "evidence" or "theme"
    pk: int
    number: int = 0
    evidence: Evidence | None = None
    theme: Theme | None = None

    @property
    def token(self) -> str:
        return f"[[{self.kind}:{self.pk}]]"

    @property
    def found(self) -> bool:
        return self.evidence is not None or self.theme is not None


@dataclass
class Block:
    kind: str  # "h2", "h3", "p", "ul"
    parts: list[Any] = field(default_factory=list)  # str and Reference, for h2/h3/p
    items: list[list[Any]] = field(default_factory=list)  # for ul: parts per bullet


def references_in(body: str) -> list[tuple[str, int]]:
    seen: dict[tuple[str, int], None] = {}
    for match in REFERENCE.finditer(body):
        seen.setdefault((match[1], int(match[2])), None)
        if len(seen) >= MAX_REFERENCES:
            break
    return list(seen)


def load_references(owner: User, body: str) -> dict[tuple[str, int], Reference]:
    """The document's references, numbered in order of first use, with their rows (2 queries)."""
    wanted = references_in(body)
    refs = {key: Reference(kind=key[0], pk=key[1], number=i + 1) for i, key in enumerate(wanted)}
    evidence_ids = [pk for kind, pk in wanted if kind == "evidence"]
    theme_ids = [pk for kind, pk in wanted if kind == "theme"]
    if evidence_ids:
        for row in Evidence.objects.filter(owner=owner, pk__in=evidence_ids).select_related(
            "capture", "question", "note", "person__organization", "option"
        ):
            refs[("evidence", row.pk)].evidence = row
    if theme_ids:
        for theme in Theme.objects.filter(owner=owner, pk__in=theme_ids):
            refs[("theme", theme.pk)].theme = theme
    return refs


def missing_references(owner: User, body: str) -> list[str]:
    """References that name no evidence or theme of the user's (as written: "[[evidence:9]]")."""
    return [ref.token for ref in load_references(owner, body).values() if not ref.found]


def _parts(line: str, refs: dict[tuple[str, int], Reference]) -> list[Any]:
    parts: list[Any] = []
    last = 0
    for match in REFERENCE.finditer(line):
        ref = refs.get((match[1], int(match[2])))
        if ref is None:
            continue
        parts.append(line[last : match.start()])
        parts.append(ref)
        last = match.end()
    parts.append(line[last:])
    return [p for p in parts if p != ""]


def blocks(body: str, refs: dict[tuple[str, int], Reference]) -> list[Block]:
    """The document as headings, paragraphs and bullet lists."""
    result: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            result.append(Block("p", _parts(" ".join(paragraph), refs)))
            paragraph.clear()

    for raw in body.splitlines():
        line = raw.strip()
        bullet = re.match(r"^[-*•]\s+(.*)$", line)
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if not line:
            flush()
        elif heading:
            flush()
            result.append(Block("h2" if len(heading[1]) == 1 else "h3", _parts(heading[2], refs)))
        elif bullet:
            flush()
            if not result or result[-1].kind != "ul":
                result.append(Block("ul"))
            result[-1].items.append(_parts(bullet[1], refs))
        else:
            paragraph.append(line)
    flush()
    return result


def quote(evidence: Evidence, limit: int = QUOTE_CHARS) -> str:
    words = " ".join(evidence.text.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + "…"


def source_line(evidence: Evidence) -> str:
    """Who said it, where and when: "Dana Whitfield, Northwind · 12 Mar 2026"."""
    person = evidence.person
    where = f", {person.organization}" if person.organization_id else ""
    option = f" · {evidence.option}" if evidence.option_id else ""
    return f"{person}{where} · {evidence.said_at:%d %b %Y} · {evidence.get_tag_display()}{option}"


def note_text(ref: Reference) -> str:
    """The reference as one line of plain text (for Markdown and PDF notes)."""
    if ref.evidence is not None:
        return f"“{quote(ref.evidence)}” — {source_line(ref.evidence)}"
    if ref.theme is not None:
        people = ref.theme.people_count
        return (
            f"Theme: {ref.theme.name} — mentioned by {people} people, confirmed "
            f"{ref.theme.confirmed_at:%d %b %Y}"
        )
    return "(removed since)"


def as_markdown_body(body: str, refs: dict[tuple[str, int], Reference]) -> str:
    """The body with each reference as a footnote mark, and the footnotes after it."""

    def mark(match: re.Match[str]) -> str:
        ref = refs.get((match[1], int(match[2])))
        return f"[^{ref.number}]" if ref is not None else match[0]

    text = REFERENCE.sub(mark, body)
    notes = [f"[^{ref.number}]: {note_text(ref)}" for ref in refs.values()]
    return text + ("\n\n" + "\n".join(notes) if notes else "")
