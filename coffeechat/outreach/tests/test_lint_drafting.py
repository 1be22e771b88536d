"""RULE-D1 (a template field left unfilled) and RULE-D2 (text that isn't prose).

D1 is an error, so it must never fire on good drafts, including ones that mention code, JSON,
prices or bracketed asides; D2 is a warning, and must stay quiet on good drafts too. Each good
draft below is the kind of thing people really send; each bad one is a way drafts really go
wrong (a template nobody finished, a LinkedIn headline pasted in as the field).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from coffeechat.network.models import Person
from coffeechat.outreach import drafting, gate, lint, lint_findings, services
from coffeechat.outreach.lint_findings import Draft
from coffeechat.outreach.models import MessageKind
from coffeechat.outreach.tests.factories import (
    introduce,
    make_conversation,
    make_recipient,
    profile,
)
from coffeechat.prep import services as prep

REQUEST, NOTE, FOLLOW_UP = "request", "linkedin_note", "follow_up"
ACCEPT, THANK_YOU, MESSAGE = "accept", "thank_you", "linkedin_message"


def d(body: str, kind: str = REQUEST, subject: str = "", **facts: str) -> Draft:
    return Draft(body=body, subject=subject, kind=kind, **facts)


GOOD = [
    d(
        "Hi Dana,\n\nI'm a fellow State University graduate and found you through our alumni "
        "network. I'm exploring product analytics, and your work at Northwind stood out to me. "
        "Would you be open to a 20-minute call in the next few weeks to share your perspective?"
        "\n\nThank you,\nAlice\nhttps://www.linkedin.com/in/alice-martin\n",
        subject="Fellow State University alum: your advice on product analytics",
        school="State University",
        field_broad="product analytics",
        organization="Northwind",
    ),
    d(
        "Hello Mr. O'Neill,\n\nSam Rivera suggested I get in touch. I'm learning about supply "
        "chain analytics, especially demand forecasting, and would value your insight on how "
        "your team at Contoso Logistics decides what to forecast. Could you spare 15 minutes "
        "in the next two weeks?\n\nBest regards,\nPriya Okonkwo-Laurent\n",
        subject="Sam Rivera suggested I reach out",
        referrer="Sam Rivera",
        field_broad="supply chain analytics",
        organization="Contoso Logistics",
    ),
    d(
        "Hi Zoë,\n\nYour talk at PyCascades on testing data pipelines (the bit about "
        '`{"retries": 3}` in every config) has stayed with me. I\'m exploring data engineering '
        "and would love your perspective on how you keep pipelines testable. Would you have "
        "20 minutes some time this month?\n\nThanks,\nJordan\n",
        subject="Your PyCascades talk, and a question about data engineering",
        met_at="PyCascades 2026",
        field_broad="data engineering",
    ),
    d(
        "Hi Marisol,\n\nI read your post on f-strings, the one that starts with f'{name}' and "
        "ends with templates, and it changed how I write reports. I'm exploring analytics "
        "engineering. Would you be open to a short call to share how you got into it?\n\n"
        "Cheers,\nKim\n",
        met_at="your blog post on Python f-strings",
        field_broad="analytics engineering",
    ),
    d(
        "Dear Dr. Ångström-Ndiaye,\n\nWe met at the Data Days conference in Boston, where you "
        "spoke about applied ML in hospitals. I'm exploring clinical data science and would "
        "value your advice on which skills matter most in your field. Would a 20-minute call "
        "in the next few weeks suit you?\n\nKind regards,\nRenée O'Brien\n",
        subject="Data Days: your advice on clinical data science",
        met_at="the Data Days conference in Boston",
        field_broad="clinical data science",
    ),
    d(
        "Hi Tomás,\n\nIt's been a while since we worked together at Fabrikam! I'm now exploring "
        "UX research for health apps, and your path from engineering into research is exactly "
        "what I'd like to learn about. Could we have a 20-minute coffee (virtual is fine) in "
        "the next few weeks?\n\nBest,\nAna\n",
        field_broad="UX research",
    ),
    d(
        "Hi Dana,\n\nI found you through a LinkedIn search for analytics leaders in Portland. "
        "Your team's work on the $2.5M claims project [reported in the Oregonian] stood out to "
        "me. I'm exploring healthcare analytics. Would you be open to a 15–20 minute call to "
        "share your experience?\n\nThank you,\nLee\n",
        met_at="a LinkedIn search for analytics leaders",
        field_broad="healthcare analytics",
    ),
    d(
        "Hi Jürgen,\n\nWe're both members of the Women in Data community (I saw your answer on "
        "A/B testing and sample sizes, n ≥ 1,000 per arm). I'm exploring experimentation "
        "platforms and would value your perspective on how they're built at Müller GmbH. "
        "Would you be open to 20 minutes?\n\nMany thanks,\nSofia\n",
        met_at="the Women in Data community",
        field_broad="experimentation platforms",
    ),
    d(
        "Hi Ana,\n\nThank you for connecting: we met at the UX meetup last week. I'm exploring "
        "service design, and your work on the city's permit portal stood out to me. Would you "
        "be open to a 20-minute call in the next few weeks to share your perspective?\n\n"
        "Thanks,\nChris\n",
        kind=MESSAGE,
        met_at="the UX meetup",
        field_broad="service design",
    ),
    d(
        "Hi Dana, we met at Data Days in Boston. I'm exploring product analytics and your path "
        "caught my eye. I'd be glad to connect.",
        kind=NOTE,
        met_at="Data Days in Boston",
    ),
    d(
        "Hi Kim, fellow Oregon State alum here (class of 2019). I'm exploring climate tech "
        "and would be glad to connect.",
        kind=NOTE,
        school="Oregon State University",
    ),
    d(
        "Hello Lee, Priya Okonkwo-Laurent suggested we connect. I'm learning about product "
        "operations at fintechs.",
        kind=NOTE,
        referrer="Priya Okonkwo-Laurent",
    ),
    d(
        "Hi Dana,\n\nI'm bringing my note back to the top of your inbox in case it got buried. "
        "Would you still have 20 minutes to share your perspective on analytics? No worries if "
        "now isn't a good time.\n\nThanks,\nAlice\n",
        kind=FOLLOW_UP,
    ),
    d(
        "Hi Marisol,\n\nJust a gentle nudge on my note from last week. I know things get busy "
        "before quarter end. If a short call doesn't suit, even a pointer to someone else would "
        "help.\n\nBest,\nJordan\n",
        kind=FOLLOW_UP,
    ),
    d(
        "Hi Dana,\n\nThank you for getting back to me! Would any of these work (times in "
        "America/New_York)?\n\nTue 24 Nov, 10:00 · Wed 25 Nov, 14:00 · Fri 27 Nov, 11:00\n\n"
        "Happy to adjust to your schedule.\n\nBest,\nAlice\n",
        kind=ACCEPT,
    ),
    d(
        "Hi Tomás,\n\nGreat to hear from you. Does Thursday 3 Dec at 9:30am or 2pm (CET) work? "
        "If not, send me a time that suits you and I'll make it work.\n\nThanks,\nAna\n",
        kind=ACCEPT,
    ),
    d(
        "Hi Dana,\n\nThank you for taking the time to talk with me on Tuesday; I really "
        "appreciated how openly you shared your experience. Your advice to “build a small "
        "portfolio project with public transit data” was exactly what I needed: I've started "
        "one with the TriMet feed and will share it when it's done. Thank you too for "
        "introducing me to Sam Rivera. I'll let you know how it goes.\n\nThanks again,\n"
        "Alice\n",
        kind=THANK_YOU,
        cited=("Build a small portfolio project with public transit data",),
    ),
    d(
        "Hi Kim,\n\nThank you for the conversation this morning. You said the best analysts "
        "“ask what decision the number will change”, and I've already used that question twice "
        "at work. Based on your advice, I'm going to take the SQL course you mentioned and "
        "write up one analysis a month. Thank you again for your time and candour; I'll keep "
        "you posted on how it goes.\n\nWarmly,\nLee\n",
        kind=THANK_YOU,
        cited=("ask what decision the number will change",),
    ),
    # Names and facts that repeat on purpose: the organization, the field, the event.
    d(
        "Hi Dana,\n\nI'm a fellow State University graduate. I'm exploring product management "
        "in health technology, and would value your insight on how you see product management "
        "in health technology developing. Would you be open to a 20-minute call to share your "
        "perspective?\n\nThank you,\nAlice\n",
        school="State University",
        field_broad="product management in health technology",
    ),
    d(
        "Hi Sam,\n\nI loved the Northwind Health Analytics case study. I'm exploring data "
        "strategy, and I'm curious how the team at Northwind Health Analytics picked its first "
        "metrics. Could you spare 20 minutes to share your experience?\n\nThanks,\nAlex\n",
        organization="Northwind Health Analytics",
        field_broad="data strategy",
    ),
    d(
        "Hi Robin,\n\nI heard you on the Data Engineering Podcast. The episode on data contracts "
        "made me rethink how I work. I'm exploring platform engineering. Would you be open to "
        "a 20-minute call to share what you'd do differently starting out?\n\nBest,\nJo\n",
        met_at="the Data Engineering Podcast",
        field_broad="platform engineering",
    ),
    # Plain ordinary prose with common phrases said twice.
    d(
        "Hi Pat,\n\nI'd love to hear how you moved into policy work, and I'd love to hear what "
        "you wish you had known earlier. I'm exploring public policy research. Would you be open "
        "to 20 minutes in the next few weeks?\n\nThank you,\nMorgan\n",
        field_broad="public policy research",
    ),
    d(
        "Hi Ines,\n\nStep by step, I've been moving from teaching into instructional design, "
        "and your work at Khan Academy keeps coming up. I'm exploring learning design for "
        "adults. Would you share your perspective in a 20-minute call, at a time that suits "
        "you?\n\nMany thanks,\nLeo\n",
        field_broad="learning design",
    ),
    d(
        "Hi Ruth,\n\nYour article “Ten years in hospital operations” is one I return to again "
        "and again. I'm exploring operations research in hospitals [especially scheduling], "
        "and would value your advice. Could you spare 20 minutes?\n\nBest wishes,\nOmar\n",
        met_at="your article on hospital operations",
        field_broad="operations research",
    ),
    d(
        "Hi team,\n\nThe config looks like {retries: 3, backoff: 2} and the template uses "
        "${HOME}/data and %{user} and \\textbf{bold}. I'm exploring SRE. Would a 20-minute "
        "call work?\n\nThanks,\nVal\n",
        field_broad="SRE",
    ),
    d(
        "Hi Dana,\n\nMy signature below is a bit long, sorry.\n\nThanks,\nAlice Martin | Data "
        "Analyst | alice@example.org\n",
        kind=FOLLOW_UP,
    ),
]

# (draft, rule, the text the finding points at)
BAD = [
    (
        d(
            "Hi {first_name},\n\nI'm exploring analytics. Would you share your view?\n\nThanks,\n"
            "A\n"
        ),
        "RULE-D1",
        "{first_name}",
    ),
    (
        d("Hi Dana,\n\nI'm a fellow {school} graduate. Would you share your view?\n\nThanks,\nA\n"),
        "RULE-D1",
        "{school}",
    ),
    (
        d("Hi {{ first_name }},\n\nWould you share your view?\n\nThanks,\nA\n"),
        "RULE-D1",
        "{{ first_name }}",
    ),
    (
        d("Hi Dana,\n\nI admire {Company Name}. Would you share your view?\n\nThanks,\nA\n"),
        "RULE-D1",
        "{Company Name}",
    ),
    (d("Hi [Name],\n\nWould you share your view?\n\nThanks,\nA\n"), "RULE-D1", "[Name]"),
    (
        d("Hi Dana,\n\nI admire [company]. Would you share your view?\n\nThanks,\nA\n"),
        "RULE-D1",
        "[company]",
    ),
    (
        d(
            "Hi Dana,\n\nThank you. [One specific thing you learned or valued.] Based on your "
            "advice, I'm going to [what you will do].\n\nThanks,\nA\n",
            kind=THANK_YOU,
        ),
        "RULE-D1",
        "[One specific thing you learned or valued.]",
    ),
    (
        d(
            "Hi Dana,\n\nWould you share your view?\n\nThanks,\nA\n",
            subject="A question about {field_broad}",
        ),
        "RULE-D1",
        "{field_broad}",
    ),
    (
        d("Hi Dana, {connection_phrase}. Glad to connect.", kind=NOTE),
        "RULE-D1",
        "{connection_phrase}",
    ),
    # The headline pasted in as the field (issue 8).
    (
        d(
            "Hi Dana,\n\nI'm exploring Healthcare data analyst exploring product management | SQL, "
            "Python, Tableau, and your work stood out to me. Would you share your view?\n\n"
            "Thanks,\nA\n",
            field_broad="Healthcare data analyst exploring product management | "
            "SQL, Python, Tableau",
        ),
        "RULE-D2",
        " | ",
    ),
    (
        d(
            "Hi Dana,\n\nI'm exploring Data Analyst • SQL • Python, and your work stood out. "
            "Would you share your view?\n\nThanks,\nA\n"
        ),
        "RULE-D2",
        " • ",
    ),
    (
        d(
            "Hi Dana,\n\nI'm a data analyst exploring product roles. As a data analyst exploring "
            "product roles, I'd value your view. Would you share it?\n\nThanks,\nA\n"
        ),
        "RULE-D2",
        "a data analyst exploring product roles",
    ),
    (
        d(
            "Hi Dana,\n\nI'm a healthcare data analyst, and healthcare data analyst work is what I "
            "do. Would you share your view?\n\nThanks,\nA\n"
        ),
        "RULE-D2",
        "healthcare data analyst",
    ),
    (
        d(
            "Hi Dana,\n\nI'm exploring exploring product management. Would you share your view?"
            "\n\nThanks,\nA\n"
        ),
        "RULE-D2",
        "exploring exploring",
    ),
    (
        d(
            "Hi Dana, I'm exploring product | data | analytics and would be glad to connect.",
            kind=NOTE,
        ),
        "RULE-D2",
        " | ",
    ),
]


def drafting_findings(draft: Draft) -> list[lint_findings.Finding]:
    return [f for f in lint.lint(draft) if f.rule in ("RULE-D1", "RULE-D2")]


@pytest.mark.parametrize("draft", GOOD, ids=[f"good-{i}" for i in range(len(GOOD))])
def test_good_drafts_raise_no_drafting_finding(draft: Draft) -> None:
    assert drafting_findings(draft) == [], draft.body


@pytest.mark.parametrize(
    ("draft", "rule", "excerpt"), BAD, ids=[f"bad-{i}" for i in range(len(BAD))]
)
def test_bad_drafts_are_caught_at_the_words(draft: Draft, rule: str, excerpt: str) -> None:
    found = [f for f in drafting_findings(draft) if f.rule == rule]

    assert found, draft.body
    assert found[0].excerpt(draft).lower() == excerpt.lower()
    assert found[0].severity == ("error" if rule == "RULE-D1" else "warning")


def test_an_unfilled_field_blocks_sending_until_overridden() -> None:
    draft = BAD[0][0]

    assert "RULE-D1" in lint.error_rules(lint.lint(draft))


# Built-in templates filled from many profiles: the drafting rules stay quiet ----------------

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=ZoneInfo("UTC"))
PROFILES = [
    {"field_broad": "product analytics", "field_narrow": "health tech"},
    {
        "field_broad": "product management in health technology",
        "field_narrow": "analytics for clinical operations",
    },
    {"field_broad": "data engineering for climate and energy startups", "field_narrow": ""},
    {
        "field_broad": "UX research",
        "field_narrow": "accessibility for older adults",
        "school": "Universidad de Los Andes",
    },
    {
        "field_broad": "supply chain",
        "field_narrow": "supply chain analytics",
        "display_name": "Zoë Ångström-Ndiaye",
        "signature": "Zoë Ångström-Ndiaye\nzoe.example.org",
    },
]
MET_AT = {
    "known": "the analytics guild offsite",
    "group": "the Women in Data community",
    "event": "the Data Days conference",
    "fan": "your article on product metrics",
    "cold": "a LinkedIn search for analytics leaders",
    "alumni": "",
    "referral": "",
}


def built_in_draft_failures(
    owner,
    recipient: Callable[[str], dict[str, str]],
    *,
    allowed: Callable[[str, str], set[str]] = lambda subject, body: set(),
    introduce_referrals: bool = True,
) -> list[str]:
    """Every built-in template, for a person of each kind of connection, filled from `owner`'s
    profile and linted: one line per draft that raises a rule beyond what `allowed(subject,
    body)` lets through. `recipient(connection)` gives that person's fields."""
    failures = []
    for connection in Person.Connection.values:
        person = make_recipient(owner, connection=connection, **recipient(connection))
        if introduce_referrals and connection == Person.Connection.REFERRAL:
            introduce(owner, person)
        conversation = make_conversation(owner, person=person, purpose="")
        prep.add_capture(
            conversation=conversation,
            kind="advice",
            now=NOW,
            text="Talk to the people who run the data platform team",
        )
        for kind in MessageKind.values:
            template = drafting.suggested(kind, connection)
            subject, body = services.prefill(
                conversation=conversation, kind=kind, template=f"builtin:{template.key}", now=NOW
            )
            found = gate.lint_message(
                conversation=conversation, kind=kind, subject=subject, body=body
            )
            rules = sorted({f.rule for f in found} - allowed(subject, body))
            if rules:
                failures.append(f"{kind} {connection} {rules}\n{subject}\n{body}")
    return failures


