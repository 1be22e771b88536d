"""The demo account's content: a job seeker, the people they found, and where each thread stands.

Everything here is synthetic: organizations live on example.com / example.org, phone numbers
are in the 555-01xx range, and every name was made up for this file.

Moments are written relative to the day the demo is loaded, in the demo user's time zone:

- ``"d-3@14:30"``  three calendar days ago at 14:30 local time (``d0`` is today);
- ``"b-5@08:50"``  five business days ago (weekends and the user's holidays skipped);
  ``b+1`` is the next business day, ``b0`` today or the last business day before it;
- ``"w+1/2@11:30"`` Wednesday (Monday = 0) of next week, or the next business day after it;
- ``"now-2h"``     two hours before the load (``m`` for minutes);
- ``"today-soon"`` later today if the day allows, else midday today.

The time part may be left off (09:00). A conversation is a list of steps the builder replays
through the services, so reminders and timelines come out exactly as if a person had used
the app over the last few months.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEMO_EMAIL = "demo@coffeechat.test"
DEMO_PASSWORD = "coffeechat-demo"
DEMO_PROFILE = {
    "display_name": "Sam Rivera",
    "time_zone": "America/Chicago",
    "holiday_country": "US",
    "digest_enabled": False,
}
SEED = 2026

Step = tuple


@dataclass(frozen=True)
class Org:
    name: str
    industry: str
    location: str
    website: str
    notes: str = ""


@dataclass(frozen=True)
class Contact:
    full_name: str
    title: str
    organization: str
    connection: str
    met_at: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Thread:
    person: str
    purpose: str
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class Intro:
    introducer: str
    introduced: str
    on: str
    context: str


# Steps ---------------------------------------------------------------------------------------


def start(at: str) -> Step:
    return ("start", at)


def move(stage: str, at: str, on: str | None = None) -> Step:
    return ("move", stage, at, on)


def follow_up(at: str) -> Step:
    return ("follow_up", at)


def meeting(at: str, starts: str, mode: str, place: str = "", minutes: int = 20) -> Step:
    return ("meeting", at, starts, mode, place, minutes)


def done(kind: str, at: str | None = None) -> Step:
    """Complete the open reminder of `kind` (by default half an hour after it fell due)."""
    return ("done", kind, at)


def dismiss(kind: str, at: str) -> Step:
    return ("dismiss", kind, at)


def note(at: str, body: str) -> Step:
    return ("note", at, body)


def remind(title: str, due: str) -> Step:
    return ("remind", title, due)


def booked(
    *,
    start_at: str,
    contacted: str,
    replied: str,
    booked_at: str,
    starts: str,
    mode: str,
    place: str = "",
    minutes: int = 20,
    confirmed: bool = True,
    contacted_on: str | None = None,
) -> list[Step]:
    """The usual road to a meeting: found, asked, answered, a time agreed (and confirmed)."""
    steps = [
        start(start_at),
        move("contacted", contacted, contacted_on),
        move("replied", replied),
        meeting(booked_at, starts, mode, place, minutes),
    ]
    if confirmed:
        steps.append(done("confirm"))
    return steps


def advice(text: str) -> Step:
    """Advice captured right after the step before (it makes a report-back due after thanks)."""
    return ("advice", text)


def thanked(*, met: str, learned: str, thanked_at: str) -> list[Step]:
    return [
        move("met", met),
        note(met, learned),
        advice(learned),
        done("thank_you", thanked_at),
        move("thanked", thanked_at),
    ]


def nurturing(*, reported: str, since: str) -> list[Step]:
    return [done("report_back", reported), move("nurturing", since)]


def unanswered(*, start_at: str, contacted: str, nudged: str, closed: str) -> list[Step]:
    return [
        start(start_at),
        move("contacted", contacted),
        follow_up(nudged),
        done("close_no_reply", closed),
        move("no_reply", closed),
    ]


# Organizations -------------------------------------------------------------------------------

ORGANIZATIONS = [
    # Tech
    Org(
        "Brightwater Analytics",
        "Tech",
        "Chicago, IL",
        "https://brightwater.example.com",
        "About 120 people. Product analytics platform for mid-size retailers and clinics; "
        "their careers page shows an analyst opening most quarters.",
    ),
    Org(
        "Fieldnote Labs",
        "Tech",
        "Chicago, IL (West Loop)",
        "https://fieldnote.example.com",
        "Research-repository software, ~45 people. Known for a strong research culture.",
    ),
    Org(
        "Tandem Route",
        "Tech",
        "Chicago, IL",
        "https://tandemroute.example.com",
        "Route optimization for regional carriers: the closest match to my dispatch work.",
    ),
    Org(
        "Kestrel Robotics",
        "Tech",
        "Evanston, IL",
        "https://kestrel-robotics.example.com",
        "Warehouse picking robots. Had a booth at the spring career fair.",
    ),
    Org(
        "Parcelwise",
        "Tech",
        "Remote (US)",
        "https://parcelwise.example.com",
        "Fully remote; shipping-label API for small online shops.",
    ),
    Org(
        "Quillstack",
        "Tech",
        "Remote (US)",
        "https://quillstack.example.com",
        "Docs-as-code tooling. Their engineering blog writes well about product metrics.",
    ),
    Org(
        "Harbor Lane Software",
        "Tech",
        "Milwaukee, WI",
        "https://harborlane.example.com",
        "Yard-management software, ~80 people.",
    ),
    Org(
        "Openfield Maps",
        "Tech",
        "Chicago, IL",
        "https://openfield.example.com",
        "Mapping APIs; many climate and transit customers.",
    ),
    # Healthcare
    Org(
        "Lakeview Community Health",
        "Healthcare",
        "Chicago, IL",
        "https://lakeviewhealth.example.org",
        "Community health center with six clinics. Small quality-improvement data team.",
    ),
    Org(
        "Northbridge Clinics",
        "Healthcare",
        "Oak Park, IL",
        "https://northbridge.example.org",
        "Outpatient clinics; revenue-cycle team is hiring analysts this year.",
    ),
    Org(
        "CareLoop Health",
        "Healthcare",
        "Chicago, IL",
        "https://careloop.example.com",
        "Patient-messaging startup (health tech), ~150 people. Product and analytics sit together.",
    ),
    Org(
        "Meridian Home Care",
        "Healthcare",
        "Naperville, IL",
        "https://meridianhomecare.example.com",
        "Home health agency; nurse scheduling still runs on spreadsheets.",
    ),
    Org(
        "Juniper Pediatrics Network",
        "Healthcare",
        "Evanston, IL",
        "https://juniperpeds.example.org",
    ),
    Org(
        "Riverbend Medical Group",
        "Healthcare",
        "Joliet, IL",
        "https://riverbend.example.org",
        "Multi-specialty practice, mid-migration to a new EHR.",
    ),
    Org("Sunfield Behavioral Health", "Healthcare", "Chicago, IL", "https://sunfield.example.org"),
    # Public sector
    Org(
        "City of Lakeport Office of Data & Analytics",
        "Public sector",
        "Lakeport, IL",
        "https://data.lakeport.example.org",
        "Eight analysts; civil-service hiring with a scored skills test.",
    ),
    Org(
        "Midstate Department of Public Health",
        "Public sector",
        "Springfield, IL",
        "https://health.midstate.example.org",
        "Data modernization program funded through next year.",
    ),
    Org(
        "Prairie Regional Transit Authority",
        "Public sector",
        "Chicago, IL",
        "https://prairietransit.example.org",
    ),
    Org(
        "Lakeshore Public Library System",
        "Public sector",
        "Chicago, IL",
        "https://lakeshorelibrary.example.org",
    ),
    Org(
        "Great Lakes Water Commission", "Public sector", "Milwaukee, WI", "https://glwc.example.org"
    ),
    # Nonprofits
    Org(
        "Commons Food Alliance",
        "Nonprofit",
        "Chicago, IL",
        "https://commonsfood.example.org",
        "Food-security network of 40 pantries. I volunteer on Saturday warehouse shifts.",
    ),
    Org("BrightSteps Literacy", "Nonprofit", "Chicago, IL", "https://brightsteps.example.org"),
    Org(
        "Northside Housing Partners",
        "Nonprofit",
        "Chicago, IL",
        "https://northsidehousing.example.org",
    ),
    Org(
        "Green Corridor Alliance",
        "Nonprofit",
        "Chicago, IL",
        "https://greencorridor.example.org",
        "Climate and tree-canopy advocacy; relies on volunteer analysts.",
    ),
    Org(
        "Civic Signal",
        "Nonprofit",
        "Remote (US)",
        "https://civicsignal.example.org",
        "Civic-tech nonprofit running 8-week volunteer data projects with cities.",
    ),
    Org("First Gen Futures", "Nonprofit", "Chicago, IL", "https://firstgenfutures.example.org"),
    # Consulting
    Org(
        "Alder & Finch Consulting",
        "Consulting",
        "Chicago, IL",
        "https://alderfinch.example.com",
        "Healthcare analytics boutique, ~60 consultants. Case interview uses a messy dataset.",
    ),
    Org("Northpoint Strategy Group", "Consulting", "Chicago, IL", "https://northpoint.example.com"),
    Org(
        "Keystone Impact Advisors",
        "Consulting",
        "Madison, WI",
        "https://keystoneimpact.example.com",
        "Program evaluation for nonprofits and funders.",
    ),
    Org(
        "Tallgrass Research Partners",
        "Consulting",
        "Minneapolis, MN",
        "https://tallgrass.example.com",
    ),
    # Finance
    Org("Lakeside Credit Union", "Finance", "Chicago, IL", "https://lakesidecu.example.org"),
    Org(
        "Cardinal Mutual Insurance",
        "Finance",
        "Bloomington, IL",
        "https://cardinalmutual.example.com",
    ),
    Org(
        "Greenleaf Community Bank",
        "Finance",
        "Chicago, IL",
        "https://greenleafbank.example.com",
        "Community development bank.",
    ),
    Org(
        "Ridgeway Capital Partners",
        "Finance",
        "Chicago, IL",
        "https://ridgeway.example.com",
        "Runs a small climate fund.",
    ),
    # Education
    Org(
        "Lakeshore State University",
        "Education",
        "Chicago, IL",
        "https://lakeshorestate.example.org",
        "My alma mater (B.S. Industrial Engineering).",
    ),
    Org("Westbrook Community College", "Education", "Aurora, IL", "https://westbrook.example.org"),
    Org(
        "Learnwise",
        "Education",
        "Chicago, IL",
        "https://learnwise.example.com",
        "Ed-tech: learning analytics for community colleges.",
    ),
    # Media
    Org("Midwest Signal Public Media", "Media", "Chicago, IL", "https://midwestsignal.example.org"),
    Org("The Lakeport Ledger", "Media", "Lakeport, IL", "https://lakeportledger.example.com"),
    Org(
        "Pinecone Podcasts",
        "Media",
        "Remote (US)",
        "https://pinecone.example.com",
        "Produces the Health Data Hour podcast.",
    ),
    # Climate and energy
    Org(
        "Sunrise Grid Cooperative",
        "Energy",
        "Chicago, IL",
        "https://sunrisegrid.example.org",
        "Community-solar co-op, ~30 staff.",
    ),
    Org(
        "Carbonwise",
        "Climate tech",
        "Chicago, IL",
        "https://carbonwise.example.com",
        "Emissions-accounting software, seed stage.",
    ),
    Org("Verdant Loop", "Climate tech", "Milwaukee, WI", "https://verdantloop.example.com"),
    # Where Sam works now
    Org(
        "Midway Supply Co.",
        "Distribution",
        "Chicago, IL",
        "https://midwaysupply.example.com",
        "Where I work now (operations analyst, dispatch and inventory).",
    ),
]

# People --------------------------------------------------------------------------------------

ALUMNI, REFERRAL, KNOWN, GROUP, EVENT, FAN, COLD = (
    "alumni",
    "referral",
    "known",
    "group",
    "event",
    "fan",
    "cold",
)
LSU = "LSU alumni"
FAIR = "career fair 2026"

PEOPLE = [
    Contact(
        "Priya Natarajan",
        "Senior Product Analyst",
        "Brightwater Analytics",
        ALUMNI,
        "Lakeshore State alumni directory (IE '16)",
        ("product", "data", LSU, "booster"),
        "Answered within a day. Loves talking about experiment design.",
    ),
    Contact(
        "Marcus Bell",
        "Director of Analytics",
        "Brightwater Analytics",
        REFERRAL,
        "Introduced by Priya Natarajan",
        ("data", "hiring manager"),
        "Runs a team of nine. Priya says he cares more about SQL fluency and clear writing "
        "than about any particular tool.",
    ),
    Contact("Hannah Okafor", "Data Engineer", "Brightwater Analytics", COLD, "", ("data",)),
    Contact(
        "Diego Alvarez",
        "UX Research Lead",
        "Fieldnote Labs",
        EVENT,
        "Windy City Product Circle meetup",
        ("ux research", "product", "booster"),
        "Gave the talk on research that survives the roadmap.",
    ),
    Contact(
        "Lena Kowalski",
        "Product Manager",
        "Fieldnote Labs",
        COLD,
        "Fieldnote's team page",
        ("product",),
    ),
    Contact(
        "Tomás Reyes",
        "Customer Insights Analyst",
        "Fieldnote Labs",
        COLD,
        "",
        ("data", "ux research"),
        "Second contact at Fieldnote if Lena stays quiet.",
    ),
    Contact(
        "Hana Yoshida",
        "Senior UX Researcher",
        "Fieldnote Labs",
        REFERRAL,
        "Introduced by Diego Alvarez",
        ("ux research",),
    ),
    Contact(
        "Grace Liu",
        "Product Manager, Routing",
        "Tandem Route",
        KNOWN,
        "Worked together at Midway Supply Co., 2019-2022",
        ("product", "operations", "booster"),
    ),
    Contact(
        "Omar Haddad",
        "Head of Data Science",
        "Tandem Route",
        REFERRAL,
        "Introduced by Grace Liu",
        ("data", "hiring manager"),
    ),
    Contact(
        "Nadia Petrova",
        "Operations Analytics Manager",
        "Kestrel Robotics",
        EVENT,
        "Career fair 2026, Kestrel booth",
        ("data", "operations", FAIR),
    ),
    Contact(
        "Ben Whitaker",
        "Technical Recruiter",
        "Kestrel Robotics",
        EVENT,
        "Career fair 2026",
        ("recruiter", FAIR),
        "Prefers LinkedIn messages to email.",
    ),
    Contact(
        "Aisha Coleman",
        "Senior Data Analyst",
        "Parcelwise",
        GROUP,
        "Chicago Data Collective Slack, #jobs channel",
        ("data",),
    ),
    Contact("Ryan Park", "Analytics Engineer", "Parcelwise", COLD, "", ("data",)),
    Contact(
        "Priscilla Obi",
        "Product Analyst",
        "Parcelwise",
        ALUMNI,
        "Lakeshore State alumni mixer",
        ("product", "data", LSU),
    ),
    Contact(
        "Jonah Feld",
        "Developer Advocate",
        "Quillstack",
        FAN,
        "Read his blog series on product metrics",
        ("product",),
    ),
    Contact(
        "Ethan Cross",
        "Solutions Engineer",
        "Quillstack",
        EVENT,
        "Chicago Data Collective meetup",
        ("product",),
    ),
    Contact(
        "Keisha Morgan",
        "Product Operations Manager",
        "Harbor Lane Software",
        GROUP,
        "Windy City Product Circle Slack",
        ("product", "operations"),
    ),
    Contact(
        "Jenna Morales",
        "Analytics Manager",
        "Harbor Lane Software",
        ALUMNI,
        "Lakeshore State alumni directory",
        ("data", LSU),
    ),
    Contact(
        "Felix Brandt",
        "GIS Product Lead",
        "Openfield Maps",
        FAN,
        "His talk at Civic Data Night",
        ("product", "climate"),
    ),
    Contact(
        "Mei Tanaka",
        "Data Visualization Engineer",
        "Openfield Maps",
        EVENT,
        "Civic Data Night, demo table",
        ("data", "climate"),
    ),
    Contact(
        "Rosa Delgado",
        "Director of Quality Improvement",
        "Lakeview Community Health",
        ALUMNI,
        "Lakeshore State alumni panel on healthcare careers",
        ("healthcare", "data", LSU, "booster"),
    ),
    Contact(
        "Kevin O'Brien",
        "Population Health Analyst",
        "Lakeview Community Health",
        REFERRAL,
        "Introduced by Rosa Delgado",
        ("healthcare", "data"),
    ),
    Contact(
        "Samantha Greene",
        "Clinical Data Manager",
        "Northbridge Clinics",
        COLD,
        "",
        ("healthcare", "data"),
    ),
    Contact(
        "Arjun Mehta",
        "Revenue Cycle Analyst",
        "Northbridge Clinics",
        COLD,
        "",
        ("healthcare", "operations"),
    ),
    Contact(
        "Chloe Martin",
        "Product Manager, Patient Experience",
        "CareLoop Health",
        GROUP,
        "Windy City Product Circle",
        ("product", "healthcare"),
    ),
    Contact(
        "Daniel Osei",
        "Head of Product Analytics",
        "CareLoop Health",
        FAN,
        "Heard him on the Health Data Hour podcast",
        ("product", "healthcare", "data"),
    ),
    Contact(
        "Laura Chen",
        "Data Scientist",
        "CareLoop Health",
        ALUMNI,
        "Lakeshore State alumni directory",
        ("healthcare", "data", LSU),
    ),
    Contact(
        "Peter Sato",
        "Senior Product Designer",
        "CareLoop Health",
        GROUP,
        "Windy City Product Circle",
        ("product",),
    ),
    Contact(
        "Patrick Nolan",
        "Director of Operations",
        "Meridian Home Care",
        KNOWN,
        "Neighbor; we talk at the community garden",
        ("healthcare", "operations"),
    ),
    Contact(
        "Yasmin Farouk",
        "Health Informatics Specialist",
        "Juniper Pediatrics Network",
        EVENT,
        "Healthcare data meetup at the central library",
        ("healthcare", "data"),
    ),
    Contact(
        "Gabriel Santos",
        "Business Intelligence Manager",
        "Riverbend Medical Group",
        COLD,
        "",
        ("healthcare", "data"),
    ),
    Contact(
        "Erin Walsh",
        "Nurse Informaticist",
        "Riverbend Medical Group",
        GROUP,
        "Chicago Data Collective",
        ("healthcare",),
    ),
    Contact(
        "Olivia Bennett",
        "Talent Acquisition Partner",
        "Riverbend Medical Group",
        EVENT,
        "Career fair 2026",
        ("recruiter", FAIR, "healthcare"),
        "Said their analyst roles are posted in batches each spring and fall.",
    ),
    Contact(
        "Monique Price",
        "Program Evaluation Manager",
        "Sunfield Behavioral Health",
        EVENT,
        "Nonprofit Data Day workshop",
        ("healthcare", "nonprofit"),
    ),
    Contact(
        "Andre Thompson",
        "Chief Data Officer",
        "City of Lakeport Office of Data & Analytics",
        REFERRAL,
        "Introduced by Sofia Romano",
        ("public sector", "data", "hiring manager"),
    ),
    Contact(
        "Sofia Romano",
        "Data Analyst II",
        "City of Lakeport Office of Data & Analytics",
        GROUP,
        "Civic Signal volunteer project nights",
        ("public sector", "data", "civic tech", "booster"),
    ),
    Contact(
        "Helen Cho",
        "Epidemiologist",
        "Midstate Department of Public Health",
        ALUMNI,
        "Lakeshore State alumni directory",
        ("public sector", "healthcare", LSU),
    ),
    Contact(
        "Victor Nguyen",
        "Program Manager, Data Modernization",
        "Midstate Department of Public Health",
        COLD,
        "",
        ("public sector",),
    ),
    Contact(
        "Caroline Brooks",
        "Service Planning Manager",
        "Prairie Regional Transit Authority",
        EVENT,
        "Civic Data Night panel",
        ("public sector", "transit"),
    ),
    Contact(
        "Luis Herrera",
        "Transit Data Analyst",
        "Prairie Regional Transit Authority",
        REFERRAL,
        "Introduced by Caroline Brooks",
        ("transit", "data"),
    ),
    Contact(
        "Hugo Marchetti",
        "Senior Planner",
        "Prairie Regional Transit Authority",
        GROUP,
        "Transit riders' advocacy group",
        ("transit",),
    ),
    Contact(
        "Imani Jackson",
        "Digital Services Manager",
        "Lakeshore Public Library System",
        KNOWN,
        "Fellow volunteer at BrightSteps reading nights",
        ("public sector", "education"),
    ),
    Contact(
        "Tom Lindqvist",
        "Asset Management Analyst",
        "Great Lakes Water Commission",
        COLD,
        "",
        ("public sector",),
    ),
    Contact(
        "Dominic Ferreira",
        "Data Analyst",
        "Great Lakes Water Commission",
        ALUMNI,
        "Lakeshore State alumni directory",
        ("public sector", "data", LSU),
    ),
    Contact(
        "Maria Esposito",
        "Director of Data & Evaluation",
        "Commons Food Alliance",
        GROUP,
        "Nonprofit Data Day workshop",
        ("nonprofit", "data", "booster"),
    ),
    Contact(
        "Reggie Dawson",
        "Operations Manager",
        "Commons Food Alliance",
        KNOWN,
        "Saturday volunteer shifts at the warehouse",
        ("nonprofit", "operations"),
    ),
    Contact(
        "Ingrid Sorensen",
        "Executive Director",
        "BrightSteps Literacy",
        KNOWN,
        "I volunteer at their reading nights",
        ("nonprofit", "education"),
    ),
    Contact(
        "Carlos Mendoza",
        "Data & Impact Manager",
        "Northside Housing Partners",
        REFERRAL,
        "Introduced by Maria Esposito",
        ("nonprofit", "data"),
    ),
    Contact(
        "Ruth Abernathy",
        "Policy Director",
        "Green Corridor Alliance",
        EVENT,
        "ClimateTech mixer in February",
        ("climate", "nonprofit"),
    ),
    Contact(
        "Kai Nakamura",
        "Climate Data Fellow",
        "Green Corridor Alliance",
        GROUP,
        "Chicago Data Collective, #climate channel",
        ("climate", "data"),
    ),
    Contact(
        "Elena Vasquez",
        "Program Lead",
        "Civic Signal",
        REFERRAL,
        "Introduced by Noah Goldberg at a project night",
        ("civic tech", "nonprofit"),
    ),
    Contact(
        "Noah Goldberg",
        "Volunteer Data Lead",
        "Civic Signal",
        GROUP,
        "Civic Signal project nights",
        ("civic tech", "data"),
    ),
    Contact(
        "Destiny Howard",
        "Career Programs Manager",
        "First Gen Futures",
        ALUMNI,
        "Introduced by Rachel Stein; LSU '15",
        ("nonprofit", "education", LSU),
    ),
    Contact(
        "Michael Grant",
        "Senior Manager, Healthcare Analytics",
        "Alder & Finch Consulting",
        ALUMNI,
        "Introduced by Prof. Alan Mercer",
        ("consulting", "healthcare", LSU),
    ),
    Contact(
        "Julia Weiss",
        "Consultant",
        "Alder & Finch Consulting",
        ALUMNI,
        "Lakeshore State alumni directory",
        ("consulting", LSU),
    ),
    Contact("Sanjay Rao", "Principal", "Northpoint Strategy Group", COLD, "", ("consulting",)),
    Contact(
        "Simone Adler",
        "Data Strategy Consultant",
        "Northpoint Strategy Group",
        KNOWN,
        "Friend of a friend; met at Grace's birthday dinner",
        ("consulting", "data"),
    ),
    Contact(
        "Beatriz Lima",
        "Evaluation Consultant",
        "Keystone Impact Advisors",
        REFERRAL,
        "Introduced by Maria Esposito",
        ("consulting", "nonprofit"),
    ),
    Contact(
        "Leah Novak",
        "Evaluation Associate",
        "Keystone Impact Advisors",
        GROUP,
        "Nonprofit Data Day workshop",
        ("nonprofit",),
    ),
    Contact(
        "Owen Fitzgerald",
        "Research Director",
        "Tallgrass Research Partners",
        FAN,
        "Read his report on how shoppers compare delivery options",
        ("consulting", "data"),
    ),
    Contact(
        "Tanya Ellison",
        "Member Insights Manager",
        "Lakeside Credit Union",
        EVENT,
        "Career fair 2026",
        ("finance", FAIR),
    ),
    Contact("Wesley Chang", "BI Developer", "Lakeside Credit Union", COLD, "", ("finance", "data")),
    Contact(
        "Robert Kim",
        "Actuarial Data Lead",
        "Cardinal Mutual Insurance",
        COLD,
        "",
        ("finance", "data"),
    ),
    Contact(
        "Alicia Moreno",
        "Claims Analytics Manager",
        "Cardinal Mutual Insurance",
        COLD,
        "",
        ("finance", "operations"),
    ),
    Contact(
        "Henry Adeyemi",
        "Community Development Officer",
        "Greenleaf Community Bank",
        EVENT,
        "Community reinvestment breakfast",
        ("finance", "nonprofit"),
    ),
    Contact(
        "Vanessa Ortiz",
        "Program Officer, Small Business Lending",
        "Greenleaf Community Bank",
        EVENT,
        "Community reinvestment breakfast",
        ("finance",),
    ),
    Contact(
        "Sophie Laurent",
        "Investment Analyst, Climate Fund",
        "Ridgeway Capital Partners",
        FAN,
        "Her newsletter on climate operations",
        ("finance", "climate"),
    ),
    Contact(
        "Alan Mercer",
        "Associate Professor, Industrial Engineering",
        "Lakeshore State University",
        KNOWN,
        "My capstone advisor",
        ("education", LSU, "mentor"),
        "Still happy to write a reference.",
    ),
    Contact(
        "Rachel Stein",
        "Career Advisor, College of Engineering",
        "Lakeshore State University",
        KNOWN,
        "LSU career center alumni services",
        ("education", "mentor"),
    ),
    Contact(
        "Darnell Hughes",
        "Director of Institutional Research",
        "Westbrook Community College",
        EVENT,
        "Nonprofit Data Day workshop",
        ("education", "data"),
    ),
    Contact(
        "Zoe Fischer",
        "Product Manager, Learning Analytics",
        "Learnwise",
        COLD,
        "",
        ("product", "education"),
    ),
    Contact("Arun Pillai", "Data Engineer", "Learnwise", COLD, "", ("data", "education")),
    Contact(
        "Claire Donovan",
        "Audience Data Editor",
        "Midwest Signal Public Media",
        FAN,
        "Her talk on newsroom metrics (recording)",
        ("media", "data"),
    ),
    Contact(
        "Naomi Friedman",
        "Director of Research",
        "Midwest Signal Public Media",
        COLD,
        "",
        ("media",),
    ),
    Contact(
        "Jorge Castillo",
        "Data Reporter",
        "The Lakeport Ledger",
        FAN,
        "His series on city permit delays",
        ("media", "data", "public sector"),
    ),
    Contact(
        "Maya Goldstein",
        "Producer, Health Data Hour",
        "Pinecone Podcasts",
        FAN,
        "I listen to the Health Data Hour",
        ("media", "healthcare"),
    ),
    Contact(
        "Eli Brennan",
        "Grid Analytics Lead",
        "Sunrise Grid Cooperative",
        EVENT,
        "ClimateTech mixer in February",
        ("climate", "data"),
    ),
    Contact(
        "Fatima Rahman",
        "Energy Programs Analyst",
        "Sunrise Grid Cooperative",
        REFERRAL,
        "Introduced by Ruth Abernathy",
        ("climate",),
    ),
    Contact(
        "Lucas Meyer",
        "Product Manager, Emissions Accounting",
        "Carbonwise",
        GROUP,
        "Climate data reading group",
        ("climate", "product"),
    ),
    Contact("Anna Kovacs", "Head of Data", "Carbonwise", COLD, "", ("climate", "data")),
    Contact(
        "Isaac Turner",
        "Founder & CEO",
        "Verdant Loop",
        FAN,
        "His interview on a local business podcast",
        ("climate", "operations"),
    ),
    Contact(
        "Terrence Vaughn",
        "VP of Operations",
        "Midway Supply Co.",
        KNOWN,
        "My skip-level manager",
        ("operations", "mentor"),
        "Knows I'm exploring; happy to be a reference.",
    ),
    Contact(
        "Jordan Blake",
        "Freelance Data Consultant",
        "",
        GROUP,
        "Chicago Data Collective mentoring night",
        ("data", "mentor"),
        "Does short analytics projects for nonprofits; offered to review my portfolio.",
    ),
    Contact(
        "Lucia Ferraro",
        "Independent Career Coach",
        "",
        EVENT,
        "Career fair 2026, resume clinic",
        (FAIR, "mentor"),
    ),
]

# Introductions: who pointed Sam to whom ---------------------------------------------------

INTRODUCTIONS = [
    Intro(
        "Noah Goldberg",
        "Elena Vasquez",
        "d-140",
        "Noah introduced me to Elena at a Civic Signal project night.",
    ),
    Intro(
        "Rachel Stein",
        "Destiny Howard",
        "d-80",
        "Rachel thought Destiny's data-volunteer program would be a good first project.",
    ),
    Intro(
        "Sofia Romano",
        "Andre Thompson",
        "d-50",
        "Sofia said to mention her name when I write to Andre.",
    ),
    Intro(
        "Alan Mercer",
        "Michael Grant",
        "d-40",
        "Prof. Mercer connected me with Michael (LSU IE '12) by email.",
    ),
    Intro(
        "Priya Natarajan",
        "Marcus Bell",
        "b-13",
        "After our catch-up Priya offered to introduce me to her director.",
    ),
    Intro(
        "Rosa Delgado",
        "Kevin O'Brien",
        "d-24",
        "Rosa suggested Kevin for the nuts and bolts of population-health reporting.",
    ),
    Intro(
        "Maria Esposito",
        "Beatriz Lima",
        "b-10",
        "Maria's evaluation partner at Keystone; email intro after our call.",
    ),
    Intro(
        "Ruth Abernathy",
        "Fatima Rahman",
        "b-9",
        "Ruth cc'd me to Fatima the evening after our coffee.",
    ),
    Intro(
        "Grace Liu", "Omar Haddad", "b-8", "Grace cc'd me to Omar the same afternoon we had lunch."
    ),
    Intro(
        "Maria Esposito",
        "Carlos Mendoza",
        "b-5",
        "Maria thought Carlos's two-person data team would be a realistic picture.",
    ),
    Intro(
        "Diego Alvarez",
        "Hana Yoshida",
        "d-5",
        "Diego introduced Hana for the analytics side of research questions.",
    ),
    Intro(
        "Caroline Brooks",
        "Luis Herrera",
        "d-4",
        "Caroline said Luis built the ridership dashboard she showed me.",
    ),
]

# Notes on people, outside any conversation --------------------------------------------------

PERSON_NOTES = [
    (
        "Ben Whitaker",
        "d-40@18:10",
        "Booth chat: analyst roles usually post in Q3, and the operations analytics team is "
        "Nadia Petrova's. He suggested writing to her directly.",
    ),
    (
        "Alan Mercer",
        "d-42@12:30",
        "Lunch on campus. He keeps a list of alumni in healthcare analytics and will send it. "
        "Reminded me my capstone on warehouse slotting is a good portfolio piece.",
    ),
    (
        "Jordan Blake",
        "d-21@20:00",
        "Mentoring night: cut my portfolio to three projects, each with a one-paragraph "
        "'so what' at the top. Offered to look at the next draft.",
    ),
    (
        "Terrence Vaughn",
        "d-30@17:45",
        "Told him I'm exploring analytics roles. He was supportive and offered to let me own the "
        "Q3 delivery-cost dashboard as a stretch project.",
    ),
]

# Conversations ------------------------------------------------------------------------------

THREADS = [
    # Identified: the target list, not yet contacted ------------------------------------------
    Thread(
        "Tomás Reyes",
        "How customer insights analysts and UX researchers split the work at Fieldnote",
        [start("d-1@21:30")],
    ),
    Thread(
        "Yasmin Farouk",
        "What health informatics work looks like in a pediatrics network",
        [start("d-12@19:05")],
    ),
    Thread(
        "Monique Price",
        "How program evaluation is done in behavioral health, and which skills it takes",
        [start("d-8@20:40")],
    ),
    Thread(
        "Julia Weiss",
        "Whether healthcare analytics consulting is a good bridge from operations",
        [start("d-3@12:15")],
    ),
    Thread(
        "Henry Adeyemi",
        "How a community development bank uses data to decide where to lend",
        [start("d-15@18:30")],
    ),
    Thread(
        "Darnell Hughes",
        "What an institutional research office does with student data",
        [start("d-20@21:00")],
    ),
    Thread(
        "Jorge Castillo", "How data reporters find and clean public datasets", [start("d-6@22:10")]
    ),
    Thread(
        "Anna Kovacs",
        "How a seed-stage climate startup builds its first data team",
        [start("d-4@20:00")],
    ),
    Thread(
        "Isaac Turner",
        "Which operations problems a circular-packaging startup is trying to solve",
        [start("d-10@19:45")],
    ),
    Thread(
        "Simone Adler",
        "What a data strategy engagement looks like day to day",
        [start("d-2@18:20")],
    ),
    Thread(
        "Luis Herrera",
        "How transit agencies use ridership data to plan service changes",
        [start("d-4@16:30")],
    ),
    Thread(
        "Hana Yoshida",
        "How UX research and product analytics answer one question together",
        [start("d-5@10:00")],
    ),
    # Contacted: waiting on a reply (the 3B7 timers are running) -------------------------------
    Thread(
        "Lena Kowalski",
        "How product managers at a small SaaS company decide what to build next",
        [start("b-6@20:30"), move("contacted", "b-4@20:15", on="b-5")],
    ),
    Thread(
        "Arjun Mehta",
        "What a revenue cycle analyst does and how the role connects to operations",
        [start("b-5@19:00"), move("contacted", "b-3@07:50")],
    ),
    Thread(
        "Owen Fitzgerald",
        "How market research firms are starting to use product analytics data",
        [start("b-3@21:00"), move("contacted", "b-1@09:40")],
    ),
    Thread(
        "Alicia Moreno",
        "How claims analytics teams measure and shorten turnaround time",
        [start("d-3@20:00"), move("contacted", "now-3h")],
    ),
    Thread(
        "Aisha Coleman",
        "What analytics looks like at a fully remote shipping startup",
        [start("b-9@20:00"), move("contacted", "b-7@08:30"), done("try_another", "b-4@10:00")],
    ),
    Thread(
        "Ryan Park",
        "How analytics engineers and analysts divide the work on a small data team",
        [start("b-4@09:50"), move("contacted", "b-4@10:05"), dismiss("try_another", "b-1@12:00")],
    ),
    Thread(
        "Victor Nguyen",
        "How a state health department is modernizing its data systems",
        [start("b-11@20:00"), move("contacted", "b-9@09:15"), done("try_another")],
    ),
    Thread(
        "Daniel Osei",
        "How product analytics works at a patient-messaging health tech company",
        [
            start("d-20@21:00"),
            move("contacted", "b-9@08:45"),
            done("try_another"),
            follow_up("b-2@08:40"),
        ],
    ),
    Thread(
        "Zoe Fischer",
        "How learning-analytics PMs decide which metrics matter",
        [start("d-25@19:30"), move("contacted", "b-12@09:00"), follow_up("b-5@08:30")],
    ),
    Thread(
        "Carlos Mendoza",
        "How a housing nonprofit measures impact with a two-person data team",
        [start("b-5@14:00"), move("contacted", "b-2@08:45")],
    ),
    Thread(
        "Tanya Ellison",
        "How a credit union turns member feedback into product changes",
        [start("b-4@21:00"), move("contacted", "b-2@16:20")],
    ),
    Thread(
        "Fatima Rahman",
        "What an energy programs analyst does at a community-solar co-op",
        [start("b-8@20:00"), move("contacted", "b-6@08:55"), done("try_another", "b-3@08:40")],
    ),
    # Replied: they said yes; answer within 24 hours and offer times -----------------------------
    Thread(
        "Nadia Petrova",
        "How operations analytics supports a robotics hardware team",
        [
            start("d-12@20:00"),
            move("contacted", "b-4@09:00"),
            move("replied", "d-1@17:40", on="d-1"),
        ],
    ),
    Thread(
        "Andre Thompson",
        "What a city data office does day to day, and how analysts get hired there",
        [
            start("b-8@19:00"),
            move("contacted", "b-6@08:30"),
            done("try_another"),
            move("replied", "now-2h"),
        ],
    ),
    Thread(
        "Lucas Meyer",
        "How emissions-accounting software teams talk to customers about data quality",
        [
            start("d-18@21:00"),
            move("contacted", "b-8@08:40"),
            done("try_another"),
            move("replied", "d-3@16:00"),
        ],
    ),
    Thread(
        "Dominic Ferreira",
        "How a water utility uses asset data to plan repairs",
        [start("b-4@20:30"), move("contacted", "b-2@10:00"), move("replied", "d0@08:15")],
    ),
    # Scheduled: a time is agreed -----------------------------------------------------------
    Thread(
        "Kai Nakamura",
        "How a climate nonprofit uses data to push for greener corridors",
        booked(
            start_at="b-9@20:00",
            contacted="b-7@09:00",
            replied="b-6@14:00",
            booked_at="b-6@14:30",
            starts="today-soon",
            mode="video",
            place="Video link in the invite",
        ),
    ),
    Thread(
        "Omar Haddad",
        "How a logistics software company's data science team picks its problems",
        booked(
            start_at="b-8@16:00",
            contacted="b-7@08:30",
            replied="b-6@11:00",
            booked_at="b-5@09:00",
            starts="b+1@10:00",
            mode="video",
            place="Video link from Omar",
            confirmed=False,
        ),
    ),
    Thread(
        "Marcus Bell",
        "What Brightwater's analytics director looks for when growing the team",
        [
            *booked(
                start_at="b-12@20:00",
                contacted="b-10@09:00",
                replied="b-9@13:00",
                booked_at="b-2@10:00",
                starts="w+1/1@11:30",
                mode="in_person",
                place="Brightwater office, 4th-floor lobby",
                minutes=30,
                confirmed=False,
            ),
            remind("Print the one-page routing-cost case study to bring to Marcus", "w+1/0@18:00"),
        ],
    ),
    Thread(
        "Chloe Martin",
        "How PMs at CareLoop use patient-experience data to prioritize",
        booked(
            start_at="b-8@19:00",
            contacted="b-6@09:00",
            replied="b-5@13:00",
            booked_at="b-4@16:00",
            starts="w+1/2@08:30",
            mode="in_person",
            place="Coffee near her office (Kinzie & Wells)",
            confirmed=False,
        ),
    ),
    Thread(
        "Caroline Brooks",
        "How service planners balance ridership data with equity goals",
        booked(
            start_at="b-10@20:00",
            contacted="b-8@09:30",
            replied="b-5@12:00",
            booked_at="b-3@12:00",
            starts="w+1/3@12:15",
            mode="phone",
            place="She'll call my cell",
            confirmed=False,
        ),
    ),
    Thread(
        "Eli Brennan",
        "How a community-solar co-op forecasts demand and sizes projects",
        booked(
            start_at="b-4@19:00",
            contacted="b-3@09:00",
            replied="b-2@10:30",
            booked_at="b-2@11:00",
            starts="b+2@15:00",
            mode="video",
            confirmed=False,
        ),
    ),
    Thread(
        "Beatriz Lima",
        "What evaluation consulting for nonprofits involves, and how people break in",
        booked(
            start_at="b-9@20:00",
            contacted="b-8@09:00",
            replied="b-6@15:00",
            booked_at="b-1@15:00",
            starts="w+2/1@10:00",
            mode="video",
            minutes=30,
            confirmed=False,
        ),
    ),
    # Met: thank-you due --------------------------------------------------------------------
    Thread(
        "Kevin O'Brien",
        "How population health analysts turn claims and EHR data into outreach lists",
        [
            *booked(
                start_at="d-23@20:00",
                contacted="b-12@09:00",
                replied="b-10@15:00",
                booked_at="b-10@15:30",
                starts="b-1@15:00",
                mode="video",
            ),
            move("met", "b-1@15:35"),
            note(
                "b-1@16:05",
                "Video, 20 min. Trends: payers are pushing the clinics toward value-based "
                "contracts, so care-gap lists matter more than visit counts. Insight: about "
                "70% of his week is reconciling claims against EHR data; the dashboards are "
                "the easy part. Advice: get fluent with SQL window functions and practise "
                "explaining a measure definition to a nurse manager. Promised: send him my "
                "care-gap mock-up by Friday.",
            ),
            remind("Send Kevin the care-gap mock-up I promised", "d0@17:00"),
        ],
    ),
    Thread(
        "Helen Cho",
        "What epidemiologists and data analysts do differently at a state health department",
        [
            *booked(
                start_at="b-10@20:00",
                contacted="b-8@10:00",
                replied="b-7@08:00",
                booked_at="b-7@08:30",
                starts="b-2@12:00",
                mode="phone",
                minutes=30,
                place="Her desk line",
            ),
            move("met", "b-2@12:40"),
            note(
                "b-2@13:30",
                "Phone, 30 min. Analysts and epidemiologists are hired into different job "
                "series; an MPH helps but analysts don't need one. Surveillance data "
                "arrives late and messy: she spends Mondays chasing lab feeds. Advice: watch "
                "for 'Research Analyst' postings, which ask for a writing sample. She said "
                "I can mention her name to Victor Nguyen.",
            ),
        ],
    ),
    Thread(
        "Mei Tanaka",
        "How a mapping company decides which data visualizations to build for customers",
        [
            *booked(
                start_at="b-12@21:00",
                contacted="b-10@09:00",
                replied="b-9@17:00",
                booked_at="b-8@09:00",
                starts="b-1@10:00",
                mode="in_person",
                place="Openfield office, 12th floor",
            ),
            move("met", "b-1@10:45"),
            note(
                "b-1@11:30",
                "In person, 20 min plus a short office tour. Customers want 'less map, more "
                "answer': she turns maps into ranked lists more often than not. Designers and "
                "viz engineers pair on every feature; analysts who can prototype in a "
                "notebook are valued. Assignment: one small public project with real "
                "transit data, with a write-up of the trade-offs.",
            ),
            remind("Send Mei the bus-delay heat map I mentioned", "d+2@09:00"),
        ],
    ),
    # Thanked: report back on what you did with their advice ---------------------------------
    Thread(
        "Grace Liu",
        "How a PM at a routing software company works with data science",
        [
            *booked(
                start_at="b-16@20:00",
                contacted="b-14@09:00",
                replied="b-14@12:00",
                booked_at="b-13@09:00",
                starts="b-8@12:00",
                mode="in_person",
                place="Lunch at the deli on Wells St",
                minutes=45,
            ),
            *thanked(
                met="b-8@13:10",
                thanked_at="b-8@19:30",
                learned="Lunch. Routing PMs live in the trade-off between driver hours "
                "and on-time percentage; every feature gets a cost-per-stop estimate. "
                "Data science sits inside product, not in a separate org. She thinks my "
                "dispatch background is an asset for a PM/analytics hybrid role. "
                "Assignment: write a one-page case study of my routing-cost analysis. "
                "She offered to introduce me to Omar.",
            ),
        ],
    ),
    Thread(
        "Diego Alvarez",
        "How UX research findings make it into product decisions at Fieldnote",
        [
            *booked(
                start_at="d-24@20:00",
                contacted="b-12@09:00",
                replied="b-11@10:00",
                booked_at="b-11@10:30",
                starts="b-6@16:00",
                mode="video",
                minutes=25,
            ),
            *thanked(
                met="b-6@16:35",
                thanked_at="b-6@20:00",
                learned="Findings survive when they come with a decision the PM can "
                "make this sprint. He pairs every study with a product analytics query "
                "so both kinds of evidence show up together. Advice: practise one-page "
                "research readouts (he shared their template). Offered to introduce me "
                "to Hana for the analytics side.",
            ),
        ],
    ),
    Thread(
        "Laura Chen",
        "How data scientists at a health tech company work with clinicians",
        [
            *booked(
                start_at="b-20@20:00",
                contacted="b-18@09:00",
                replied="b-17@09:30",
                booked_at="b-17@10:00",
                starts="b-12@08:00",
                mode="in_person",
                place="Coffee by CareLoop's office",
                minutes=30,
            ),
            *thanked(
                met="b-12@08:40",
                thanked_at="b-11@08:30",
                learned="Clinicians trust a model when they helped choose the outcome "
                "it predicts. Most of her time goes to feature definitions with nurses, "
                "not modelling. Advice: learn basic survival analysis, and be able to "
                "explain a confusion matrix to a non-technical audience. She'll keep me "
                "in mind if an analyst role opens.",
            ),
        ],
    ),
    Thread(
        "Michael Grant",
        "Whether consulting is a good path into healthcare analytics, and "
        "what the first two years are like",
        [
            *booked(
                start_at="d-38@20:00",
                contacted="b-15@09:00",
                replied="b-14@09:00",
                booked_at="b-14@09:30",
                starts="b-9@17:30",
                mode="video",
            ),
            *thanked(
                met="b-9@17:55",
                thanked_at="b-9@21:00",
                learned="First two years: about 60% data wrangling, light travel. "
                "Staffing is project by project, so breadth comes fast and depth is "
                "harder. Advice: take one claims-data course before applying. Their "
                "case interview hands you a messy dataset and 45 minutes.",
            ),
        ],
    ),
    Thread(
        "Patrick Nolan",
        "How a home care agency schedules nurses, and where analytics helps",
        [
            *booked(
                start_at="b-8@19:00",
                contacted="b-6@19:00",
                replied="b-6@20:00",
                booked_at="b-6@20:10",
                starts="b-3@18:00",
                mode="in_person",
                place="His porch, coffee",
                minutes=30,
                confirmed=False,
            ),
            *thanked(
                met="b-3@18:40",
                thanked_at="b-2@08:00",
                learned="Nurse scheduling is their biggest operations headache: "
                "spreadsheets plus a paging system. Visits per nurse per day is the "
                "number everyone watches. He'd welcome a volunteer look at anonymised "
                "visit-routing data; this could be my portfolio project.",
            ),
        ],
    ),
    Thread(
        "Maria Esposito",
        "How a food-security nonprofit measures whether its programs work",
        [
            *booked(
                start_at="d-28@20:00",
                contacted="b-15@09:00",
                replied="b-14@09:00",
                booked_at="b-14@09:15",
                starts="b-10@11:00",
                mode="video",
            ),
            *thanked(
                met="b-10@11:30",
                thanked_at="b-10@17:00",
                learned="Outcomes come from a yearly household survey plus pantry visit "
                "data. Funders ask for outcomes but most reports are still outputs; she's "
                "changing that. Advice: the gap in nonprofits is data storytelling for "
                "boards. She offered intros to Beatriz (Keystone) and Carlos (Northside).",
            ),
        ],
    ),
    Thread(
        "Ruth Abernathy",
        "How climate policy nonprofits use data in their advocacy",
        [
            *booked(
                start_at="d-26@20:00",
                contacted="b-14@09:00",
                replied="b-13@12:00",
                booked_at="b-13@12:30",
                starts="b-9@08:30",
                mode="in_person",
                place="Coffee near her office",
            ),
            *thanked(
                met="b-9@09:00",
                thanked_at="b-9@18:00",
                learned="Their advocacy data is tree canopy and heat complaints by ward, "
                "analysed mostly by volunteers. Trend: city climate plans now require "
                "equity metrics, so nonprofits need analysts who can explain them. She "
                "introduced me to Fatima at Sunrise Grid.",
            ),
        ],
    ),
    # Keeping in touch -----------------------------------------------------------------------
    Thread(
        "Priya Natarajan",
        "How product analysts at a B2B analytics company spend their week",
        [
            *booked(
                start_at="b-78@20:00",
                contacted="b-74@19:00",
                contacted_on="b-75",
                replied="b-74@21:00",
                booked_at="b-73@09:00",
                starts="b-70@12:00",
                mode="video",
            ),
            *thanked(
                met="b-70@12:30",
                thanked_at="b-70@19:00",
                learned="Product analysts own one product area end to end, with a weekly "
                "metric review alongside the PM. Surprise: most of the job is writing, "
                "defining metrics and explaining why they moved. Advice: build a "
                "portfolio project on a public dataset and write the memo, not only "
                "the dashboard.",
            ),
            *nurturing(reported="b-63@20:00", since="b-61@09:00"),
            done("keep_in_touch", "d-27@19:00"),
            note(
                "d-27@19:10",
                "Sent Priya an article on metric trees she'd like. She said "
                "Marcus is growing the team later this year and offered to introduce me.",
            ),
        ],
    ),
    Thread(
        "Rosa Delgado",
        "How quality improvement teams at a community health center use data",
        [
            *booked(
                start_at="b-64@20:00",
                contacted="b-60@09:00",
                replied="b-59@12:00",
                booked_at="b-59@12:30",
                starts="b-53@10:00",
                mode="in_person",
                place="Lakeview clinic, 2nd floor",
                minutes=30,
            ),
            *thanked(
                met="b-53@10:40",
                thanked_at="b-52@09:00",
                learned="QI runs improvement cycles on screening rates; a three-person "
                "data team supports six clinics. Advice: volunteer on a health-center "
                "data project. She offered to ask about an unpaid project.",
            ),
            *nurturing(reported="d-61@19:00", since="d-59@09:00"),
        ],
    ),
    Thread(
        "Sofia Romano",
        "What it's like to be an analyst in city government",
        [
            *booked(
                start_at="b-57@20:00",
                contacted="b-54@09:00",
                replied="b-53@09:00",
                booked_at="b-53@09:30",
                starts="b-48@12:00",
                mode="video",
            ),
            *thanked(
                met="b-48@12:25",
                thanked_at="b-48@18:00",
                learned="Analyst II week: 40% ad hoc requests from council offices, 30% "
                "dashboards, 30% cleaning. Hiring: apply to the posting, then a scored "
                "skills test. She suggested writing to Andre and mentioning her.",
            ),
            *nurturing(reported="d-56@19:00", since="d-54@09:00"),
        ],
    ),
    Thread(
        "Imani Jackson",
        "How a library system measures whether its digital services help",
        [
            *booked(
                start_at="b-37@20:00",
                contacted="b-36@09:00",
                replied="b-36@12:00",
                booked_at="b-36@12:10",
                starts="b-32@17:30",
                mode="in_person",
                place="Central library café",
            ),
            *thanked(
                met="b-32@18:00",
                thanked_at="b-32@21:00",
                learned="They count e-book loans and wifi sessions but can't say whether "
                "the tech-help desk changes anything for patrons. She asked if I'd help "
                "design a simple evaluation as a volunteer.",
            ),
            *nurturing(reported="d-32@19:00", since="d-30@09:00"),
        ],
    ),
    Thread(
        "Elena Vasquez",
        "How civic-tech nonprofits run volunteer data projects",
        [
            *booked(
                start_at="b-91@20:00",
                contacted="b-90@09:00",
                replied="b-89@10:00",
                booked_at="b-89@10:30",
                starts="b-85@18:00",
                mode="video",
            ),
            *thanked(
                met="b-85@18:25",
                thanked_at="b-85@21:00",
                learned="Eight-week projects with a city partner; the volunteer 'data "
                "lead' role is a strong portfolio builder. Applications for the spring "
                "cohort open next month.",
            ),
            *nurturing(reported="d-112@19:00", since="d-110@09:00"),
            done("keep_in_touch", "d-52@20:00"),
            note(
                "d-52@20:05",
                "Shared the write-up from my Civic Signal project; she asked to "
                "feature it in their newsletter.",
            ),
        ],
    ),
    Thread(
        "Rachel Stein",
        "How other career changers from operations moved into analytics",
        [
            *booked(
                start_at="b-72@20:00",
                contacted="b-71@09:00",
                replied="b-71@11:00",
                booked_at="b-71@11:10",
                starts="b-68@14:00",
                mode="in_person",
                place="LSU career center",
                minutes=30,
            ),
            *thanked(
                met="b-68@14:35",
                thanked_at="b-68@19:00",
                learned="Career changers who landed analytics roles mostly did one "
                "visible project and one short course. Advice: build the target list "
                "around employers where operations knowledge counts: healthcare, "
                "logistics, public sector.",
            ),
            *nurturing(reported="d-82@19:00", since="d-80@09:00"),
            done("keep_in_touch", "d-23@19:00"),
        ],
    ),
    Thread(
        "Destiny Howard",
        "What a college-access nonprofit needs from data volunteers",
        [
            *booked(
                start_at="b-52@20:00",
                contacted="b-50@09:00",
                replied="b-48@09:00",
                booked_at="b-48@09:30",
                starts="b-43@16:00",
                mode="video",
            ),
            *thanked(
                met="b-43@16:25",
                thanked_at="b-43@20:00",
                learned="They track student persistence in spreadsheets and want a simple "
                "cohort dashboard. She offered me a volunteer role for the fall cohort.",
            ),
            *nurturing(reported="d-47@19:00", since="d-45@09:00"),
        ],
    ),
    # Closed: no reply after the single follow-up ----------------------------------------------
    Thread(
        "Samantha Greene",
        "How clinical data managers keep EHR data clean enough for reporting",
        [
            *unanswered(
                start_at="d-45@20:00",
                contacted="b-25@09:00",
                nudged="b-18@08:30",
                closed="b-15@09:40",
            ),
            note("b-15@09:45", "No answer after the follow-up. Try Arjun at Northbridge instead."),
        ],
    ),
    Thread(
        "Tom Lindqvist",
        "How a water utility plans pipe replacement with patchy data",
        unanswered(
            start_at="d-50@20:00", contacted="b-30@09:00", nudged="b-23@08:30", closed="b-20@10:00"
        ),
    ),
    Thread(
        "Robert Kim",
        "How data teams at a mid-size insurer are structured",
        unanswered(
            start_at="d-28@20:00", contacted="b-14@09:00", nudged="b-7@08:30", closed="b-4@09:35"
        ),
    ),
    Thread(
        "Jenna Morales",
        "How a logistics software company's analytics team supports sales",
        unanswered(
            start_at="d-60@20:00", contacted="b-35@09:00", nudged="b-28@08:30", closed="b-24@09:30"
        ),
    ),
    # Closed: declined ------------------------------------------------------------------------
    Thread(
        "Gabriel Santos",
        "How a BI team at a multi-specialty practice supports clinic managers",
        [
            start("d-30@20:00"),
            move("contacted", "b-16@09:00"),
            move("replied", "b-14@11:00"),
            move("declined", "b-14@11:05"),
            note(
                "b-14@11:10",
                "Kind reply: the team is mid-migration to a new EHR and has no "
                "time until summer. He offered to reconnect in June.",
            ),
        ],
    ),
    Thread(
        "Sanjay Rao",
        "What strategy consultants look for in people with operations backgrounds",
        [
            start("b-12@20:00"),
            move("contacted", "b-10@09:00"),
            move("declined", "b-8@14:00"),
            note(
                "b-8@14:05",
                "Northpoint routes all such requests through recruiting; he "
                "pointed me to their campus events page. Simone might be a warmer route.",
            ),
        ],
    ),
    Thread(
        "Sophie Laurent",
        "How climate investors judge operations at early-stage companies",
        [
            start("b-20@20:00"),
            move("contacted", "b-18@09:00"),
            move("replied", "b-16@10:00"),
            move("declined", "b-15@09:00"),
            note(
                "b-15@09:05",
                "Travelling for fundraising through next month. She suggested "
                "their annual impact report instead.",
            ),
        ],
    ),
]
