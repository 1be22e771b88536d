from __future__ import annotations

from coffeechat.assessment import inventory


def answers(per_type: dict[str, int] | None = None, *, default: int = 2) -> dict[str, int]:
    """An answer for every item: per type where given, `default` elsewhere."""
    per_type = per_type or {}
    return {item.key: per_type.get(item.kind, default) for item in inventory.ITEMS}


def as_post(values: dict[str, int], **extra: str) -> dict[str, str]:
    return {key: str(value) for key, value in values.items()} | extra
