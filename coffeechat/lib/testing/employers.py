"""Made-up employer names for filling a target list in tests (the LAMP list wants 40), and
people at employers, added through whichever service a test needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def people_at[T](
    add: Callable[..., T], people: Iterable[tuple[str, str, dict[str, Any]]], **common: Any
) -> list[T]:
    """Each (full name, employer, more fields) through `add` (network.add_person,
    prep.add_referral ...) with the fields all of them share (owner=, context= ...)."""
    return [
        add(full_name=name, organization_name=employer, **common, **more)
        for name, employer, more in people
    ]


EMPLOYERS = [
    "Alder Grove Health",
    "Bluebird Logistics",
    "Cedar Row Analytics",
    "Driftwood Labs",
    "Elmstead Clinics",
    "Fernhill Energy",
    "Granite Bay Software",
    "Harborview Transit",
    "Ironwood Insurance",
    "Juniper Learning",
    "Kestrel Maps",
    "Lantern Public Media",
    "Maplecrest Foods",
    "Nettle & Pine",
    "Oakmont Credit Union",
    "Pebble Creek Water",
    "Quarry Lane Robotics",
    "Redwood Civic Data",
    "Sablewood Partners",
    "Tamarack Research",
    "Umber Street Studio",
    "Vireo Health Tech",
    "Willowbrook College",
    "Yarrow Climate",
    "Zephyr Routing",
    "Amberline Retail",
    "Birchway Pharmacy",
    "Copperfield Bank",
    "Dunmore Housing",
    "Eastgate Libraries",
    "Foxglove Nonprofit",
    "Gullwing Aviation",
    "Hollyhock Care",
    "Inkwell Press",
    "Jasper Grid",
    "Kingfisher Outdoors",
    "Larkspur Biotech",
    "Moonrise Games",
]
