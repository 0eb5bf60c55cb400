"""A motie of the gemeenteraad and the people who submitted it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from governance.constants import NotificationKind
from governance.history import ChildHistoricalRecords
from governance.letters import BaseLetter
from governance.models import (
    HeldAtMeeting,
    Meeting,
    Municipality,
    MunicipalityOwned,
    Party,
    Person,
    Portfolio,
    search_key_index,
)
from governance.tracking import TrackedDeadline
from governance.validators import validate_plausible_date, validate_record_number

from .constants import (
    ADOPTED_STATUSES,
    OPEN_STATUSES,
    CompletionRoute,
    MotionKind,
    MotionStatus,
    PartyChoice,
    VoteOutcome,
)
from .query import MotionQuerySet

TEXT_LIMIT = 20_000


class Motion(index.Indexed, MunicipalityOwned, HeldAtMeeting, TrackedDeadline, ClusterableModel):
    """A motie: what the raad asked of the college, and how far that has come."""

    # The deadline rules (check_deadline, is_overdue, days_overdue) are governance.tracking's.
    OPEN_STATUSES = OPEN_STATUSES
    deadline_before_start_message = _("The deadline cannot be before the vote (%(date)s).")
    deadline_missing_message = _(
        "An adopted motion needs a deadline, or a reason why it is unknown."
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("number", boost=3),
        index.SearchField("recitals"),
        index.SearchField("operative_text", boost=2),
        # The indieners and the fracties they signed for: a motie is found by a name,
        # a fractie's name or its abbreviation. Indexed with the motie (the database
        # backend flattens related fields into its text); motions.search re-indexes the
        # motie when its indieners, their names or their fracties change.
        index.RelatedFields(
            "submitters",
            [
                index.RelatedFields("person", [index.SearchField("name")]),
                index.RelatedFields(
                    "party", [index.SearchField("name"), index.SearchField("abbreviation")]
                ),
            ],
        ),
        index.FilterField("municipality_id"),
        index.FilterField("published_at"),
    ]

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="motions",
    )
    number = models.CharField(
        _("number"),
        max_length=30,
        validators=[validate_record_number],
        help_text=_("The motion's number, unique within the municipality, e.g. M2026-014."),
    )
    title = models.CharField(_("title"), max_length=255)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="motions",
        help_text=_("The council meeting in which the motion was (or will be) put to the vote."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MotionKind.choices, default=MotionKind.agenda_item
    )
    agenda_item = models.CharField(
        _("agenda item"),
        max_length=255,
        blank=True,
        help_text=_("The agenda item the motion was submitted on, if any."),
    )
    recitals = models.TextField(
        _("recitals"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("The considerans: 'constaterende dat …', 'overwegende dat …'."),
    )
    operative_text = models.TextField(
        _("operative text"),
        max_length=TEXT_LIMIT,
        help_text=_("The dictum: 'verzoekt het college …'."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MotionStatus.choices,
        default=MotionStatus.submitted,
    )
    # Status, vote date and completion date are set by motions.lifecycle only: the admin
    # form leaves them out. They stay "editable" so that their history can be diffed.
    vote_date = models.DateField(_("date of the vote"), null=True, blank=True)
    portfolio = models.ForeignKey(
        Portfolio,
        verbose_name=_("portfolio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motions",
    )
    deadline = models.DateField(
        _("deadline"),
        validators=[validate_plausible_date],
        null=True,
        blank=True,
        help_text=_("The date by which the college is to have carried out the motion."),
    )
    deadline_unknown_reason = models.CharField(
        _("reason the deadline is unknown"),
        max_length=500,
        blank=True,
        help_text=_("Fill in instead of a deadline when no date has been set or promised."),
    )
    progress = models.TextField(
        _("progress"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_(
            "Stand van zaken: where carrying out the motion stands now, in a few sentences."
        ),
    )
    completion_route = models.CharField(
        _("completion proposed with"),
        max_length=30,
        choices=CompletionRoute.choices,
        blank=True,
        help_text=_("How the college informed the raad that the motion has been carried out."),
    )
    completion_reference = models.CharField(
        _("reference of the completion proposal"),
        max_length=255,
        blank=True,
        help_text=_("The document number or title of the letter or proposal."),
    )
    completion_proposed_on = models.DateField(
        _("completion proposed on"),
        null=True,
        blank=True,
        help_text=_("The date of the letter or proposal that proposes completion."),
    )
    completion_date = models.DateField(
        _("date of completion"),
        null=True,
        blank=True,
        help_text=_("The date on which the raad agreed that the motion is completed."),
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("Set by the griffie; only published moties show on the public site."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["meeting_held_on"])  # a copy

    objects = MotionQuerySet.as_manager()

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["-meeting_held_on", "number"]
        # Each serves a query named in docs/scale.md (every index costs on each write).
        indexes = [
            # A meeting's published moties: the API's vergaderingen (which meetings
            # have one) and the moties listed under each.
            models.Index(
                fields=["meeting"],
                name="motion_published_meeting",
                condition=models.Q(published_at__isnull=False),
            ),
            # The public search's join with Wagtail's index entries.
            search_key_index("motion_search_key"),
            # The lists' default order (public, admin, API): newest meeting first.
            models.Index(
                models.F("municipality"),
                models.F("meeting_held_on").desc(),
                models.F("number"),
                name="motion_by_meeting",
            ),
            # The overdue moties of a municipality, soonest deadline first (the
            # dashboard, reminders, the motievolglijst's "overdue" filter).
            models.Index(
                fields=["municipality", "deadline"],
                name="motion_open_deadline",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            # The same for college staff, whose reach is their portfolios.
            models.Index(
                fields=["portfolio", "deadline"],
                name="motion_open_portfolio",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            # And for the functional administrator, who sees every municipality.
            models.Index(
                fields=["deadline"],
                name="motion_open_by_deadline",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            # A municipality's moties by key, from the index alone: the admin's letter
            # lists count the letters of the moties in the user's reach with it.
            models.Index(fields=["municipality", "id"], name="motion_municipality_key"),
            # The public feed (newest change first) and the API's gewijzigd_sinds.
            models.Index(
                fields=["municipality", "-updated_at"],
                name="motion_published_updated",
                condition=models.Q(published_at__isnull=False),
            ),
            # A municipality's published moties by key, with their latest change, read
            # from the index without the table: the API's brieven join their letters
            # to them (and count them); the sitemap index pages them in key order with
            # the latest change of each page (opendata.sitemaps).
            models.Index(
                fields=["municipality", "id", "updated_at"],
                name="motion_published_key",
                condition=models.Q(published_at__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"],
                name="motion_number_unique_per_municipality",
                violation_error_message=_(
                    "This municipality already has a motion with this number."
                ),
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def clean(self):
        self.check_same_municipality(meeting=self.meeting_or_none, portfolio=self.portfolio)
        self.check_dates()
        self.check_deadline()
        if self.status in ADOPTED_STATUSES and not self.portfolio_id:
            raise ValidationError({"portfolio": _("An adopted motion needs a portfolio.")})

    @property
    def meeting_or_none(self):
        return self.meeting if self.meeting_id else None

    @property
    def vote_or_meeting_date(self):
        if self.vote_date:
            return self.vote_date
        return self.meeting.date if self.meeting_id else None

    def check_dates(self):
        """The vote is on or after its meeting, completion after the vote, neither later
        than today."""
        today = timezone.localdate()
        meeting_date = self.meeting.date if self.meeting_id else None
        if self.vote_date and meeting_date and self.vote_date < meeting_date:
            raise ValidationError(
                _("The vote cannot be before the meeting (%(date)s).")
                % {"date": meeting_date.strftime("%d-%m-%Y")}
            )
        if self.vote_date and self.vote_date > today:
            raise ValidationError(_("The date of the vote cannot be in the future."))
        if self.completion_date and self.completion_date > today:
            raise ValidationError(_("The date of completion cannot be in the future."))
        if self.completion_date and self.vote_date and self.completion_date < self.vote_date:
            raise ValidationError(_("The date of completion cannot be before the vote."))
        proposed = self.completion_proposed_on
        if proposed and proposed > today:
            raise ValidationError(_("The date of the completion proposal cannot be in the future."))
        if proposed and self.vote_date and proposed < self.vote_date:
            raise ValidationError(_("The completion proposal cannot be dated before the vote."))

    def deadline_start(self):
        """A motie's deadline may not be before its vote (or its meeting, before the vote)."""
        return self.vote_or_meeting_date

    @property
    def is_adopted(self) -> bool:
        return self.status in ADOPTED_STATUSES


