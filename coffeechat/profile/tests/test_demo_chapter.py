"""The demo's "you" chapter: Sam Rivera has a filled profile that drafts fill in from."""

from __future__ import annotations

import pytest

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Stage
from coffeechat.demo import data
from coffeechat.demo.services import load_demo
from coffeechat.outreach import drafting, services
from coffeechat.outreach.models import MessageKind
from coffeechat.profile import queries

# Each loads the whole demo account (a second or more): make test-fast leaves them out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_user_has_a_filled_profile_and_drafts_with_nothing_unfilled() -> None:
    assert load_demo().loaded
    sam = User.objects.get(email=data.DEMO_EMAIL)

    assert sam.signature and sam.school == "Lakeshore State University"
    assert sam.field_broad and sam.field_narrow and sam.decision and sam.decision_by
    assert sam.onboarded_at is not None
    assert queries.positions_for(sam).count() == 2
    assert queries.education_for(sam).count() == 1
    skills = list(queries.skills_for(sam))
    assert len(skills) >= 5 and all(s.rating and s.evidence for s in skills)
    assert queries.profile_progress(sam) == (3, 3)

    for conversation in Conversation.objects.filter(owner=sam, stage=Stage.IDENTIFIED)[:10]:
        subject, body = services.prefill(conversation=conversation, kind=MessageKind.REQUEST)
        # Sam's own fields are all there (a person's may not be: their page is where to add it).
        mine = [
            token
            for token in drafting.unfilled(subject + body)
            if drafting.PLACEHOLDER_HOMES.get(token.strip("{}"), ("",))[0] == drafting.YOU
        ]
        assert mine == [], body
        assert "Sam Rivera\nhttps://www.linkedin.com/in/sam-rivera-example" in body
