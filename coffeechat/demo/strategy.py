"""The demo's strategy chapter: Sam turns two months of conversations into a career strategy.

Three options (healthcare data analyst in focus, product analyst being explored, consulting
dropped), what people said tagged to them, a few more quick captures so that different people
visibly say the same things (SQL, volunteering, Cole Knaflic's book, Lakeview Community
Health), the themes that confirms, four obstacles (dated actions on three, one closed), and a
strategy drafted in two versions with its claims linked to the evidence. Everything goes
through the services, with moments in the past.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Note
from coffeechat.network.models import Organization
from coffeechat.prep import services as prep
from coffeechat.prep.models import Capture
from coffeechat.strategy import obstacles, services, syntheses, themes
from coffeechat.strategy.models import Evidence, Option, Theme

HEALTHCARE = "Healthcare data analyst"
PRODUCT = "Product analyst (B2B software)"
CONSULTING = "Healthcare analytics consulting"

# (person, kind, what they said): quick captures added after each conversation.
CAPTURES = [
    ("Laura Chen", "advice", "Get fluent in SQL window functions before anything fancier."),
    ("Rosa Delgado", "advice", "SQL first: every QI report starts with a query."),
    ("Rosa Delgado", "advice", "Volunteer on a health-center data project."),
    ("Patrick Nolan", "advice", "A volunteer project on our scheduling records would count."),
    ("Imani Jackson", "advice", "Volunteer to design a small evaluation for us."),
    ("Maria Esposito", "resource", "Storytelling with Data, by Cole Knaflic"),
    ("Diego Alvarez", "resource", "Read Cole Knaflic's book before your next readout."),
    ("Patrick Nolan", "insight", "Lakeview Community Health runs the best QI program around."),
    ("Laura Chen", "advice", "Look at Lakeview Community Health's data team."),
    ("Priya Natarajan", "insight", "Most of the job is writing: metric definitions and memos."),
    ("Grace Liu", "insight", "Half my week is writing specs and metric definitions."),
    ("Michael Grant", "insight", "Consultants rotate every few months; depth comes slowly."),
]

# (person, tag, option): the advice captured when the conversation was thanked, tagged.
TAGS = [
    ("Laura Chen", "gap", HEALTHCARE),
    ("Rosa Delgado", "lead", HEALTHCARE),
    ("Patrick Nolan", "fit+", HEALTHCARE),
    ("Maria Esposito", "fact", None),
    ("Michael Grant", "fit-", CONSULTING),
    ("Priya Natarajan", "fit+", PRODUCT),
    ("Grace Liu", "fit+", PRODUCT),
    ("Diego Alvarez", "fact", PRODUCT),
    ("Rachel Stein", "lead", HEALTHCARE),
]


def load(user: User, *, now: datetime) -> dict[str, int]:
    conversations = {
        c.person.full_name: c
        for c in Conversation.objects.filter(owner=user)
        .select_related("person")
        .order_by("created_at")
    }
    options = _options(user, now)
    added = _captures(conversations, now)
    evidence = _tags(user, conversations, options, added, now)
    obstacle_count = _obstacles(user, conversations, added, now)
    themes.catch_up(user)
    _synthesis(options[PRODUCT], now)
    _strategy(user, evidence, now)
    return {
        "options": len(options),
        "tagged items": Evidence.objects.filter(owner=user).count(),
        "themes": Theme.objects.filter(owner=user, status=Theme.Status.CONFIRMED).count(),
        "obstacles": obstacle_count,
    }


def _orgs(user: User, *names: str) -> list[int]:
    return list(
        Organization.objects.filter(owner=user, name__in=names).values_list("pk", flat=True)
    )


def _options(user: User, now: datetime) -> dict[str, Option]:
    healthcare = services.add_option(
        owner=user,
        title=HEALTHCARE,
        status=Option.Status.FOCUS,
        now=now - timedelta(days=40),
        description="Turning clinic and home-care operations data into decisions: scheduling, "
        "visit routing, quality improvement.",
        organization_ids=_orgs(
            user,
            "CareLoop Health",
            "Lakeview Community Health",
            "Meridian Home Care",
            "Northbridge Clinics",
        ),
    )
    product = services.add_option(
        owner=user,
        title=PRODUCT,
        now=now - timedelta(days=30),
        description="Owning one product area's metrics with a PM: definitions, reviews, memos.",
        organization_ids=_orgs(user, "Brightwater Analytics", "Tandem Route", "Fieldnote Labs"),
    )
    consulting = services.add_option(
        owner=user,
        title=CONSULTING,
        occupation_code="13-1111.00",
        occupation_title="Management Analysts",
        now=now - timedelta(days=35),
        organization_ids=_orgs(user, "Alder & Finch Consulting", "Northpoint Strategy Group"),
    )
    services.set_option_status(
        option=consulting, status=Option.Status.DROP, now=now - timedelta(days=6)
    )
    return {HEALTHCARE: healthcare, PRODUCT: product, CONSULTING: consulting}


def _after(conversation: Conversation, now: datetime) -> datetime:
    """A few minutes after the conversation's meeting (never later than the load)."""
    meeting = conversation.meetings.order_by("-starts_at").first()
    moment = (meeting.held_at or meeting.starts_at) if meeting else conversation.created_at
    return min(moment + timedelta(minutes=20), now - timedelta(minutes=1))


