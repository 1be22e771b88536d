"""Job words (RULE-E3): an error only in a phrase that asks for a job, nothing in another
sense or in a name, a warning otherwise (method.md 4.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coffeechat.outreach.lint_findings import (
    ERROR,
    WARNING,
    Finding,
)
from coffeechat.outreach.lint_text import (
    Text,
    inside,
    spans_of,
    words_pattern,
)

# Job words (RULE-E3). A word is only an error when the words around it are about seeking a
# job ("are you hiring", "any openings", "I'd like to apply"); the same word in another sense
# ("how you position the product", "applied mathematics", "great job on your talk", "hiring
# managers") is no finding, and in a name ("Steve Jobs", "Applied Materials", the recipient's
# organization) never one. Anything else is ambiguous: a warning.
_JOB_WORD = words_pattern(
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


def _job_words(t: Text, field: str, text: str) -> Iterator[Finding]:
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
    seeking, other = spans_of(_SEEKING, text), spans_of(_OTHER_SENSE, text)
    title_case = _is_title_case(text)
    for match in _JOB_WORD.finditer(text):
        span = (match.start(), match.end())
        if inside(span, seeking):
            yield Finding(
                "RULE-E3", ERROR, field, *span, f"“{match[0]}” sounds like you're asking for a job."
            )
        elif not (
            inside(span, named) or inside(span, other) or _in_a_name(text, match, title_case)
        ):
            yield Finding(
                "RULE-E3",
                WARNING,
                field,
                *span,
                f"“{match[0]}” may read as a job request: make sure it's about their advice.",
            )


def check_e3(t: Text) -> Iterator[Finding]:
    yield from _job_words(t, "subject", t.draft.subject)
    yield from _job_words(t, "body", t.draft.body)


def check_e3_body(t: Text) -> Iterator[Finding]:
    yield from _job_words(t, "body", t.draft.body)
