"""The bullet lint: no error on good bullets, the right finding on bad ones, each with a reason."""

from __future__ import annotations

import pytest

from coffeechat.resumes.lint import ERROR, WHY, lint_bullet, lint_entry

# Real-looking bullets from past positions, written the way career centres teach. None may
# raise an error; most raise nothing at all.
GOOD_PAST = [
    "Led a team of 5 engineers to ship the new billing system two weeks early",
    "Cut AWS spend by 30% by rightsizing 140 instances",
    "Built a care-gap dashboard used by 120 nurse managers",
    "Co-founded a data meetup that grew to 400 members",
    "Re-designed onboarding, cutting drop-off from 38% to 21%",
    "Spearheaded the migration to Kubernetes, saving $120k a year",
    "Redesigned the intake form, halving data-entry errors",
    "Dockerized 12 services and shortened deploys from 40 to 6 minutes",
    "Onboarded 25 new dispatchers in three months",
    "Ran 18 usability sessions that reshaped the Q3 roadmap",
    "Won the 2023 regional case competition out of 40 teams",
    "Wrote the I/O layer for US and EU customers, serving 2M requests a day",
    "Negotiated vendor contracts worth €1.2M",
    "Taught SQL to 60 analysts across 4 offices",
    "Oversaw a £300k budget with no overspend for 3 years",
    "Analyzed 5 years of claims data to find $2M in duplicate payments",
    "Mentored 4 junior analysts, two of whom were promoted",
    "Automated 12 monthly reports, saving 3 days of work a month",
    "Translated 200 support articles into Spanish",
    "Reduced ticket backlog by 45% in one quarter",
    "• Launched the company's first mobile app, reaching 50k installs",
    "- Drove adoption of code review across 8 teams",
    "Set up on-call rotations for 6 teams",
    "Increased newsletter open rates from 18% to 31%",
    "Sold 1,200 annual plans to small clinics",
    "Scheduled 60 drivers a day across 3 depots",
]
# Present tense is right for the job you have now.
GOOD_CURRENT = [
    "Lead a team of 4 analysts covering 30 clinics",
    "Manage a $2M annual budget",
    "Build and maintain 15 dbt models",
    "Own the on-time dashboard used by 14 dispatchers",
]


@pytest.mark.parametrize("bullet", GOOD_PAST)
def test_good_bullets_of_past_positions_raise_no_error_and_no_verb_finding(bullet: str):
    findings = lint_bullet(bullet, current=False)

    assert [f for f in findings if f.severity == ERROR] == []
    assert [f.rule for f in findings if f.rule in ("RB1", "RB6")] == []


@pytest.mark.parametrize("bullet", GOOD_CURRENT)
def test_present_tense_is_fine_in_a_current_position(bullet: str):
    assert lint_bullet(bullet, current=True) == []


def test_most_good_bullets_raise_nothing_at_all():
    clean = [b for b in GOOD_PAST if not lint_bullet(b)]

    assert len(clean) == len(GOOD_PAST)


@pytest.mark.parametrize(
    ("bullet", "rule", "excerpt"),
    [
        ("Responsible for the weekly inventory report", "RB1", "Responsible"),
        ("Helped with onboarding of new drivers", "RB1", "Helped"),
        ("Worked on the data warehouse", "RB1", "Worked"),
        ("Duties included answering 40 calls a day", "RB1", "Duties"),
        ("The quarterly report for 12 regions", "RB1", "The"),
        ("Participated in 3 hackathons", "RB1", "Participated"),
        ("Improved the reporting process", None, ""),  # "improved" is a result: no RB2
        ("Maintained the documentation", "RB2", ""),
        ("Managed the team", "RB2", ""),
        ("I managed a budget of $40k", "RB4", "I"),
        ("Built our first data pipeline with 3 sources", "RB4", "our"),
        ("Created reports for my manager every week, 52 in all", "RB4", "my"),
        ("We shipped 4 releases", "RB4", "We"),
        ("Helped us hire 5 people", "RB4", "us"),
        ("Manage the 3 regional depots", "RB6", "Manage"),
        ("Led " + " ".join(["the"] * 31) + " 5 things", "RB3", ""),
    ],
)
def test_bad_bullets_get_the_right_finding_with_its_reason(
    bullet: str, rule: str | None, excerpt: str
):
    findings = lint_bullet(bullet, current=False)

    if rule is None:
        assert [f.rule for f in findings if f.rule == "RB2"] == []
        return
    matching = [f for f in findings if f.rule == rule]
    assert matching, [f.rule for f in findings]
    if excerpt:
        assert bullet[matching[0].start : matching[0].end] == excerpt
    assert matching[0].why == WHY[rule]
    assert matching[0].message


def test_first_person_is_the_only_error():
    findings = lint_bullet("I was responsible for my team's reports")

    assert {f.rule for f in findings if f.severity == ERROR} == {"RB4"}


def test_a_leading_verb_used_twice_in_one_entry_is_flagged_on_the_second():
    bullets = [
        "Managed 3 depots",
        "Built 2 dashboards",
        "Managed a $1M budget",
        "Manages 4 vendors",
    ]

    findings = lint_entry(bullets, current=True)

    assert [f.rule for f in findings[0]] == []
    assert [f.rule for f in findings[2]] == ["RB5"]
    assert [f.rule for f in findings[3]] == ["RB5"]  # "Manages" and "Managed" are one verb
    assert "bullet 1" in findings[2][0].message


def test_the_same_verb_in_two_entries_is_fine():
    assert lint_bullet("Led 3 teams", earlier=["Built 4 tools"]) == []


def test_an_empty_bullet_has_no_findings():
    assert lint_bullet("   ") == []


def test_a_finding_answers_its_place_message_and_why_in_that_order() -> None:
    [finding] = [f for f in lint_bullet("I led 3 teams") if f.rule == "RB4"]

    assert list(finding.as_dict()) == ["rule", "severity", "start", "end", "message", "why"]
    assert finding.as_dict()["why"] == WHY["RB4"] and finding.is_error