def test_the_headline_as_a_field_is_flagged_in_a_built_in_draft(alice) -> None:
    profile(
        alice,
        field_broad="Healthcare data analyst exploring product management | SQL, Python, Tableau",
    )
    conversation = make_conversation(alice)

    subject, body = services.prefill(conversation=conversation, kind=MessageKind.REQUEST, now=NOW)
    rules = {
        f.rule
        for f in gate.lint_message(
            conversation=conversation, kind=MessageKind.REQUEST, subject=subject, body=body
        )
    }

    assert "RULE-D2" in rules


@pytest.mark.parametrize("fields", PROFILES, ids=[p["field_broad"] for p in PROFILES])
def test_built_in_templates_raise_no_finding_for_any_connection(alice, fields) -> None:
    """The app's own drafts, filled from real profiles, never trip its own rules (the drafting
    rules included)."""
    profile(alice, **fields)

    failures = built_in_draft_failures(
        alice,
        lambda connection: {
            "met_at": MET_AT[connection],
            "full_name": f"Dana {connection.title()}",
            "email": f"dana.{connection}@northwind.example",
        },
    )

    assert failures == [], "\n".join(failures)


# Edge cases of real profiles: no school, a referral whose introducer isn't recorded, an event
# or a group without a name, long and non-English names, no title, no organization.
EDGE_PROFILES = [
    {"school": "", "field_broad": "product analytics", "field_narrow": ""},
    {
        "school": "Rheinisch-Westfälische Technische Hochschule Aachen",
        "field_broad": "Datenanalyse",
        "field_narrow": "",
        "display_name": "Jürgen Müller-Lüdenscheidt",
    },
    {
        "school": "東京大学",
        "field_broad": "機械学習",
        "field_narrow": "",
        "display_name": "山田 花子",
    },
    {
        "school": "",
        "field_broad": "",
        "field_narrow": "supply chain analytics",
        "display_name": "Nguyễn Thị Minh Khai",
    },
]
CONNECTION_FIELDS = {
    "{met_at}",
    "{referrer}",
    "{connection_phrase}",
    "{connection_clause}",
    "{connection_subject}",
}
EDGE_PEOPLE = [
    {"full_name": "Dana Okafor", "met_at": "", "title": "", "organization": ""},
    {
        "full_name": "María José García-Fernández",
        "met_at": "",
        "title": "Senior Director of Applied Research and Development",
        "organization": "The International Bank for Reconstruction and Development",
    },
    {
        "full_name": "O'Neill",
        "met_at": "LinkedIn",
        "title": "Head of Data",
        "organization": "Applied Materials",
    },
    {
        "full_name": "Zoë Ångström-Ndiaye",
        "met_at": "Jobs for the Future summit",
        "title": "Hiring Manager",
        "organization": "Jobs for the Future",
    },
]


