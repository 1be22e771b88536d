"""The built-in question bank (method.md 8.2, in our own wording) and how we suggest from it.

How suggestions work (simple keyword heuristics, on purpose):

1. A core set is suggested: the advice question, "who else should I talk to", a warm-up,
   one trend, one insight and the closing check. Together they walk TIARA.
2. Words in the conversation's purpose add the questions they ask for, e.g. "typical week" adds
   the day-to-day question, "break into" or "switch" adds entry routes and skills
   (`PURPOSE_HINTS`).
3. Words in the person's title add what that person is best placed to answer: a senior title
   (director, lead, head, founder...) adds the formative-projects and trend-at-work questions;
   an early-career title (associate, junior, analyst...) adds how they got in and what a week
   looks like; a recruiter adds skills and entry routes (`ROLE_HINTS`).
4. Obstacles the user raises in this conversation (see hooks.py) add the skills question.

At most `MAX_HINTED` hinted questions are taken (purpose hints first), then the core set fills
up to `MAX_SUGGESTED`, and the result is in the bank's TIARA order. The first hinted question
(or, without hints, the trends question), plus the advice and referral questions, are the
suggested "must ask" three (RULE-P1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coffeechat.prep.models import Category

MAX_SUGGESTED = 8


@dataclass(frozen=True)
class BankQuestion:
    key: str
    category: str
    text: str
    when: str
    purpose: str

    @property
    def category_label(self) -> str:
        return Category(self.category).label


BANK: tuple[BankQuestion, ...] = (
    BankQuestion(
        "rapport",
        Category.RAPPORT,
        "What brought you to this team, and to this city?",
        "first 2–3 minutes",
        "warm up",
    ),
    BankQuestion(
        "trends",
        Category.TRENDS,
        "What changes are shaping your field most right now?",
        "early",
        "lets them speak as the expert",
    ),
    BankQuestion(
        "trend-at-work",
        Category.TRENDS,
        "How is [a trend from your research] changing the work on your team?",
        "early",
        "shows you prepared",
    ),
    BankQuestion(
        "surprise",
        Category.INSIGHTS,
        "What surprised you once you were doing this work?",
        "middle",
        "an insider's view",
    ),
    BankQuestion(
        "misread",
        Category.INSIGHTS,
        "What do people outside the field tend to get wrong about it?",
        "middle",
        "corrects your picture",
    ),
    BankQuestion(
        "advice",
        Category.ADVICE,
        "If you were starting where I am, what would you put your energy into first?",
        "middle",
        "turns them into a mentor",
    ),
    BankQuestion(
        "resources",
        Category.RESOURCES,
        "Which groups, events, newsletters or courses would you point me to?",
        "middle",
        "leads to follow",
    ),
    BankQuestion(
        "referral",
        Category.RESOURCES,
        "Who else would be worth talking to? Would you be comfortable with me "
        "mentioning your name?",
        "late or closing",
        "grows your network, with permission",
    ),
    BankQuestion(
        "formative",
        Category.ASSIGNMENTS,
        "Which projects taught you the most early on?",
        "late",
        "what to build or practise",
    ),
    BankQuestion(
        "next-month",
        Category.ASSIGNMENTS,
        "What is one thing you'd suggest I do in the coming month?",
        "late",
        "gives you a reason to report back",
    ),
    BankQuestion(
        "path",
        Category.PATH,
        "How did you get from where you started to the role you have now?",
        "any time; a good opener",
        "their story",
    ),
    BankQuestion(
        "week",
        Category.PATH,
        "What does a usual week look like for you? Roughly where does the time go?",
        "questions",
        "the reality behind the job description",
    ),
    BankQuestion(
        "likes",
        Category.PATH,
        "What do you enjoy most about the work, and what wears you down?",
        "questions",
        "signals of fit",
    ),
    BankQuestion(
        "skills",
        Category.PATH,
        "Which skills or credentials make the biggest difference for getting in? "
        "Is further study worth it?",
        "questions",
        "your gaps",
    ),
    BankQuestion(
        "entry",
        Category.PATH,
        "What are the usual first titles in this area, and how do people land them?",
        "questions",
        "where to aim",
    ),
    BankQuestion(
        "culture",
        Category.PATH,
        "What is it like to work at [organization]? How does your team work together?",
        "questions",
        "employer fit",
    ),
    BankQuestion(
        "outlook",
        Category.PATH,
        "Is the field growing? Where do you see room for newcomers?",
        "questions",
        "strategy",
    ),
    BankQuestion(
        "related",
        Category.PATH,
        "Which neighbouring roles should I also look at?",
        "questions",
        "wider options",
    ),
    BankQuestion(
        "missed",
        Category.CLOSING,
        "Is there anything I should have asked and didn't?",
        "closing",
        "catches blind spots",
    ),
    BankQuestion(
        "resume",
        Category.CLOSING,
        "Would you be open to glancing at my resume some time?",
        "closing, only with rapport and time left",
        "feedback",
    ),
    BankQuestion(
        "keep-posted",
        Category.CLOSING,
        "May I let you know how I get on with your advice?",
        "closing",
        "permission to keep in touch",
    ),
)
BY_KEY = {q.key: q for q in BANK}
ORDER = {q.key: i for i, q in enumerate(BANK)}

# The core set, most important first (trimmed from the end when hints take the room).
CORE_BY_PRIORITY = ("advice", "referral", "rapport", "trends", "surprise", "missed")
MAX_HINTED = 3
MUST_ASK_CORE = ("advice", "referral")

# (pattern, keys): a purpose matching the pattern asks for these questions.
PURPOSE_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\b(day|week|daily|typical|routine|like to work|what it'?s like)", ("week", "likes")),
    (
        r"\b(break in|get in|get into|entry|switch|transition|pivot|first role|junior|start)",
        ("entry", "skills", "path"),
    ),
    (r"\b(skill|learn|certificat|degree|grad school|master|bootcamp|course|qualif)", ("skills",)),
    (r"\b(culture|team|company|organi[sz]ation|work at|environment)", ("culture",)),
    (r"\b(trend|future|grow|outlook|market|changing|ai\b)", ("outlook", "trend-at-work")),
    (r"\b(option|compare|path|alternativ|roles?\b|decid|choose)", ("related", "path")),
    (r"\b(career|story|how did|background)", ("path",)),
)
ROLE_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"\b(director|head|vp|vice president|lead|principal|chief|founder|partner|senior|"
        r"manager)",
        ("formative", "trend-at-work"),
    ),
    (
        r"\b(associate|junior|analyst|intern|assistant|coordinator|graduate|trainee|fellow)",
        ("entry", "week"),
    ),
    (r"\b(recruit|talent|hr\b|people partner|human resources)", ("skills", "entry")),
)


@dataclass(frozen=True)
class Suggestion:
    question: BankQuestion
    reason: str
    must_ask: bool


def _hinted(text: str, hints: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    lowered = text.lower()
    return [key for pattern, keys in hints if re.search(pattern, lowered) for key in keys]


def suggest(*, purpose: str, title: str, has_obstacles: bool = False) -> list[Suggestion]:
    """Bank questions for this purpose and person's title, in TIARA order (see module doc)."""
    reasons: dict[str, str] = {}
    for key in _hinted(purpose, PURPOSE_HINTS):
        reasons.setdefault(key, "fits your purpose")
    for key in _hinted(title, ROLE_HINTS):
        reasons.setdefault(key, "fits their role")
    if has_obstacles:
        reasons.setdefault("skills", "asks about your gaps")
    # At most MAX_HINTED hinted ones, so TIARA's core always fits in MAX_SUGGESTED.
    chosen = {key: reasons[key] for key in list(reasons)[:MAX_HINTED]}
    for key in CORE_BY_PRIORITY:
        if len(chosen) >= MAX_SUGGESTED:
            break
        chosen.setdefault(key, "core question")
    hinted = [key for key, reason in chosen.items() if reason != "core question"]
    must = {*MUST_ASK_CORE, *(hinted[:1] or ["trends"])}
    return [
        Suggestion(BY_KEY[k], chosen[k], k in must) for k in sorted(chosen, key=ORDER.__getitem__)
    ]
