"""Exporting in tests, and comparing two exports regardless of ids."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from coffeechat.accounts.models import User
from coffeechat.exports import services, walk

# Owner-independent columns that differ between two accounts by design.
ACCOUNT_VOLATILE = {"email", "date_joined"}


def export_zip(owner: User) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    services.write_account_zip(owner=owner, out=buffer)
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


def export_bytes(owner: User) -> bytes:
    buffer = io.BytesIO()
    services.write_account_zip(owner=owner, out=buffer)
    return buffer.getvalue()


def data_of(archive: zipfile.ZipFile) -> dict[str, Any]:
    return json.loads(archive.read("data.json"))


def all_text(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def normalized(
    archive: zipfile.ZipFile, *, ignore: frozenset[tuple[str, str]] = frozenset()
) -> dict[str, Any]:
    """The export with every id replaced by the row's position in its model and every file
    by its bytes, so the exports of two accounts compare equal."""
    doc = data_of(archive)
    position = {
        label: {row["id"]: i for i, row in enumerate(rows)}
        for label, rows in doc["records"].items()
    }
    targets = {owned.label: _link_targets(owned) for owned in walk.exported_models()}
    records = {}
    for label, rows in doc["records"].items():
        records[label] = [
            _normalize_row(row, label, position, targets[label], ignore, archive) for row in rows
        ]
    account = {k: v for k, v in doc["account"].items() if k not in ACCOUNT_VOLATILE}
    return {"account": account, "records": records}


def _link_targets(owned: walk.OwnedModel) -> dict[str, str]:
    links = {
        f.name: f.related_model._meta.label
        for f in walk.exported_fields(owned.model)
        if f.is_relation
    }
    links |= {f.name: f.related_model._meta.label for f in walk.many_to_many(owned.model)}
    return links


def _normalize_row(
    row: dict[str, Any],
    label: str,
    position: dict,
    targets: dict[str, str],
    ignore: frozenset[tuple[str, str]],
    archive: zipfile.ZipFile,
) -> dict[str, Any]:
    out = {}
    for name, value in row.items():
        if name == "id" or (label, name) in ignore:
            continue
        target = targets.get(name)
        if target and isinstance(value, list):
            value = sorted(position[target][v] for v in value)
        elif target and value is not None:
            value = position[target][value]
        elif isinstance(value, str) and value.startswith(f"files/{label}/"):
            value = archive.read(value)
        out[name] = value
    return out
