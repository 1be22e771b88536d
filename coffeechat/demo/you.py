"""The demo's "you" chapter: Sam Rivera's own profile, built through the real services.

Sam (demo/data_*.py) studied industrial engineering at Lakeshore State (class of '16; the alumni in
the network), runs dispatch and inventory analytics at Midway Supply Co., and is exploring
product analytics. The position descriptions are "•" lines, which the resume builder turns
into bullets (demo/resumes.py edits them). Everything is made up.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from coffeechat.accounts import services as accounts
from coffeechat.accounts.models import User
from coffeechat.profile import services as profile

PROFILE = {
    "signature": "Sam Rivera\nhttps://www.linkedin.com/in/sam-rivera-example",
    "phone": "+1 312 555 0142",
    "school": "Lakeshore State University",
    "field_broad": "product analytics",
    "field_narrow": "routing and logistics software",
    "profile_url": "https://www.linkedin.com/in/sam-rivera-example",
    "decision": "Whether to move from operations into a product analytics role, and if so "
    "whether at a logistics software company, in health tech or at a consultancy.",
}
POSITIONS: list[dict[str, Any]] = [
    {
        "organization_name": "Midway Supply Co.",
        "title": "Operations Analyst",
        "location": "Chicago, IL",
        "started_on": date(2022, 3, 1),
        "description": "• Built a daily on-time dashboard in SQL and Tableau used by 14 "
        "dispatchers\n• Responsible for the weekly inventory report\n"
        "• Cut routing cost per stop by 9% by re-sequencing 40 regional routes",
    },
    {
        "organization_name": "Midway Supply Co.",
        "title": "Dispatch Coordinator",
        "location": "Chicago, IL",
        "started_on": date(2019, 6, 1),
        "finished_on": date(2022, 2, 1),
        "description": "• Scheduled 60 drivers a day across 3 depots\n"
        "• Helped with onboarding of new drivers",
    },
]
EDUCATION: list[dict[str, Any]] = [
    {
        "school": "Lakeshore State University",
        "degree": "Bachelor of Science, Industrial Engineering",
        "started_on": date(2012, 9, 1),
        "finished_on": date(2016, 5, 1),
        "activities": "INFORMS student chapter; capstone on warehouse slotting",
    },
]
SKILLS = [
    (
        "SQL",
        4,
        "Wrote the queries behind the on-time dashboard; answer most ad-hoc questions "
        "from the warehouse database myself.",
    ),
    ("Tableau", 4, "The on-time dashboard, used every morning by 14 dispatchers."),
    ("Excel and process modelling", 5, "Taught the internal Excel course for the dispatch team."),
    (
        "Python (pandas)",
        3,
        "Automated the weekly inventory report; online course finished in 2025.",
    ),
    (
        "Stakeholder interviews",
        3,
        "Interviewed drivers and dispatchers before re-sequencing the regional routes.",
    ),
    (
        "Experiment design",
        2,
        "One before/after test of a new route sequence; still learning the statistics.",
    ),
]


def _months_ahead(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def load(user: User, *, now: datetime) -> dict[str, int]:
    """Fill Sam's profile: what coffeechat knows about them, positions, school, rated skills."""
    decide_by = _months_ahead(user.calendar.local_date(now), 4)
    accounts.update_profile(user=user, now=now, decision_by=decide_by, **PROFILE)
    accounts.finish_onboarding(user=user, now=now)
    positions = [profile.add_position(owner=user, **fields) for fields in POSITIONS]
    schools = [profile.add_education(owner=user, **fields) for fields in EDUCATION]
    skills = [
        profile.add_skill(owner=user, name=name, rating=rating, evidence=evidence)
        for name, rating, evidence in SKILLS
    ]
    return {
        "positions": len(positions),
        "school" if len(schools) == 1 else "schools": len(schools),
        "rated skills": len(skills),
    }
