"""Lint for outreach drafts: the method's message rules as findings (method.md 4.2, 4.3, 6, 14).

Pure: no database, no Django. `lint(draft)` takes a `Draft` (or a bare string, read as the
body of a first request) and returns `Finding`s with positions into the body or the subject,
so the composer can point at the words.

The body is the text between the greeting line ("Hi Dana,") and the sign-off ("Thanks,");
words are whitespace-separated tokens with a letter or digit, so a hyphenated word or a URL
counts once. Sentences end at . ! ? or a blank line.

Which rules apply depends on the kind of message:

- first request by email: RULE-E1 to RULE-E11 (E12, the follow-up timers, is behaviour:
  `services.send_draft` moves the conversation to contacted, which plans them);
- LinkedIn message after connecting: the request rules without the subject ones (E3 on the
  body only, no E10);
- LinkedIn connection note: RULE-LI1 (characters against the user's 200/300 limit, the whole
  note counts), LI2 (say how you know them), LI3 (no ask beyond connecting, at most one short
  question), plus job words (E3), attachments (E9) and phrases to avoid (E11);
- the one follow-up: RULE-T5 (T5 skeleton: at most 50 words, a warning), the 100-word hard
  limit (E2), job words (E3), a question (E5, only a warning here: "no worries if now isn't a
  good time" is a fine ending), attachments (E9) and E11. It goes in the same thread, so no
  connection or subject rules;
- reply accepting a meeting: RULE-S1 (offer 2-3 times or ask for theirs), E3, E9, E11;
- thank-you note (T8, method.md 10.2): RULE-T4 (50-150 words, a warning outside), RULE-T1
  (cite one specific thing from the conversation: an error when the body shares no few words
  with any of `Draft.cited`, the captures, answers and notes the service passes in), job
  words in subject and body (E3), attachments (E9) and E11. It is a new email, not a reply.

An error blocks sending (overridable), so an error rule must have no false positive on a
good message: where words are ambiguous the lint warns, and where they plainly mean something
else it says nothing (method.md 4.2 lists, per rule, what does not trigger it). So job words
(E3) are errors only in phrases that ask for a job ("are you hiring", "any openings", "I'd
like to apply"), nothing in another sense ("how you position the product", "applied
mathematics", "great job on your talk") or in a name ("Steve Jobs", the recipient's
organization), and warnings otherwise; naming their own work ("your talk at PyData") is a
connection for E4 and LI2 whatever the recorded kind; E5's advice framing may be in the
question, the sentence before it or the subject; LI3 looks for asks only in requests
(a question, "could we", "I'd love to"), not in "thanks for the advice"; and "To whom it may
concern," is a greeting (E11 still warns about it).

Rule E9 (attachments, resume/CV) owns "resume/CV attached" from the E3 list, so one phrase
gives one finding; "my resume" and attachments are errors, another "resume" or "CV" a warning.

Every kind also gets the drafting rules: RULE-D1 (an error) for a template field still in the
text (`{school}`, `{{ first_name }}`, a bracketed prompt like "[Name]" or "[what you will do]"),
and RULE-D2 (a warning) for text that is obviously not prose: a headline's "|" or "•"
separators, a word doubled, or a phrase of several words said twice (often a pasted headline).
D1 stays quiet on braces that hold code or data (quotes, colons, commas, "$" or "\" before
them); D2 ignores a phrase that is one of the draft's own facts (the field, the organization,
the school, the event), which a template may fairly say twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

REQUEST = "request"
LINKEDIN_NOTE = "linkedin_note"
LINKEDIN_MESSAGE = "linkedin_message"
FOLLOW_UP = "follow_up"
ACCEPT = "accept"
THANK_YOU = "thank_you"

TARGET_WORDS = 75
MAX_WORDS = 100
FOLLOW_UP_WORDS = 50
MAX_MINUTES = 30
LONG_QUESTION_WORDS = 20
THANK_YOU_WORDS = (50, 150)
CITE_WORDS = 3  # content words a thank-you must share with one cited item (fewer if it has fewer)

# Short text shown with each finding: what the rule is and why it matters to the reader.
WHY = {
    "RULE-E1": "Busy people read on their phones: under 75 words fits one screen without "
    "scrolling.",
    "RULE-E2": "Past 100 words a request reads like work; shorter ones get more replies.",
    "RULE-E3": "A request that mentions jobs reads as a job application and gets forwarded to "
    "HR or ignored; ask for advice instead.",
    "RULE-E4": "Saying first how you're connected is what makes a stranger keep reading.",
    "RULE-E5": "A direct question is easy to answer; a statement leaves them nothing to reply to.",
    "RULE-E6": "A small, explicit time box (15-30 minutes) makes yes the easy answer.",
    "RULE-E7": "Naming the wider field you're exploring shows curiosity, not a hunt for an "
    "opening at their company.",
    "RULE-E8": "People answer messages about them: keep at least as much about them as about you.",
    "RULE-E9": "Attachments and resumes in a first message make it a job application; a profile "
    "link in your signature is enough.",
    "RULE-E10": "The subject decides whether it gets opened: name the connection and that you "
    "want advice.",
    "RULE-E11": "These phrases sound like a form letter or a favour that costs them; plain "
    "words work better.",
    "RULE-LI1": "LinkedIn cuts connection notes at 200 characters (300 with Premium).",
    "RULE-LI2": "LinkedIn asks that you say how you know someone; invitations to strangers "
    "can get an account restricted.",
    "RULE-LI3": "A connection note is for connecting; ask for the conversation once they accept.",
    "RULE-T5": "The one follow-up is a short nudge in the same thread: under 50 words.",
    "RULE-T1": "A thank-you that names one specific thing they said shows you listened; a "
    "generic one reads like a form letter.",
    "RULE-T4": "A thank-you is short and only a thank-you: 50 to 150 words.",
    "RULE-S1": "Offering 2-3 specific times (or asking for theirs) saves a round of emails.",
    "RULE-D1": "A message that says “{school}” or “[Name]” shows it came from a template "
    "nobody finished: it reads as mass mail.",
    "RULE-D2": "Text pasted from a headline or a keyword list reads as copied, not written to "
    "them: say it as a sentence.",
}


@dataclass(frozen=True)
class Draft:
    """What the lint reads: the text and what we know of the connection."""

    body: str
    subject: str = ""
    kind: str = REQUEST
    connection: str = ""  # a Person.Connection value; "" when unknown
    school: str = ""
    referrer: str = ""  # the introducer's full name, when referred
    met_at: str = ""
    organization: str = ""
    field_broad: str = ""
    field_narrow: str = ""
    note_limit: int = 200
    # For a thank-you: what the conversation gave (captures, answers, notes), one item each.
    cited: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    field: str  # "body" or "subject"
    start: int
    end: int
    message: str

    @property
    def why(self) -> str:
        return WHY[self.rule]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "why": self.why,
        }

    def excerpt(self, draft: Draft) -> str:
        text = draft.subject if self.field == "subject" else draft.body
        return text[self.start : self.end]


Span = tuple[int, int]


@dataclass(frozen=True)
class _Text:
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
    return [s for s in (_trim(text, s) for s in found) if s[1] > s[0]]


def _trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _prepare(draft: Draft) -> _Text:
    body = body_span(draft.body)
    return _Text(
        draft=draft,
        body=body,
        words=words_in(draft.body, body),
        sentences=sentences_in(draft.body, body),
    )


# Vocabulary -------------------------------------------------------------------------------


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


_ATTACHMENT = _words(r"attach\w*", r"enclos\w*", r"resume", r"résumé", r"cv")
# "resume" and "CV" are only surely your resume with "my" or "here is": "computer vision (CV)"
# or "how do you read a resume?" is a warning.
_MY_RESUME = re.compile(
    r"\b(?:my|here(?:'s| is)|(?:i've |i have )?(?:included|sending|shared|"
    r"sent|sharing|linked)(?: you)?(?: my)?)\s+(?:resume|résumé|cv)\b",
    re.I,
)
_NOT_A_RESUME = re.compile(
    r"computer vision\s*\(cv\)|\bcv\s+(?:models?|pipelines?|research|"
    r"engineers?|engineering|teams?|tasks?|systems?)\b",
    re.I,
)
_AVOID = _words(
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
_ADVICE = _words(*_ADVICE_WORDS)
_INTENT = _words(
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
_YOU = _words(r"you", r"your", r"yours", r"yourself", r"you're", r"you've", r"you'd")
_ME = _words(r"i", r"me", r"my", r"mine", r"myself", r"i'm", r"i've", r"i'd", r"i'll")
_INTEREST = _words(
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
_CLAUSE_END = re.compile(r"[.!?\n,;:—–]|\band\b|\Z")
_COMPANY_ONLY = _words(r"your (?:company|team|firm|organi[sz]ation|group|department)")
_ASK = _words(
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
_SLOT = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b"
    r"|\b\d{1,2}:\d{2}\b|\{slot",
    re.I,
)
_ASK_THEIRS = _words(
    r"what works",
    r"when works",
    r"your availability",
    r"times? that suits?",
    r"a time that",
    r"suggest a time",
    r"whenever suits",
    r"your calendar",
)
_NUMBER_WORDS = {
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
_MINUTES = re.compile(
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


def _first_match(terms: list[str], text: str) -> re.Match[str] | None:
    for term in terms:
        match = re.search(r"(?<!\w)" + re.escape(term), text, re.I)
        if match:
            return match
    return None


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'-]+", text.lower()) if len(w) >= 4 and w not in _STOPWORDS]


# Rules ------------------------------------------------------------------------------------

Check = Callable[[_Text], Iterator[Finding]]


def _body(rule: str, severity: str, span: Span, message: str) -> Finding:
    return Finding(rule, severity, "body", span[0], span[1], message)


def _over(t: _Text, rule: str, severity: str, limit: int, what: str) -> Iterator[Finding]:
    if len(t.words) > limit:
        span = (t.words[limit][0], t.words[-1][1])
        yield _body(
            rule, severity, span, f"{len(t.words)} words: {what} is {limit}. These words are over."
        )


def check_e1(t: _Text) -> Iterator[Finding]:
    # Between 76 and 100 words: over the target only (above 100, E2 says it louder).
    if len(t.words) <= MAX_WORDS:
        yield from _over(t, "RULE-E1", WARNING, TARGET_WORDS, "the target")


def check_e2(t: _Text) -> Iterator[Finding]:
    yield from _over(t, "RULE-E2", ERROR, MAX_WORDS, "the limit")


def check_t5(t: _Text) -> Iterator[Finding]:
    if len(t.words) <= MAX_WORDS:
        yield from _over(t, "RULE-T5", WARNING, FOLLOW_UP_WORDS, "a follow-up's limit")


# Job words (RULE-E3). A word is only an error when the words around it are about seeking a
# job ("are you hiring", "any openings", "I'd like to apply"); the same word in another sense
# ("how you position the product", "applied mathematics", "great job on your talk", "hiring
# managers") is no finding, and in a name ("Steve Jobs", "Applied Materials", the recipient's
# organization) never one. Anything else is ambiguous: a warning.
_JOB_WORD = _words(
    r"jobs?",
    r"positions?",
    r"openings?",
    r"hiring",
    r"hires?",
    r"hired",
    r"appl(?:y|ying|ied)",
    r"applications?",
    r"internships?",
    r"employment",
    r"vacanc(?:y|ies)",
    r"opportunit(?:y|ies)",
)
_JOB_NOUN = (
    r"(?:jobs?|positions?|openings?|roles?|internships?|vacanc(?:y|ies)|posts?"
    r"|employment|work)"
)
_DET = r"(?:an?|any|the|this|that|your|one of (?:the|your)|some|open|new|current)"
_SUBJ = (
    r"(?:you|they|we|anyone|(?:your|the|their)\s+[\w'-]+(?:\s+[\w'-]+)?"
    r"|(?!(?:How|What|Why|When|Where|Who|Which|Is|Are|Do|Does)\b)(?-i:[A-Z])[\w'-]*"
    r"(?:\s+(?-i:[A-Z])[\w'-]*){0,4})"
)
_NOT_SEEKING_HIRING = (
    r"(?!\s+(?:managers?|process(?:es)?|practices|decisions?|committees?"
    r"|criteria|bar|pipeline|loops?|panels?|trends|like|works?)\b)"
)
_SEEKING = re.compile(
    "|".join(
        [
            rf"\b(?:are|is)\s+{_SUBJ}\s+(?:still\s+|currently\s+|now\s+|actively\s+)?hiring\b"
            + _NOT_SEEKING_HIRING,
            rf"\b{_SUBJ}\s*(?:\s(?:is|are)|'re|’re)\s+(?:still\s+|currently\s+|now\s+|actively\s+)?"
            r"hiring\b" + _NOT_SEEKING_HIRING,
            r"\b(?:any|open|available|current)\s+(?:new\s+|open\s+|current\s+)?(?:job\s+)?"
            r"(?:openings?|positions?|vacanc(?:y|ies)|jobs?|internships?)\b",
            r"\b(?:job|career)\s+(?:openings?|offers?|postings?|ads?|search|hunt(?:ing)?)\b",
            r"\b(?:positions?|openings?|vacanc(?:y|ies)|jobs?)\s+(?:open|available|on (?:your|the) "
            r"team|for me|that (?:might|would|could) (?:fit|suit) me)\b",
            rf"\b(?:an?|any)\s+(?:[\w-]+\s+)?{_JOB_NOUN}\s+(?:at|on|in|with)\s+(?:(?:your|the|their)\b|(?-i:[A-Z]))",
            rf"\b(?:looking for|seeking|searching for|find(?:ing)?|land(?:ing)?|get(?:ting)?|want|"
            rf"need|love|like|hoping for|interested in)\s+{_DET}\s+(?:[\w-]+\s+)?{_JOB_NOUN}\b",
            rf"\b(?:apply|applying|applied|application|consider(?:ed)? me|hire me|refer me)\s+"
            rf"(?:for|to)\s+{_DET}?\s*(?:[\w-]+\s+){{0,2}}?(?:jobs?|roles?|positions?|openings?|"
            r"vacanc(?:y|ies)|internships?)\b",
            r"\b(?:i'd|i’d|i would|i want to|i wish to|i hope to|i plan to|i intend to|i'm going to|"
            r"how (?:do|can|should) i|how to|where (?:do|can|should) i|ready to|eager to|keen to|"
            r"like to|love to|planning to|hoping to)\s+apply\b(?!\s+(?:it|this|that|these|those|them|"
            r"what|your|the\s+(?:same|lesson|idea|method|approach|framework)))",
            r"\b(?:i|i've|i have|i’ve)\s+(?:just\s+|recently\s+|already\s+|also\s+)?applied\s+"
            r"(?:for|to|at|through|via|online|last|yesterday|this|on|there)\b",
            r"\b(?:i'm|i am|i’m|i've been|i have been|currently|now)\s+applying\s+"
            r"(?:for|to|at|online|now|through)\b",
            r"\b(?:my|the)\s+(?:job\s+)?application\s+(?:for|to|at)\b",
            r"\b(?:hire|hiring|employ)\s+me\b",
        ]
    ),
    re.I,
)
_OTHER_SENSE = re.compile(
    "|".join(
        [
            r"\b(?:great|good|nice|excellent|amazing|fantastic|wonderful|brilliant|terrific|superb|"
            r"impressive|incredible|awesome|fine|stellar|a great|a good)\s+job\b",
            r"\b(?:day|side|dream)\s+job\b|\bon the job\b|\bjobs?[- ]to[- ]be[- ]done\b",
            r"\b(?:batch|cron|etl|elt|spark|build|ci|background|scheduled|nightly|data|idempotent|"
            r"airflow|print|queued|failed|long-running)\s+jobs?\b",
            r"\bpositions?\s+(?:the|a|an|your|their|it|itself|them|our|its|themselves|yourself|myself|"
            r"products?|brands?|services?)\b",
            r"\b(?:to|you|we|they|i|teams?|companies)\s+position\b",
            r"\b(?:market|competitive|financial|strong|unique|strategic|pricing|policy)\s+positions?\b",
            r"\bposition\s+(?:on|paper|statement)\b|\bin (?:a|the|no) position to\b",
            r"\b(?:store|shop|branch|restaurant|grand|office|clinic|site|location|hospital|school|"
            r"museum|gallery)\s+openings?\b",
            r"\bopening\s+(?:keynote|talk|remarks|session|line|question|chapter|night|day|act|"
            r"statement|move|ceremony|panel|address|hours)\b|\bthe opening of\b",
            r"\bhiring\s+(?:managers?|process(?:es)?|practices|decisions?|committees?|criteria|bar|"
            r"pipeline|loops?|panels?|trends)\b",
            r"\b(?:does|do|did|would|will|can|could|might)\s+(?:this|that|it|these|those|the same|"
            r"[\w'-]+\s+[\w'-]+)\s+(?:still\s+|also\s+)?apply\b",
            r"\b(?:this|that|it|which|what|rules?|advice|lessons?|principles?|ideas?)\s+(?:still\s+|"
            r"also\s+|really\s+)?appl(?:y|ies|ied)\b",
            r"\bappl(?:y|ies|ied|ying)\s+(?:it|this|that|these|those|them|what|your|my|our|their|"
            r"the\s+(?:same|lesson|idea|method|approach|framework|advice)|machine|statistics|design|"
            r"ml|ai)\b",
            r"\bapplied\s+(?:math\w*|ml|ai|machine|research|science|sciences|physics|statistics|"
            r"linguistics|economics|psychology|data|computer|computing|chemistry|biology|ethics|"
            r"anthropology|arts?|engineering|mechanics|behaviou?ral|cryptography|nlp|scientist)\b",
            r"\b(?:web|mobile|desktop|software|cloud|native|real-world|practical|clinical|industrial|"
            r"business|enterprise|data|ml|ai|new|llm|iphone|android)\s+applications?\b",
            r"\bapplications?\s+(?:of|in|development|developer|security|layer|code|programming|"
            r"architecture|support|engineering|areas?|domains?)\b",
            r"\bopportunit(?:y|ies)\s+to\s+(?:learn|hear|talk|chat|speak|meet|connect|ask|listen|"
            r"read|see|share)\b",
        ]
    ),
    re.I,
)
_NAME_JOINERS = frozenset(["for", "of", "the", "and", "&", "de", "in"])


def _spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _is_title_case(text: str) -> bool:
    """A subject like "Any Open Positions at Northwind?": capitals say nothing about names."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w'-]*", text) if len(w) > 3]
    capitals = [w for w in long_words if w[0].isupper()]
    return len(long_words) >= 2 and len(capitals) * 10 >= len(long_words) * 6


