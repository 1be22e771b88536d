"""The demo's target list: 40 of its organizations, scored and sorted (method.md section 2).

Built through coffeechat.targets.services like a person would: the list five weeks ago, gut
ratings, then the weeks since. Ridgeway Capital ran out of people to ask and was closed as
exhausted, which moved Kestrel Robotics into the top five; the City of Lakeport's office was
applied to. Two employers had conversations after their last rating, so the list asks to
re-rate them (RULE-L7). The top five are Brightwater, CareLoop, Parcelwise (two requests
already waiting: RULE-C4), Fieldnote (a request to Hana half written) and Kestrel (only a
recruiter left to ask, so HR comes last but comes).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from coffeechat.accounts.models import User
from coffeechat.network.models import Organization
from coffeechat.targets import services
from coffeechat.targets.models import Target

DREAM, ALUMNI, POSTING, TREND, OTHER = Target.Source.values
SMALL, LARGE = Target.Size.SMALL, Target.Size.LARGE

# (organization, source, motivation, posting, size); None = not rated yet.
LIST: list[tuple[str, str, int | None, int | None, str]] = [
    ("Brightwater Analytics", ALUMNI, 5, 3, SMALL),
    ("CareLoop Health", DREAM, 5, 3, SMALL),
    ("Parcelwise", POSTING, 5, 2, SMALL),
    ("Ridgeway Capital Partners", TREND, 5, 2, SMALL),
    ("Fieldnote Labs", DREAM, 4, 3, SMALL),
    ("Kestrel Robotics", POSTING, 4, 3, "unknown"),
    ("Tandem Route", DREAM, 4, 3, SMALL),
    ("Lakeview Community Health", ALUMNI, 4, 2, SMALL),
    ("Alder & Finch Consulting", ALUMNI, 4, 2, SMALL),
    ("Openfield Maps", DREAM, 4, 2, "unknown"),
    ("Civic Signal", DREAM, 4, 2, SMALL),
    ("Commons Food Alliance", ALUMNI, 4, 1, SMALL),
    ("Green Corridor Alliance", DREAM, 4, 1, SMALL),
    ("City of Lakeport Office of Data & Analytics", ALUMNI, 4, 1, SMALL),
    ("Midstate Department of Public Health", ALUMNI, 4, 1, LARGE),
    ("Northbridge Clinics", POSTING, 3, 3, "unknown"),
    ("Riverbend Medical Group", POSTING, 3, 3, LARGE),
    ("Learnwise", DREAM, 3, 3, SMALL),
    ("Harbor Lane Software", ALUMNI, 3, 3, SMALL),
    ("Quillstack", DREAM, 3, 2, SMALL),
    ("Juniper Pediatrics Network", POSTING, 3, 2, "unknown"),
    ("Sunrise Grid Cooperative", DREAM, 3, 2, SMALL),
    ("Carbonwise", TREND, 3, 2, SMALL),
    ("Keystone Impact Advisors", POSTING, 3, 2, SMALL),
    ("Meridian Home Care", POSTING, 3, 2, "unknown"),
    ("Prairie Regional Transit Authority", TREND, 3, 1, LARGE),
    ("Northside Housing Partners", TREND, 3, 1, SMALL),
    ("Sunfield Behavioral Health", TREND, 3, 1, "unknown"),
    ("First Gen Futures", ALUMNI, 3, 1, SMALL),
    ("Lakeside Credit Union", POSTING, 2, 2, "unknown"),
    ("Cardinal Mutual Insurance", POSTING, 2, 2, LARGE),
    ("Greenleaf Community Bank", TREND, 2, 2, SMALL),
    ("Tallgrass Research Partners", POSTING, 2, 2, SMALL),
    ("Northpoint Strategy Group", POSTING, 2, 2, "unknown"),
    ("Great Lakes Water Commission", ALUMNI, 2, 1, LARGE),
    ("Lakeshore Public Library System", OTHER, 2, 1, "unknown"),
    ("Westbrook Community College", TREND, 2, 1, "unknown"),
    ("Midwest Signal Public Media", OTHER, 1, 1, "unknown"),
    ("Pinecone Podcasts", TREND, None, None, SMALL),
    ("Verdant Loop", TREND, None, None, SMALL),
]
# Rated when the list was made and not since, though conversations were held there after.
STALE_RATINGS = ("Lakeview Community Health", "Openfield Maps")
NOTES = {
    "Parcelwise": "Fully remote. Two requests out (Aisha, Ryan): wait before asking Priscilla.",
    "Ridgeway Capital Partners": "Only Sophie there, and she declined. Closed as exhausted.",
    "Fieldnote Labs": "Diego offered the intro to Hana: finish that request first.",
}


def load(user: User, *, now: datetime) -> dict[str, int]:
    made = now - timedelta(weeks=5)
    organizations = {o.name: o for o in Organization.objects.filter(owner=user)}
    targets = {}
    for name, source, motivation, posting, size in LIST:
        targets[name] = services.add_target(
            owner=user,
            organization=organizations[name],
            source=source,
            size=size,
            motivation=motivation,
            posting=posting,
            notes=NOTES.get(name, ""),
            now=made,
        )
    for name, target in targets.items():
        if name not in STALE_RATINGS and target.motivation is not None:
            # Re-rated after the conversations of the last weeks (RULE-L7), same score.
            services.rate(
                target=target,
                motivation=target.motivation,
                confirm=True,
                now=now - timedelta(hours=2),
            )
    with services.watching_batch(user) as change:
        services.change_status(
            target=targets["Ridgeway Capital Partners"],
            status=Target.Status.CLOSED,
            outcome=Target.Outcome.EXHAUSTED,
            now=now - timedelta(days=3),
        )
    for name in change.entered:
        promoted = targets[name]
        services.update_target(
            target=promoted,
            notes=(f"{promoted.notes}\n" if promoted.notes else "")
            + ("Moved into the top five when Ridgeway Capital Partners was closed as exhausted."),
        )
    services.change_status(
        target=targets["City of Lakeport Office of Data & Analytics"],
        status=Target.Status.APPLIED,
        now=now - timedelta(days=6),
    )
    return {"targets": len(targets)}
