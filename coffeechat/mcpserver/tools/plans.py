"""Tools for the target list and the strategy's themes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from coffeechat.accounts.models import User
from coffeechat.mcpserver.tools.common import Limit, Result, ToolProblem, find_one, when
from coffeechat.network import queries as network_queries
from coffeechat.network import services as network_services
from coffeechat.strategy import queries as strategy_queries
from coffeechat.targets import queries as target_queries
from coffeechat.targets import services as target_services

Motivation = Annotated[
    int | None,
    Field(
        ge=1,
        le=5,
        description="Gut rating 1-5: how much the user wants to work there (5: a "
        "dream employer). Only the user's own rating: ask, never guess.",
    ),
]
Posting = Annotated[
    int | None,
    Field(
        ge=1,
        le=3,
        description="3: a posting for the user's function there, 2: postings for "
        "other functions, 1: none.",
    ),
]

# The target list ---------------------------------------------------------------------------


def _target_row(target: Any) -> Result:
    """An annotated target (advocacy, people_count) marked by `with_states`."""
    return {
        "id": target.pk,
        "organization": target.organization.name,
        "organization_id": target.organization_id,
        "motivation": target.motivation,
        "posting": target.posting,
        "advocacy": "Y" if target.advocacy else "N",
        "people_known": target.people_count,
        "status": target.status,
        "state": target.state,
        "in_top_five": target.in_batch,
    }


def _changed(owner: User, target_id: int, change: target_services.BatchChange) -> Result:
    [target] = target_queries.with_states(
        [target_queries.get_target(owner, target_id)], target_queries.batch_ids(owner)
    )
    return {**_target_row(target), "top_five_changes": change.messages}


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
        "targets": [_target_row(t) for t in rows],
        "rerate_after_conversations": [
            t.organization.name for t in target_queries.rerate_due(owner, limit=5)
        ],
    }


def add_target(
    owner: User,
    *,
    name: Annotated[
        str,
        Field(
            max_length=200,
            description="The employer's name: the user's organization of that name (any case), "
            "or a new one.",
        ),
    ] = "",
    organization_id: Annotated[
        int | None, Field(description="Or an organization id from search_organizations.")
    ] = None,
    source: Annotated[
        Literal["dream", "alumni", "posting", "trend", "other"],
        Field(description="How it came onto the list (method: dream, alumni, posting, trend)."),
    ] = "other",
    motivation: Motivation = None,
    posting: Posting = None,
) -> Result:
    if organization_id is not None:
        organization = find_one(
            "organization", network_queries.get_organization, owner, organization_id
        )
    else:
        found = network_services.organization_named(owner=owner, name=name)
        if found is None:
            raise ToolProblem("Give the employer's name or an organization_id.")
        organization = found
    with target_services.watching_batch(owner) as change:
        added = target_services.add_target(
            owner=owner,
            organization=organization,
            source=source,
            motivation=motivation,
            posting=posting,
        )
    return _changed(owner, added.pk, change)


def rate_target(
    owner: User,
    *,
    target_id: Annotated[int, Field(description="A target id from target_list.")],
    motivation: Motivation = None,
    posting: Posting = None,
    still_the_same: Annotated[
        bool,
        Field(
            description="True when the user re-rated after a conversation and kept the same "
            "Motivation: it stops the re-rating prompt."
        ),
    ] = False,
) -> Result:
    target = find_one("target", target_queries.get_target, owner, target_id)
    if motivation is None and posting is None and not still_the_same:
        raise ToolProblem("Give a motivation, a posting, or still_the_same=true.")
    keep = target_services.KEEP
    with target_services.watching_batch(owner) as change:
        target_services.rate(
            target=target,
            motivation=motivation
            if motivation is not None
            else (target.motivation if still_the_same else keep),
            posting=posting if posting is not None else keep,
            confirm=still_the_same,
        )
    return _changed(owner, target.pk, change)


# The strategy's themes -----------------------------------------------------------------------


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
