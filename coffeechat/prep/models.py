from __future__ import annotations

from django.db import models

from coffeechat.conversations.models import Conversation
from coffeechat.lib.models import OwnedModel
from coffeechat.network.models import Person


class Category(models.TextChoices):
    """Where a question sits in the conversation (method.md 8.1 TIARA, 8.2)."""

    RAPPORT = "rapport", "Small talk"
    TRENDS = "trends", "Trends"
    INSIGHTS = "insights", "Insights"
    ADVICE = "advice", "Advice"
    RESOURCES = "resources", "Resources"
    ASSIGNMENTS = "assignments", "Assignments"
    PATH = "path", "Their path and the work"
    CLOSING = "closing", "Closing"
    OWN = "own", "My own question"


class Brief(OwnedModel):
    """What the user prepares, jots and reflects on for one conversation (one row each)."""

    class Resume(models.TextChoices):
        NONE = "", "No"
        REQUESTED = "requested", "I asked, they agreed"
        OFFERED = "offered", "They offered"

    conversation = models.OneToOneField(Conversation, models.CASCADE, related_name="brief")
    # Research (method.md 7.1): notes per subject, links, and the checklist items done.
    research_person = models.TextField("about them", blank=True)
    research_organization = models.TextField("about the organization", blank=True)
    research_field = models.TextField("about the field", blank=True)
    links = models.TextField(blank=True, help_text="One link per line.")
    research_done = models.JSONField(default=list, blank=True)
    introduction = models.TextField(
        "my 30-second introduction",
        blank=True,
        help_text="Where you've been, what you're curious about now, and why this field.",
    )
    bring_done = models.JSONField(default=list, blank=True)
    # During the conversation.
    live_notes = models.TextField("anything else", blank=True)
    resume_critique = models.CharField(
        "resume critique", max_length=10, blank=True, choices=Resume.choices, default=Resume.NONE
    )
    resume_feedback = models.TextField("their feedback on my resume", blank=True)
    # After (method.md 9, reflection prompts): prompt key -> answer.
    reflection = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Brief for {self.conversation}"


class Question(OwnedModel):
    """One question in a conversation's plan, in the order the user will ask it."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="questions")
    bank_key = models.CharField(max_length=30, blank=True)
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.OWN)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    must_ask = models.BooleanField("must ask", default=False)
    asked = models.BooleanField(default=False)
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["conversation", "position"], name="prep_question_conv_position")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Capture(OwnedModel):
    """Something the contact gave in the conversation: an insight, advice, a resource, a name."""

    class Kind(models.TextChoices):
        INSIGHT = "insight", "Insight"
        ADVICE = "advice", "Advice"
        RESOURCE = "resource", "Resource"
        REFERRAL = "referral", "Referral"

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="captures")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ADVICE)
    text = models.TextField()
    # A referral points at the person it created (network.Person); kept if they are deleted.
    referred = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="referred_in"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
