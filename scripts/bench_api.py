"""Time the JSON API's people list against a bare Django JSON view of the same rows.

Usage: COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_api.py [--people N]
Creates an account with N people (default 5,000) at 200 organizations with a tag each, then
asks for pages of 50 and 100 people both ways --runs times: GET /api/v1/people (a bearer
token: authentication, the rate-limit count, pydantic serialization, the ETag) and a plain
view that reads the same rows with the same query and returns them with JsonResponse (the
floor: no token, no schema). Prints the medians and their ratio (the goal: at most 2x).
Both go through the same middleware with Django's test client. Use a scratch data dir: it
writes to the database the environment names.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from pagetiming import timed  # noqa: E402

OWNER: dict[str, object] = {}


def bare_people(request: HttpRequest) -> JsonResponse:
    """The floor: the same rows and fields as the API, without a token or a schema."""
    from coffeechat.network import queries

    limit = int(request.GET.get("limit", 50))
    people = queries.people_for(OWNER["user"]).order_by("pk")[:limit]
    items = [
        {
            "id": p.pk,
            "full_name": p.full_name,
            "title": p.title,
            "organization": (
                {"id": p.organization.pk, "name": p.organization.name} if p.organization else None
            ),
            "email": p.email,
            "phone": p.phone,
            "linkedin_url": p.linkedin_url,
            "connection": p.connection,
            "met_at": p.met_at,
            "segment": p.segment,
            "time_zone": p.time_zone,
            "keep_in_touch_weeks": p.keep_in_touch_weeks,
            "last_touch_at": p.last_touch_at,
            "tags": [t.name for t in p.tags.all()],
            "notes": p.notes,
            "created_at": p.created_at,
            "updated_at": p.updated_at,
        }
        for p in people
    ]
    return JsonResponse({"items": items, "next_cursor": None})


urlpatterns = [path("bench/people", bare_people), path("", include("config.urls"))]


def seed(count: int) -> str:
    from coffeechat.accounts.models import User
    from coffeechat.api import services
    from coffeechat.network.models import Organization, Person, Tag

    owner = User.objects.create_user("bench-api@example.org", "a long bench password")
    OWNER["user"] = owner
    organizations = Organization.objects.bulk_create(
        Organization(owner=owner, name=f"Organization {i}") for i in range(200)
    )
    tags = Tag.objects.bulk_create(Tag(owner=owner, name=f"tag{i}") for i in range(20))
    people = Person.objects.bulk_create(
        Person(
            owner=owner,
            full_name=f"Person {i}",
            title="Analyst",
            email=f"person{i}@example.org",
            organization=organizations[i % 200],
        )
        for i in range(count)
    )
    Person.tags.through.objects.bulk_create(
        Person.tags.through(person_id=p.pk, tag_id=tags[i % 20].pk) for i, p in enumerate(people)
    )
    return services.create_token(owner=owner, name="bench", scope="read").secret


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    secret = seed(args.people)
    with override_settings(
        ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], API_REQUESTS_PER_MINUTE=1_000_000
    ):
        api = Client(headers={"Authorization": f"Bearer {secret}"})
        bare = Client()
        print(f"{args.people} people, median of {args.runs} requests each")
        for limit in (50, 100):
            api_ms, api_queries = timed(api, f"/api/v1/people?limit={limit}", args.runs)
            bare_ms, bare_queries = timed(bare, f"/bench/people?limit={limit}", args.runs)
            print(
                f"  {limit:>3} a page: API {api_ms:6.1f} ms ({api_queries} queries), "
                f"bare Django {bare_ms:6.1f} ms ({bare_queries} queries): "
                f"{api_ms / bare_ms:.2f}x"
            )


if __name__ == "__main__":
    main()
