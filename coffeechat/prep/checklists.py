"""Checklists and prompts from the method, as data: research (method.md 7.1), what to bring
(7.3) and the reflection prompts for right after the meeting (9)."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.conversations.models import Meeting

Mode = Meeting.Mode


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    group: str = ""
    modes: tuple[str, ...] = (Mode.IN_PERSON, Mode.PHONE, Mode.VIDEO)


RESEARCH = (
    Item("profile", "Read their profile or bio", "person"),
    Item("their-work", "Looked for something they wrote, said or built", "person"),
    Item("website", "The organization's website: front page and newsroom", "organization"),
    Item("news", "Recent news, including bad press (know it, don't raise it)", "organization"),
    Item("basics", "Field basics: what the work is and who does it", "field"),
    Item("occupation", "An occupation brief: O*NET tasks and skills, BLS outlook and pay", "field"),
    Item("no-searchable", "None of my questions is answered by a quick web search", "field"),
)
RESEARCH_GROUPS = (
    ("person", "The person"),
    ("organization", "The organization"),
    ("field", "The field"),
)

RESEARCH_GROUP = {item.key: item.group for item in RESEARCH}

BRING = (
    Item("questions", "My questions, written down, and something to take brief notes on"),
    Item("resume", "Resume copies, handed over only if they ask", modes=(Mode.IN_PERSON,)),
    Item("card", "A business or contact card", modes=(Mode.IN_PERSON,)),
    Item("early", "Arrive 10–15 minutes early", modes=(Mode.IN_PERSON,)),
    Item("dress", "Dressed at least business casual", modes=(Mode.IN_PERSON, Mode.VIDEO)),
    Item("pay", "Ready to pay for the coffee (I invited)", modes=(Mode.IN_PERSON,)),
    Item(
        "link",
        "Link or number tested, a quiet place, a charged device",
        modes=(Mode.PHONE, Mode.VIDEO),
    ),
    Item(
        "resume-file",
        "My resume ready to send, only if they offer to look",
        modes=(Mode.PHONE, Mode.VIDEO),
    ),
)

REFLECTION = (
    Item("learned", "What new facts did I learn?"),
    Item("satisfied", "Would I be satisfied doing the work they described?"),
    Item("dislikes", "Would the downsides they mentioned bother me?"),
    Item("competitive", "What do I need to do to become a strong candidate?"),
    Item("view", "Did my view of the field change?"),
    Item("next", "What else do I need to know, and whom else should I ask?"),
)

RESEARCH_KEYS = frozenset(i.key for i in RESEARCH)
BRING_KEYS = frozenset(i.key for i in BRING)
REFLECTION_KEYS = frozenset(i.key for i in REFLECTION)


def bring_for(mode: str) -> list[Item]:
    """The what-to-bring items that apply to a meeting of this mode."""
    return [item for item in BRING if mode in item.modes]
