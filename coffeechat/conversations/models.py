from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.urls import reverse

from coffeechat.lib.models import OwnedModel
from coffeechat.network.models import Person


def _meeting_uid() -> str:
    return f"{uuid.uuid4().hex}@coffeechat"


class Stage(models.TextChoices):
    """The stages of one informational-interview thread (method.md section 1)."""

    IDENTIFIED = "identified", "Identified"
    CONTACTED = "contacted", "Contacted"
    REPLIED = "replied", "Replied"
    SCHEDULED = "scheduled", "Scheduled"
    MET = "met", "Met"
    THANKED = "thanked", "Thanked"
    NURTURING = "nurturing", "Keeping in touch"
    NO_REPLY = "no_reply", "Closed: no reply"
    DECLINED = "declined", "Closed: declined"


OPEN_STAGES = [
    Stage.IDENTIFIED,
    Stage.CONTACTED,
    Stage.REPLIED,
    Stage.SCHEDULED,
    Stage.MET,
    Stage.THANKED,
    Stage.NURTURING,
]
CLOSED_STAGES = [Stage.NO_REPLY, Stage.DECLINED]


def allowed_moves(stage: str) -> list[Stage]:
    """Where a conversation in `stage` may go next.

    Open stages may move to any other open stage (skipping ahead, or undoing a slip);
    "no reply" only follows an unanswered request; "declined" needs someone who was asked;
    a closed conversation can be reopened as identified or contacted.
    """
    if stage in CLOSED_STAGES:
        return [Stage.IDENTIFIED, Stage.CONTACTED]
    # The usual next step first, so a select defaults to going forward.
    here = OPEN_STAGES.index(Stage(stage))
    moves = OPEN_STAGES[here + 1 :] + OPEN_STAGES[:here]
    if stage == Stage.CONTACTED:
        moves.append(Stage.NO_REPLY)
    if stage in (Stage.CONTACTED, Stage.REPLIED, Stage.SCHEDULED):
        moves.append(Stage.DECLINED)
    return moves


class Conversation(OwnedModel):
    person = models.ForeignKey(Person, models.CASCADE, related_name="conversations")
    purpose = models.CharField(
        max_length=300,
        blank=True,
        help_text="What you hope to learn, e.g. how product teams work at a mid-size startup.",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDENTIFIED)
    stage_changed_at = models.DateTimeField()
    contacted_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-stage_changed_at"]
        # The board's columns: the newest moves of one stage (queries.board_for).
        indexes = [
            models.Index(
                fields=["owner", "stage", "-stage_changed_at"], name="conv_conversation_board"
            ),
            # "Have you asked anyone yet?" (the first-run checklist) without a scan.
            models.Index(
                fields=["owner"],
                condition=models.Q(contacted_at__isnull=False),
                name="conv_conversation_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"Conversation with {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("conversations:conversation", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    @property
    def can_follow_up(self) -> bool:
        """One follow-up to an unanswered request, never two (method.md RULE-F1)."""
        return self.stage == Stage.CONTACTED and self.follow_up_sent_at is None

    # What pages ask of the stage, so no template compares it with a literal string.
    @property
    def is_contacted(self) -> bool:
        """Asked and waiting for a reply."""
        return self.stage == Stage.CONTACTED

    @property
    def is_met(self) -> bool:
        """Met and the thank-you not sent yet."""
        return self.stage == Stage.MET

    @property
    def has_met(self) -> bool:
        """The meeting happened: met, thanked or keeping in touch."""
        return self.stage in (Stage.MET, Stage.THANKED, Stage.NURTURING)

    @property
    def is_before_meeting(self) -> bool:
        """Open and not met yet: identified, contacted, replied or scheduled."""
        return self.stage in (Stage.IDENTIFIED, Stage.CONTACTED, Stage.REPLIED, Stage.SCHEDULED)

    def moves(self) -> list[Stage]:
        return allowed_moves(self.stage)

    @property
    def moves_choices(self) -> list[tuple[str, str]]:
        return [(stage.value, stage.label) for stage in self.moves()]


class Meeting(OwnedModel):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=20)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.VIDEO)
    place = models.CharField(
        "place, number or link",
        max_length=300,
        blank=True,
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # iCalendar identity: the UID never changes; SEQUENCE grows with every update sent.
    uid = models.CharField(max_length=200, unique=True, default=_meeting_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    invite_sent_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)

    class Reply(models.TextChoices):
        """The person's answer to the invitation (iTIP METHOD:REPLY, PARTSTAT)."""

        ACCEPTED = "accepted", "Accepted"
        TENTATIVE = "tentative", "Maybe"
        DECLINED = "declined", "Declined"

    # Their latest answer, its DTSTAMP (an older answer read later never overrides a newer
    # one) and the comment their calendar sent with it.
    reply = models.CharField(max_length=10, choices=Reply.choices, blank=True)
    reply_stamp = models.DateTimeField(null=True, blank=True)
    reply_comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["owner", "starts_at"], name="conv_meeting_owner_starts")]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} with {self.conversation.person}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_declined(self) -> bool:
        """They answered the invitation with "declined"."""
        return self.reply == self.Reply.DECLINED


