"""Plain text (for pasting into application forms) and Markdown renderings of a `Resume`.

Plain text has no markup at all: section titles in capitals, one paragraph or bullet per line
(no hard wrapping, so the form's box reflows it), a blank line between entries.
Markdown escapes every character of user text that Markdown would read as markup, and links
only http(s), mailto and tel addresses.
"""

from __future__ import annotations

import re

from coffeechat.resumes.render.model import Entry, Resume, Section

SEP = " | "


def plain(resume: Resume) -> str:
    lines = [line for line in (resume.name, resume.label) if line]
    lines += _wrap_contacts([c.text for c in resume.contacts], SEP)
    lines += _wrap_contacts([c.text for c in resume.profiles], SEP)
    for section in resume.sections:
        lines += ["", section.title.upper()]
        lines += _plain_section(section)
    return "\n".join(lines).strip() + "\n"


def _plain_section(section: Section) -> list[str]:
    if section.kind == "inline":
        return ["; ".join(_named(e) for e in section.entries)]
    if section.kind == "lines":
        return [
            _named(e) + (": " + ", ".join(e.keywords) if e.keywords else "")
            for e in section.entries
        ]
    blocks = []
    for entry in section.entries:
        block = [_heading(entry), SEP.join(entry.meta())] if section.kind == "entries" else []
        block += [*entry.paragraphs, *(f"- {b}" for b in entry.bullets)]
        block += [f"{label}: {text}" for label, text in entry.notes]
        block += [f"— {entry.title}"] if section.kind == "quotes" and entry.title else []
        blocks.append("\n".join(line for line in block if line))
    return ["\n\n".join(blocks)]


def _heading(entry: Entry) -> str:
    return ", ".join(part for part in (entry.title, entry.organization) if part)


def _named(entry: Entry) -> str:
    """'Python (Expert)', or the level alone for a skill with no name."""
    if entry.title and entry.organization:
        return f"{entry.title} ({entry.organization})"
    return entry.title or entry.organization


def _wrap_contacts(texts: list[str], sep: str) -> list[str]:
    """Contacts on lines of at most about 90 characters."""
    lines: list[str] = []
    for text in texts:
        if lines and len(lines[-1]) + len(sep) + len(text) <= 90:
            lines[-1] += sep + text
        else:
            lines.append(text)
    return lines


# --- Markdown ---------------------------------------------------------------------------------

_INLINE = re.compile(r"([\\`*_\[\]<>|~$&])")
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)](?:\s|$)))")


def md(text: str) -> str:
    """User text that Markdown prints literally."""
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if not m[1].isdigit() else m[1] + "\\", text)


def md_link(text: str, link: str) -> str:
    return f"[{md(text)}](<{link}>)" if link else md(text)


def markdown(resume: Resume) -> str:
    out = []
    if resume.name:
        out += [f"# {md(resume.name)}", ""]
    if resume.label:
        out += [f"**{md(resume.label)}**", ""]
    for contacts in (resume.contacts, resume.profiles):
        out += [" · ".join(md_link(c.text, c.link) for c in contacts), ""] if contacts else []
    for section in resume.sections:
        out += [f"## {section.title}", ""]
        out += _md_section(section)
    return "\n".join(out).strip() + "\n"


def _md_section(section: Section) -> list[str]:
    if section.kind == "inline":
        return [" · ".join(_md_named(e) for e in section.entries), ""]
    if section.kind == "lines":
        return [
            f"- {_md_named(e)}" + (": " + md(", ".join(e.keywords)) if e.keywords else "")
            for e in section.entries
        ] + [""]
    out: list[str] = []
    for entry in section.entries:
        if section.kind == "quotes":
            quote = [md(p) for p in entry.paragraphs]
            quote += [f"— {md(entry.title)}"] if entry.title else []
            out += ["\n>\n".join(f"> {line}" for line in quote), ""]
            continue
        if section.kind == "entries":
            out += [f"### {md(_heading(entry))}", ""] if _heading(entry) else []
            meta = [md(part) for part in (entry.dates, entry.location) if part]
            meta += [md_link(entry.url, entry.link)] if entry.url else []
            out += [" · ".join(meta), ""] if meta else []
        out += [line for p in entry.paragraphs for line in (md(p), "")]
        out += [f"- {md(b)}" for b in entry.bullets] + ([""] if entry.bullets else [])
        out += [f"**{label}:** {md(text)}  " for label, text in entry.notes]
        out += [""] if entry.notes else []
    return out


def _md_named(entry: Entry) -> str:
    if entry.title and entry.organization:
        return f"**{md(entry.title)}** ({md(entry.organization)})"
    return f"**{md(entry.title)}**" if entry.title else md(entry.organization)
