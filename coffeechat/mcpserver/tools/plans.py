"""Tools for the target list and the strategy's themes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from coffeechat.accounts.models import User
from coffeechat.mcpserver.tools.common import (
    Limit,
    Result,
    when,
)
from coffeechat.strategy import queries as strategy_queries
from coffeechat.targets import queries as target_queries

# Targets and strategy -------------------------------------------------------------------------


def target_list(owner: User, *, limit: Limit = 20) -> Result:
    batch = target_queries.batch_ids(owner)
    counts = target_queries.counts_for(owner)
    # Annotated rows (advocacy, people_count) with their state and place (with_states).
    rows: list[Any] = target_queries.with_states(target_queries.targets_for(owner)[:limit], batch)
    return {
        "total": counts.total,
        "goal": counts.goal,
        "unrated": counts.unrated,
        "by_source": counts.by_source,
        "targets": [
            {
                "id": t.pk,
                "organization": t.organization.name,
                "organization_id": t.organization_id,
                "motivation": t.motivation,
                "posting": t.posting,
                "advocacy": "Y" if t.advocacy else "N",
                "people_known": t.people_count,
                "status": t.status,
                "state": t.state,
                "in_top_five": t.in_batch,
            }
            for t in rows
        ],
        "rerate_after_conversations": [
            t.organization.name for t in target_queries.rerate_due(owner, limit=5)
        ],
    }


def strategy_themes(
    owner: User,
    *,
    limit: Limit = 10,
    kind: Annotated[
        Literal["", "advice", "skill", "resource", "organization", "person", "topic"],
        Field(description="Only themes of this kind; empty for all."),
    ] = "",
) -> Result:
    still_reading = strategy_queries.refresh_themes(owner)
    rows = strategy_queries.themes_for(owner, limit=limit, kind=kind, per_theme=2)
    return {
        "themes": [
            {
                "id": row.theme.pk,
                "name": row.theme.name,
                "kind": row.theme.kind,
                "people_count": row.theme.people_count,
                "confirmed_at": when(row.theme.confirmed_at, owner),
                "said": [
                    {
                        "person": m.person.full_name,
                        "excerpt": m.excerpt,
                        "said_at": when(m.said_at, owner),
                    }
                    for m in row.sources
                ],
            }
            for row in rows
        ],
        "still_reading_older_notes": still_reading,
    }
