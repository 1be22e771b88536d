"""/you/, put together in one place: the profile (profile) and the self-assessment (assessment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from coffeechat.accounts.models import User
from coffeechat.assessment import panels as assessment_panels
from coffeechat.profile import panels as profile_panels
from coffeechat.profile.forms import AboutForm


@dataclass(frozen=True)
class YouPage:
    TEMPLATE: ClassVar[str] = "profile/you.html"

    you: profile_panels.YouPanel  # about, positions, education, skills, what an export found
    assessment: assessment_panels.AssessmentPanel


def you_page(
    *, user: User, about: AboutForm | None = None, bound: dict[str, forms.BaseForm] | None = None
) -> YouPage:
    """`user`: a copy of the signed-in user (a failed save must not change the real one);
    `about` or `bound` (by prefix): a form posted from the page that failed, with its errors."""
    return YouPage(
        you=profile_panels.you_panel(user, about=about, bound=bound),
        assessment=assessment_panels.assessment_panel(user),
    )
