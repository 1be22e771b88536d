"""Plain helpers that build network rows through the real services."""

from __future__ import annotations

from coffeechat.accounts.models import User
from coffeechat.network import services
from coffeechat.network.models import Organization, Person


def make_person(owner: User, full_name: str = "Grace Hopper", organization: str = "",
                **fields) -> Person:
    return services.add_person(owner=owner, full_name=full_name, organization_name=organization,
                               **fields)


def make_organization(owner: User, name: str = "Navy", **fields) -> Organization:
    return services.add_organization(owner=owner, name=name, **fields)
