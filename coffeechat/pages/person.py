"""The person page, put together in one place from each app's panel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from coffeechat.accounts.models import User
from coffeechat.conversations import panels as conversation_panels
from coffeechat.conversations.forms import NoteForm, StartConversationForm
from coffeechat.network import panels as network_panels
from coffeechat.network.forms import IntroductionForm
from coffeechat.network.models import Person
from coffeechat.prep import panels as prep_panels
from coffeechat.resumes import panels as resume_panels


@dataclass(frozen=True)
class PersonPage:
    TEMPLATE: ClassVar[str] = "network/person.html"

    person: network_panels.PersonPanel  # details, tags, introductions
    conversations: conversation_panels.PersonConversationsPanel  # threads and timeline
    notes: conversation_panels.NotesPanel
    keep_in_touch: prep_panels.KeepInTouchPanel
    resume_advice: resume_panels.ResumeAdvicePanel


def person_page(
    *,
    owner: User,
    person: Person,
    note_form: NoteForm | None = None,
    start_form: StartConversationForm | None = None,
    introduction_form: IntroductionForm | None = None,
) -> PersonPage:
    """The page of `owner`'s `person` (fetched through get_person), with a failed form if any."""
    return PersonPage(
        person=network_panels.person_panel(owner, person, introduction_form=introduction_form),
        conversations=conversation_panels.person_conversations(person, start_form=start_form),
        notes=conversation_panels.person_notes(person, form=note_form),
        keep_in_touch=prep_panels.keep_in_touch_panel(person),
        resume_advice=resume_panels.resume_advice_panel(person),
    )
