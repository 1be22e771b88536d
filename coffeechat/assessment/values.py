"""Work values to pick from (method.md RULE-A2: picked or written, then ranked), in our own words.

A chosen value is stored by its key, so a later rewording here changes how it reads without
touching anyone's choices. Never reuse a key for a different value.
"""

from __future__ import annotations

from dataclasses import dataclass

TOP = 5  # the top of the ranking is what to look for first (highlighted)


@dataclass(frozen=True)
class Value:
    key: str
    name: str
    description: str


VALUES: tuple[Value, ...] = (
    Value("autonomy", "Autonomy", "Deciding how and when I do my work."),
    Value("security", "Security", "A steady job and an income I can count on."),
    Value("helping", "Helping others", "Making a direct difference to people."),
    Value("creativity", "Creativity", "Coming up with new ideas and making new things."),
    Value("recognition", "Recognition", "My work is seen, credited and respected."),
    Value("variety", "Variety", "Different tasks, places or people from week to week."),
    Value("balance", "Balance", "Time and energy left for life outside work."),
    Value("pay", "Pay", "Earning well for what I do."),
    Value("learning", "Learning", "Always picking up new skills and knowledge."),
    Value("location", "Location and remote work", "Working from where I choose to live."),
    Value("team", "Team", "Working closely with people I like and trust."),
    Value("mission", "Mission", "Working toward a cause I believe in."),
    Value("achievement", "Achievement", "Seeing clear results from my effort."),
    Value("influence", "Influence", "Leading people and having a say in decisions."),
    Value("challenge", "Challenge", "Hard problems that stretch me."),
    Value("mastery", "Mastery", "Becoming truly expert at one thing."),
    Value("structure", "Structure", "Clear expectations and a predictable routine."),
    Value("excitement", "Excitement", "A fast pace, with something new happening often."),
)
BY_KEY: dict[str, Value] = {value.key: value for value in VALUES}
