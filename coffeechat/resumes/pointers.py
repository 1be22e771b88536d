"""JSON Pointers (RFC 6901) into a resume: making, splitting and following them, and saying
where one points in words a person reads ("Work, 2nd entry, highlights")."""

from __future__ import annotations

from typing import Any

from coffeechat.resumes.sections import BASICS, LOCATION, SECTION


def pointer_of(path: Any) -> str:
    """A JSON Pointer (RFC 6901) for a path of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def parts_of(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def resolve(document: Any, pointer: str) -> Any:
    """The value at `pointer`; KeyError when there is none."""
    node = document
    for part in parts_of(pointer):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(pointer)
    return node


def describe_pointer(pointer: str) -> str:
    """Where a pointer goes, in words: "/work/0/startDate" -> "Work, entry 1, startDate"."""
    if not pointer:
        return "The file"
    parts = parts_of(pointer)
    labels = {f.key: f.label for f in BASICS + LOCATION}
    words = []
    for index, part in enumerate(parts):
        previous = parts[index - 1] if index else ""
        if part.isdigit() and index > 0:
            kind = {"highlights": "bullet"}.get(previous, "item")
            if index == 1 or previous == "profiles":
                kind = "entry"
            words.append(f"{kind} {int(part) + 1}")
        elif index == 0 and part in SECTION:
            words.append(SECTION[part].title)
            labels = {f.key: f.label for f in SECTION[part].fields}
        elif index == 0:
            words.append(part.capitalize() if part in ("basics", "meta") else part)
        else:
            words.append(labels.get(part, part))
    return ", ".join(words)
