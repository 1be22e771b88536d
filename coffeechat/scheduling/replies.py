"""The scheduling reply (method.md T6, in our own words): the offered times on THEIR clock."""

from __future__ import annotations

from collections.abc import Sequence

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Meeting, SlotProposal
from coffeechat.network.models import Person
from coffeechat.scheduling import zones


def _closing(mode: str, place: str) -> str:
    if mode == Meeting.Mode.IN_PERSON:
        where = f" at {place}" if place else " somewhere near your office"
        # RULE-S4: a place convenient to them, and whoever invites pays.
        return f"I'll send a calendar invitation and can meet you{where}; the coffee is on me."
    if mode == Meeting.Mode.PHONE:
        number = f" ({place})" if place else ""
        return f"I'll send a calendar invitation with the phone number for the call{number}."
    link = f" ({place})" if place else ""
    return f"I'll send a calendar invitation with the video link{link}."


def scheduling_reply(*, owner: User, person: Person, slots: Sequence[SlotProposal]) -> str:
    """The reply offering `slots`, ready to copy: times written in the person's zone
    (RULE-S1: a few specific times, and flexibility; RULE-S5)."""
    if not slots:
        return ""
    zone = zones.zone_of_person(person, owner)
    first = slots[0]
    times = "\n".join(f"- {zones.format_slot(s.starts_at, s.minutes, zone)}" for s in slots)
    signature = f"\n\n{owner.display_name}" if owner.display_name else ""
    return (
        f"Thank you, {person.first_name}! I'd be glad to talk. Would one of these times "
        f"suit you? They are in your time zone ({zones.zone_label(zone)}), "
        f"{first.minutes} minutes each:\n\n{times}\n\n"
        "If none of them works, tell me what does and I'll fit around your schedule. "
        f"{_closing(first.mode, first.place)}{signature}"
    )