def _in_a_name(text: str, match: re.Match[str], title_case: bool) -> bool:
    """ "Steve Jobs", "Applied Materials", "Jobs for the Future": a capitalized job word next to
    another capitalized word (across "for the", "of"), not only at the start of a sentence."""
    word = match[0]
    if title_case or not word[:1].isupper() or word.isupper():
        return False
    before = re.findall(r"[\w'&-]+", text[max(0, match.start() - 40) : match.start()])
    after = re.findall(r"[\w'&-]+", text[match.end() : match.end() + 40])
    previous = before[-1] if before else ""
    gap = text[max(0, match.start() - 2) : match.start()]
    if previous[:1].isupper() and not re.search(r"[.!?:\n]", gap):
        return True
    for following in after[:4]:
        if following.lower() in _NAME_JOINERS:
            continue
        return following[:1].isupper()
    return False


def _job_words(t: _Text, field: str, text: str) -> Iterator[Finding]:
    draft = t.draft
    names = [
        fact
        for fact in (draft.organization, draft.school, draft.met_at, draft.referrer)
        if fact.strip()
    ]
    named = [
        (m.start(), m.end())
        for fact in names
        for m in re.finditer(re.escape(fact.strip()), text, re.I)
    ]
    seeking, other = _spans(_SEEKING, text), _spans(_OTHER_SENSE, text)
    title_case = _is_title_case(text)
    for match in _JOB_WORD.finditer(text):
        span = (match.start(), match.end())
        if _inside(span, seeking):
            yield Finding(
                "RULE-E3", ERROR, field, *span, f"“{match[0]}” sounds like you're asking for a job."
            )
        elif not (
            _inside(span, named) or _inside(span, other) or _in_a_name(text, match, title_case)
        ):
            yield Finding(
                "RULE-E3",
                WARNING,
                field,
                *span,
                f"“{match[0]}” may read as a job request: make sure it's about their advice.",
            )


