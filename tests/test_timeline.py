"""The motie page shows who changed what, when and why (old → new)."""

import datetime

import time_machine
from django.urls import reverse

from motions.lifecycle import apply_transition
from motions.models import Motion, MotionSubmitter
from motions.timeline import motion_timeline, public_steps
from motions.votes import record_vote
from tests.admin_helpers import client_for, edit_form_data
from tests.factories import MeetingFactory, MotionFactory, PersonFactory, PortfolioFactory


def test_timeline_lists_each_step_with_who_why_and_old_to_new(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    apply_transition(
        motion,
        town.griffie,
        "adopt",
        reason="Unaniem aangenomen.",
        deadline=datetime.date(2026, 7, 1),
    )
    entries = motion_timeline(Motion.objects.get(pk=motion.pk))
    newest = entries[0]
    assert newest.who == town.griffie
    assert newest.why == "Unaniem aangenomen."
    changes = {c.label: (c.old, c.new) for c in newest.changes}
    assert changes["status"] == ("Ingediend", "Aangenomen")
    assert changes["termijn"] == ("—", "01-07-2026")
    assert changes["datum van de stemming"] == ("—", "12-03-2026")


def test_an_edit_in_the_admin_records_its_reason_and_related_names(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    new_portfolio = PortfolioFactory(municipality=town.municipality, name="Wonen")
    client = client_for(town.griffie)
    data = edit_form_data(
        motion, town, portfolio=new_portfolio.pk, change_reason="Portefeuilleverdeling gewijzigd."
    )
    assert client.post(reverse("motion:edit", args=[motion.pk]), data).status_code == 302
    page = client.get(reverse("motion:inspect", args=[motion.pk])).text
    assert "Portefeuilleverdeling gewijzigd." in page
    assert "Sociaal domein → Wonen" in page
    assert town.griffie.get_full_name() in page


def test_submitters_registered_with_the_motie_belong_to_its_first_entry(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    (entry,) = motion_timeline(motion)
    assert entry.what == "Ingediend"
    assert entry.happened_on == town.meeting.date
    assert [(c.label, c.new) for c in entry.changes] == [("indiener", town.person.name)]


def test_a_submitter_added_later_has_an_entry_of_its_own(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    other = PersonFactory(municipality=town.municipality, name="Mevrouw Later")
    with time_machine.travel(datetime.datetime(2027, 1, 20, 10, tzinfo=datetime.UTC)):
        MotionSubmitter.objects.create(motion=motion, person=other)
    whats = [entry.what for entry in motion_timeline(motion)]
    assert whats == ["Indiener toegevoegd: Mevrouw Later", "Ingediend"]


@time_machine.travel(datetime.datetime(2026, 11, 29, 14, tzinfo=datetime.UTC))
def test_an_event_is_dated_by_when_it_happened_and_says_when_it_was_recorded(town):
    meeting = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 11, 9))
    motion = MotionFactory(
        municipality=town.municipality, meeting=meeting, portfolio=town.portfolio
    )
    apply_transition(
        motion, town.griffie, "adopt", reason="Besluitenlijst.", deadline=datetime.date(2027, 3, 1)
    )
    newest = motion_timeline(Motion.objects.get(pk=motion.pk))[0]
    assert newest.what == "Aangenomen"
    assert newest.happened_on == datetime.date(2026, 11, 9)
    assert newest.recorded_at.date() == datetime.date(2026, 11, 29)
    assert newest.recorded_later
    page = client_for(town.griffie).get(reverse("motion:inspect", args=[motion.pk])).text
    assert "9 november 2026" in page
    assert "Vastgelegd door" in page and "29 november 2026" in page


def test_each_step_is_named_after_what_happened(town):
    motion = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    steps = [
        ("adopt", {"deadline": datetime.date(2026, 12, 31)}),
        ("start", {}),
        ("propose_completion", {"route": "council_proposal", "reference": "RV 12"}),
        ("reopen", {}),
        ("propose_completion", {"route": "council_proposal", "reference": "RV 12"}),
        ("complete", {}),
    ]
    for name, kwargs in steps:
        motion = apply_transition(motion, town.griffie, name, reason="Stap.", **kwargs)
    whats = [entry.what for entry in reversed(motion_timeline(motion))]
    assert whats == [
        "Ingediend",
        "Aangenomen",
        "Uitvoering gestart",
        "Afdoening voorgesteld",
        "Raad niet akkoord met de afdoening: weer in uitvoering",
        "Afdoening voorgesteld",
        "Afgedaan",
    ]
    assert motion_timeline(motion)[0].happened_on == motion.completion_date


def test_saving_without_a_change_leaves_no_entry_even_with_browser_line_endings(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        recitals="constaterende dat\noverwegende dat",
    )
    client = client_for(town.griffie)
    data = edit_form_data(motion, town, recitals="constaterende dat\r\noverwegende dat")
    assert client.post(reverse("motion:edit", args=[motion.pk]), data).status_code == 302
    assert [entry.what for entry in motion_timeline(motion)] == ["Ingediend"]


def test_one_changed_field_names_itself(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        in_progress=True,
    )
    client = client_for(town.griffie)
    data = edit_form_data(motion, town, deadline="01-09-2027")
    assert client.post(reverse("motion:edit", args=[motion.pk]), data).status_code == 302
    newest = motion_timeline(motion)[0]
    assert newest.what == "Termijn gewijzigd"
    assert [(c.old, c.new) for c in newest.changes] == [("31-12-2026", "01-09-2027")]


def test_the_history_tab_shows_the_same_timeline(town, other_town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    apply_transition(
        motion, town.griffie, "adopt", reason="Met algemene stemmen.", deadline_unknown_reason="?"
    )
    url = reverse("motion:history", args=[motion.pk])
    page = client_for(town.griffie).get(url)
    assert page.status_code == 200
    assert "Aangenomen" in page.text and "Met algemene stemmen." in page.text
    assert "Ingediend" in page.text
    assert client_for(other_town.griffie).get(url).status_code == 404
    assert client_for(town.advisory_member).get(url).status_code in (302, 403, 404)


def test_the_vote_names_the_step_it_was_recorded_with(town):
    motion = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    client = client_for(town.griffie)
    url = reverse("motion:transition", args=[motion.pk, "adopt"])
    data = {
        "reason": "Besluitenlijst.",
        "on": "12-03-2026",
        "deadline": "31-12-2026",
        "vote-votes_for": "18",
        "vote-votes_against": "9",
    }
    assert client.post(url, data).status_code == 302
    newest = motion_timeline(motion)[0]
    assert newest.what == "Aangenomen met 18 stemmen voor en 9 tegen"
    assert newest.happened_on == datetime.date(2026, 3, 12)
    assert len(motion_timeline(motion)) == 2


def test_a_vote_recorded_on_its_own_has_its_own_entry(town):
    motion = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    motion = apply_transition(
        motion, town.griffie, "adopt", reason="Aangenomen.", deadline_unknown_reason="?"
    )
    with time_machine.travel(datetime.datetime(2027, 1, 5, 10, tzinfo=datetime.UTC)):
        record_vote(motion, town.griffie, outcome="adopted", unanimous=True, reason="Aangevuld.")
    whats = [entry.what for entry in motion_timeline(motion)]
    assert whats[:2] == ["Stemming vastgelegd: Aangenomen met algemene stemmen", "Aangenomen"]


def test_a_vote_recorded_after_adopting_and_starting_names_only_the_adoption(town):
    """As the demo and a quick griffie do: adopt, start, then the stemming, within
    seconds. The start stays "Carrying out started", not a second adoption."""
    motion = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    motion = apply_transition(
        motion, town.griffie, "adopt", reason="Aangenomen.", deadline_unknown_reason="?"
    )
    motion = apply_transition(motion, town.staff, "start", reason="Gestart.")
    record_vote(motion, town.griffie, outcome="adopted", votes_for=15, votes_against=12)
    whats = [entry.what for entry in public_steps(Motion.objects.get(pk=motion.pk))]
    assert whats == [
        "Ingediend",
        "Aangenomen met 15 stemmen voor en 12 tegen",
        "Uitvoering gestart",
    ]
