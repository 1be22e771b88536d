"""Every lint rule's true and false positives, as a table (method.md 4.2, 4.3).

For each rule: good messages written the way people really write (greetings and sign-offs of
all kinds, short and long, non-native English, bullet lists, Unicode quotes and dashes, emoji)
that must raise no error at all and nothing from that rule; and bad ones the rule must catch,
with its severity. An error blocks sending, so the good side is the one that matters most.
"""

from __future__ import annotations

import pytest

from coffeechat.outreach import lint, lint_findings
from coffeechat.outreach.lint_findings import Draft

REQUEST, NOTE, MESSAGE = "request", "linkedin_note", "linkedin_message"
FOLLOW_UP, ACCEPT, THANK_YOU = "follow_up", "accept", "thank_you"


def r(
    body: str,
    subject: str = "Fellow Lakeside alum: advice on data engineering",
    kind: str = REQUEST,
    **facts,
) -> Draft:
    facts = {
        "connection": "alumni",
        "school": "Lakeside University",
        "field_broad": "data engineering",
        **facts,
    }
    return Draft(body=body, subject=subject, kind=kind, **facts)


def note(body: str, **facts) -> Draft:
    facts = {"connection": "event", "met_at": "PyData Berlin", **facts}
    return Draft(body=body, kind=NOTE, **facts)


def thanks(body: str, cited: tuple[str, ...] = ("start with the dbt docs",)) -> Draft:
    return Draft(body=body, subject="Thank you!", kind=THANK_YOU, cited=cited)


# Good requests in many voices: each is clean of every error.
ALUM = r(
    "Hi Priya,\n\nI'm a fellow Lakeside University grad (class of 2019) and found you "
    "through our alumni network. I'm exploring data engineering, and your work on "
    "Northwind's streaming platform stood out to me. Would you have 20 minutes in the next "
    "few weeks to share your advice on getting started?\n\nThanks so much,\nKai\n"
)
ALUM_BULLETS = r(
    "Dear Ms. Okafor,\n\nI'm a fellow Lakeside University alumna — I graduated in 2021 — and "
    "I'm exploring data engineering. I'd value your perspective on two things:\n"
    "- how you moved from analytics into engineering\n- what you'd learn first today\n\n"
    "Would a 20-minute call in the coming weeks be possible?\n\nBest regards,\nMaría\n"
)
NON_NATIVE = r(
    "Hello Mr. Schmidt,\n\nI am fellow Lakeside University graduate, now working in Warsaw. I "
    "am exploring data engineering and your experience at Contoso is very interesting for me. "
    "Is it possible to have 15-20 minutes call with you for ask your advice?\n\n"
    "Kind regards,\nAgnieszka\n"
)
EMOJI = r(
    "Hey Sam 👋\n\nFellow Lakeside University alum here! I'm exploring data "
    "engineering — especially “boring” batch pipelines — and your talk on idempotent jobs "
    "at PyData was great. Could I ask you a few questions in a 20-min call? 🙂\n\n"
    "Cheers 🙏\nLuca\n"
)
TO_WHOM = r(
    "To whom it may concern,\n\nI'm a Lakeside University graduate exploring data "
    "engineering, and I would value your advice on how your team got started. Would you "
    "be open to a 20-minute call?\n\nSincerely,\nAmir\n"
)
GOOD_REQUESTS = [ALUM, ALUM_BULLETS, NON_NATIVE, EMOJI, TO_WHOM]
GOOD_THANKS = [
    thanks(
        "Hi Dana,\n\nThank you so much for the chat yesterday. Your tip to start with "
        "the dbt docs was exactly right: I worked through the first three chapters last "
        "night and built a tiny model of our sales data. I'll keep going this week and "
        "let you know how it goes. Thank you again for your time and your "
        "generosity.\n\nBest,\nKai\n"
    ),
    thanks(
        "Dear Dana,\n\nMany thanks for our conversation. I will start with the dbt docs "
        "as you suggested — “read them twice” — and then try the jaffle shop project. "
        "It was very kind of you to give me your time, and I learned more in twenty "
        "minutes than in a month alone. I will tell you how it goes.\n\nKind regards,\n"
        "Agnieszka\n"
    ),
    thanks(
        "Hi Dana 🙂\n\nThanks again for Tuesday! Following your advice I'll start with "
        "the dbt docs, then:\n- build one model a week\n- share it with the analytics "
        "guild\n\nIt was a real pleasure to hear how you got where you are; your story "
        "about the first pipeline you broke made me feel much better about my own "
        "mistakes.\n\nCheers,\nLuca\n"
    ),
]
GOOD_FOLLOW_UPS = [
    Draft(
        "Hi Dana,\n\nBringing my note back to the top of your inbox in case it got buried. "
        "Would you still have 20 minutes to share your advice? No worries if not.\n\n"
        "Thanks,\nKai\n",
        kind=FOLLOW_UP,
    ),
    Draft(
        "Hello again Dana — just a gentle nudge on my note below 🙂 Even a pointer to "
        "someone else would help a lot.\n\nBest,\nLuca\n",
        kind=FOLLOW_UP,
    ),
    Draft(
        "Dana,\n\nI know end of quarter is busy. If 15 minutes in the next weeks is "
        "possible, I would be very grateful for your perspective.\n\nKind regards,\n"
        "Agnieszka\n",
        kind=FOLLOW_UP,
    ),
]