def check_e3(t: _Text) -> Iterator[Finding]:
    yield from _job_words(t, "subject", t.draft.subject)
    yield from _job_words(t, "body", t.draft.body)


def check_e3_body(t: _Text) -> Iterator[Finding]:
    yield from _job_words(t, "body", t.draft.body)


def _head(t: _Text) -> Span:
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


def check_e4(t: _Text) -> Iterator[Finding]:
    terms = connection_terms(t.draft)
    first = _head(t)
    if _THEIR_WORK.search(t.of(first)):
        return
    if not terms and _THEIR_WORK.search(t.body_text):
        yield _body(
            "RULE-E4",
            WARNING,
            first,
            "Move the connection (their work you read or heard) into the first sentence.",
        )
    elif not terms:
        yield _body(
            "RULE-E4",
            ERROR,
            first,
            "No connection: add how you know them (school, a mutual contact, an event, "
            "their work), or override to send it cold.",
        )
    elif _first_match(terms, t.of(first)) is None:
        elsewhere = _first_match(terms, t.body_text)
        yield _body(
            "RULE-E4",
            WARNING,
            first,
            "Move the connection into the first sentence."
            if elsewhere
            else "Say how you're connected in the first sentence.",
        )


def _questions(t: _Text) -> list[Span]:
    return [s for s in t.sentences if t.draft.body[s[1] - 1] == "?"]


