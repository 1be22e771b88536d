"""The strategy as Markdown and as PDF (typst, template in strategy/typst/strategy.typ).

Both carry the current version of the document with its evidence as numbered notes, then what
the page shows beside it: each focus option (where, with whom, gaps), the next actions on
obstacles, and the confirmed themes. A PDF is rendered synchronously: the document is capped
(services.MAX_DOCUMENT) and one compile takes well under a second (README, measurements).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import typst
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.strategy import document, overview, queries
from coffeechat.strategy.models import StrategyVersion

TEMPLATE = Path(__file__).resolve().parent / "typst" / "strategy.typ"
EXPORT_THEMES = 15


def filename(version: StrategyVersion, extension: str) -> str:
    saved = timezone.localtime(version.created_at, version.owner.calendar.zone)
    return f"strategy-v{version.number}-{saved:%Y-%m-%d}.{extension}"


def starter(page: overview.StrategyPage) -> str:
    """A first draft to write over: one section per focus option (method.md 11.5 step 6)."""
    sections = []
    for panel in page.focus or []:
        where = ", ".join(str(o) for o in panel.employers) or "(employers to choose)"
        whom = ", ".join(str(c.person) for c in panel.contacts) or "(people to ask)"
        sections.append(
            f"# {panel.option.title}\n\n- What work: \n- Where: {where}\n"
            f"- With whom: {whom}\n- How: "
        )
    if not sections:
        sections.append("# My first choice\n\n- What work: \n- Where: \n- With whom: \n- How: ")
    return "\n\n".join(sections)


def as_markdown(
    owner: User, *, version: StrategyVersion | None = None, now: datetime | None = None
) -> str:
    """The strategy (the latest version unless one is given) as Markdown."""
    page = overview.strategy_page(owner, version)
    now = now or timezone.now()
    lines = [f"# Career strategy: {owner}", ""]
    if page.version is not None:
        saved = timezone.localtime(page.version.created_at, owner.calendar.zone)
        lines += [f"Version {page.version.number}, saved {saved:%d %b %Y %H:%M}.", ""]
        body = document.as_markdown_body(page.version.body, page.references)
        lines += [body, ""]
    else:
        lines += ["No strategy written yet.", ""]
    lines += _markdown_beside(owner, page)
    exported = timezone.localtime(now, owner.calendar.zone)
    lines += [f"_Exported from coffeechat on {exported:%d %b %Y}._", ""]
    return "\n".join(lines)


def _markdown_beside(owner: User, page: overview.StrategyPage) -> list[str]:
    lines = []
    if page.focus:
        lines += ["## Focus options", ""]
        for panel in page.focus:
            lines += [f"### {panel.option.title}", ""]
            if panel.option.description:
                lines += [panel.option.description, ""]
            lines += [
                f"- Where: {', '.join(str(o) for o in panel.employers) or '—'}",
                "- With whom: "
                + (", ".join(f"{c.person} ({c.why})" for c in panel.contacts) or "—"),
                "- Gaps heard: " + ("; ".join(document.quote(e, 160) for e in panel.gaps) or "—"),
                "",
            ]
    if page.actions:
        lines += ["## Next actions", ""]
        lines += [
            f"- [ ] {a.text} ({a.obstacle.title})"
            + (f", by {a.due_on:%d %b %Y}" if a.due_on else "")
            for a in page.actions
        ]
        lines.append("")
    rows = queries.themes_for(owner, limit=EXPORT_THEMES)
    if rows:
        lines += ["## Confirmed themes", ""]
        for row in rows:
            who = ", ".join(dict.fromkeys(str(m.person) for m in row.sources))
            lines.append(
                f"- **{row.theme.name}** ({row.theme.get_kind_display().lower()}): "
                f"{row.theme.people_count} people" + (f", including {who}" if who else "")
            )
        lines.append("")
    return lines


def pdf_data(
    owner: User, *, version: StrategyVersion | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """What the typst template shows, as JSON-ready values."""
    page = overview.strategy_page(owner, version)
    zone = owner.calendar.zone
    now = now or timezone.now()
    version = page.version
    return {
        "owner": str(owner),
        "generated_on": f"{timezone.localtime(now, zone):%d %b %Y}",
        "version": (
            f"Version {version.number}, saved "
            f"{timezone.localtime(version.created_at, zone):%d %b %Y}"
        )
        if version
        else "Not written yet",
        "blocks": [_block(b) for b in page.blocks],
        "notes": [
            {"number": r.number, "text": document.note_text(r)} for r in page.references.values()
        ],
        "focus": [
            {
                "title": p.option.title,
                "description": p.option.description,
                "where": ", ".join(str(o) for o in p.employers),
                "whom": "; ".join(f"{c.person} ({c.why})" for c in p.contacts),
                "gaps": [document.quote(e, 160) for e in p.gaps],
            }
            for p in page.focus
        ],
        "actions": [
            {
                "text": a.text,
                "obstacle": a.obstacle.title,
                "due": f"{a.due_on:%d %b %Y}" if a.due_on else "",
            }
            for a in page.actions
        ],
        "themes": [
            {
                "name": r.theme.name,
                "kind": r.theme.get_kind_display(),
                "people": r.theme.people_count,
                "who": ", ".join(dict.fromkeys(str(m.person) for m in r.sources)),
            }
            for r in queries.themes_for(owner, limit=EXPORT_THEMES)
        ],
    }


def _block(block: document.Block) -> dict[str, Any]:
    if block.kind == "ul":
        return {"kind": "ul", "items": [_spans(item) for item in block.items]}
    return {"kind": block.kind, "spans": _spans(block.parts)}


def _spans(parts: list[Any]) -> list[dict[str, Any]]:
    return [{"ref": p.number} if isinstance(p, document.Reference) else {"text": p} for p in parts]


def as_pdf(
    owner: User, *, version: StrategyVersion | None = None, now: datetime | None = None
) -> bytes:
    """The strategy (the latest version unless one is given) as a PDF."""
    data = pdf_data(owner, version=version, now=now)
    return typst.compile(str(TEMPLATE), sys_inputs={"data": json.dumps(data)})