def unfilled_gap(subject: str, body: str) -> set[str]:
    """What nobody recorded (the user's school, where a cold contact was found, an unnamed
    referrer) stays visible as a field to fill in: RULE-D1, with a link to where it is filled;
    a missing connection is also "no connection" (RULE-E4, LI2) until it is filled. The draft
    is honest about that gap; every other rule must stay quiet."""
    unfilled = set(drafting.unfilled(f"{subject}\n{body}"))
    return ({"RULE-D1"} if unfilled else set()) | (
        {"RULE-E4", "RULE-LI2"} if unfilled & CONNECTION_FIELDS else set()
    )


@pytest.mark.parametrize(
    "fields", EDGE_PROFILES, ids=[f"profile-{i}" for i in range(len(EDGE_PROFILES))]
)
@pytest.mark.parametrize("who", EDGE_PEOPLE, ids=[f"person-{i}" for i in range(len(EDGE_PEOPLE))])
def test_built_in_templates_raise_no_error_for_edge_profiles(alice, fields, who) -> None:
    """No school, no referrer, nameless events, long and non-English names: the app's own
    drafts never trip its own rules."""
    profile(alice, **fields)

    failures = built_in_draft_failures(
        alice,
        lambda connection: {"email": "", **who},
        allowed=unfilled_gap,
        introduce_referrals=False,
    )

    assert failures == [], "\n".join(failures)