def check_e5(t: _Text) -> Iterator[Finding]:
    questions = _questions(t)
    if not questions:
        last = t.sentences[-1] if t.sentences else (t.body[1], t.body[1])
        yield _body("RULE-E5", ERROR, last, "Ask for their advice as a question, ending in “?”.")
    elif not (
        any(_ADVICE.search(t.of(q)) or _ADVICE.search(t.of(_before(t, q))) for q in questions)
        or _ADVICE.search(t.draft.subject)
    ):
        # "I'd value your advice on X. Could we talk for 20 minutes?" frames the time as
        # advice in the sentence before, as a subject "Advice on X" does.
        yield _body(
            "RULE-E5",
            WARNING,
            questions[-1],
            "Ask for their advice, insight or perspective, not just for time.",
        )


def _before(t: _Text, sentence: Span) -> Span:
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
    return int(value) if value.isdigit() else _NUMBER_WORDS[value]


def check_e6(t: _Text) -> Iterator[Finding]:
    mentions = list(_MINUTES.finditer(t.body_text))
    offset = t.body[0]
    for match in mentions:
        if _minutes(match) > MAX_MINUTES:
            yield _body(
                "RULE-E6",
                WARNING,
                (offset + match.start(), offset + match.end()),
                f"Ask for {MAX_MINUTES} minutes at most; 20 is usual.",
            )
    if not mentions:
        ask = (_questions(t) or [_head(t)])[-1]
        yield _body("RULE-E6", WARNING, ask, "Say how long: “20 minutes” is a small ask.")


