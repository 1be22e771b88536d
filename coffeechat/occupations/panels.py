"""What occupations contributes to pages: the brief's occupation, matched from the person's title
or chosen, and an occupation's own page (which strategy adds the user's options to)."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.occupations import charts, queries
from coffeechat.occupations.models import Occupation, Release
from coffeechat.occupations.queries import Panel as OccupationPanel
from coffeechat.occupations.queries import Profile


def occupation_panel(conversation: Conversation) -> OccupationPanel:
    return queries.panel_for(conversation)


@dataclass(frozen=True)
class OccupationProfilePanel:
    """An occupation's own page: O*NET's profile of the work, its questions to add to a
    conversation's plan, and its interests beside the user's."""

    loaded: Release
    profile: Profile
    conversation: Conversation | None  # the conversation the questions go to (?conversation=)
    recent: list[Conversation]  # conversations to choose from, that one included
    interest_chart: charts.InterestChart | None
    user_code: str  # the user's own interest code, once they have taken the inventory
    user_max: int
    label_width: int = charts.LABEL_WIDTH

    @property
    def occupation(self) -> Occupation:
        return self.profile.occupation


def occupation_profile_panel(
    owner: User, *, loaded: Release, profile: Profile, conversation: Conversation | None
) -> OccupationProfilePanel:
    recent = queries.recent_conversations(owner)
    if conversation is not None and conversation not in recent:
        recent.insert(0, conversation)
    scores = queries.user_interest_scores(owner)
    return OccupationProfilePanel(
        loaded=loaded,
        profile=profile,
        conversation=conversation,
        recent=recent,
        interest_chart=charts.interests(profile.occupation.interests, scores),
        user_code=queries.user_interest_code(owner) if scores else "",
        user_max=charts.max_score(),
    )