class SlotProposal(OwnedModel):
    """A time offered to the other person (method.md RULE-S1: offer 2-3 slots)."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="proposals")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=20)
    mode = models.CharField(max_length=10, choices=Meeting.Mode.choices, default=Meeting.Mode.VIDEO)
    place = models.CharField("place, number or link", max_length=300, blank=True)
    accepted = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} ({self.minutes} min)"


class Note(OwnedModel):
    person = models.ForeignKey(Person, models.CASCADE, related_name="person_notes")
    conversation = models.ForeignKey(
        Conversation, models.CASCADE, null=True, blank=True, related_name="notes"
    )
    body = models.TextField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class Digest(OwnedModel):
    """One email listing a batch of due reminders. Claimed before sending, sent once."""

    message_id = models.CharField(max_length=200, unique=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message_id


class Reminder(OwnedModel):
    class Kind(models.TextChoices):
        TRY_ANOTHER = "try_another", "Try someone else at the organization (3B)"
        FOLLOW_UP = "follow_up", "Send the one follow-up (7B)"
        CLOSE_NO_REPLY = "close_no_reply", "No reply after the follow-up"
        REPLY = "reply", "Answer and offer times"
        CONFIRM = "confirm", "Confirm the meeting"
        THANK_YOU = "thank_you", "Send a thank-you"
        REPORT_BACK = "report_back", "Report back"
        KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"
        CUSTOM = "custom", "Reminder"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DISMISSED = "dismissed", "Dismissed"
        CANCELLED = "cancelled", "No longer needed"

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CUSTOM)
    title = models.CharField(max_length=300)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        Digest, models.SET_NULL, null=True, blank=True, related_name="reminders"
    )

    class Meta:
        ordering = ["due_at"]
        indexes = [
            # Today and the digest job both ask "open reminders due before T for this owner".
            models.Index(fields=["owner", "status", "due_at"], name="conv_reminder_owner_due"),
            models.Index(fields=["status", "due_at"], name="conv_reminder_status_due"),
            # The digest sweep's "open, due, not mailed yet": only those rows, however many
            # reminders were mailed before (services._claim_new_digest).
            models.Index(
                fields=["due_at"],
                condition=models.Q(status="open", digest=None),
                name="conv_reminder_undigested",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    # The kinds pages give their own action to (conversations/_reminder.html, prep/after.html).
    @property
    def is_try_another(self) -> bool:
        return self.kind == self.Kind.TRY_ANOTHER

    @property
    def is_follow_up(self) -> bool:
        return self.kind == self.Kind.FOLLOW_UP

    @property
    def is_close_no_reply(self) -> bool:
        return self.kind == self.Kind.CLOSE_NO_REPLY

    @property
    def is_thank_you(self) -> bool:
        return self.kind == self.Kind.THANK_YOU

    @property
    def is_report_back(self) -> bool:
        return self.kind == self.Kind.REPORT_BACK

    def is_overdue(self, *, now: datetime) -> bool:
        return self.status == self.Status.OPEN and self.due_at < now


class Activity(OwnedModel):
    """One line of a person's timeline, written by services, never edited."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="activities")
    conversation = models.ForeignKey(
        Conversation, models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    action = models.CharField(max_length=50)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["person", "occurred_at"], name="conv_activity_person_at")]

    def __str__(self) -> str:
        return self.summary
