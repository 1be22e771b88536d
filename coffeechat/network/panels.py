"""What the network app contributes to a person's page: who they are and who introduced whom."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.network import queries
from coffeechat.network.forms import IntroductionForm
from coffeechat.network.models import Introduction, Person, Tag


@dataclass(frozen=True)
class PersonPanel:
    person: Person
    tags: list[Tag]
    introduced_by: list[Introduction]  # who introduced the owner to this person
    introduced: list[Introduction]  # whom this person introduced the owner to
    introduction_form: IntroductionForm


def person_panel(
    owner: User, person: Person, *, introduction_form: IntroductionForm | None = None
) -> PersonPanel:
    introductions = queries.introductions_for(person)
    return PersonPanel(
        person=person,
        tags=list(person.tags.all()),
        introduced_by=introductions["by"],
        introduced=introductions["made"],
        introduction_form=introduction_form
        or IntroductionForm(owner=owner, initial={"introduced_on": timezone.localdate()}),
    )
