"""What a LinkedIn export of the profile's owner gives, for the profile tests."""

from __future__ import annotations

FOUND = {
    "display_name": "Priya Okonkwo-Laurent",
    "headline": "Data analyst | SQL, Python",
    "profile_url": "https://priya.example.org",
    "positions": [
        {
            "organization_name": "Cascadia Health Data",
            "title": "Senior Data Analyst",
            "description": "Claims analytics.",
            "location": "Portland",
            "started_on": "2022-03-01",
            "finished_on": None,
        },
        {
            "organization_name": "Old Corp",
            "title": "Analyst",
            "description": "",
            "location": "",
            "started_on": "2019-01-01",
            "finished_on": "2022-02-01",
        },
    ],
    "education": [
        {
            "school": "Oregon State University",
            "degree": "BS Statistics",
            "started_on": "2015-01-01",
            "finished_on": "2019-01-01",
            "notes": "",
            "activities": "Statistics Club",
        }
    ],
    "skills": ["SQL", "Python"],
}
