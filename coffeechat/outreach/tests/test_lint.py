"""The outreach lint: every rule passes a good draft and catches a bad one, at the right words."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coffeechat.outreach import lint, lint_findings, lint_text
from coffeechat.outreach.lint_findings import Draft
from coffeechat.outreach.models import MessageKind

GOOD = (
    "Hi Dana,\n\n"
    "I'm a fellow State University graduate and found you through our alumni network. "
    "I'm exploring product analytics, and your work at Northwind stood out to me. "
    "Would you be open to a 20-minute call in the next few weeks to share your "
    "perspective?\n\nThank you,\nAlice\nhttps://example.org/alice\n"
)
SUBJECT = "Fellow State University alum: your advice on product analytics"
CONTEXT = {
    "connection": "alumni",
    "school": "State University",
    "organization": "Northwind",
    "field_broad": "product analytics",
}
NOTE = (
    "Hi Dana, we met at the Data Days conference. I'm exploring analytics and your path "
    "caught my eye. I'd be glad to connect."
)
FOLLOW_UP = (
    "Hi Dana,\n\nI'm bringing my note back to the top of your inbox in case it got "
    "buried. Would you still have 20 minutes to share your perspective on analytics? "
    "No worries if now isn't a good time.\n\nThanks,\nAlice\n"
)
ACCEPT = (
    "Hi Dana,\n\nThank you for getting back to me! Would any of these work?\n\n"
    "Tue 24 Nov, 10:00 · Wed 25 Nov, 14:00\n\nBest,\nAlice\n"
)
FILLER = "Your team sounds like a great place to learn and grow. "


def request(body: str = GOOD, subject: str = SUBJECT, **context: str) -> Draft:
    return Draft(body=body, subject=subject, kind="request", **{**CONTEXT, **context})


def swap(old: str, new: str) -> Draft:
    assert old in GOOD
    return request(GOOD.replace(old, new))


def note(body: str = NOTE, **context) -> Draft:
    return Draft(
        body=body,
        kind="linkedin_note",
        connection="event",
        met_at="Data Days conference",
        **context,
    )


def findings_of(draft: Draft, rule: str) -> list[lint_findings.Finding]:
    return [f for f in lint.lint(draft) if f.rule == rule]


LONG = GOOD.replace("Would you", FILLER * 4 + "Would you")  # 56 + 40 words
TOO_LONG = GOOD.replace("Would you", FILLER * 6 + "Would you")

# (rule, a draft the rule passes, a draft it flags, severity, the text the finding points at)
CASES = [
    ("RULE-E1", request(), request(LONG), "warning", "share your perspective?"),
    ("RULE-E2", request(LONG), request(TOO_LONG), "error", "share your perspective?"),
    ("RULE-E3", request(), swap("stood out to me", "has an opening for me"), "error", "opening"),
    ("RULE-E3", request(), request(subject="Any jobs at Northwind?"), "error", "jobs"),
    ("RULE-E3", request(), swap("your work", "your internship program"), "warning", "internship"),
    (
        "RULE-E4",
        request(),
        request(connection="cold", school=""),
        "error",
        "I'm a fellow State University graduate and found you through our alumni network.",
    ),
    (
        "RULE-E4",
        request(),
        swap(
            "I'm a fellow State University graduate and found you through our alumni network.",
            "I'm glad to write to you.",
        ),
        "warning",
        "I'm glad to write to you.",
    ),
    (
        "RULE-E5",
        request(),
        swap("perspective?", "perspective."),
        "error",
        "Would you be open to a 20-minute call in the next few weeks to share your perspective.",
    ),
    (
        "RULE-E5",
        request(),
        request(
            GOOD.replace("to share your perspective?", "?"), subject="Fellow State University alum"
        ),
        "warning",
        "Would you be open to a 20-minute call in the next few weeks ?",
    ),
    (
        "RULE-E6",
        request(),
        swap("20-minute call", "call"),
        "warning",
        "Would you be open to a call in the next few weeks to share your perspective?",
    ),
    ("RULE-E6", request(), swap("20-minute call", "one-hour call"), "warning", "one-hour"),
    (
        "RULE-E6",
        swap("20-minute", "15 to 30 minute"),
        swap("20-minute", "45 minute"),
        "warning",
        "45 minute",
    ),
    (
        "RULE-E7",
        request(),
        request(GOOD.replace("product analytics", "working at your company"), field_broad=""),
        "warning",
        "exploring",
    ),
    (
        "RULE-E7",
        request(field_broad=""),
        request(GOOD.replace("I'm exploring product analytics, and your", "Your"), field_broad=""),
        "warning",
        "I'm a fellow State University graduate and found you through our alumni network.",
    ),
    (
        "RULE-E8",
        request(),
        swap("Would you be open", "I would like a call. I need"),
        "warning",
        "I would like a call.",
    ),
    (
        "RULE-E9",
        request(),
        swap("perspective?", "perspective? My resume is attached."),
        "error",
        "resume",
    ),
    ("RULE-E10", request(), request(subject=""), "warning", ""),
    ("RULE-E10", request(), request(subject="Hello from Alice"), "warning", "Hello from Alice"),
    (
        "RULE-E11",
        request(),
        swap("share your perspective", "let me pick your brain"),
        "warning",
        "pick your brain",
    ),
    (
        "RULE-E11",
        request(),
        request("Dear Sir or Madam,\n" + GOOD[10:]),
        "warning",
        "Dear Sir or Madam",
    ),
    ("RULE-LI1", note(), note(NOTE + " " + "x" * 80), "error", (NOTE + " " + "x" * 80)[200:]),
    (
        "RULE-LI1",
        note(NOTE + " " + "x" * 80, note_limit=300),
        note(NOTE + " " + "x" * 200, note_limit=300),
        "error",
        (NOTE + " " + "x" * 200)[300:],
    ),
    (
        "RULE-LI2",
        note(),
        note(NOTE.replace("we met at the Data Days conference", "hope you're well")),
        "warning",
        NOTE.replace("we met at the Data Days conference", "hope you're well"),
    ),
    ("RULE-LI3", note(), note(NOTE + " Could we have a quick call?"), "warning", "call"),
    (
        "RULE-LI3",
        note(NOTE + " How did you get started?"),
        note(NOTE + " How did you start? What do you do?"),
        "warning",
        "?",
    ),
    (
        "RULE-T5",
        Draft(FOLLOW_UP, kind="follow_up"),
        Draft(FOLLOW_UP.replace("No worries", FILLER * 2 + "No worries"), kind="follow_up"),
        "warning",
        "No worries if now isn't a good time.",
    ),
    (
        "RULE-E5",
        Draft(FOLLOW_UP, kind="follow_up"),
        Draft(FOLLOW_UP.replace("analytics?", "analytics."), kind="follow_up"),
        "warning",
        "No worries if now isn't a good time.",
    ),
    (
        "RULE-S1",
        Draft(ACCEPT, kind="accept"),
        Draft(ACCEPT.replace("Tue 24 Nov, 10:00 · Wed 25 Nov, 14:00", "Soon."), kind="accept"),
        "warning",
        "Thank you for getting back to me!",
    ),
]
IDS = [f"{case[0]}-{n}" for n, case in enumerate(CASES)]


@pytest.mark.parametrize(("rule", "good", "bad", "severity", "excerpt"), CASES, ids=IDS)
def test_each_rule_passes_the_good_draft(rule, good, bad, severity, excerpt) -> None:
    assert findings_of(good, rule) == []


@pytest.mark.parametrize(("rule", "good", "bad", "severity", "excerpt"), CASES, ids=IDS)
def test_each_rule_flags_the_bad_draft_at_the_offending_words(
    rule, good, bad, severity, excerpt
) -> None:
    found = findings_of(bad, rule)

    assert found, f"{rule} missed:\n{bad.body}"
    assert found[0].severity == severity
    assert found[0].excerpt(bad) == excerpt or (
        rule in ("RULE-E1", "RULE-E2", "RULE-T5") and found[0].excerpt(bad).endswith(excerpt)
    )
    assert found[0].message and found[0].why


def test_the_good_request_has_no_findings_at_all() -> None:
    assert lint.lint(request()) == []


def test_the_over_limit_finding_starts_at_the_first_word_over() -> None:
    draft = request(TOO_LONG)
    finding = findings_of(draft, "RULE-E2")[0]
    words = lint_text.words_in(draft.body, lint_text.body_span(draft.body))

    assert finding.start == words[lint_findings.MAX_WORDS][0]
    assert finding.end == words[-1][1]
    assert len(words) > lint_findings.MAX_WORDS
    assert findings_of(draft, "RULE-E1") == []  # the louder rule says it once


def test_job_words_point_at_each_occurrence_in_subject_and_body() -> None:
    draft = request(
        GOOD.replace("stood out to me", "is hiring; I could apply"), subject="About the job"
    )

    found = sorted(
        (f.field != "subject", f.start, f.excerpt(draft), f.severity)
        for f in findings_of(draft, "RULE-E3")
    )

    # "About the job" and "I could apply" are ambiguous (warnings); "is hiring" is not.
    assert [(word, severity) for _, _, word, severity in found] == [
        ("job", "warning"),
        ("hiring", "error"),
        ("apply", "warning"),
    ]


def test_errors_come_first_then_reading_order() -> None:
    draft = request(GOOD.replace("perspective?", "perspective. My CV is attached."), subject="")

    severities = [f.severity for f in lint.lint(draft)]

    assert severities == sorted(severities, key=["error", "warning"].index)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hi Dana,\nOne two three.\nThanks,\nAlice", 3),
        ("Hi Dana,\nA well-known state-of-the-art tool.\nBest,\nAlice", 4),  # hyphens join
        ("Hi Dana,\nSee https://example.org/a-b?c=d and more — really.\nCheers", 5),  # URL = 1
        ("Hello!\nNo sign-off here at all", 5),
        ("Hi Dana — I enjoyed your talk.\nThank you,\nAlice", 4),  # greeting on the same line
        ("Thanks for the talk on pricing!\nThanks,\nAlice", 6),  # "Thanks for ..." is no sign-off
    ],
)
def test_it_counts_the_words_of_the_body_only(text: str, words: int) -> None:
    assert lint.word_count(text) == words


def test_a_bare_string_is_linted_as_a_first_request() -> None:
    rules = {f.rule for f in lint.lint("Hi,\nI want a job at your company.\nBest,\nMe")}

    assert {"RULE-E3", "RULE-E5", "RULE-E10"} <= rules
    assert "RULE-LI1" not in rules


def test_the_kinds_are_the_models_kinds() -> None:
    assert set(lint.CHECKS) == set(MessageKind.values)


def test_a_referrers_name_in_the_first_sentence_is_the_connection() -> None:
    body = GOOD.replace(
        "I'm a fellow State University graduate and found you through our alumni network.",
        "Sam Rivera thought we should talk.",
    )

    assert (
        findings_of(
            request(body, connection="referral", school="", referrer="Sam Rivera"), "RULE-E4"
        )
        == []
    )
    assert (
        findings_of(request(body, connection="referral", school="", referrer="Kim Lee"), "RULE-E4")[
            0
        ].severity
        == "warning"
    )


kinds = st.sampled_from(list(lint.CHECKS))
connections = st.sampled_from(["", "alumni", "referral", "known", "group", "event", "fan", "cold"])


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(max_size=600),
    subject=st.text(max_size=120),
    kind=kinds,
    connection=connections,
    met_at=st.text(max_size=40),
    school=st.text(max_size=30),
    referrer=st.text(max_size=30),
    field_broad=st.text(max_size=30),
    limit=st.sampled_from([200, 300]),
)
def test_it_never_crashes_and_positions_stay_in_range(
    body, subject, kind, connection, met_at, school, referrer, field_broad, limit
) -> None:
    draft = Draft(
        body=body,
        subject=subject,
        kind=kind,
        connection=connection,
        met_at=met_at,
        school=school,
        referrer=referrer,
        field_broad=field_broad,
        note_limit=limit,
    )

    for finding in lint.lint(draft):
        text = subject if finding.field == "subject" else body
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.severity in ("error", "warning")
        assert finding.why


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("Hi Dana,\n.?!—-ThanksBest jobs you I 20 minutes https://x.y")
        ),
        max_size=300,
    )
)
def test_it_never_crashes_on_text_made_of_its_own_keywords(body: str) -> None:
    for finding in lint.lint(body):
        assert 0 <= finding.start <= finding.end <= len(body)


def test_the_organizations_name_is_not_the_field() -> None:
    body = GOOD.replace("I'm exploring product analytics, and your", "Your").replace(
        "Northwind", "Northwind Analytics"
    )

    found = findings_of(request(body, organization="Northwind Analytics"), "RULE-E7")

    assert [f.severity for f in found] == ["warning"]


# Thank-you (T8, RULE-T1 and RULE-T4) ---------------------------------------------------------

ADVICE = "Build a small portfolio project with public transit data before you talk to anyone"
THANKS = (
    "Hi Dana,\n\n"
    "Thank you for taking the time to talk with me today; I really appreciated how "
    "openly you shared your experience. Your advice has stayed with me: build a small "
    "portfolio project with public transit data. I'm going to start on it this week and "
    "act on it over the next two weeks. Thank you as well for suggesting I talk with "
    "Sam Rivera; I'll reach out soon. I'll let you know how it goes.\n\n"
    "Thanks again,\nAlice\n"
)
THANKS_SUBJECT = "Thank you — how analytics teams work"


def thanks(
    body: str = THANKS, subject: str = THANKS_SUBJECT, cited: tuple[str, ...] = (ADVICE,)
) -> Draft:
    return Draft(body=body, subject=subject, kind=MessageKind.THANK_YOU, cited=cited)


def test_a_thank_you_that_cites_a_capture_passes() -> None:
    assert lint.word_count(THANKS) >= 50
    assert lint.lint(thanks()) == []


def test_a_thank_you_that_cites_nothing_is_an_error() -> None:
    generic = THANKS.replace(
        "build a small portfolio project with public transit data", "keep going and stay curious"
    )

    [finding] = findings_of(thanks(generic), "RULE-T1")

    assert finding.severity == "error"
    assert "one specific thing" in finding.message
    assert lint.error_rules(lint.lint(thanks(generic))) == {"RULE-T1"}


def test_a_thank_you_may_cite_any_one_of_the_items() -> None:
    cited = ("Teams hire for curiosity", "Read the Northwind engineering blog", ADVICE)

    assert findings_of(thanks(cited=cited), "RULE-T1") == []


def test_a_thank_you_with_nothing_captured_says_to_capture_first() -> None:
    [finding] = findings_of(thanks(cited=()), "RULE-T1")

    assert finding.severity == "error"
    assert "capture one thing" in finding.message


def test_a_thank_you_outside_50_to_150_words_is_a_warning() -> None:
    short = "Hi Dana,\n\nThanks for the portfolio project tip about public transit data!\n\nAlice"
    long = THANKS.replace("I'll let you know", FILLER * 15 + "I'll let you know")

    [too_short] = findings_of(thanks(short), "RULE-T4")
    [too_long] = findings_of(thanks(long), "RULE-T4")

    assert (too_short.severity, too_long.severity) == ("warning", "warning")
    assert "50 or more" in too_short.message
    assert long[too_long.start : too_long.end].endswith("how it goes.")
    assert lint.error_rules(lint.lint(thanks(short))) == set()


def test_a_thank_you_has_no_job_words_and_no_attachment() -> None:
    asking = THANKS.replace(
        "I'll let you know how it goes.", "Are you hiring? My resume is attached."
    )

    rules = {(f.rule, f.severity) for f in lint.lint(thanks(asking, subject="Thanks, any jobs?"))}

    assert {("RULE-E3", "error"), ("RULE-E9", "error")} <= rules
    assert [f.field for f in findings_of(thanks(subject="Thanks, any jobs?"), "RULE-E3")] == [
        "subject"
    ]


# False positives seen (issue 11), each a class ------------------------------------------------


def test_advice_framing_in_the_sentence_before_or_the_subject_is_enough() -> None:
    before = swap(
        "Would you be open to a 20-minute call in the next few weeks to share your perspective?",
        "I'd value your advice on where to start. Could we talk for 20 minutes next week?",
    )
    in_subject = request(GOOD.replace(" to share your perspective?", "?"))
    neither = request(
        GOOD.replace(" to share your perspective?", "?"), subject="Fellow State University alum"
    )

    assert findings_of(before, "RULE-E5") == []
    assert findings_of(in_subject, "RULE-E5") == []
    assert [f.severity for f in findings_of(neither, "RULE-E5")] == ["warning"]


@pytest.mark.parametrize(
    "sentence",
    [
        "How do you position the product against bigger rivals?",
        "Does this apply to startups as well?",
        "My degree is in applied mathematics, and I did applied ML research.",
        "Great job on your talk at PyData!",
        "I'd love to know how hiring managers read a portfolio.",
        "The store openings in Ohio were in the news.",
        "I read the biography of Steve Jobs.",
        "I spent two years at Applied Materials.",
        "I volunteer with Jobs for the Future.",
        "Your talk on idempotent batch jobs was great.",
    ],
)
def test_job_words_in_another_sense_or_a_name_are_no_finding(sentence: str) -> None:
    draft = swap(
        "your work at Northwind stood out to me.", f"your work stood out to me. {sentence}"
    )

    assert findings_of(draft, "RULE-E3") == []


def test_the_recipients_organization_school_and_event_are_names_not_job_words() -> None:
    draft = Draft(
        body=GOOD.replace("Northwind", "Hiring Our Heroes").replace(
            "State University", "Applied Arts College"
        ),
        subject=SUBJECT,
        kind="request",
        connection="alumni",
        school="Applied Arts College",
        organization="Hiring Our Heroes",
    )

    assert findings_of(draft, "RULE-E3") == []


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Are you hiring?", "hiring"),
        ("I hear your team is hiring.", "hiring"),
        ("Do you have any openings?", "openings"),
        ("Any open positions on your team?", "positions"),
        ("I'd like to apply.", "apply"),
        ("I applied for the analyst role.", "applied"),
        ("I'm applying to the role you posted.", "applying"),
        ("I would love a job at Northwind.", "job"),
        ("I'm interested in the position.", "position"),
    ],
)
def test_asking_for_a_job_is_an_error(sentence: str, word: str) -> None:
    draft = swap("your work at Northwind stood out to me.", f"your work stood out. {sentence}")

    found = findings_of(draft, "RULE-E3")

    assert [(f.excerpt(draft), f.severity) for f in found] == [(word, "error")]


def test_an_ambiguous_job_word_is_only_a_warning() -> None:
    draft = swap(
        "your work at Northwind stood out to me.", "your move into a new position stood out to me."
    )

    assert [f.severity for f in findings_of(draft, "RULE-E3")] == ["warning"]


def test_a_note_mentioning_advice_received_asks_for_nothing() -> None:
    thanked = note(
        "Hi Dana, thanks for the advice at the Data Days conference! I'd be glad to connect."
    )
    asking = note("Hi Dana, we met at the Data Days conference. I'd love your advice over coffee.")

    assert findings_of(thanked, "RULE-LI3") == []
    assert [f.excerpt(asking) for f in findings_of(asking, "RULE-LI3")] == ["advice"]


@pytest.mark.parametrize(
    "greeting",
    [
        "To whom it may concern,",
        "Dear Sir or Madam,",
        "Dear Hiring Manager,",
        "Dana,",
        "Hola Dana,",
    ],
)
def test_formal_and_bare_greetings_are_greetings(greeting: str) -> None:
    draft = request(GOOD.replace("Hi Dana,", greeting))

    assert findings_of(draft, "RULE-E4") == []
    assert lint.word_count(draft.body) == lint.word_count(GOOD)


def test_to_whom_it_may_concern_still_gets_its_warning() -> None:
    draft = request(GOOD.replace("Hi Dana,", "To whom it may concern,"))

    assert [f.excerpt(draft) for f in findings_of(draft, "RULE-E11")] == ["To whom it may concern"]


@pytest.mark.parametrize(
    "connection", ["cold", "alumni", "referral", "known", "group", "event", "fan"]
)
@pytest.mark.parametrize(
    "first",
    [
        "I read your post on data contracts last week.",
        "Your talk at PyData stayed with me.",
        "Your article on hospital metrics is on my desk.",
        "I listened to your podcast episode on pricing.",
        "Your keynote at Data Days was great.",
    ],
)
def test_naming_their_work_is_a_connection_whatever_the_kind(connection: str, first: str) -> None:
    body = GOOD.replace(
        "I'm a fellow State University graduate and found you through our alumni network.", first
    )

    assert findings_of(request(body, connection=connection, school=""), "RULE-E4") == []


def test_a_cold_draft_naming_nothing_is_still_an_error() -> None:
    body = GOOD.replace(
        "I'm a fellow State University graduate and found you through our alumni network.",
        "I hope you are well.",
    )

    [finding] = findings_of(request(body, connection="cold", school=""), "RULE-E4")

    assert finding.severity == "error"


@pytest.mark.parametrize(
    "body", ["Aa " * 6600, "Jobs For The " * 1500, "I applied " * 2000, "Dana,\n" * 3300]
)
def test_the_longest_body_the_composer_takes_is_linted_quickly(body: str) -> None:
    """20,000 characters (the composer's limit) of the words the job rule looks around: the
    lint stays linear (a run of capitalized words once took 14 s)."""
    started = time.perf_counter()

    lint.lint(Draft(body=body, subject=body[:300]))

    assert time.perf_counter() - started < 5


def test_a_finding_answers_its_place_message_and_why_in_that_order() -> None:
    finding = lint_findings.Finding("RULE-E2", lint_findings.ERROR, "body", 0, 5, "Too long.")

    assert list(finding.as_dict().items()) == [
        ("rule", "RULE-E2"),
        ("severity", "error"),
        ("field", "body"),
        ("start", 0),
        ("end", 5),
        ("message", "Too long."),
        ("why", lint_findings.WHY["RULE-E2"]),
    ]
    assert finding.is_error and finding.excerpt(Draft(body="Hello there")) == "Hello"