class MotionSubmitter(Orderable):
    """One indiener of a motie, with the party they signed for."""

    motion = ParentalKey(Motion, on_delete=models.CASCADE, related_name="submitters")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="submitted_motions"
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submitted_motions",
        help_text=_("Leave empty to use the person's current party."),
    )
    history = ChildHistoricalRecords()

    class Meta(Orderable.Meta):
        verbose_name = _("submitter")
        verbose_name_plural = _("submitters")

    def __str__(self):
        return f"{self.person.name} ({self.party})" if self.party_id else self.person.name

    def clean(self):
        # The person and party must be of the motie's municipality: MotionForm checks
        # that, because a new inline row does not know its motie yet when it is cleaned.
        if self.person_id and not self.party_id:
            self.party_id = self.person.party_id


class Vote(models.Model):
    """The stemming over a motie: met algemene stemmen, or the numbers for and against.
    One per motie; a later vote (after holding over) replaces it, its history keeps the
    earlier one. Rules and the Dutch summary: motions.votes."""

    motion = models.OneToOneField(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="vote"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=VoteOutcome.choices)
    unanimous = models.BooleanField(
        _("unanimous"),
        default=False,
        help_text=_("Met algemene stemmen: nobody voted against; no numbers are given then."),
    )
    votes_for = models.PositiveSmallIntegerField(
        _("votes for"), null=True, blank=True, help_text=_("The number of members who voted for.")
    )
    votes_against = models.PositiveSmallIntegerField(
        _("votes against"),
        null=True,
        blank=True,
        help_text=_("The number of members who voted against."),
    )
    date = models.DateField(_("date of the vote"), validators=[validate_plausible_date])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        from .votes import vote_summary

        return vote_summary(self)

    def clean(self):
        from .votes import check_vote

        check_vote(self)


