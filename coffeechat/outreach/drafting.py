"""Built-in outreach templates (our own words, method.md section 14) and how they get filled.

A template is a subject and a body with `{placeholders}`. `fill` replaces the ones it has a
value for and leaves the others visible, so "{school}" shows the user what is still missing
(and `services.send_draft` refuses to send a message that still has one).

The built-ins are chosen by kind and, for a first request, by how the user knows the person:
alumni (T1), referred (T2), fan mail (T3), a shared group, event or acquaintance, and cold.
The thank-you (T8) is written from the conversation's notes by prep.thank_you.thank_you_draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from coffeechat.lib.businessdays import WorkingCalendar
from coffeechat.outreach.models import MessageKind

Kind = MessageKind


@dataclass(frozen=True)
class BuiltIn:
    key: str
    name: str
    kind: str
    subject: str
    body: str
    connections: tuple[str, ...] = ()  # for first requests: the connections it suits


_SIGNATURE = "{signature}"
BUILT_INS = [
    BuiltIn(
        "alumni",
        "Fellow alum (T1)",
        Kind.REQUEST,
        connections=("alumni",),
        subject="Fellow {school} alum: your advice on {field_broad}",
        body="Hi {first_name},\n\n"
        "I'm a fellow {school} graduate and found you through our alumni network. "
        "I'm exploring {interest}, and {their_work} stood out to me. "
        "Would you be open to a {minutes}-minute call in the next few weeks to share your "
        f"perspective?\n\nThank you,\n{_SIGNATURE}\n",
    ),
    BuiltIn(
        "referred",
        "Referred by someone (T2)",
        Kind.REQUEST,
        connections=("referral",),
        subject="{referrer} suggested I reach out",
        body="Hi {first_name},\n\n"
        "{referrer} suggested I get in touch with you. "
        "I'm learning about {interest}, and would value your insight on {topic}. "
        "Could you spare {minutes} minutes in the next two weeks to share your "
        f"perspective?\n\nThank you,\n{_SIGNATURE}\n",
    ),
    BuiltIn(
        "fan",
        "Fan mail: their article or talk (T3)",
        Kind.REQUEST,
        connections=("fan",),
        subject="Your work, and a question about {field_broad}",
        body="Hi {first_name},\n\n"
        "I enjoyed your work ({met_at}) and it stayed with me. "
        "I'm exploring {interest}, and would love to hear your thoughts on {topic}. "
        "Would you have {minutes} minutes at a time that suits you to share your "
        f"perspective?\n\nThank you,\n{_SIGNATURE}\n",
    ),
    BuiltIn(
        "shared",
        "Shared group, event or acquaintance",
        Kind.REQUEST,
        connections=("group", "event", "known"),
        subject="{connection_subject}: your advice on {field_broad}",
        body="Hi {first_name},\n\n"
        "{connection_phrase}, and {their_work} has been on my mind since. "
        "I'm exploring {interest}, and would value your insight on {topic}. "
        "Would you be open to a {minutes}-minute call in the next few weeks to share your "
        f"perspective?\n\nThank you,\n{_SIGNATURE}\n",
    ),
    BuiltIn(
        "cold",
        "Cold: no connection yet",
        Kind.REQUEST,
        connections=("cold",),
        subject="A question about {field_broad}",
        body="Hi {first_name},\n\n"
        "I found you through {met_at}, and {their_work} stood out to me. "
        "I'm exploring {interest}, and would value your perspective on {topic}. "
        "Would you be open to a {minutes}-minute call in the next few weeks to share your "
        "experience?\n\n"
        f"Thank you,\n{_SIGNATURE}\n",
    ),
    BuiltIn(
        "linkedin-note",
        "Connection note (T4)",
        Kind.LINKEDIN_NOTE,
        subject="",
        body="Hi {first_name}, {connection_phrase}. I'm exploring {field_broad} and your path "
        "caught my eye. I'd be glad to connect.",
    ),
    BuiltIn(
        "linkedin-message",
        "Message after connecting",
        Kind.LINKEDIN_MESSAGE,
        subject="",
        body="Hi {first_name},\n\n"
        "Thank you for connecting: {connection_clause}. "
        "I'm exploring {interest}, and {their_work} stood out to me. "
        "Would you be open to a {minutes}-minute call in the next few weeks to share your "
        "perspective?\n\nThanks,\n{my_name}\n",
    ),
    BuiltIn(
        "follow-up",
        "The one follow-up (T5)",
        Kind.FOLLOW_UP,
        subject="Re: {request_subject}",
        body="Hi {first_name},\n\n"
        "I'm bringing my note back to the top of your inbox in case it got buried. "
        "Would you still have {minutes} minutes in the coming weeks to share your "
        "perspective on {topic}? No worries if now isn't a good time.\n\n"
        "Thanks,\n{my_name}\n",
    ),
    BuiltIn(
        "accept",
        "Yes, let's meet: offer times (T6)",
        Kind.ACCEPT,
        subject="Re: {request_subject}",
        body="Hi {first_name},\n\n"
        "Thank you for getting back to me! Would any of these work (times in "
        "{time_zone})?\n\n{slots}\n\n"
        "Happy to adjust to your schedule. I'll send a calendar invite with a video link.\n\n"
        "Best,\n{my_name}\n",
    ),
    # Shown as written on the templates page; in the composer the suggested thank-you is
    # written from the conversation's notes instead (services.prefill, prep.thank_you.thank_you_draft).
    BuiltIn(
        "thank-you",
        "Thank-you after you met (T8)",
        Kind.THANK_YOU,
        subject="Thank you — {topic}",
        body="Hi {first_name},\n\n"
        "Thank you for taking the time to talk with me. [One specific thing you learned "
        "or valued.] Based on your advice, I'm going to [what you will do]. "
        "I'll let you know how it goes.\n\n"
        "Thanks again,\n{my_name}\n",
    ),
]
BUILT_INS_BY_KEY = {t.key: t for t in BUILT_INS}

PLACEHOLDERS = {
    "first_name": "their first name",
    "full_name": "their full name",
    "title": "their job title",
    "organization": "their organization",
    "their_work": "“your work as {title} at {organization}”, shortened when unknown",
    "met_at": "where you met them, or what of theirs you read or heard",
    "referrer": "who suggested you write (the introducer on their page)",
    "connection_phrase": "one sentence on how you're connected, e.g. “I'm a fellow X alum”",
    "connection_clause": "the same, to follow a colon",
    "connection_subject": "how you're connected, for a subject line (“Data Days 2026”)",
    "school": "your school",
    "field_broad": "the field you're exploring",
    "field_narrow": "your focus within it",
    "interest": "the field, with your focus when you have one",
    "topic": "what you hope to learn (the conversation's purpose)",
    "minutes": "your usual meeting length",
    "my_name": "your name",
    "profile_url": "your profile link",
    "signature": "how you sign (your name and profile link unless you wrote your own)",
    "request_subject": "the subject of your first request",
    "time_zone": "your time zone",
    "slots": "three times on your next business days",
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")

# Where the user gives each placeholder its value, so the composer can link there: a section of
# /you/ (by its anchor), the person's edit form, or their page (introductions). The others
# (minutes, slots, time zone, the request's subject, the topic) always have a value.
YOU, PERSON_EDIT, PERSON = "you", "person-edit", "person"
PLACEHOLDER_HOMES: dict[str, tuple[str, str]] = {
    "first_name": (PERSON_EDIT, ""),
    "full_name": (PERSON_EDIT, ""),
    "title": (PERSON_EDIT, ""),
    "organization": (PERSON_EDIT, ""),
    "their_work": (PERSON_EDIT, ""),
    "met_at": (PERSON_EDIT, ""),
    "connection_phrase": (PERSON_EDIT, ""),
    "connection_clause": (PERSON_EDIT, ""),
    "connection_subject": (PERSON_EDIT, ""),
    "referrer": (PERSON, "intro-h"),
    "school": (YOU, "school"),
    "field_broad": (YOU, "fields"),
    "field_narrow": (YOU, "fields"),
    "interest": (YOU, "fields"),
    "my_name": (YOU, "contact"),
    "profile_url": (YOU, "profile-link"),
    "signature": (YOU, "signature"),
}


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced by its value; empty ones stay visible."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1]) or m[0], text)


def unfilled(text: str) -> list[str]:
    """The placeholders still in `text`, in order, each once."""
    return list(dict.fromkeys(m[0] for m in _PLACEHOLDER.finditer(text)))


def built_ins_for(kind: str) -> list[BuiltIn]:
    return [t for t in BUILT_INS if t.kind == kind]


def suggested(kind: str, connection: str) -> BuiltIn:
    """The built-in for this kind that suits the connection (the first one when none does)."""
    choices = built_ins_for(kind)
    return next((t for t in choices if connection in t.connections), choices[0])


# Values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """Everything a template may say, gathered by the service from the database."""

    first_name: str
    full_name: str
    title: str = ""
    organization: str = ""
    connection: str = "cold"
    met_at: str = ""
    referrer: str = ""
    purpose: str = ""
    school: str = ""
    field_broad: str = ""
    field_narrow: str = ""
    minutes: int = 20
    my_name: str = ""
    profile_url: str = ""
    signature: str = ""  # the user's own lines; empty: their name and profile link
    request_subject: str = ""
    time_zone: str = ""
    slots: tuple[datetime, ...] = ()


def values_for(facts: Facts) -> dict[str, str]:
    """The placeholder values for these facts ("" where nothing sensible can be said)."""
    phrase = connection_phrase(facts)
    return {
        "first_name": facts.first_name,
        "full_name": facts.full_name,
        "title": facts.title,
        "organization": facts.organization,
        "their_work": their_work(facts),
        "met_at": facts.met_at,
        "referrer": facts.referrer,
        "connection_phrase": phrase,
        "connection_clause": _clause(phrase),
        "connection_subject": connection_subject(facts),
        "school": facts.school,
        "field_broad": facts.field_broad or facts.field_narrow,
        "field_narrow": facts.field_narrow,
        "interest": interest(facts),
        "topic": topic(facts),
        "minutes": str(facts.minutes),
        "my_name": facts.my_name,
        "profile_url": facts.profile_url,
        "signature": facts.signature.strip()
        or "\n".join(v for v in (facts.my_name, facts.profile_url) if v),
        "request_subject": facts.request_subject,
        "time_zone": facts.time_zone,
        "slots": " · ".join(f"{slot:%a %d %b, %H:%M}" for slot in facts.slots),
    }


def their_work(facts: Facts) -> str:
    if facts.title and facts.organization:
        return f"your work as {facts.title} at {facts.organization}"
    if facts.organization:
        return f"your work at {facts.organization}"
    return f"your work as {facts.title}" if facts.title else "your work"


def interest(facts: Facts) -> str:
    if facts.field_broad and facts.field_narrow:
        return f"{facts.field_broad}, especially {facts.field_narrow}"
    return facts.field_broad or facts.field_narrow


def topic(facts: Facts) -> str:
    """The conversation's purpose as a phrase that can follow "on" ("how teams ...")."""
    purpose = facts.purpose.strip().rstrip(".?!")
    if not purpose:
        return (
            "how you got where you are"
            if not facts.field_broad
            else f"how you see {facts.field_broad} developing"
        )
    # "How teams choose" -> "how teams choose", but keep "SQL ..." and "Dana's ..." as written.
    first = purpose.split()[0]
    return purpose[0].lower() + purpose[1:] if first.istitle() and "'" not in first else purpose


