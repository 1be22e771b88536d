"""The lint's rules for requests, LinkedIn notes, replies and thank-yous (RULE-E1..E11 but
E3, RULE-LI1..LI3, RULE-S1, RULE-T1, RULE-T4, RULE-T5): one `check_*` per rule, each a
generator of findings over the prepared text (lint_text.Text). Job words are lint_jobwords.py,
drafting slips lint_drafts.py; lint.py says which checks run for which kind of message."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coffeechat.outreach.lint_findings import (
    CITE_WORDS,
    ERROR,
    FOLLOW_UP_WORDS,
    LONG_QUESTION_WORDS,
    MAX_MINUTES,
    MAX_WORDS,
    TARGET_WORDS,
    THANK_YOU_WORDS,
    WARNING,
    Finding,
)
from coffeechat.outreach.lint_text import (
    ADVICE,
    ASK,
    ASK_THEIRS,
    ATTACHMENT,
    AVOID,
    CLAUSE_END,
    COMPANY_ONLY,
    INTENT,
    INTEREST,
    ME,
    MINUTES,
    MY_RESUME,
    NOT_A_RESUME,
    NUMBER_WORDS,
    SLOT,
    YOU,
    Span,
    Text,
    body_finding,
    connection_terms,
    content_words,
    first_match,
    inside,
    spans_of,
    trim,
    words_in,
    words_pattern,
)


def _over(t: Text, rule: str, severity: str, limit: int, what: str) -> Iterator[Finding]:
    if len(t.words) > limit:
        span = (t.words[limit][0], t.words[-1][1])
        yield body_finding(
            rule, severity, span, f"{len(t.words)} words: {what} is {limit}. These words are over."
        )


def check_e1(t: Text) -> Iterator[Finding]:
    # Between 76 and 100 words: over the target only (above 100, E2 says it louder).
    if len(t.words) <= MAX_WORDS:
        yield from _over(t, "RULE-E1", WARNING, TARGET_WORDS, "the target")


def check_e2(t: Text) -> Iterator[Finding]:
    yield from _over(t, "RULE-E2", ERROR, MAX_WORDS, "the limit")


def check_t5(t: Text) -> Iterator[Finding]:
    if len(t.words) <= MAX_WORDS:
        yield from _over(t, "RULE-T5", WARNING, FOLLOW_UP_WORDS, "a follow-up's limit")


def _head(t: Text) -> Span:
    """The first sentence, or the start of the body when it is empty."""
    return t.sentences[0] if t.sentences else (t.body[0], t.body[0])


# Naming their own work is a connection (fan mail) whatever kind of connection was recorded:
# "I read your post on ...", "your talk at PyData", "your paper on ...".
_THEIR_WORK = re.compile(
    r"\byour\s+(?:[\w'’-]+\s+){0,2}?(?:posts?|blog|talks?|articles?|papers?|podcasts?|"
    r"episodes?|newsletters?|books?|keynotes?|interviews?|research|presentations?|panels?|"
    r"sessions?|workshops?|threads?|essays?|pieces?|videos?|courses?|lectures?|stud(?:y|ies)|"
    r"reports?|writing|answers?|comments?|op-eds?|columns?|projects?|work on|case stud(?:y|ies)|"
    r"webinars?|slides|chapter|open[- ]source|library|tutorials?|publications?)\b"
    r"|\b(?:read|heard|saw|watched|listened to|came across|attended|followed)\s+your\b",
    re.I,
)


def check_e4(t: Text) -> Iterator[Finding]:
    terms = connection_terms(t.draft)
    first = _head(t)
    if _THEIR_WORK.search(t.of(first)):
        return
    if not terms and _THEIR_WORK.search(t.body_text):
        yield body_finding(
            "RULE-E4",
            WARNING,
            first,
            "Move the connection (their work you read or heard) into the first sentence.",
        )
    elif not terms:
        yield body_finding(
            "RULE-E4",
            ERROR,
            first,
            "No connection: add how you know them (school, a mutual contact, an event, "
            "their work), or override to send it cold.",
        )
    elif first_match(terms, t.of(first)) is None:
        elsewhere = first_match(terms, t.body_text)
        yield body_finding(
            "RULE-E4",
            WARNING,
            first,
            "Move the connection into the first sentence."
            if elsewhere
            else "Say how you're connected in the first sentence.",
        )


def _questions(t: Text) -> list[Span]:
    return [s for s in t.sentences if t.draft.body[s[1] - 1] == "?"]


def check_e5(t: Text) -> Iterator[Finding]:
    questions = _questions(t)
    if not questions:
        last = t.sentences[-1] if t.sentences else (t.body[1], t.body[1])
        yield body_finding(
            "RULE-E5", ERROR, last, "Ask for their advice as a question, ending in “?”."
        )
    elif not (
        any(ADVICE.search(t.of(q)) or ADVICE.search(t.of(_before(t, q))) for q in questions)
        or ADVICE.search(t.draft.subject)
    ):
        # "I'd value your advice on X. Could we talk for 20 minutes?" frames the time as
        # advice in the sentence before, as a subject "Advice on X" does.
        yield body_finding(
            "RULE-E5",
            WARNING,
            questions[-1],
            "Ask for their advice, insight or perspective, not just for time.",
        )


def _before(t: Text, sentence: Span) -> Span:
    """The sentence before `sentence` (an empty span for the first)."""
    index = t.sentences.index(sentence)
    return t.sentences[index - 1] if index else (sentence[0], sentence[0])


def _minutes(match: re.Match[str]) -> int:
    if match[3]:
        return 30
    if match[4]:
        count = match[4].lower()
        return 60 * (1 if count in ("an", "one") else 2 if count == "two" else int(count))
    value = match[2].lower().replace("-", " ")
    return int(value) if value.isdigit() else NUMBER_WORDS[value]


def check_e6(t: Text) -> Iterator[Finding]:
    mentions = list(MINUTES.finditer(t.body_text))
    offset = t.body[0]
    for match in mentions:
        if _minutes(match) > MAX_MINUTES:
            yield body_finding(
                "RULE-E6",
                WARNING,
                (offset + match.start(), offset + match.end()),
                f"Ask for {MAX_MINUTES} minutes at most; 20 is usual.",
            )
    if not mentions:
        ask = (_questions(t) or [_head(t)])[-1]
        yield body_finding("RULE-E6", WARNING, ask, "Say how long: “20 minutes” is a small ask.")


def check_e7(t: Text) -> Iterator[Finding]:
    text = t.body_text
    company = [t.draft.organization] if t.draft.organization.strip() else []
    # "Analytics" in "Northwind Analytics" is their name, not the field.
    outside = re.sub(re.escape(company[0]), " ", text, flags=re.I) if company else text
    broad = content_words(t.draft.field_broad)
    if broad and any(re.search(r"\b" + re.escape(w), outside, re.I) for w in broad):
        return
    interests = list(INTEREST.finditer(text))
    for match in interests:
        # What the interest is in: up to the end of its clause ("..., and your work at X").
        rest = text[match.end() :]
        end = CLAUSE_END.search(rest)
        rest = rest[: end.start()] if end else rest
        if not (COMPANY_ONLY.search(rest) or first_match(company, rest)):
            return
    offset = t.body[0]
    if interests:
        span = (offset + interests[0].start(), offset + interests[0].end())
        yield body_finding(
            "RULE-E7",
            WARNING,
            span,
            "Your interest is only about their company: name the wider field too.",
        )
    else:
        yield body_finding(
            "RULE-E7",
            WARNING,
            _head(t),
            "Say what field you're exploring (and, if you like, your focus in it).",
        )


def check_e8(t: Text) -> Iterator[Finding]:
    about_you = [s for s in t.sentences if YOU.search(t.of(s))]
    about_me = [s for s in t.sentences if ME.search(t.of(s))]
    if len(about_you) < len(about_me):
        only_me = [s for s in about_me if s not in about_you] or about_me
        yield body_finding(
            "RULE-E8",
            WARNING,
            only_me[0],
            f"{len(about_me)} sentences about you, {len(about_you)} about them: "
            "turn one towards them.",
        )


def check_e9(t: Text) -> Iterator[Finding]:
    body = t.draft.body
    mine, other = spans_of(MY_RESUME, body), spans_of(NOT_A_RESUME, body)
    for match in ATTACHMENT.finditer(body):
        span = (match.start(), match.end())
        if inside(span, other):
            continue
        sure = match[0].lower().startswith(("attach", "enclos")) or inside(span, mine)
        yield body_finding(
            "RULE-E9", ERROR if sure else WARNING, span, "No attachments or resume in this message."
        )


def check_e10(t: Text) -> Iterator[Finding]:
    subject = t.draft.subject
    terms = connection_terms(t.draft) if t.draft.connection != "cold" else []
    facts = [term for term in (t.draft.school, t.draft.referrer) if term]
    if not subject.strip():
        message = "Add a subject that names the connection and asks for advice."
    elif facts and first_match(facts + terms, subject) is None:
        message = f"Name the connection in the subject (e.g. “{facts[0]}”)."
    elif not INTENT.search(subject) and first_match(terms, subject) is None:
        message = "Say why you write: the connection, or “advice on …”."
    else:
        return
    yield Finding("RULE-E10", WARNING, "subject", 0, len(subject), message)


def _avoid(t: Text, field: str, text: str) -> Iterator[Finding]:
    for match in AVOID.finditer(text):
        yield Finding(
            "RULE-E11", WARNING, field, match.start(), match.end(), f"Avoid “{match[0]}”."
        )


def check_e11(t: Text) -> Iterator[Finding]:
    yield from _avoid(t, "subject", t.draft.subject)
    yield from _avoid(t, "body", t.draft.body)


def check_li1(t: Text) -> Iterator[Finding]:
    length = len(t.draft.body.rstrip())
    limit = t.draft.note_limit
    if length > limit:
        yield body_finding(
            "RULE-LI1",
            ERROR,
            (limit, length),
            f"{length} characters: LinkedIn allows {limit}. Cut {length - limit}.",
        )


def check_li2(t: Text) -> Iterator[Finding]:
    terms = connection_terms(t.draft)
    if first_match(terms, t.draft.body) is None and not _THEIR_WORK.search(t.draft.body):
        span = trim(t.draft.body, (0, len(t.draft.body)))
        yield body_finding("RULE-LI2", WARNING, span, "Say how you know them or why you'd connect.")


# A request in a connection note: a question, or words that ask ("could we", "I'd love to").
# "Thanks for the advice at the meetup" mentions advice already given: no request.
_REQUEST_PHRASING = words_pattern(
    r"could (?:we|you|i)",
    r"would (?:you|it|we)",
    r"can (?:we|you|i)",
    r"are you (?:open|free|available|up for)",
    r"do you have (?:time|a)",
    r"i'd (?:love|like|appreciate|welcome|value)",
    r"i’d (?:love|like|appreciate|welcome|value)",
    r"i would (?:love|like|appreciate|welcome|value)",
    r"let me know",
    r"if you have",
    r"if you're (?:open|free)",
    r"happy to (?:chat|talk|meet|hop)",
    r"hoping (?:to|for|we)",
    r"hope (?:to|we)",
    r"keen to",
    r"please",
    r"maybe we",
)


def _requests(t: Text) -> list[Span]:
    return [
        s for s in t.sentences if t.draft.body[s[1] - 1] == "?" or _REQUEST_PHRASING.search(t.of(s))
    ]


def check_li3(t: Text) -> Iterator[Finding]:
    questions = [m.start() for m in re.finditer(r"\?", t.draft.body)]
    if len(questions) > 1:
        yield body_finding(
            "RULE-LI3",
            WARNING,
            (questions[1], questions[1] + 1),
            "One short question at most in a connection note.",
        )
    for s in _questions(t):
        if len(words_in(t.draft.body, s)) > LONG_QUESTION_WORDS:
            yield body_finding("RULE-LI3", WARNING, s, "Keep the question short, or leave it out.")
    for sentence in _requests(t):
        match = ASK.search(t.draft.body, *sentence)
        if match:
            yield body_finding(
                "RULE-LI3",
                WARNING,
                (match.start(), match.end()),
                f"“{match[0]}”: save the request for a message after they accept.",
            )
            break


def check_s1(t: Text) -> Iterator[Finding]:
    slots = SLOT.findall(t.body_text)
    if len(slots) < 2 and not ASK_THEIRS.search(t.body_text):
        yield body_finding(
            "RULE-S1", WARNING, _head(t), "Offer 2–3 specific times, or ask which times suit them."
        )


def check_t4(t: Text) -> Iterator[Finding]:
    low, high = THANK_YOU_WORDS
    if len(t.words) > high:
        yield from _over(t, "RULE-T4", WARNING, high, "a thank-you's limit")
    elif len(t.words) < low:
        yield body_finding(
            "RULE-T4",
            WARNING,
            t.body,
            f"{len(t.words)} words: a thank-you needs {low} or more to say what you "
            "learned and what you'll do with it.",
        )


def _cites(body: str, item: str) -> bool:
    words = set(content_words(item))
    needed = min(CITE_WORDS, len(words))
    found = sum(1 for w in words if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", body, re.I))
    return needed > 0 and found >= needed


def check_t1(t: Text) -> Iterator[Finding]:
    cited = [item for item in t.draft.cited if item.strip()]
    if any(_cites(t.body_text, item) for item in cited):
        return
    yield body_finding(
        "RULE-T1",
        ERROR,
        _head(t),
        "Name one specific thing they said (from your notes) and what you'll do with it."
        if cited
        else "Nothing captured from this conversation yet: capture one thing they said, "
        "then cite it here.",
    )