def check_e7(t: _Text) -> Iterator[Finding]:
    text = t.body_text
    company = [t.draft.organization] if t.draft.organization.strip() else []
    # "Analytics" in "Northwind Analytics" is their name, not the field.
    outside = re.sub(re.escape(company[0]), " ", text, flags=re.I) if company else text
    broad = _content_words(t.draft.field_broad)
    if broad and any(re.search(r"\b" + re.escape(w), outside, re.I) for w in broad):
        return
    interests = list(_INTEREST.finditer(text))
    for match in interests:
        # What the interest is in: up to the end of its clause ("..., and your work at X").
        rest = text[match.end() :]
        end = _CLAUSE_END.search(rest)
        rest = rest[: end.start()] if end else rest
        if not (_COMPANY_ONLY.search(rest) or _first_match(company, rest)):
            return
    offset = t.body[0]
    if interests:
        span = (offset + interests[0].start(), offset + interests[0].end())
        yield _body(
            "RULE-E7",
            WARNING,
            span,
            "Your interest is only about their company: name the wider field too.",
        )
    else:
        yield _body(
            "RULE-E7",
            WARNING,
            _head(t),
            "Say what field you're exploring (and, if you like, your focus in it).",
        )


def check_e8(t: _Text) -> Iterator[Finding]:
    about_you = [s for s in t.sentences if _YOU.search(t.of(s))]
    about_me = [s for s in t.sentences if _ME.search(t.of(s))]
    if len(about_you) < len(about_me):
        only_me = [s for s in about_me if s not in about_you] or about_me
        yield _body(
            "RULE-E8",
            WARNING,
            only_me[0],
            f"{len(about_me)} sentences about you, {len(about_you)} about them: "
            "turn one towards them.",
        )