def _captures(conversations: dict[str, Conversation], now: datetime) -> list[Capture]:
    return [
        prep.add_capture(
            conversation=conversations[name],
            kind=kind,
            text=text,
            now=_after(conversations[name], now),
        )
        for name, kind, text in CAPTURES
        if name in conversations
    ]


def _tags(
    user: User,
    conversations: dict[str, Conversation],
    options: dict[str, Option],
    added: list[Capture],
    now: datetime,
) -> dict[str, Evidence]:
    """Tag the advice each conversation left, and the quick captures; keyed for the document."""
    first_advice = {
        c.conversation_id: c
        for c in Capture.objects.filter(owner=user, kind=Capture.Kind.ADVICE)
        .exclude(pk__in=[a.pk for a in added])
        .order_by("created_at")
    }
    evidence: dict[str, Evidence | None] = {}
    for name, tag, option in TAGS:
        capture = first_advice.get(conversations[name].pk) if name in conversations else None
        if capture is not None:
            evidence[name] = services.tag_item(
                item=capture, tag=tag, now=now, option=options.get(option or "")
            )

    def quick(name: str, start: str) -> Capture | None:
        return next(
            (
                c
                for c in added
                if c.conversation.person.full_name == name and c.text.startswith(start)
            ),
            None,
        )

    for (name, start), tag, option in [
        (("Laura Chen", "Get fluent in SQL"), "gap", HEALTHCARE),
        (("Rosa Delgado", "SQL first"), "gap", HEALTHCARE),
        (("Patrick Nolan", "A volunteer project"), "lead", HEALTHCARE),
        (("Priya Natarajan", "Most of the job is w"), "fit+", PRODUCT),
        (("Grace Liu", "Half my week is writ"), "fit+", PRODUCT),
        (("Michael Grant", "Consultants rotate e"), "fit-", CONSULTING),
    ]:
        capture = quick(name, start)
        if capture is not None:
            evidence[f"{name}: {start}"] = services.tag_item(
                item=capture, tag=tag, now=now, option=options[option]
            )
    kevin = conversations.get("Kevin O'Brien")
    note = Note.objects.filter(owner=user, conversation=kevin).first() if kevin else None
    if note is not None:
        evidence["Kevin O'Brien"] = services.tag_item(
            item=note, tag="lead", now=now, option=options[HEALTHCARE]
        )
    return {key: row for key, row in evidence.items() if row is not None}


