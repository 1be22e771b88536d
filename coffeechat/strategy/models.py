"""From conversations to a career strategy (method.md 11.3-11.5).

Obstacles are kept on the user (not per conversation), options are what the user is exploring,
evidence tags what people said, themes are what two different people said, a synthesis sums up
an option every third conversation, and the strategy is a document with dated versions.

Timestamps other apps chart (insights): Theme.confirmed_at (when the second person said it),
Obstacle.closed_at, Action.done_at, Option.status_changed_at, StrategyVersion.created_at.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from coffeechat.conversations.models import Conversation, Note
from coffeechat.lib.models import OwnedModel
from coffeechat.network.models import Organization, Person
from coffeechat.prep.models import Capture, Question


class Obstacle(OwnedModel):
    """A gap between the user and the role they want: "what blocks me from being the perfect
    candidate" (method.md 11.4, Communication), with what was asked and heard about it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        WORKING = "working", "Working on it"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    key = models.CharField(max_length=200, editable=False)  # text.normalized(title)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Conversations whose brief raises it, the questions planned for it, advice received.
    raised_in = models.ManyToManyField(Conversation, blank=True, related_name="obstacles_raised")
    questions = models.ManyToManyField(Question, blank=True, related_name="obstacles")
    captures = models.ManyToManyField(Capture, blank=True, related_name="obstacles")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="strategy_obstacle_unique_key")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Action(OwnedModel):
    """A next step on an obstacle, with the date the user means to do it by."""

    obstacle = models.ForeignKey(Obstacle, models.CASCADE, related_name="actions")
    text = models.CharField(max_length=300)
    due_on = models.DateField("do by", null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def done(self) -> bool:
        return self.done_at is not None


class Option(OwnedModel):
    """An occupation or role the user is exploring (an Odyssey-style option, method.md 11.3),
    optionally at some employers. O*NET occupations are shared reference data: linked by code."""

    class Status(models.TextChoices):
        EXPLORE = "explore", "Exploring"
        FOCUS = "focus", "Focus"
        DROP = "drop", "Dropped"

        # Pages ask `status.is_focus`, never compare with a string.
        @property
        def is_focus(self) -> bool:
            return self is Option.Status.FOCUS

        @property
        def is_explore(self) -> bool:
            return self is Option.Status.EXPLORE

    title = models.CharField(max_length=200)
    occupation_code = models.CharField("O*NET occupation code", max_length=12, blank=True)
    occupation_title = models.CharField("O*NET occupation", max_length=200, blank=True)
    description = models.TextField("the work, in your words", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EXPLORE)
    status_changed_at = models.DateTimeField(default=timezone.now)
    organizations = models.ManyToManyField(Organization, blank=True, related_name="options")

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_focus(self) -> bool:
        return self.status == self.Status.FOCUS


class Tag(models.TextChoices):
    """What a captured item says about an option (method.md 11.5 step 1)."""

    FIT_PLUS = "fit+", "fit+"
    FIT_MINUS = "fit-", "fit−"
    GAP = "gap", "gap"
    LEAD = "lead", "lead"
    FACT = "fact", "fact"


TAG_HELP = {
    Tag.FIT_PLUS: "something I'd like",
    Tag.FIT_MINUS: "something I'd dislike",
    Tag.GAP: "a skill or credential to build",
    Tag.LEAD: "someone or somewhere to follow up",
    Tag.FACT: "how things are",
}


class Evidence(OwnedModel):
    """A tag on exactly one captured item: a capture, an answered question or a note."""

    capture = models.OneToOneField(
        Capture, models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    question = models.OneToOneField(
        Question, models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    note = models.OneToOneField(
        Note, models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    tag = models.CharField(max_length=5, choices=Tag.choices)
    option = models.ForeignKey(
        Option, models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    # Who said it and in which conversation (copied from the item, for counting by option).
    person = models.ForeignKey(Person, models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, models.CASCADE, null=True, blank=True, related_name="+"
    )
    said_at = models.DateTimeField()

    class Meta:
        ordering = ["-said_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(capture__isnull=False, question__isnull=True, note__isnull=True)
                    | Q(capture__isnull=True, question__isnull=False, note__isnull=True)
                    | Q(capture__isnull=True, question__isnull=True, note__isnull=False)
                ),
                name="strategy_evidence_one_item",
            )
        ]
        indexes = [models.Index(fields=["owner", "option", "tag"], name="strategy_evidence_option")]

    def __str__(self) -> str:
        return f"{self.get_tag_display()}: {self.item}"

    @property
    def item(self) -> Capture | Question | Note:
        return self.capture or self.question or self.note  # type: ignore[return-value]

    @property
    def text(self) -> str:
        if self.capture is not None:
            return self.capture.text
        if self.question is not None:
            return self.question.answer
        return self.note.body if self.note is not None else ""


class Mention(OwnedModel):
    """One term of one captured item (see text.py): what themes are counted from.

    Derived from the items and kept in step by mentions.sync(); deleting an item deletes its
    mentions. `person` is who said it, `said_at` when it was captured.
    """

    capture = models.ForeignKey(Capture, models.CASCADE, null=True, blank=True, related_name="+")
    question = models.ForeignKey(Question, models.CASCADE, null=True, blank=True, related_name="+")
    note = models.ForeignKey(Note, models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)  # advice, insight, resource, referral, answer, note
    term = models.CharField(max_length=120)
    surface = models.CharField(max_length=120)
    excerpt = models.CharField(max_length=300)
    said_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["owner", "term", "said_at"], name="strategy_mention_term"),
            models.Index(fields=["owner", "person"], name="strategy_mention_person"),
        ]

    def __str__(self) -> str:
        return self.term


class Theme(OwnedModel):
    """Something at least two different people mentioned (method.md 11.5 step 2)."""

    class Kind(models.TextChoices):
        ADVICE = "advice", "Advice"
        SKILL = "skill", "Skill"
        RESOURCE = "resource", "Resource"
        ORGANIZATION = "organization", "Organization"
        PERSON = "person", "Person"
        TOPIC = "topic", "Topic"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        FADED = "faded", "No longer two people"  # a source was deleted
        DISMISSED = "dismissed", "Dismissed"
        MERGED = "merged", "Merged"

        # Pages ask `status.is_dismissed`, never compare with a string.
        @property
        def is_confirmed(self) -> bool:
            return self is Theme.Status.CONFIRMED

        @property
        def is_dismissed(self) -> bool:
            return self is Theme.Status.DISMISSED

    key = models.CharField(max_length=120)  # the term it grew from
    terms = models.JSONField(default=list, blank=True)  # every term it counts (merges, typos)
    label = models.CharField(max_length=120)
    custom_label = models.CharField("name", max_length=120, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TOPIC)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    people_count = models.PositiveIntegerField(default=0)
    confirmed_at = models.DateTimeField()  # when the second different person said it
    last_said_at = models.DateTimeField()
    merged_into = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="merged"
    )

    class Meta:
        ordering = ["-people_count", "-last_said_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="strategy_theme_unique_key")
        ]
        indexes = [
            models.Index(fields=["owner", "status", "people_count"], name="strategy_theme_status")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.custom_label or self.label

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_dismissed(self) -> bool:
        return self.status == self.Status.DISMISSED


class ThemeState(OwnedModel):
    """How far the user's items have been read into mentions, per kind of item."""

    # {"capture": ["<iso updated_at>", pk], ...}: the last item read, in (updated_at, pk) order.
    read_until = models.JSONField(default=dict, blank=True)
    dirty = models.BooleanField(default=True)  # mentions changed since themes were counted
    counted_at = models.DateTimeField(null=True, blank=True)
    catch_up_queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="strategy_themestate_one_per_owner")
        ]


class Synthesis(OwnedModel):
    """A one-page synthesis of an option, accepted after its 3rd, 6th... conversation
    (method.md 11.5 step 3)."""

    option = models.ForeignKey(Option, models.CASCADE, related_name="syntheses")
    conversations_count = models.PositiveSmallIntegerField()
    likes = models.TextField("confirmed likes", blank=True)
    deal_breakers = models.TextField("deal-breakers", blank=True)
    gaps = models.TextField(blank=True)
    open_questions = models.TextField("open questions", blank=True)
    next_prototype = models.TextField("next prototype", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.option} after {self.conversations_count} conversations"


class StrategyVersion(OwnedModel):
    """One saved version of the strategy document; the latest is the current one."""

    number = models.PositiveIntegerField()
    body = models.TextField(blank=True)
    restored_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "number"], name="strategy_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"