# (rule, good drafts, bad drafts, severity the bad ones get)
CASES = [
    (
        "RULE-E1",
        GOOD_REQUESTS,
        [
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate. " + "I have been reading "
                "about pipelines and warehouses and the many tools teams use these days. "
                * 5
                + "Would you share your advice in 20 minutes?\n\nThanks,\nKai\n"
            )
        ],
        "warning",
    ),
    (
        "RULE-E2",
        GOOD_REQUESTS,
        [
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate. " + "I have been reading "
                "about pipelines and warehouses and the many tools teams use these days. "
                * 8
                + "Would you share your advice in 20 minutes?\n\nThanks,\nKai\n"
            )
        ],
        "error",
    ),
    (
        "RULE-E3",
        [
            *GOOD_REQUESTS,
            r(
                "Hi Dana,\n\nI'm a fellow Lakeside University graduate. I'm exploring product "
                "marketing: how do you position the product against bigger rivals, and does this "
                "apply to startups too? Could you spare 20 minutes?\n\nThanks,\nKim\n"
            ),
            r(
                "Hi Dana,\n\nFellow Lakeside University alum here, with a degree in applied "
                "mathematics and a year of applied ML research. Great job on your talk last week! "
                "Would you share your perspective on data engineering in a 20-minute call?\n\n"
                "Best,\nKim\n"
            ),
            r(
                "Hi Dana,\n\nI'm a fellow Lakeside University graduate. I read your essay on "
                "Steve Jobs and on your years at Applied Materials. I'm curious how hiring managers "
                "read a portfolio, and how the store openings changed your data work. Would you "
                "have 20 minutes to share your advice?\n\nThanks,\nKim\n"
            ),
            r(
                "Hi Ruth,\n\nWe met at the Jobs for the Future summit. I'm exploring data "
                "engineering for workforce programs. Would you be open to a 20-minute call to share "
                "your experience?\n\nBest,\nOmar\n",
                connection="event",
                met_at="the Jobs for the Future summit",
                organization="Jobs for the Future",
                subject="Jobs for the Future summit: advice on data engineering",
            ),
        ],
        [
            r(
                "Hi Dana,\n\nI'm a fellow Lakeside University graduate. Are you hiring data "
                "engineers? Would you share your advice in 20 minutes?\n\nThanks,\nKim\n"
            ),
            r(
                "Hi Dana,\n\nI'm a fellow Lakeside University graduate. Do you have any open "
                "positions on your team? Would you share your advice in 20 minutes?\n\nKim\n"
            ),
            r(
                "Hi Dana,\n\nI'm a fellow Lakeside University graduate and I'd like to apply for "
                "the analyst role. Would you share your advice in 20 minutes?\n\nThanks,\nKim\n"
            ),
            r(
                "Hi Dana,\n\nI'm a fellow Lakeside University graduate. I applied for the data "
                "role last week. Would you share your advice in 20 minutes?\n\nThanks,\nKim\n"
            ),
            r(ALUM.body, subject="Any openings at Northwind?"),
        ],
        "error",
    ),
    (
        "RULE-E4",
        [
            *GOOD_REQUESTS,
            r(
                "Hi Lena,\n\nI read your post on data contracts and have shared it with my whole "
                "team. I'm exploring data engineering. Would you have 20 minutes to share your "
                "advice?\n\nThanks,\nBo\n",
                connection="cold",
                school="",
            ),
            r(
                "Hello Dr. Ng,\n\nYour talk at PyData Amsterdam on testing pipelines stayed with me. "
                "I'm exploring data engineering. Could I ask for 20 minutes of your perspective?\n\n"
                "Best,\nBo\n",
                connection="cold",
                school="",
            ),
            r(
                "Dear Professor Adeyemi,\n\nYour paper on streaming joins, and the podcast episode "
                "about it, changed how I think about latency. I'm exploring data engineering. "
                "Would you share your advice in a 20-minute call?\n\nRespectfully,\nBo\n",
                connection="cold",
                school="",
            ),
        ],
        [
            r(
                "Hi Lena,\n\nI'm writing because I'm exploring data engineering. Would you have 20 "
                "minutes to share your advice?\n\nThanks,\nBo\n",
                connection="cold",
                school="",
            ),
            r(
                "To whom it may concern,\n\nI'm exploring data engineering. Would you share your "
                "advice in 20 minutes?\n\nBo\n",
                connection="cold",
                school="",
            ),
            r(
                "Hi Lena,\n\nHope you're well. I'm exploring data engineering. Would you share "
                "your advice in 20 minutes?\n\nBo\n",
                connection="cold",
                school="",
            ),
        ],
        "error",
    ),
    (
        "RULE-E5",
        [
            *GOOD_REQUESTS,
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering. "
                "I'd really value your advice on where to start. Could we talk for 20 minutes next "
                "week?\n\nThanks,\nKai\n"
            ),
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering. "
                "Would you have 20 minutes in the next few weeks?\n\nThanks,\nKai\n",
                subject="Fellow Lakeside alum: your advice on data engineering",
            ),
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering, "
                "and I'm keen to learn from your experience at Northwind. Do you have 20 minutes "
                "some time this month?\n\nBest,\nKai\n"
            ),
        ],
        [
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering. "
                "I'd like a 20-minute call with you.\n\nThanks,\nKai\n"
            ),
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering. "
                "Please share your advice in a 20-minute call next week.\n\nBest,\nKai\n"
            ),
            r(
                "Hi Priya,\n\nFellow Lakeside University alum here, exploring data engineering! "
                "Looking forward to a 20-minute chat.\n\nCheers,\nKai\n"
            ),
        ],
        "error",
    ),
    (
        "RULE-E6",
        GOOD_REQUESTS,
        [
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering. "
                "Would you share your advice over coffee?\n\nThanks,\nKai\n"
            ),
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering. "
                "Would you share your advice in a one-hour call?\n\nThanks,\nKai\n"
            ),
        ],
        "warning",
    ),
    (
        "RULE-E7",
        GOOD_REQUESTS,
        [
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate, and I'm interested in "
                "your company. Would you share your advice in 20 minutes?\n\nThanks,\nKai\n",
                field_broad="",
            ),
        ],
        "warning",
    ),
    (
        "RULE-E8",
        [ALUM, NON_NATIVE, EMOJI, TO_WHOM],
        [
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate. I am exploring data "
                "engineering. I have two years of SQL. I want to learn more. Would you share "
                "advice in 20 minutes?\n\nThanks,\nKai\n"
            ),
        ],
        "warning",
    ),
    (
        "RULE-E9",
        [
            *GOOD_REQUESTS,
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring computer vision "
                "(CV) pipelines in data engineering. Would you share your advice in 20 minutes?\n\n"
                "Thanks,\nKai\nhttps://www.linkedin.com/in/kai\n"
            ),
            r(
                "Hi Priya,\n\nI'm a fellow Lakeside University graduate exploring data engineering. "
                "How do hiring managers read resumes for career changers? Would you share your "
                "advice in 20 minutes?\n\nThanks,\nKai\n"
            ),
        ],
        [
            r(ALUM.body.replace("Thanks so much", "My resume is attached.\n\nThanks so much")),
            r(ALUM.body.replace("Thanks so much", "Here is my CV for context.\n\nThanks so much")),
            r(ALUM.body.replace("Thanks so much", "I've enclosed a portfolio.\n\nThanks so much")),
        ],
        "error",
    ),
    (
        "RULE-E10",
        [ALUM, ALUM_BULLETS, NON_NATIVE],
        [
            r(ALUM.body, subject=""),
            r(ALUM.body, subject="Hello"),
        ],
        "warning",
    ),
    (
        "RULE-E11",
        [ALUM, ALUM_BULLETS, EMOJI],
        [
            TO_WHOM,
            r(ALUM.body.replace("share your advice on", "let me pick your brain on")),
        ],
        "warning",
    ),
    (
        "RULE-LI1",
        [
            note(
                "Hi Jonas, we met at PyData Berlin. I'm exploring data engineering and your "
                "path caught my eye. I'd be glad to connect."
            ),
            note(
                "Hallo Jonas! Great chatting at PyData Berlin about dbt 🙂 Would love to stay in "
                "touch."
            ),
            note(
                "Hi Jonas — thanks for the advice at the meetup at PyData Berlin. Glad to connect."
            ),
        ],
        [note("Hi Jonas, we met at PyData Berlin. " + "I'm exploring data engineering. " * 7)],
        "error",
    ),
    (
        "RULE-LI2",
        [
            note("Hi Jonas, we met at PyData Berlin; glad to connect."),
            note(
                "Hi Jonas, I read your post on data contracts and would be glad to connect.",
                connection="cold",
                met_at="",
            ),
            note(
                "Hi Jonas, fellow Lakeside alum here. Glad to connect!",
                connection="alumni",
                school="Lakeside University",
                met_at="",
            ),
        ],
        [note("Hi Jonas, hope you're well. Glad to connect.", connection="cold", met_at="")],
        "warning",
    ),
    (
        "RULE-LI3",
        [
            note(
                "Hi Jonas, thanks for the advice at the meetup at PyData Berlin! Glad to connect."
            ),
            note("Hi Jonas, your advice at PyData Berlin on testing was spot on. Let's connect."),
            note("Hi Jonas, we met at PyData Berlin. How did you get into data engineering?"),
        ],
        [
            note("Hi Jonas, we met at PyData Berlin. Could we have a quick call next week?"),
            note("Hi Jonas, we met at PyData Berlin. I'd love to get your advice over coffee."),
            note("Hi Jonas, we met at PyData Berlin. Are you open to a 20-minute chat?"),
        ],
        "warning",
    ),
    (
        "RULE-T1",
        GOOD_THANKS,
        [
            thanks(
                "Hi Dana,\n\nThank you for your time today. It was very helpful and I learned "
                "a lot about your field and your team. I really appreciate it, and I hope we "
                "can stay in touch over the coming months. I will let you know how things go "
                "for me. Thanks again for everything.\n\nBest,\nKai\n"
            )
        ],
        "error",
    ),
    (
        "RULE-T4",
        GOOD_THANKS,
        [thanks("Hi Dana,\n\nThanks! I'll start with the dbt docs.\n\nKai\n")],
        "warning",
    ),
    (
        "RULE-T5",
        GOOD_FOLLOW_UPS,
        [
            Draft(
                "Hi Dana,\n\nI'm bringing my note back to the top of your inbox. "
                + "I know how busy the end of the quarter is for everyone. " * 4
                + "Would you have 20 minutes?\n\nKai\n",
                kind=FOLLOW_UP,
            )
        ],
        "warning",
    ),
    (
        "RULE-S1",
        [
            Draft(
                "Hi Dana,\n\nWonderful, thank you! Would Tue 24 Nov at 10:00 or Wed 25 Nov at "
                "14:00 (CET) work?\n\nBest,\nKai\n",
                kind=ACCEPT,
            ),
            Draft(
                "Hi Dana,\n\nThank you so much! What works for you next week? I'll fit around "
                "your schedule.\n\nKai\n",
                kind=ACCEPT,
            ),
            Draft(
                "Hello Dana,\n\nGreat, thanks 🙏 Options (my time, Berlin):\n• Monday 9:30am\n"
                "• Thursday 2pm\n\nHappy to adjust.\n\nLuca\n",
                kind=ACCEPT,
            ),
        ],
        [Draft("Hi Dana,\n\nGreat, thank you! Let's find a time.\n\nKai\n", kind=ACCEPT)],
        "warning",
    ),
    (
        "RULE-D1",
        GOOD_REQUESTS
        + [
            r(
                ALUM.body.replace(
                    "stood out to me",
                    'stood out to me (the config with `{"retries": 3}` and ${HOME}/data)',
                )
            ),
            r(ALUM.body.replace("stood out to me", "stood out to me [sic] [1]")),
        ],
        [
            r(ALUM.body.replace("Priya", "{first_name}")),
            r(ALUM.body.replace("Priya", "[Name]")),
            r(ALUM.body, subject="Advice on {field_broad}"),
        ],
        "error",
    ),
    (
        "RULE-D2",
        GOOD_REQUESTS,
        [
            r(
                ALUM.body.replace(
                    "exploring data engineering", "exploring Data Engineer | SQL | Python"
                )
            ),
            r(ALUM.body.replace("exploring data engineering", "exploring data data engineering")),
        ],
        "warning",
    ),
]
GOOD = [(rule, draft) for rule, goods, _, _ in CASES for draft in goods]
BAD = [(rule, draft, severity) for rule, _, bads, severity in CASES for draft in bads]


def test_every_rule_has_good_and_bad_cases() -> None:
    thin = {rule for rule, goods, bads, _ in CASES if not bads or len(goods) < 3}

    assert {rule for rule, *_ in CASES} == set(lint_findings.WHY)
    assert thin == set()


@pytest.mark.parametrize(
    ("rule", "draft"), GOOD, ids=[f"{rule}-good-{n}" for n, (rule, _) in enumerate(GOOD)]
)
def test_good_messages_raise_no_error_and_nothing_from_the_rule(rule: str, draft: Draft) -> None:
    findings = lint.lint(draft)

    assert [f for f in findings if f.is_error] == [], draft.body
    assert [f for f in findings if f.rule == rule] == [], draft.body


@pytest.mark.parametrize(
    ("rule", "draft", "severity"),
    BAD,
    ids=[f"{rule}-bad-{n}" for n, (rule, _, _) in enumerate(BAD)],
)
def test_bad_messages_are_caught(rule: str, draft: Draft, severity: str) -> None:
    found = [f for f in lint.lint(draft) if f.rule == rule]

    assert found, draft.body
    assert severity in {f.severity for f in found}
