"""Bad input in the motie form gives a clear Dutch error and saves nothing."""

import datetime

import pytest
from django.urls import reverse

from motions.constants import MotionStatus
from motions.models import TEXT_LIMIT, Motion, MotionSubmitter
from tests.admin_helpers import client_for, edit_form_data, motion_form_data
from tests.factories import MotionFactory


def post_new(town, **overrides):
    return client_for(town.griffie).post(reverse("motion:add"), motion_form_data(town, **overrides))


def errors_of(response):
    form = response.context["form"]
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    for formset in form.formsets.values():
        for child in formset.forms:
            for name, errs in child.errors.items():
                errors.setdefault(f"submitters.{name}", []).extend(str(e) for e in errs)
    return errors


def test_a_valid_motion_is_saved_with_its_submitter_and_party(town):
    response = post_new(town)
    assert response.status_code == 302
    motion = Motion.objects.get(number="M2026-100")
    assert motion.status == MotionStatus.submitted
    assert [(s.person, s.party) for s in motion.submitters.all()] == [(town.person, town.party)]


def test_a_duplicate_number_in_the_same_municipality_is_refused(town):
    MotionFactory(municipality=town.municipality, number="M2026-100", title="Eerste")
    response = post_new(town, title="Tweede")
    assert response.status_code == 200
    assert "Deze gemeente heeft al een motie met dit nummer." in str(errors_of(response))
    assert list(Motion.objects.values_list("title", flat=True)) == ["Eerste"]


def test_the_same_number_in_another_municipality_is_fine(town, other_town):
    MotionFactory(municipality=other_town.municipality, number="M2026-100")
    assert post_new(town).status_code == 302
    assert Motion.objects.filter(number="M2026-100").count() == 2


def test_a_deadline_before_the_vote_is_refused(town):
    response = post_new(town, deadline="2026-01-01")
    assert errors_of(response)["deadline"] == [
        "De termijn kan niet vóór de stemming (12-03-2026) liggen."
    ]
    assert not Motion.objects.exists()


def test_a_deadline_and_an_unknown_reason_together_are_refused(town):
    response = post_new(town, deadline="2026-12-31", deadline_unknown_reason="Onbekend.")
    assert errors_of(response)["deadline_unknown_reason"] == [
        "Geef een termijn of een reden, niet allebei."
    ]
    assert not Motion.objects.exists()


def test_an_unknown_portfolio_is_refused(town):
    response = post_new(town, portfolio="999999")
    assert "Selecteer een geldige keuze" in errors_of(response)["portfolio"][0]
    assert not Motion.objects.exists()


@pytest.mark.parametrize("field", ["portfolio", "meeting"])
def test_a_record_of_another_municipality_is_refused(town, other_town, field):
    foreign = {"portfolio": other_town.portfolio, "meeting": other_town.meeting}[field]
    response = post_new(town, **{field: foreign.pk})
    assert "Selecteer een geldige keuze" in errors_of(response)[field][0]
    assert not Motion.objects.exists()


def test_a_submitter_of_another_municipality_is_refused(town, other_town):
    response = post_new(town, **{"submitters-0-person": other_town.person.pk})
    assert "Selecteer een geldige keuze" in str(errors_of(response))
    assert not Motion.objects.exists()


def test_a_motion_needs_a_submitter(town):
    response = post_new(town, **{"submitters-TOTAL_FORMS": "0"})
    assert response.status_code == 200
    assert not Motion.objects.exists()


@pytest.mark.parametrize(
    ("field", "size", "message"),
    [
        ("title", 256, "Zorg dat deze waarde niet meer dan 255 tekens bevat (het zijn er nu 256)."),
        ("number", 31, "Zorg dat deze waarde niet meer dan 30 tekens bevat (het zijn er nu 31)."),
        ("operative_text", TEXT_LIMIT + 1, "niet meer dan 20000 tekens"),
        ("recitals", TEXT_LIMIT + 1, "niet meer dan 20000 tekens"),
        ("deadline_unknown_reason", 501, "niet meer dan 500 tekens"),
    ],
)
def test_text_over_any_limit_is_refused(town, field, size, message):
    response = post_new(town, **{field: "x" * size})
    assert message in errors_of(response)[field][0]
    assert not Motion.objects.exists()


HOW_TO_WRITE = "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 01-09-2027."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31-02-2026", "De datum 31-02-2026 bestaat niet."),
        ("2026-13-01", "De datum 2026-13-01 bestaat niet."),
        ("01-09-27", "Schrijf het jaar voluit (vier cijfers), bijvoorbeeld 01-09-2027."),
        ("morgen", HOW_TO_WRITE),
        ("'; DROP TABLE", HOW_TO_WRITE),
        ("1 smarch 2027", HOW_TO_WRITE),
    ],
)
def test_a_deadline_that_is_not_a_date_is_refused(town, value, message):
    response = post_new(town, deadline=value)
    assert errors_of(response)["deadline"] == [message]
    assert not Motion.objects.exists()


@pytest.mark.parametrize(
    "value", ["01-09-2027", "1-9-2027", "2027-09-01", "01/09/2027", "1 september 2027"]
)
def test_a_deadline_typed_in_any_common_way_is_stored_as_that_date(town, value):
    response = post_new(town, deadline=value)
    assert response.status_code == 302
    assert Motion.objects.get().deadline == datetime.date(2027, 9, 1)


def test_markup_is_stored_and_shown_as_text(town):
    post_new(town, title="<script>alert('x')</script>")
    motion = Motion.objects.get()
    assert motion.title == "<script>alert('x')</script>"
    page = client_for(town.griffie).get(reverse("motion:inspect", args=[motion.pk]))
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert" in page.text


def test_a_failed_edit_keeps_what_was_saved(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        title="Oorspronkelijk",
        adopted=True,
    )
    data = edit_form_data(motion, town, title="Nieuw", deadline="2020-01-01")
    response = client_for(town.griffie).post(reverse("motion:edit", args=[motion.pk]), data)
    assert response.status_code == 200
    motion.refresh_from_db()
    assert motion.title == "Oorspronkelijk"
    assert motion.submitters.count() == 1


def test_an_adopted_motion_keeps_needing_a_deadline(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        adopted=True,
    )
    data = edit_form_data(motion, town, deadline="")
    response = client_for(town.griffie).post(reverse("motion:edit", args=[motion.pk]), data)
    assert errors_of(response)["deadline"] == [
        "Een aangenomen motie heeft een termijn nodig, of een reden waarom die onbekend is."
    ]
    motion.refresh_from_db()
    assert motion.deadline is not None


def test_the_form_offers_only_records_of_the_griffies_municipality(town, other_town):
    response = client_for(town.griffie).get(reverse("motion:add"))
    form = response.context["form"]
    assert list(form.fields["municipality"].queryset) == [town.municipality]
    assert other_town.portfolio not in form.fields["portfolio"].queryset
    assert other_town.meeting not in form.fields["meeting"].queryset
    empty_submitter = form.formsets["submitters"].empty_form
    assert other_town.person not in empty_submitter.fields["person"].queryset
    assert town.person in empty_submitter.fields["person"].queryset
    assert MotionSubmitter.objects.count() == 0
