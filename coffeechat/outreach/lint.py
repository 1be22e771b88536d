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

from coffeechat.outreach.lint_drafts import check_d1, check_d2
from coffeechat.outreach.lint_findings import (
    ACCEPT,
    ERROR,
    FOLLOW_UP,
    LINKEDIN_MESSAGE,
    LINKEDIN_NOTE,
    REQUEST,
    THANK_YOU,
    WARNING,
    Draft,
    Finding,
)
from coffeechat.outreach.lint_jobwords import check_e3, check_e3_body
from coffeechat.outreach.lint_rules import (
    check_e1,
    check_e2,
    check_e4,
    check_e5,
    check_e6,
    check_e7,
    check_e8,
    check_e9,
    check_e10,
    check_e11,
    check_li1,
    check_li2,
    check_li3,
    check_s1,
    check_t1,
    check_t4,
    check_t5,
)
from coffeechat.outreach.lint_text import (
    Check,
    body_span,
    prepare,
    words_in,
)

# Rules ------------------------------------------------------------------------------------


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
    text = prepare(draft)
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
