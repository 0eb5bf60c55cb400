"""The motie page shows who changed what, when and why (old → new)."""

import datetime

from django.urls import reverse

from motions.lifecycle import apply_transition
from motions.models import Motion
from motions.timeline import motion_timeline
from tests.admin_helpers import client_for, edit_form_data
from tests.factories import MotionFactory, PortfolioFactory


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


def test_submitters_added_show_in_the_timeline(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    whats = [entry.what for entry in motion_timeline(motion)]
    assert f"Indiener toegevoegd: {town.person.name}" in whats
    assert "Geregistreerd" in whats
