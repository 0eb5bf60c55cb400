"""The stemming over a motie: its rules, its Dutch summary, and how it is recorded.

Shaped after Open Raadsinformatie: a vote (stemming) with its outcome and counts, and a
result per fractie (voor / tegen / verdeeld). A tie is a rejection: under Gemeentewet
art. 32 a proposal that does not get more than half of the votes cast is not adopted (a
tie in a full meeting may be put to the vote again; that is a new vote, which replaces
this one)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.public_changes import public_changed

from .constants import PartyChoice, VoteOutcome
from .models import Motion, PartyVote, Vote

# The side every fractie is on when the raad decides met algemene stemmen.
UNANIMOUS_SIDE = {VoteOutcome.adopted: PartyChoice.for_, VoteOutcome.rejected: PartyChoice.against}


def check_vote(vote: Vote) -> None:
    """Unanimous or counts, never both; the counts must agree with the outcome."""
    has_counts = vote.votes_for is not None or vote.votes_against is not None
    if vote.unanimous and has_counts:
        raise ValidationError(
            _("Give either 'met algemene stemmen' or the numbers for and against, not both.")
        )
    if vote.unanimous:
        return
    if vote.votes_for is None or vote.votes_against is None:
        raise ValidationError(
            _("Give the numbers for and against, or tick 'met algemene stemmen'.")
        )
    if vote.votes_for + vote.votes_against == 0:
        raise ValidationError(_("Nobody voted: give the numbers for and against."))
    adopted = vote.votes_for > vote.votes_against
    if vote.outcome == VoteOutcome.adopted and not adopted:
        raise ValidationError(
            _(
                "An adopted motion needs more votes for than against "
                "(a tie means the motion is rejected)."
            )
        )
    if vote.outcome == VoteOutcome.rejected and adopted:
        raise ValidationError(
            _("More votes for than against: the motion was adopted, not rejected.")
        )


def check_party_votes(vote: Vote, party_votes: dict) -> None:
    """Fracties of the motie's municipality only; with a unanimous vote all on one side."""
    errors = []
    for party, choice in party_votes.items():
        if party.municipality_id != vote.motion.municipality_id:
            errors.append(_("%(party)s belongs to another municipality.") % {"party": party})
        elif vote.unanimous and choice != UNANIMOUS_SIDE[vote.outcome]:
            errors.append(
                _("%(party)s cannot have voted %(choice)s in a unanimous vote.")
                % {"party": party, "choice": PartyChoice(choice).label.lower()}
            )
    if errors:
        raise ValidationError(errors)


def vote_summary(vote: Vote | None) -> str:
    """'Aangenomen met 18 stemmen voor en 9 tegen', 'Aangenomen met algemene stemmen';
    empty without a vote."""
    if vote is None:
        return ""
    adopted = vote.outcome == VoteOutcome.adopted
    if vote.unanimous:
        return _("Adopted unanimously") if adopted else _("Rejected unanimously")
    counts = {"for": vote.votes_for, "against": vote.votes_against}
    if adopted:
        text = ngettext(
            "Adopted with %(for)s vote for and %(against)s against",
            "Adopted with %(for)s votes for and %(against)s against",
            vote.votes_for,
        )
    else:
        text = ngettext(
            "Rejected with %(for)s vote for and %(against)s against",
            "Rejected with %(for)s votes for and %(against)s against",
            vote.votes_for,
        )
    return text % counts


def vote_of(motion: Motion) -> Vote | None:
    """The motie's vote, or None; no query when it was fetched with select_related."""
    try:
        return motion.vote
    except Vote.DoesNotExist:
        return None


def record_vote(
    motion: Motion,
    user,
    *,
    outcome: str,
    unanimous: bool = False,
    votes_for: int | None = None,
    votes_against: int | None = None,
    on: date | None = None,
    party_votes: dict | None = None,
    reason: str = "",
) -> Vote:
    """Record (or replace) the motie's vote and the fracties' votes; raise a Dutch
    ValidationError and change nothing when they do not add up. Run it in the same
    transaction as the step that adopts or rejects the motie."""
    party_votes = party_votes or {}
    with transaction.atomic():
        vote = Vote.objects.filter(motion=motion).first() or Vote(motion=motion)
        vote.outcome = outcome
        vote.unanimous = unanimous
        vote.votes_for, vote.votes_against = (
            (None, None) if unanimous else (votes_for, votes_against)
        )
        vote.date = on or motion.vote_date or motion.meeting.date
        vote.full_clean()
        check_party_votes(vote, party_votes)
        vote._history_user, vote._change_reason = user, reason
        vote.save()
        _replace_party_votes(vote, party_votes, user, reason)
        # The vote is part of the motie as the public sees it: a changed vote makes
        # the motie changed for feeds, the API's gewijzigd_sinds and Last-Modified.
        # An update, not a save: the vote has its own history rows.
        Motion.objects.filter(pk=motion.pk).update(updated_at=timezone.now())
        # The update sends no signal: the public answers' generation is renewed here.
        public_changed([motion.municipality_id])
    return vote


def _replace_party_votes(vote: Vote, party_votes: dict, user, reason: str) -> None:
    # One by one rather than in bulk, so that every change has its history row.
    existing = {pv.party_id: pv for pv in vote.party_votes.all()}
    for party_id, party_vote in existing.items():
        if party_id not in {party.pk for party in party_votes}:
            party_vote._history_user, party_vote._change_reason = user, reason
            party_vote.delete()
    for party, choice in party_votes.items():
        party_vote = existing.get(party.pk) or PartyVote(vote=vote, party=party)
        if party_vote.pk and party_vote.choice == choice:
            continue
        party_vote.choice = choice
        party_vote._history_user, party_vote._change_reason = user, reason
        party_vote.save()


# The lifecycle steps that record a vote, and the outcome each records.
OUTCOME_OF_STEP = {"adopt": VoteOutcome.adopted, "reject": VoteOutcome.rejected}
