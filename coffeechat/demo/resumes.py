"""Demo chapter: Sam's resumes, built through coffeechat.resumes.services.

A base resume from Sam's profile (the "you" chapter fills it; when it holds no positions, the
entries below stand in, added through the editor's services), a copy tailored for Tandem Route
(Grace Liu's employer, a product analyst role), brought to the conversation with Grace, and her
advice on it: one suggestion taken in by a later version, one still open.

Everything is synthetic, like the rest of the demo.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.resumes import critique, editing, from_profile, services
from coffeechat.resumes import document as doc
from coffeechat.resumes.models import Resume

SUMMARY = (
    "Operations analyst who turned a dispatch desk's spreadsheets into routing and "
    "inventory dashboards; moving into product analytics for logistics software."
)

# Sam's story (demo/data_*.py: operations analyst at Midway Supply Co., dispatch before that).
WORK = [
    (
        {
            "position": "Operations Analyst",
            "name": "Midway Supply Co.",
            "location": "Chicago, IL",
            "startDate": "2022-03",
        },
        [
            "Built a daily on-time dashboard in SQL and Tableau used by 14 dispatchers",
            "Responsible for the weekly inventory report",
            "Cut routing cost per stop by 9% by re-sequencing 40 regional routes",
        ],
    ),
    (
        {
            "position": "Dispatch Coordinator",
            "name": "Midway Supply Co.",
            "location": "Chicago, IL",
            "startDate": "2019-06",
            "endDate": "2022-02",
        },
        ["Scheduled 60 drivers a day across 3 depots", "Helped with onboarding of new drivers"],
    ),
]
EDUCATION = {
    "institution": "University of Illinois Chicago",
    "studyType": "Bachelor of Arts",
    "area": "Economics",
    "startDate": "2015",
    "endDate": "2019",
}
SKILLS: list[dict[str, Any]] = [
    {"name": "SQL", "keywords": ["window functions", "PostgreSQL"]},
    {"name": "Tableau"},
    {"name": "Python", "keywords": ["pandas"]},
]


def load(user: User, *, now: datetime) -> dict[str, int]:
    base = from_profile.build_from_profile(
        owner=user, name="Base resume", now=now - timedelta(days=30)
    )
    _fill(base)
    grace = (
        Conversation.objects.filter(owner=user, person__full_name="Grace Liu")
        .select_related("person__organization")
        .first()
    )
    organization = grace.person.organization if grace else None
    tailored = services.tailor(
        resume=base,
        name="Product analyst, Tandem Route",
        target_role="Product analyst",
        organization_name=organization.name if organization else "",
        now=now - timedelta(days=12),
    )
    editing.save_bullet(
        resume=tailored,
        section="work",
        index=0,
        bullet=0,
        text="Built a daily on-time dashboard (SQL, Tableau) that 14 "
        "dispatchers use to re-plan late routes",
    )
    suggestions = 0
    if grace is not None:
        critique.choose_handout(conversation=grace, resume=tailored)
        critique.set_handed_over(conversation=grace, handed_over=True)
        numbers, open_one = critique.add_suggestions(
            conversation=grace,
            texts=[
                "Put a number on the dispatch work: how many drivers, how many stops",
                "Lead with the routing-cost analysis; it's what a routing PM asks about first",
            ],
            now=now - timedelta(days=8),
        )
        version = editing.save_bullet(
            resume=tailored,
            section="work",
            index=1,
            bullet=0,
            text="Scheduled 60 drivers and about 900 stops a day across 3 depots",
        )
        critique.address(
            suggestion=numbers,
            version=version,
            note="Stops per day added to the dispatch bullet.",
            now=now - timedelta(days=6),
        )
        suggestions = 2
    return {"resumes": Resume.objects.filter(owner=user).count(), "resume suggestions": suggestions}


def _fill(base: Resume) -> None:
    """Sam's entries, when the profile had none (the "you" chapter may not have run)."""
    document = doc.loads(base.document)
    if not document.get("basics", {}).get("summary"):
        editing.update_basics(
            resume=base, values={"summary": SUMMARY, "label": "Operations analyst"}
        )
    if document.get("work"):
        return
    for index, (entry, bullets) in enumerate(WORK):
        editing.save_entry(resume=base, section="work", values=entry)
        for text in bullets:
            editing.save_bullet(resume=base, section="work", index=index, text=text)
    editing.save_entry(resume=base, section="education", values=EDUCATION)
    for skill in SKILLS:
        editing.save_entry(resume=base, section="skills", values=skill)
