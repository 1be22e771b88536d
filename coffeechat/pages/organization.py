"""An organization's page, put together from network's people there and the target list's line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.core.paginator import Page, Paginator

from coffeechat.accounts.models import User
from coffeechat.network import queries as network_queries
from coffeechat.network.models import Organization, Person
from coffeechat.targets import panels as target_panels

PEOPLE_PAGE_SIZE = 50  # a large employer can hold thousands of a user's LinkedIn connections


@dataclass(frozen=True)
class OrganizationPage:
    TEMPLATE: ClassVar[str] = "network/organization.html"

    organization: Organization
    people: Page[Person]  # one page of the people who work there
    target: target_panels.OrganizationTargetPanel


def organization_page(
    *, owner: User, organization: Organization, page_number: str | None
) -> OrganizationPage:
    people = network_queries.people_for(owner, organization_id=organization.pk)
    return OrganizationPage(
        organization=organization,
        people=Paginator(people, PEOPLE_PAGE_SIZE).get_page(page_number),
        target=target_panels.organization_target_panel(owner, organization),
    )