def check_e9(t: _Text) -> Iterator[Finding]:
    body = t.draft.body
    mine, other = _spans(_MY_RESUME, body), _spans(_NOT_A_RESUME, body)
    for match in _ATTACHMENT.finditer(body):
        span = (match.start(), match.end())
        if _inside(span, other):
            continue
        sure = match[0].lower().startswith(("attach", "enclos")) or _inside(span, mine)
        yield _body(
            "RULE-E9", ERROR if sure else WARNING, span, "No attachments or resume in this message."
        )


def check_e10(t: _Text) -> Iterator[Finding]:
    subject = t.draft.subject
    terms = connection_terms(t.draft) if t.draft.connection != "cold" else []
    facts = [term for term in (t.draft.school, t.draft.referrer) if term]
    if not subject.strip():
        message = "Add a subject that names the connection and asks for advice."
    elif facts and _first_match(facts + terms, subject) is None:
        message = f"Name the connection in the subject (e.g. “{facts[0]}”)."
    elif not _INTENT.search(subject) and _first_match(terms, subject) is None:
        message = "Say why you write: the connection, or “advice on …”."
    else:
        return
    yield Finding("RULE-E10", WARNING, "subject", 0, len(subject), message)


def _avoid(t: _Text, field: str, text: str) -> Iterator[Finding]:
    for match in _AVOID.finditer(text):
        yield Finding(
            "RULE-E11", WARNING, field, match.start(), match.end(), f"Avoid “{match[0]}”."
        )


def check_e11(t: _Text) -> Iterator[Finding]:
    yield from _avoid(t, "subject", t.draft.subject)
    yield from _avoid(t, "body", t.draft.body)


def check_li1(t: _Text) -> Iterator[Finding]:
    length = len(t.draft.body.rstrip())
    limit = t.draft.note_limit
    if length > limit:
        yield _body(
            "RULE-LI1",
            ERROR,
            (limit, length),
            f"{length} characters: LinkedIn allows {limit}. Cut {length - limit}.",
        )


def check_li2(t: _Text) -> Iterator[Finding]:
    terms = connection_terms(t.draft)
    if _first_match(terms, t.draft.body) is None and not _THEIR_WORK.search(t.draft.body):
        span = _trim(t.draft.body, (0, len(t.draft.body)))
        yield _body("RULE-LI2", WARNING, span, "Say how you know them or why you'd connect.")


