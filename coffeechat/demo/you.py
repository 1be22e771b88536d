"""The demo's "you" chapter: Sam Rivera's own profile, built through the real services.

Sam studied industrial engineering at Lakeshore State (the alumni in the network), runs
operations at a regional hospital group, and is exploring healthcare and product analytics.
Everything is made up.
"""

from __future__ import annotations

from datetime import date, datetime

from coffeechat.accounts import services as accounts
from coffeechat.accounts.models import User
from coffeechat.profile import services as profile

PROFILE = {
    "signature": "Sam Rivera\nhttps://www.linkedin.com/in/sam-rivera-example",
    "phone": "+1 312 555 0142",
    "school": "Lakeshore State University",
    "field_broad": "healthcare analytics",
    "field_narrow": "operations and product analytics",
    "profile_url": "https://www.linkedin.com/in/sam-rivera-example",
    "decision": "Whether to move from hospital operations into an analytics role, and if so "
                "whether in a health system, a health-tech product team or consulting.",
}
POSITIONS = [
    {"organization_name": "Northshore Regional Health", "title": "Operations Analyst",
     "location": "Chicago, IL", "started_on": date(2021, 6, 1),
     "description": "Patient-flow and staffing reports for four hospitals; built the weekly "
                    "bed-capacity dashboard the nursing directors use."},
    {"organization_name": "Midwest Freight Partners", "title": "Process Improvement Associate",
     "location": "Joliet, IL", "started_on": date(2016, 8, 1), "finished_on": date(2021, 5, 1),
     "description": "Lean projects on the loading docks; cut average dwell time by a fifth."},
]
EDUCATION = [
    {"school": "Lakeshore State University",
     "degree": "Bachelor of Science, Industrial Engineering", "started_on": date(2012, 9, 1),
     "finished_on": date(2016, 5, 1), "activities": "INFORMS student chapter"},
]
SKILLS = [
    ("SQL", 4, "Wrote the queries behind the bed-capacity dashboard; answer most ad-hoc "
               "questions from the warehouse myself."),
    ("Excel and process modelling", 5, "Taught the internal Excel course at Midwest Freight."),
    ("Python (pandas)", 3, "Automated the weekly staffing report; online course finished in "
                           "2024."),
    ("Stakeholder interviews", 4, "Ran the discovery interviews for the discharge-planning "
                                  "project with twelve nurses and case managers."),
    ("Experiment design", 2, "One A/B test of shift-handover checklists; still learning the "
                             "statistics."),
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
    skills = [profile.add_skill(owner=user, name=name, rating=rating, evidence=evidence)
              for name, rating, evidence in SKILLS]
    return {"positions": len(positions), "school" if len(schools) == 1 else "schools": len(schools),
            "rated skills": len(skills)}
