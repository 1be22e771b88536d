"""What the lint reads and what it says: the kinds of message, the limits, the severities,
a `Draft` in and `Finding`s out, and the one-line why of each rule (shown with a finding)."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.lib import findings

ERROR, WARNING = findings.ERROR, findings.WARNING

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
class Finding(findings.Finding):
    WHY = WHY

    field: str  # "body" or "subject"
    start: int
    end: int
    message: str

    def excerpt(self, draft: Draft) -> str:
        text = draft.subject if self.field == "subject" else draft.body
        return text[self.start : self.end]