# A request in a connection note: a question, or words that ask ("could we", "I'd love to").
# "Thanks for the advice at the meetup" mentions advice already given: no request.
_REQUEST_PHRASING = _words(
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


def _requests(t: _Text) -> list[Span]:
    return [
        s for s in t.sentences if t.draft.body[s[1] - 1] == "?" or _REQUEST_PHRASING.search(t.of(s))
    ]


def check_li3(t: _Text) -> Iterator[Finding]:
    questions = [m.start() for m in re.finditer(r"\?", t.draft.body)]
    if len(questions) > 1:
        yield _body(
            "RULE-LI3",
            WARNING,
            (questions[1], questions[1] + 1),
            "One short question at most in a connection note.",
        )
    for s in _questions(t):
        if len(words_in(t.draft.body, s)) > LONG_QUESTION_WORDS:
            yield _body("RULE-LI3", WARNING, s, "Keep the question short, or leave it out.")
    for sentence in _requests(t):
        match = _ASK.search(t.draft.body, *sentence)
        if match:
            yield _body(
                "RULE-LI3",
                WARNING,
                (match.start(), match.end()),
                f"“{match[0]}”: save the request for a message after they accept.",
            )
            break


def check_s1(t: _Text) -> Iterator[Finding]:
    slots = _SLOT.findall(t.body_text)
    if len(slots) < 2 and not _ASK_THEIRS.search(t.body_text):
        yield _body(
            "RULE-S1", WARNING, _head(t), "Offer 2–3 specific times, or ask which times suit them."
        )


def check_t4(t: _Text) -> Iterator[Finding]:
    low, high = THANK_YOU_WORDS
    if len(t.words) > high:
        yield from _over(t, "RULE-T4", WARNING, high, "a thank-you's limit")
    elif len(t.words) < low:
        yield _body(
            "RULE-T4",
            WARNING,
            t.body,
            f"{len(t.words)} words: a thank-you needs {low} or more to say what you "
            "learned and what you'll do with it.",
        )


def _cites(body: str, item: str) -> bool:
    words = set(_content_words(item))
    needed = min(CITE_WORDS, len(words))
    found = sum(1 for w in words if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", body, re.I))
    return needed > 0 and found >= needed


def check_t1(t: _Text) -> Iterator[Finding]:
    cited = [item for item in t.draft.cited if item.strip()]
    if any(_cites(t.body_text, item) for item in cited):
        return
    yield _body(
        "RULE-T1",
        ERROR,
        _head(t),
        "Name one specific thing they said (from your notes) and what you'll do with it."
        if cited
        else "Nothing captured from this conversation yet: capture one thing they said, "
        "then cite it here.",
    )


# Drafting: unfinished templates and text that isn't prose (RULE-D1, RULE-D2) ----------------

# A field name: a word of 2-40 characters and up to three more ("{Company Name}").
_FIELD_NAME = r"[A-Za-z][A-Za-z0-9_.-]{1,39}(?: [A-Za-z][A-Za-z0-9_]{0,19}){0,3}"
# Not after a letter, digit, "$", "%", "\\", a brace, a backtick or f' / f": LaTeX, shell,
# printf, Markdown code and Python f-strings are not template fields.
_UNFILLED = re.compile(
    r"(?<![\w$%\\{}`])(?<![fF]['\"])(?:\{\{ ?"
    + _FIELD_NAME
    + r" ?\}\}|\{"
    + _FIELD_NAME
    + r"\})(?!\})"
)
# "[Name]", "[Company]", "[your name]", "[One specific thing you learned]", "[what you'll do]";
# not "[sic]", "[1]", "[the course]" or a Markdown link "[text](url)".
_PROMPT_WORDS = (
    r"(?:first |last |full |your |their |contact |recipient'?s? )?(?:name|company"
    r"(?: name)?|organi[sz]ation|school|university|field|industry|title|job title"
    r"|role|position|date|time|topic|event|city|link|url)"
)
_PROMPT_START = (
    r"(?:one|what|how|why|when|where|insert|add|mention|describe|something|"
    r"specific|your|their|a specific|name of)\b[^\[\]\n]{2,100}"
)
_BRACKET_PROMPT = re.compile(r"\[(?:" + _PROMPT_WORDS + r"|" + _PROMPT_START + r")\](?!\()", re.I)


def _placeholders(text: str) -> Iterator[re.Match[str]]:
    found = sorted(
        [*_UNFILLED.finditer(text), *_BRACKET_PROMPT.finditer(text)], key=lambda m: m.start()
    )
    return iter(found)


def check_d1(t: _Text) -> Iterator[Finding]:
    for field, text in (("subject", t.draft.subject), ("body", t.draft.body)):
        for match in _placeholders(text):
            yield Finding(
                "RULE-D1",
                ERROR,
                field,
                match.start(),
                match.end(),
                f"“{match[0]}” is still a template field: fill it in, or write the words yourself.",
            )


_SEPARATOR = re.compile(r"(?<=[\w)])[ \t]*[|•][ \t]*(?=[\w(])")
_COMMON = frozenset(
    re.findall(
        r"\S+",
        """
about above after again also always among another anyone anything around back because been
before being best better both came come could does doing done down each even ever every first
from gave give given glad going good great have having hear heard help here hope into just
keep know last less like little long look love made make many maybe more most much must near
need next often once only open other over part perhaps please quite rather really said same
see seen share should since some soon still such sure take than thank thanks that their them
then there these they thing things think this those though through time times today told
took very want week weeks well went were what when where which while will wish with within
without would year years your yours you're you've you'd i'm i've i'd i'll minutes minute call
chat coffee advice perspective perspectives insight insights experience learn learning
""",
    )
)
REPEAT_CONTENT_WORDS = 3  # a run of this many content words, said twice
REPEAT_ANY_WORDS = 6  # or of this many words of any kind


_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»…-–—*_"


def _token(word: str) -> str:
    return word.strip(_PUNCTUATION).lower()


def _bare(text: str, span: Span) -> Span:
    """The span without the punctuation around its words ("roles," -> "roles")."""
    start, end = span
    while start < end and text[start] in _PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _PUNCTUATION:
        end -= 1
    return start, end


def _is_content(token: str) -> bool:
    return len(token) >= 4 and token.isalpha() and token not in _COMMON


def _facts(draft: Draft) -> list[str]:
    facts = (
        draft.field_broad,
        draft.field_narrow,
        draft.organization,
        draft.school,
        draft.met_at,
        draft.referrer,
    )
    return [" ".join(_token(w) for w in fact.split()) for fact in facts if fact.strip()]


def _repeated_phrase(t: _Text) -> tuple[Span, str] | None:
    """The second occurrence of the first phrase said twice (not one of the draft's facts)."""
    words = [(span, _token(t.draft.body[span[0] : span[1]])) for span in t.words]
    facts = _facts(t.draft)
    seen: dict[tuple[str, ...], int] = {}
    for size, content_only in ((REPEAT_ANY_WORDS, False), (REPEAT_CONTENT_WORDS, True)):
        seen.clear()
        for i in range(len(words) - size + 1):
            gram = tuple(token for _, token in words[i : i + size])
            if not all(gram) or (content_only and not all(map(_is_content, gram))):
                continue
            first = seen.setdefault(gram, i)
            phrase = " ".join(gram)
            if first + size <= i and not any(phrase in fact for fact in facts):
                span = (words[i][0][0], words[i + size - 1][0][1])
                return _bare(t.draft.body, span), phrase
    return None


def _doubled_word(t: _Text) -> tuple[Span, str] | None:
    for a, b in zip(t.words, t.words[1:], strict=False):
        word = _token(t.draft.body[a[0] : a[1]])
        if (
            _is_content(word)
            and word == _token(t.draft.body[b[0] : b[1]])
            and t.draft.body[a[1] : b[0]].isspace()
        ):
            return _bare(t.draft.body, (a[0], b[1])), word
    return None


def check_d2(t: _Text) -> Iterator[Finding]:
    start, end = t.body
    separator = _SEPARATOR.search(t.draft.body, start, end)
    if separator:
        yield _body(
            "RULE-D2",
            WARNING,
            (separator.start(), separator.end()),
            f"“{separator[0].strip()}” separates keywords, like a headline: say it as a sentence.",
        )
    doubled = _doubled_word(t)
    if doubled:
        yield _body("RULE-D2", WARNING, doubled[0], f"“{doubled[1]}” twice in a row.")
    repeated = _repeated_phrase(t)
    if repeated:
        yield _body(
            "RULE-D2",
            WARNING,
            repeated[0],
            f"“{repeated[1]}” is said twice: a pasted headline or phrase? Say it once.",
        )


_REQUEST_BODY: list[Check] = [
    check_e1,
    check_e2,
    check_e4,
    check_e5,
    check_e6,
    check_e7,
    check_e8,
    check_e9,
]
_DRAFTING: list[Check] = [check_d1, check_d2]
CHECKS: dict[str, list[Check]] = {
    REQUEST: [*_REQUEST_BODY, check_e3, check_e10, check_e11, *_DRAFTING],
    LINKEDIN_MESSAGE: [*_REQUEST_BODY, check_e3_body, check_e11, *_DRAFTING],
    LINKEDIN_NOTE: [
        check_li1,
        check_li2,
        check_li3,
        check_e3_body,
        check_e9,
        check_e11,
        *_DRAFTING,
    ],
    FOLLOW_UP: [check_t5, check_e2, check_e3_body, check_e5, check_e9, check_e11, *_DRAFTING],
    ACCEPT: [check_s1, check_e3_body, check_e9, check_e11, *_DRAFTING],
    THANK_YOU: [check_t4, check_t1, check_e3, check_e9, check_e11, *_DRAFTING],
}
# A follow-up may end on "no worries if now isn't a good time": a question helps, it's no must.
SOFTENED: dict[str, frozenset[str]] = {FOLLOW_UP: frozenset({"RULE-E5"})}
_ORDER = {ERROR: 0, WARNING: 1}


def lint(draft: Draft | str) -> list[Finding]:
    """Every finding for the draft, errors first, then in reading order."""
    if isinstance(draft, str):
        draft = Draft(body=draft)
    text = _prepare(draft)
    softened = SOFTENED.get(draft.kind, frozenset())
    findings = []
    for check in CHECKS.get(draft.kind, CHECKS[REQUEST]):
        for finding in check(text):
            if finding.rule in softened and finding.severity == ERROR:
                finding = Finding(
                    finding.rule,
                    WARNING,
                    finding.field,
                    finding.start,
                    finding.end,
                    finding.message,
                )
            findings.append(finding)
    return sorted(findings, key=lambda f: (_ORDER[f.severity], f.field != "subject", f.start))


def error_rules(findings: list[Finding]) -> set[str]:
    """The ids of the rules that block sending."""
    return {f.rule for f in findings if f.is_error}


def word_count(text: str) -> int:
    """Words in the body of `text` (between greeting and sign-off)."""
    return len(words_in(text, body_span(text)))
