"""The demo chapter builds Sam's resumes through the services, with Grace's advice on one."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coffeechat.conversations import services as conversation_services
from coffeechat.demo import resumes as chapter
from coffeechat.network import services as network_services
from coffeechat.resumes import document as doc
from coffeechat.resumes.models import Resume, Suggestion

pytestmark = pytest.mark.django_db


def test_it_builds_a_base_a_tailored_copy_and_an_open_and_an_addressed_suggestion(alice):
    grace = network_services.add_person(
        owner=alice, full_name="Grace Liu", organization_name="Tandem Route"
    )
    conversation_services.start_conversation(owner=alice, person=grace)

    counts = chapter.load(alice, now=timezone.now())

    assert counts == {"resumes": 2, "resume suggestions": 2}
    base = Resume.objects.get(owner=alice, kind=Resume.Kind.BASE)
    assert [w["position"] for w in doc.loads(base.document)["work"]] == [
        "Operations Analyst",
        "Dispatch Coordinator",
    ]
    tailored = Resume.objects.get(owner=alice, kind=Resume.Kind.TAILORED)
    assert tailored.target_organization.name == "Tandem Route"
    assert sorted(Suggestion.objects.values_list("status", flat=True)) == ["addressed", "open"]


def test_without_the_conversation_it_still_builds_the_resumes(alice):
    counts = chapter.load(alice, now=timezone.now())

    assert counts == {"resumes": 2, "resume suggestions": 0}
