"""How letters address people: the aanhef and the name on the address block from a
name kept in parts, the free-text names of before read into parts, and the response
letter opening with the right aanhef."""

import importlib

import pytest
from django.urls import reverse

from advice.models import ResponseLetter
from governance.addressing import PersonName, Salutation, parse_name
from governance.models import AdvisoryCouncil
from tests.admin_helpers import client_for
from tests.test_advice_letters import advice, pdf_text  # noqa: F401 (fixture)

MR, MRS, NEUTRAL = Salutation.mr, Salutation.mrs, Salutation.neutral


@pytest.mark.parametrize(
    ("typed", "address", "aanhef"),
    [
        # The forms the review tried, as the griffie typed them before.
        ("De heer B. Rikhof", "De heer B. Rikhof", "Geachte heer Rikhof,"),
        ("Dhr. B. Rikhof", "De heer B. Rikhof", "Geachte heer Rikhof,"),
        ("Mw. drs. A. van Dijk", "Mevrouw drs. A. van Dijk", "Geachte mevrouw Van Dijk,"),
        ("Mevrouw P. de Boer", "Mevrouw P. de Boer", "Geachte mevrouw De Boer,"),
        (
            "mevr. J.A.M. van der Berg-Smit",
            "Mevrouw J.A.M. van der Berg-Smit",
            "Geachte mevrouw Van der Berg-Smit,",
        ),
        ("Prof. dr. K. Visser", "Prof. dr. K. Visser", "Geachte K. Visser,"),
        ("B. Rikhof", "B. Rikhof", "Geachte B. Rikhof,"),
        ("Jan Jansen", "Jan Jansen", "Geachte Jan Jansen,"),
    ],
)
def test_a_typed_name_is_read_into_parts_that_address_the_person(db, typed, address, aanhef):
    name = parse_name(typed)
    assert name.address_line() == address
    assert name.salutation_line() == aanhef


@pytest.mark.parametrize(
    ("name", "address", "within", "aanhef"),
    [
        (
            PersonName(MR, "", "B", "", "Rikhof"),
            "De heer B. Rikhof",
            "de heer B. Rikhof",
            "Geachte heer Rikhof,",
        ),
        (
            PersonName(MRS, "", "A. B.", "De", "Boer"),
            "Mevrouw A.B. de Boer",
            "mevrouw A.B. de Boer",
            "Geachte mevrouw De Boer,",
        ),
        (
            PersonName(NEUTRAL, "drs.", "ab", "van", "Dijk"),
            "Drs. A.B. van Dijk",
            "drs. A.B. van Dijk",
            "Geachte A.B. van Dijk,",
        ),
        (
            PersonName(MRS, "", "", "", "Yılmaz"),
            "Mevrouw Yılmaz",
            "mevrouw Yılmaz",
            "Geachte mevrouw Yılmaz,",
        ),
    ],
)
def test_parts_give_the_address_and_the_aanhef(db, name, address, within, aanhef):
    assert name.address_line() == address
    assert name.address_line(opening=False) == within
    assert name.salutation_line() == aanhef


def test_what_cannot_be_read_is_kept_whole(db):
    assert parse_name("  Het   bestuur ").surname == "Het bestuur"
    assert parse_name("Mevrouw").surname == "Mevrouw"


def council(**fields) -> AdvisoryCouncil:
    return AdvisoryCouncil(name="Adviesraad Sociaal Domein Dijkhoven", **fields)


def test_the_aanhef_of_the_adviesraad_follows_its_fields(db):
    assert council().salutation_line() == "Geachte leden van de adviesraad,"
    chaired = council(chair_salutation=MR, chair_initials="B.", chair_surname="Rikhof")
    assert chaired.salutation_line() == "Geachte heer Rikhof,"
    fixed = council(chair_surname="Rikhof", fixed_salutation="Geachte voorzitter,")
    assert fixed.salutation_line() == "Geachte voorzitter,"


def test_the_address_block_of_the_adviesraad(db):
    chaired = council(
        chair_salutation=MRS,
        chair_initials="P.",
        chair_infix="de",
        chair_surname="Boer",
        postal_address="Postbus 100",
        postal_code="7600 AA",
        postal_place="Dijkhoven",
    )
    assert chaired.address_lines() == [
        "Adviesraad Sociaal Domein Dijkhoven",
        "t.a.v. mevrouw P. de Boer",
        "Postbus 100",
        "7600 AA Dijkhoven",
    ]
    assert council().address_lines() == ["Adviesraad Sociaal Domein Dijkhoven"]


def save_through_admin(superuser, data):
    base = {
        "name": "Adviesraad Lindeburg",
        "municipalities": [],
        "chair_salutation": "neutral",
        "advice_term_length": 6,
        "advice_term_unit": "weeks",
        "advice_term_start": "letter_date",
        "advice_term_atw": "on",
        "response_term_length": 6,
        "response_term_unit": "weeks",
        "response_term_start": "receipt",
        "response_term_atw": "on",
    }
    return client_for(superuser).post(reverse("advisory_council:add"), {**base, **data})


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("beheer", "beheer@example.org", "x")


