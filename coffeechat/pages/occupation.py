"""An occupation's page, put together in one place: O*NET's profile of the work (occupations)
and the user's options for it (strategy)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.occupations import panels as occupation_panels
from coffeechat.occupations.models import Release
from coffeechat.occupations.queries import Profile
from coffeechat.strategy import panels as strategy_panels
from coffeechat.strategy.queries import OccupationOptions


@dataclass(frozen=True)
class OccupationPage:
    TEMPLATE: ClassVar[str] = "occupations/occupation.html"

    occupation: occupation_panels.OccupationProfilePanel
    options: OccupationOptions  # the user's options for this work, and where


def occupation_page(
    *,
    owner: User,
    loaded: Release,
    profile: Profile,
    conversation: Conversation | None,
    choosing_id: int | None,
) -> OccupationPage:
    """`choosing_id`: the option whose occupation search led here (?option=<id>), if any."""
    code = profile.occupation.code
    return OccupationPage(
        occupation=occupation_panels.occupation_profile_panel(
            owner, loaded=loaded, profile=profile, conversation=conversation
        ),
        options=strategy_panels.occupation_options_panel(owner, code, choosing_id),
    )