class PartyVote(models.Model):
    """How one fractie voted in a stemming (voor, tegen or verdeeld)."""

    vote = models.ForeignKey(
        Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="party_votes"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.PROTECT, related_name="votes"
    )
    choice = models.CharField(_("vote of the party"), max_length=10, choices=PartyChoice.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote of a party")
        verbose_name_plural = _("votes of the parties")
        ordering = ["party__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "party"],
                name="one_party_vote_per_vote",
                violation_error_message=_("This party's vote is recorded already."),
            )
        ]

    def __str__(self):
        return f"{self.party}: {self.get_choice_display()}"

    def clean(self):
        same = not (self.party_id and self.vote_id) or (
            self.party.municipality_id == self.vote.motion.municipality_id
        )
        if not same:
            raise ValidationError({"party": _("This belongs to another municipality.")})


class CompletionLetter(index.Indexed, BaseLetter):
    """The raadsbrief in which the college proposes to consider a motie afgedaan
    (sections as in the Twenterand letter). Sending it moves the motie to
    completion proposed; once sent it is immutable and a correction is a new version."""

    search_fields = [
        index.SearchField("introduction"),
        index.SearchField("core_message"),
        index.SearchField("document_number"),
        index.SearchField("case_number"),
        index.FilterField("motion"),
        index.FilterField("status"),
    ]
    send_effect = _("The motie moves to 'afdoening voorgesteld': the raad decides on it next.")
    notifies = NotificationKind.completion_proposed

    motion = models.ForeignKey(
        Motion,
        verbose_name=_("motion"),
        on_delete=models.PROTECT,
        related_name="completion_letters",
    )
    introduction = models.TextField(
        _("introduction (addition)"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Follows the opening that quotes the date of the vote and the operative text."),
    )
    core_message = RichTextField(
        _("core message"),
        blank=True,
        features=["h3", "h4", "bold", "italic", "ol", "ul"],
        help_text=_("KERNBOODSCHAP: how the motion was carried out; headings and lists allowed."),
    )
    attachments = models.TextField(_("attachments"), max_length=2000, blank=True)
    history = HistoricalRecords()

    template_name = "letters/raadsbrief_afdoening.html"
    subject_field = "motion"
    copied_fields = ("introduction", "core_message", "attachments")

    class Meta:
        verbose_name = _("completion letter")
        verbose_name_plural = _("completion letters")
        ordering = ["motion", "-version"]
        indexes = [
            search_key_index("completionletter_search_key"),
            # The admin list: newest letter first (governance.letter_views.LetterViewSet).
            models.Index(fields=["-created_at"], name="completionletter_newest"),
        ]

    def __str__(self):
        return _("Completion letter %(number)s, version %(version)s") % {
            "number": self.motion.number,
            "version": self.version,
        }

    def file_stem(self):
        return f"raadsbrief-afdoening-{slugify(self.motion.number)}"

    def can_send(self, user):
        from .letters import can_send

        return can_send(self, user)

    def earliest_date(self):
        return self.motion.vote_or_meeting_date, _("the vote on the motion")

    def send_refusal(self):
        from .letters import completion_send_refusal

        return completion_send_refusal(self)

    def send(self, user, **choices):
        from .letters import send_completion_letter

        return send_completion_letter(self, user, **choices)

    def check_renderable(self):
        from .letters import check_completion_letter

        check_completion_letter(self)

    def context(self):
        from .letters import completion_letter_context

        return completion_letter_context(self)


from .imports import MotionImport  # noqa: E402, F401  (the upload of an import)
from .pages import MotionIndexPage  # noqa: E402, F401  (Wagtail finds page models in models)