def test_a_name_without_surname_is_refused_in_dutch_and_nothing_is_saved(superuser, town):
    data = {"municipalities": [town.municipality.pk], "chair_initials": "B."}
    response = save_through_admin(superuser, data)
    assert response.status_code == 200
    assert "Vul de achternaam in" in response.text
    assert not AdvisoryCouncil.objects.filter(name="Adviesraad Lindeburg").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"chair_salutation": "mr"}, "Vul de achternaam in"),
        (
            {"chair_salutation": "mr", "chair_initials": "De heer B.", "chair_surname": "Rikhof"},
            "Alleen voorletters",
        ),
        (
            {"chair_salutation": "mr", "chair_initials": "B.", "chair_surname": "de heer Rikhof"},
            "Kies de aanspreekvorm hierboven",
        ),
        ({"chair_surname": "Rikhof"}, "vul de voorletters in"),
    ],
)
def test_names_a_letter_cannot_address_are_refused(superuser, town, fields, message):
    response = save_through_admin(superuser, {"municipalities": [town.municipality.pk], **fields})
    assert response.status_code == 200
    assert message in response.text
    assert not AdvisoryCouncil.objects.filter(name="Adviesraad Lindeburg").exists()


def test_a_tussenvoegsel_typed_in_the_surname_is_put_in_its_place(superuser, town):
    data = {"chair_salutation": "mrs", "chair_initials": "P.", "chair_surname": "de Boer"}
    save_through_admin(superuser, {"municipalities": [town.municipality.pk], **data})
    council = AdvisoryCouncil.objects.get(name="Adviesraad Lindeburg")
    assert (council.chair_infix, council.chair_surname) == ("de", "Boer")
    assert council.salutation_line() == "Geachte mevrouw De Boer,"


def test_an_old_name_without_initials_is_not_used_as_aanhef(db):
    council = AdvisoryCouncil(name="Adviesraad X", chair_surname="Voorzitter adviesraad")
    assert council.salutation_line() == "Geachte leden van de adviesraad,"
    assert parse_name("Dhr B Rikhof").salutation_line() == "Geachte heer Rikhof,"
    assert parse_name("Dhr B Rikhof").address_line() == "De heer B. Rikhof"


def test_a_bad_postcode_is_refused_and_a_good_one_is_written_the_dutch_way(superuser, town):
    data = {"municipalities": [town.municipality.pk], "postal_code": "76OO AA"}
    response = save_through_admin(superuser, data)
    assert "Vul een Nederlandse postcode in" in response.text
    save_through_admin(superuser, {**data, "postal_code": "7600aa"})
    assert AdvisoryCouncil.objects.get(name="Adviesraad Lindeburg").postal_code == "7600 AA"


class Row:
    """A row of the adviesraad table as the migration sees it (both the old `chair`
    and the new parts exist between its two steps)."""

    def __init__(self, **fields):
        self.__dict__.update(
            chair="",
            chair_salutation="neutral",
            chair_title="",
            chair_initials="",
            chair_infix="",
            chair_surname="",
        )
        self.__dict__.update(fields)
        self.saved = None

    def save(self, update_fields):
        self.saved = update_fields


class Table:
    def __init__(self, rows):
        self.rows = rows

    def exclude(self, **kwargs):
        ((field, value),) = kwargs.items()
        return [row for row in self.rows if getattr(row, field) != value]


class HistoricalApps:
    """The migration's `apps`: the adviesraden and their history rows."""

    def __init__(self, rows, history):
        self.models = {
            "AdvisoryCouncil": type("Model", (), {"objects": Table(rows)}),
            "HistoricalAdvisoryCouncil": type("Model", (), {"objects": Table(history)}),
        }

    def get_model(self, app, name):
        return self.models[name]


def migration():
    return importlib.import_module("governance.migrations.0009_chair_in_parts_and_postal_address")


def test_the_migration_reads_the_old_free_text_names_into_parts_also_in_history():
    current, unreadable = Row(chair="Mw. drs. A. van Dijk"), Row(chair="Het dagelijks bestuur")
    old = Row(chair="De heer B. Rikhof")
    migration().split_chair_names(HistoricalApps([current, unreadable], [old]), None)
    parts = (current.chair_salutation, current.chair_title, current.chair_initials)
    assert parts == ("mrs", "drs.", "A.") and (current.chair_infix, current.chair_surname) == (
        "van",
        "Dijk",
    )
    assert unreadable.chair_surname == "Het dagelijks bestuur"  # kept whole, not lost
    assert (old.chair_salutation, old.chair_surname) == ("mr", "Rikhof")
    assert "chair_surname" in current.saved


def test_the_migration_back_joins_the_parts_into_the_old_text():
    row = Row(
        chair_salutation="mrs",
        chair_title="drs.",
        chair_initials="A.",
        chair_infix="van",
        chair_surname="Dijk",
    )
    migration().join_chair_names(HistoricalApps([row], []), None)
    assert row.chair == "Mevrouw drs. A. van Dijk"


def test_the_response_letter_opens_with_the_aanhef(advice):  # noqa: F811
    AdvisoryCouncil.objects.filter(pk=advice.advisory_council_id).update(
        chair_salutation=MR, chair_initials="B.", chair_surname="Rikhof", fixed_salutation=""
    )
    advice.advisory_council.refresh_from_db()
    text = pdf_text(ResponseLetter(advice=advice).render()[1])
    assert "Geachte heer Rikhof," in text