# Where people are "met" without meeting: an import from LinkedIn says met_at="LinkedIn", and
# "It's been a while since LinkedIn" or "We met at LinkedIn" would read as nonsense.
PLATFORMS = frozenset(
    {
        "linkedin",
        "xing",
        "facebook",
        "twitter",
        "x",
        "instagram",
        "github",
        "mastodon",
        "bluesky",
        "slack",
        "discord",
        "meetup",
    }
)


def _is_platform(met: str) -> bool:
    return met.strip().casefold() in PLATFORMS


def connection_subject(facts: Facts) -> str:
    """How the user knows the person, as the start of a subject line."""
    if _is_platform(facts.met_at):
        return f"Our {facts.met_at.strip()} connection"
    return facts.met_at


def connection_phrase(facts: Facts) -> str:
    """One sentence, without its full stop, on how the user knows the person."""
    met = facts.met_at
    if met and _is_platform(met) and facts.connection in ("known", "group", "event"):
        return f"We're connected on {met.strip()}"
    phrases = {
        "alumni": f"I'm a fellow {facts.school} alum" if facts.school else "I'm a fellow alum",
        "referral": (
            f"{facts.referrer} suggested I reach out"
            if facts.referrer
            else "{referrer} suggested I reach out"
        ),
        "known": f"It's been a while since {met}" if met else "It's good to be back in touch",
        "group": f"We're both part of {met}" if met else "We're in the same community",
        "event": f"We met at {met}" if met else "We met at an event recently",
        "fan": f"I enjoyed your work ({met})" if met else "I've enjoyed your work",
        "cold": f"I found you through {met}" if met else "",
    }
    return phrases.get(facts.connection, "")


def _clause(phrase: str) -> str:
    # Lower-case "We met..." after a colon; "I'm" and a referrer's name keep their capital.
    if phrase.startswith(("We ", "It's ")):
        return phrase[0].lower() + phrase[1:]
    return phrase


SLOT_HOURS = (time(10), time(14), time(11))


def slots_after(calendar: WorkingCalendar, now: datetime) -> tuple[datetime, ...]:
    """Three times on the user's next business days: 10:00, 14:00, 11:00 (their clock)."""
    day = calendar.local_date(now)
    slots = []
    for hour in SLOT_HOURS:
        day = calendar.next_business_day(day)
        slots.append(datetime.combine(day, hour, tzinfo=calendar.zone))
    return tuple(slots)


def render(subject: str, body: str, facts: Facts) -> tuple[str, str]:
    """The template's subject and body, filled with these facts."""
    values = values_for(facts)
    subject = fill(subject, values)
    # "{connection_subject}: ..." may start with "the Data Days conference".
    return subject[:1].upper() + subject[1:], fill(body, values)
