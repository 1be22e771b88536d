"""The demo's organizations: where the people Sam found work (all on example.com/.org)."""

from __future__ import annotations

from coffeechat.demo.data import (
    Org,
)

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
