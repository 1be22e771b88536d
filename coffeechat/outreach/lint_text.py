"""Text analysis for the lint: the body between greeting and sign-off, its words and
sentences, and the vocabulary the rules look for (no rule lives here)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from coffeechat.outreach.lint_findings import (
    Draft,
    Finding,
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Text:
    """The draft with its body span, words and sentences worked out once."""

    draft: Draft
    body: Span
    words: list[Span]
    sentences: list[Span]

    def of(self, span: Span) -> str:
        return self.draft.body[span[0] : span[1]]

    @property
    def body_text(self) -> str:
        return self.of(self.body)


# Structure --------------------------------------------------------------------------------

# "To whom it may concern," and "Dear Sir or Madam," are greetings too (RULE-E11 still warns
# about them), as is a first line that is only a name ("Dana,").
_GREETING = re.compile(
    r"\A\s*(?:(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening|day)|"
    r"hallo|hola|bonjour|salut|ciao|hej|olá|ola|guten tag|liebe|lieber)\b"
    r"[^,!:\n—–]{0,40}(?:[,!:—–]|(?=\n)|\Z)"
    r"|to whom it may concern\b[ \t]*[,!:—–]?)",
    re.I,
)
# "Dana," or "Dr. Ångström-Ndiaye," alone on the first line: capitalized words, then a comma.
_NAME_LINE = re.compile(r"\A\s*([^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3}),[ \t]*(?=\n)")
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:thanks(?: again| so much| in advance)?|thank you(?: so much| again)?|"
    r"many thanks|with thanks|best(?: wishes| regards)?|all the best|(?:kind |warm )?regards|"
    r"warmly|cheers|sincerely|yours(?: sincerely| truly)?|cordially|respectfully|take care|"
    r"talk soon|gratefully|with gratitude)"
    r"(?:[ \t]*[,.!—–-][^\n]{0,40}|[ \t]+[^\w\s]{1,4})?[ \t]*$",
    re.I | re.M,
)
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|\Z)|\n[ \t]*\n")


def body_span(text: str) -> Span:
    """Where the body starts and ends: after the greeting, before the last sign-off line."""
    greeting = _GREETING.match(text)
    if not greeting:
        name = _NAME_LINE.match(text)
        greeting = name if name and all(w[0].isupper() for w in name[1].split()) else None
    start = greeting.end() if greeting else 0
    end = len(text)
    sign_offs = [m for m in _SIGN_OFF.finditer(text) if m.start() >= start]
    if sign_offs:
        end = sign_offs[-1].start()
    return start, max(start, end)


def words_in(text: str, span: Span) -> list[Span]:
    """Word spans in text[span]: tokens with a letter or digit (a lone dash is no word)."""
    offset = span[0]
    return [
        (m.start() + offset, m.end() + offset)
        for m in _WORD.finditer(text[span[0] : span[1]])
        if any(c.isalnum() for c in m[0])
    ]


def sentences_in(text: str, span: Span) -> list[Span]:
    """Sentence spans in text[span], trimmed of surrounding whitespace, empty ones dropped."""
    found, start = [], span[0]
    chunk = text[span[0] : span[1]]
    for match in _SENTENCE_END.finditer(chunk):
        found.append((start, span[0] + match.end()))
        start = span[0] + match.end()
    found.append((start, span[1]))
    return [s for s in (trim(text, s) for s in found) if s[1] > s[0]]


def trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def prepare(draft: Draft) -> Text:
    body = body_span(draft.body)
    return Text(
        draft=draft,
        body=body,
        words=words_in(draft.body, body),
        sentences=sentences_in(draft.body, body),
    )


# Vocabulary -------------------------------------------------------------------------------


def words_pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


ATTACHMENT = words_pattern(r"attach\w*", r"enclos\w*", r"resume", r"résumé", r"cv")
# "resume" and "CV" are only surely your resume with "my" or "here is": "computer vision (CV)"
# or "how do you read a resume?" is a warning.
MY_RESUME = re.compile(
    r"\b(?:my|here(?:'s| is)|(?:i've |i have )?(?:included|sending|shared|"
    r"sent|sharing|linked)(?: you)?(?: my)?)\s+(?:resume|résumé|cv)\b",
    re.I,
)
NOT_A_RESUME = re.compile(
    r"computer vision\s*\(cv\)|\bcv\s+(?:models?|pipelines?|research|"
    r"engineers?|engineering|teams?|tasks?|systems?)\b",
    re.I,
)
AVOID = words_pattern(
    r"pick your brain",
    r"to whom it may concern",
    r"dear sir or madam",
    r"dear sir/madam",
    r"dear sir",
    r"dear madam",
)
_ADVICE_WORDS = (
    r"advice",
    r"advise",
    r"insights?",
    r"perspectives?",
    r"experience",
    r"learn\w*",
    r"hear",
    r"thoughts",
    r"views?",
    r"path",
    r"story",
    r"suggest\w*",
    r"recommend\w*",
    r"tips?",
    r"how you",
    r"what you",
    r"share",
)
ADVICE = words_pattern(*_ADVICE_WORDS)
INTENT = words_pattern(
    *_ADVICE_WORDS,
    r"questions?",
    r"chat",
    r"conversation",
    r"call",
    r"referred",
    r"introduc\w*",
    r"reach(?:ing)? out",
    r"connect\w*",
)
YOU = words_pattern(r"you", r"your", r"yours", r"yourself", r"you're", r"you've", r"you'd")
ME = words_pattern(r"i", r"me", r"my", r"mine", r"myself", r"i'm", r"i've", r"i'd", r"i'll")
INTEREST = words_pattern(
    r"exploring",
    r"explore",
    r"interested in",
    r"curious about",
    r"learning about",
    r"learn more about",
    r"looking into",
    r"considering",
    r"moving into",
    r"career in",
    r"working in",
    r"passionate about",
    r"focus(?:ed|ing)? on",
    r"excited about",
)
CLAUSE_END = re.compile(r"[.!?\n,;:—–]|\band\b|\Z")
COMPANY_ONLY = words_pattern(r"your (?:company|team|firm|organi[sz]ation|group|department)")
ASK = words_pattern(
    r"call",
    r"chat",
    r"coffee",
    r"meet(?:ing)?",
    r"minutes?",
    r"advice",
    r"zoom",
    r"phone",
    r"talk to",
    r"speak with",
    r"time to",
)
SLOT = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b"
    r"|\b\d{1,2}:\d{2}\b|\{slot",
    re.I,
)
ASK_THEIRS = words_pattern(
    r"what works",
    r"when works",
    r"your availability",
    r"times? that suits?",
    r"a time that",
    r"suggest a time",
    r"whenever suits",
    r"your calendar",
)
NUMBER_WORDS = {
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "forty five": 45,
    "sixty": 60,
    "ninety": 90,
}
MINUTES = re.compile(
    r"\b(?:(\d{1,3})\s*(?:-|–|—|to)\s*)?(\d{1,3}|ten|fifteen|twenty|thirty|forty[- ]five|forty|"
    r"sixty|ninety)[\s-]*min(?:ute)?s?\b|\b(half[ -]an[ -]hour|half-hour)\b"
    r"|\b(an|one|two|\d+)[\s-]*hours?\b",
    re.I,
)
_CONNECTION_WORDS = {
    "alumni": ["alum", "alumni", "alumna", "alumnus", "fellow", "graduate", "grad", "class of"],
    "referral": ["suggested", "referred", "recommended", "introduc", "pointed me"],
    "known": [
        "again",
        "we met",
        "worked",
        "together",
        "great to",
        "good to",
        "since",
        "last time",
        "remember",
    ],
    "group": ["group", "community", "member", "fellow", "club", "association", "network"],
    "event": ["met", "event", "conference", "meetup", "talk", "panel", "session", "workshop"],
    "fan": [
        "article",
        "talk",
        "post",
        "podcast",
        "paper",
        "book",
        "interview",
        "presentation",
        "panel",
        "your work",
        "read",
        "heard",
        "enjoyed",
        "watched",
        "newsletter",
    ],
    "cold": [],
}
_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "your",
        "our",
        "their",
        "about",
        "into",
        "over",
        "at",
        "in",
        "on",
        "of",
        "to",
        "a",
        "an",
    ]
)


def connection_terms(draft: Draft) -> list[str]:
    """Words that show the connection in this draft: its facts first, then its kind's words."""
    terms = [draft.school, draft.referrer, *draft.referrer.split()[:1]]
    terms += [
        w
        for w in re.findall(r"[\w'-]+", draft.met_at)
        if len(w) >= 4 and w.lower() not in _STOPWORDS
    ]
    if draft.connection:
        terms += _CONNECTION_WORDS.get(draft.connection, [])
    else:  # unknown (a bare string): any kind of connection will do
        terms += [w for words in _CONNECTION_WORDS.values() for w in words]
    return [t.strip() for t in terms if t and t.strip()]


def first_match(terms: list[str], text: str) -> re.Match[str] | None:
    for term in terms:
        match = re.search(r"(?<!\w)" + re.escape(term), text, re.I)
        if match:
            return match
    return None


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'-]+", text.lower()) if len(w) >= 4 and w not in _STOPWORDS]


def spans_of(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def inside(span: Span, spans: list[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


Check = Callable[[Text], Iterator[Finding]]


def body_finding(rule: str, severity: str, span: Span, message: str) -> Finding:
    return Finding(rule, severity, "body", span[0], span[1], message)
