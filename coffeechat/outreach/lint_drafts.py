"""Drafting slips, for every kind of message: a template field left unfilled (RULE-D1) and
text that is plainly not prose, a phrase or word said twice (RULE-D2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coffeechat.outreach.lint_findings import (
    ERROR,
    WARNING,
    Draft,
    Finding,
)
from coffeechat.outreach.lint_text import (
    Span,
    Text,
    body_finding,
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


def check_d1(t: Text) -> Iterator[Finding]:
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


def _repeated_phrase(t: Text) -> tuple[Span, str] | None:
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


def _doubled_word(t: Text) -> tuple[Span, str] | None:
    for a, b in zip(t.words, t.words[1:], strict=False):
        word = _token(t.draft.body[a[0] : a[1]])
        if (
            _is_content(word)
            and word == _token(t.draft.body[b[0] : b[1]])
            and t.draft.body[a[1] : b[0]].isspace()
        ):
            return _bare(t.draft.body, (a[0], b[1])), word
    return None


def check_d2(t: Text) -> Iterator[Finding]:
    start, end = t.body
    separator = _SEPARATOR.search(t.draft.body, start, end)
    if separator:
        yield body_finding(
            "RULE-D2",
            WARNING,
            (separator.start(), separator.end()),
            f"“{separator[0].strip()}” separates keywords, like a headline: say it as a sentence.",
        )
    doubled = _doubled_word(t)
    if doubled:
        yield body_finding("RULE-D2", WARNING, doubled[0], f"“{doubled[1]}” twice in a row.")
    repeated = _repeated_phrase(t)
    if repeated:
        yield body_finding(
            "RULE-D2",
            WARNING,
            repeated[0],
            f"“{repeated[1]}” is said twice: a pasted headline or phrase? Say it once.",
        )
