"""The stemming: its rules, its Dutch summary, recording it at the adopt and reject
steps, and showing it on the admin and public motie pages."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page, Site

from governance.pages import HomePage
from motions.constants import MotionStatus, PartyChoice, VoteOutcome
from motions.models import Motion, PartyVote, Vote
from motions.pages import MotionIndexPage
from motions.publication import set_published
from motions.votes import record_vote, vote_summary
from tests.admin_helpers import client_for
from tests.factories import VOTE_DAY, MotionFactory, PartyFactory


def make_motion(town, **traits):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        **traits,
    )


ADOPTED, REJECTED = VoteOutcome.adopted, VoteOutcome.rejected


def vote(outcome=VoteOutcome.adopted, **counts):
    return Vote(outcome=outcome, date=VOTE_DAY, **counts)


# The summary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "counts", "text"),
    [
        (
            ADOPTED,
            {"votes_for": 18, "votes_against": 9},
            "Aangenomen met 18 stemmen voor en 9 tegen",
        ),
        (
            REJECTED,
            {"votes_for": 9, "votes_against": 18},
            "Verworpen met 9 stemmen voor en 18 tegen",
        ),
        (REJECTED, {"votes_for": 1, "votes_against": 20}, "Verworpen met 1 stem voor en 20 tegen"),
        (ADOPTED, {"unanimous": True}, "Aangenomen met algemene stemmen"),
        (REJECTED, {"unanimous": True}, "Verworpen met algemene stemmen"),
    ],
)
def test_the_summary_says_the_outcome_in_dutch(outcome, counts, text):
    assert vote_summary(vote(outcome, **counts)) == text


def test_no_vote_has_no_summary():
    assert vote_summary(None) == ""


# The rules --------------------------------------------------------------------------


def clean_message(candidate) -> str:
    with pytest.raises(ValidationError) as error:
        candidate.clean()
    return " ".join(error.value.messages)


def test_unanimous_and_numbers_together_are_refused():
    message = clean_message(vote(unanimous=True, votes_for=18, votes_against=0))
    assert message == (
        "Geef 'met algemene stemmen' of de aantallen stemmen voor en tegen, niet allebei."
    )


def test_a_vote_needs_unanimous_or_both_numbers():
    message = clean_message(vote(votes_for=18))
    assert message == "Geef de aantallen stemmen voor en tegen, of vink 'met algemene stemmen' aan."


def test_a_tie_is_not_an_adoption():
    message = clean_message(vote(votes_for=13, votes_against=13))
    assert message == (
        "Een aangenomen motie heeft meer stemmen voor dan tegen "
        "(bij staking van stemmen is de motie verworpen)."
    )
    vote(VoteOutcome.rejected, votes_for=13, votes_against=13).clean()  # a tie rejects


def test_more_for_than_against_is_not_a_rejection():
    message = clean_message(vote(VoteOutcome.rejected, votes_for=18, votes_against=9))
    assert message == "Meer stemmen voor dan tegen: de motie is aangenomen, niet verworpen."


def test_nobody_voting_is_refused():
    message = clean_message(vote(votes_for=0, votes_against=0))
    assert message == "Niemand heeft gestemd: geef de aantallen stemmen voor en tegen."


def test_negative_numbers_are_refused(town):
    motion = make_motion(town, adopted=True)
    with pytest.raises(ValidationError):
        record_vote(motion, town.griffie, outcome="adopted", votes_for=-1, votes_against=-5)
    assert not Vote.objects.exists()


# Recording --------------------------------------------------------------------------


def test_recording_keeps_history_with_user_and_reason(town):
    motion = make_motion(town, adopted=True)
    record_vote(
        motion,
        town.griffie,
        outcome=VoteOutcome.adopted,
        votes_for=18,
        votes_against=9,
        party_votes={town.party: PartyChoice.for_},
        reason="Aangenomen.",
    )
    recorded = Vote.history.get()
    assert (recorded.history_user, recorded.history_change_reason) == (town.griffie, "Aangenomen.")
    assert recorded.date == VOTE_DAY
    party_vote = PartyVote.history.get()
    assert (party_vote.history_user, party_vote.choice) == (town.griffie, PartyChoice.for_)


def test_a_later_vote_replaces_the_earlier_and_history_keeps_both(town):
    motion = make_motion(town, adopted=True)
    other_party = PartyFactory(municipality=town.municipality)
    record_vote(
        motion,
        town.griffie,
        outcome="adopted",
        votes_for=14,
        votes_against=13,
        party_votes={town.party: "for", other_party: "split"},
    )
    record_vote(motion, town.griffie, outcome="adopted", unanimous=True)
    current = Vote.objects.get(motion=motion)
    assert str(current) == "Aangenomen met algemene stemmen"
    assert not current.party_votes.exists()
    assert Vote.history.filter(id=current.pk).count() == 2
    assert PartyVote.history.filter(history_type="-").count() == 2


def test_another_municipalitys_party_is_refused(town, other_town):
    motion = make_motion(town, adopted=True)
    with pytest.raises(ValidationError) as error:
        record_vote(
            motion,
            town.griffie,
            outcome="adopted",
            unanimous=True,
            party_votes={other_town.party: "for"},
        )
    assert error.value.messages == [f"{other_town.party} hoort bij een andere gemeente."]
    assert not Vote.objects.exists()


def test_a_unanimous_adoption_has_no_party_against(town):
    motion = make_motion(town, adopted=True)
    with pytest.raises(ValidationError) as error:
        record_vote(
            motion,
            town.griffie,
            outcome="adopted",
            unanimous=True,
            party_votes={town.party: "against"},
        )
    assert error.value.messages == [
        f"{town.party} kan bij een stemming met algemene stemmen niet tegen hebben gestemd."
    ]


# The adopt and reject steps ---------------------------------------------------------


def step_url(motion, name):
    return reverse("motion:transition", args=[motion.pk, name])


def test_the_adopt_step_records_the_vote_per_party(town, other_town):
    motion = make_motion(town)
    page = client_for(town.griffie).get(step_url(motion, "adopt"))
    assert page.status_code == 200
    assert f"vote-party_{town.party.pk}" in page.text
    assert f"vote-party_{other_town.party.pk}" not in page.text
    response = client_for(town.griffie).post(
        step_url(motion, "adopt"),
        {
            "reason": "Aangenomen.",
            "deadline": "31-12-2026",
            "vote-votes_for": "18",
            "vote-votes_against": "9",
            f"vote-party_{town.party.pk}": "split",
        },
    )
    assert response.status_code == 302
    recorded = Vote.objects.get(motion=motion)
    assert str(recorded) == "Aangenomen met 18 stemmen voor en 9 tegen"
    assert recorded.date == town.meeting.date
    assert recorded.party_votes.get().choice == PartyChoice.split
    motion.refresh_from_db()
    assert motion.status == MotionStatus.adopted


def test_another_municipalitys_party_in_the_step_form_is_not_recorded(town, other_town):
    motion = make_motion(town)
    response = client_for(town.griffie).post(
        step_url(motion, "adopt"),
        {
            "reason": "Aangenomen.",
            "deadline": "31-12-2026",
            "vote-unanimous": "on",
            f"vote-party_{other_town.party.pk}": "for",
        },
    )
    assert response.status_code == 302
    assert not PartyVote.objects.exists()


def test_a_wrong_vote_leaves_the_motion_as_it_was(town):
    motion = make_motion(town)
    response = client_for(town.griffie).post(
        step_url(motion, "adopt"),
        {"reason": "Aangenomen.", "vote-votes_for": "9", "vote-votes_against": "18"},
    )
    assert response.status_code == 200
    assert "Een aangenomen motie heeft meer stemmen voor dan tegen" in response.text
    motion.refresh_from_db()
    assert motion.status == MotionStatus.submitted
    assert not Vote.objects.exists()


def test_the_adopt_step_asks_for_the_vote(town):
    motion = make_motion(town)
    response = client_for(town.griffie).post(step_url(motion, "adopt"), {"reason": "Aangenomen."})
    assert "Geef de aantallen stemmen voor en tegen, of vink" in response.text
    assert Motion.objects.get(pk=motion.pk).status == MotionStatus.submitted


def test_a_vote_refused_after_the_step_rolls_the_step_back(town, other_town, monkeypatch):
    """The step and the vote are one transaction: a vote refused while recording (here:
    a party of another municipality slipped past the form) undoes the adoption too."""
    from motions import forms

    motion = make_motion(town)
    monkeypatch.setattr(
        forms.VoteForm, "party_votes", lambda self: {other_town.party: PartyChoice.for_}
    )
    monkeypatch.setattr(forms, "check_party_votes", lambda vote, party_votes: None)
    response = client_for(town.griffie).post(
        step_url(motion, "adopt"),
        {"reason": "Aangenomen.", "deadline": "31-12-2026", "vote-unanimous": "on"},
    )
    assert response.status_code == 200
    assert "hoort bij een andere gemeente" in response.text
    assert Motion.objects.get(pk=motion.pk).status == MotionStatus.submitted
    assert not Vote.objects.exists()


def test_a_tie_can_be_recorded_as_rejection(town):
    motion = make_motion(town)
    response = client_for(town.griffie).post(
        step_url(motion, "reject"),
        {"reason": "Staking van stemmen.", "vote-votes_for": "13", "vote-votes_against": "13"},
    )
    assert response.status_code == 302
    assert str(Vote.objects.get(motion=motion)) == "Verworpen met 13 stemmen voor en 13 tegen"


def test_other_steps_ask_no_vote(town):
    motion = make_motion(town)
    page = client_for(town.griffie).get(step_url(motion, "withdraw"))
    assert "vote-unanimous" not in page.text


# Showing the vote -------------------------------------------------------------------


def voted_motion(town):
    motion = make_motion(town, in_progress=True)
    record_vote(
        motion,
        town.griffie,
        outcome="adopted",
        votes_for=18,
        votes_against=9,
        party_votes={town.party: "against"},
    )
    return motion


def test_the_admin_motion_page_shows_the_vote_and_the_parties(town):
    motion = voted_motion(town)
    page = client_for(town.staff).get(reverse("motion:inspect", args=[motion.pk])).text
    assert "Aangenomen met 18 stemmen voor en 9 tegen" in page
    assert "Stemming per fractie" in page
    assert f'<th scope="row">{town.party.name}</th><td>Tegen</td>' in page


def test_the_public_motion_page_shows_the_vote(town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = root.add_child(instance=HomePage(title="Dijkhoven", slug="dijkhoven"))
    home.add_child(instance=MotionIndexPage(title="Moties", slug="moties"))
    town.municipality.site = Site.objects.create(
        hostname="dijkhoven.example", root_page=home, is_default_site=True
    )
    town.municipality.save()
    motion = voted_motion(town)
    set_published(motion, town.griffie, True)
    page = client_for(None).get(f"/moties/{motion.number}/", HTTP_HOST="dijkhoven.example")
    assert "Aangenomen met 18 stemmen voor en 9 tegen" in page.text
    # An NL Design System table on the public page (motions/public_vote.html).
    row = f'<th class="utrecht-table__header-cell" scope="row">{town.party.name}</th>'
    assert page.text.split(row)[1].split("</tr>")[0].endswith(">Tegen</td>")


# Demo data --------------------------------------------------------------------------


def test_the_demo_has_votes_of_every_kind_once(db, settings):
    import io

    from django.core.management import call_command

    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())
    assert Vote.objects.filter(unanimous=True).exists()
    assert Vote.objects.filter(unanimous=False, outcome=VoteOutcome.rejected).exists()
    assert PartyVote.objects.filter(choice=PartyChoice.split).exists()
    counts = (Vote.objects.count(), PartyVote.objects.count(), Vote.history.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (Vote.objects.count(), PartyVote.objects.count(), Vote.history.count()) == counts


def test_the_timeline_shows_each_recorded_vote(town):
    motion = make_motion(town, adopted=True)
    record_vote(motion, town.griffie, outcome="adopted", votes_for=14, votes_against=13)
    record_vote(motion, town.griffie, outcome="adopted", unanimous=True, reason="Hertelling.")
    page = client_for(town.griffie).get(reverse("motion:inspect", args=[motion.pk])).text
    assert "Stemming vastgelegd: Aangenomen met 14 stemmen voor en 13 tegen" in page
    assert "Stemming vastgelegd: Aangenomen met algemene stemmen" in page


def test_a_replaced_vote_makes_the_motie_changed(town):
    motion = make_motion(town, adopted=True)
    before = Motion.objects.get(pk=motion.pk).updated_at
    with time_machine.travel(before + datetime.timedelta(days=3), tick=False):
        record_vote(motion, town.griffie, outcome=VoteOutcome.adopted, unanimous=True)
    assert Motion.objects.get(pk=motion.pk).updated_at == before + datetime.timedelta(days=3)
    assert Motion.history.filter(id=motion.pk).count() == 1  # no history row of its own