def _obstacles(
    user: User, conversations: dict[str, Conversation], added: list[Capture], now: datetime
) -> int:
    day = user.calendar.local_date(now)
    sql = obstacles.add_obstacle(
        owner=user,
        title="No SQL in production",
        notes="Comfortable with spreadsheets and the dispatch system's "
        "exports; never written a query someone else relies on.",
        now=now - timedelta(days=45),
    )
    obstacles.add_action(
        obstacle=sql,
        text="Finish the window-functions module",
        due_on=day + timedelta(days=5),
        now=now - timedelta(days=12),
    )
    obstacles.add_action(
        obstacle=sql,
        text="Rebuild the weekly dispatch report in SQL",
        due_on=day + timedelta(days=19),
        now=now - timedelta(days=12),
    )
    domain = obstacles.add_obstacle(
        owner=user,
        title="No healthcare domain knowledge (claims, EHR)",
        now=now - timedelta(days=30),
    )
    obstacles.add_action(
        obstacle=domain,
        text="Take a claims-data course",
        due_on=day + timedelta(days=30),
        now=now - timedelta(days=8),
    )
    speaking = obstacles.add_obstacle(
        owner=user, title="Never presented findings to executives", now=now - timedelta(days=60)
    )
    done = obstacles.add_action(
        obstacle=speaking,
        text="Present the Q2 routing review to the VP",
        due_on=day - timedelta(days=20),
        now=now - timedelta(days=50),
    )
    obstacles.set_action_done(action=done, done=True, now=now - timedelta(days=21))
    obstacles.set_obstacle_status(obstacle=speaking, status="closed", now=now - timedelta(days=20))
    obstacles.add_obstacle(
        owner=user,
        title="No portfolio piece to show",
        notes="Rachel and Priya both said one visible project matters.",
        now=now - timedelta(days=4),
    )
    for capture in added:
        if "SQL" in capture.text:
            obstacles.link_advice(obstacle=sql, capture=capture)
    michael = conversations.get("Michael Grant")
    if michael is not None:
        for capture in michael.captures.filter(kind=Capture.Kind.ADVICE)[:1]:
            obstacles.link_advice(obstacle=domain, capture=capture)
    upcoming = conversations.get("Chloe Martin")
    if upcoming is not None:  # her meeting is ahead: the brief raises SQL, with a question
        obstacles.ask_about(conversation=upcoming, obstacle=sql, now=now - timedelta(hours=3))
        obstacles.set_raised(conversation=upcoming, obstacle=domain, raised=True)
    return 4


def _synthesis(option: Option, now: datetime) -> None:
    """Sam took stock of product analytics after its third conversation (the proposal, edited)."""
    proposal = syntheses.propose_synthesis(option)
    services.accept_synthesis(
        option=option,
        conversations_count=proposal.conversations,
        now=now - timedelta(days=2),
        likes=proposal.likes,
        deal_breakers="None heard yet.",
        gaps=proposal.gaps,
        open_questions="- How much SQL versus writing, week to week?\n- Do product analysts "
        "get to pick their product area?",
        next_prototype="- Experience: write a one-page research readout and ask Diego for "
        "feedback.\n- Conversation: Hana Yoshida, on the analytics side.",
    )


def _strategy(user: User, evidence: dict[str, Evidence], now: datetime) -> None:
    def ref(key: str) -> str:
        return f" [[evidence:{evidence[key].pk}]]" if key in evidence else ""

    sql = Theme.objects.filter(owner=user, key="sql").first()
    sql_ref = f" [[theme:{sql.pk}]]" if sql else ""
    first = (
        f"# {HEALTHCARE}\n\nClinics and home care run on scheduling and routing, which is "
        "what I did in dispatch." + ref("Patrick Nolan") + "\n\n- Where: CareLoop, "
        "Lakeview, Meridian, Northbridge.\n- How: learn SQL, then a project."
    )
    services.save_strategy(owner=user, body=first, now=now - timedelta(days=9))
    body = f"""# {HEALTHCARE}

What work: turning clinic and home-care operations data into decisions (scheduling, visit \
routing, quality improvement). My dispatch background is the bridge: visits per nurse per day \
is a routing problem.{ref("Patrick Nolan")}

- Where: CareLoop Health, Lakeview Community Health, Meridian Home Care, Northbridge Clinics.
- With whom: Kevin O'Brien at Lakeview first (send the care-gap mock-up){ref("Kevin O'Brien")}, \
then Arjun at Northbridge; ask Rosa about the unpaid QI project.{ref("Rosa Delgado")}
- How: SQL window functions this month, as two people told me{sql_ref}\
{ref("Laura Chen: Get fluent in SQL")}{ref("Rosa Delgado: SQL first")}; a claims-data course; \
one visible project on Meridian's visit-routing data.{ref("Patrick Nolan: A volunteer project")}

# {PRODUCT} (still exploring)

Two product people said most of the job is writing metric definitions and memos\
{ref("Priya Natarajan: Most of the job is w")}{ref("Grace Liu: Half my week is writ")}. \
I'd enjoy that. Next prototype: write one one-page research readout and show it to Diego.

# Not now: consulting

Staffing is project by project, so depth comes slowly{ref("Michael Grant")}\
{ref("Michael Grant: Consultants rotate e")}. I want to go deep in one domain first."""
    services.save_strategy(owner=user, body=body, now=now - timedelta(days=1))
