"""Demo data of the organisation: two fictional municipalities, to show that tenants
stay apart, with their council, parties, people, portfolios, an adviesraad, sites
and one account per role. Every function is idempotent: it finds before it creates."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from .constants import PersonFunction, RoleKind
from .models import (
    AdvisoryCouncil,
    Letterhead,
    Meeting,
    Municipality,
    Party,
    Person,
    Portfolio,
    Role,
)
from .pages import HomePage

DEMO_PASSWORD = "raadsvolg-demo"


@dataclass
class DemoMunicipality:
    name: str
    tooi_code: str
    hostname: str
    parties: list[tuple[str, str]]
    councillors: list[tuple[str, str]]
    college: list[tuple[str, str, list[str]]]
    meetings: list[tuple[int, str]] = field(default_factory=list)
    postcode: str = "7600 AA"


DIJKHOVEN = DemoMunicipality(
    name="Dijkhoven",
    tooi_code="gm9901",
    hostname="localhost",
    parties=[
        ("Lokaal Dijkhoven", "LD"),
        ("VVD", "VVD"),
        ("CDA", "CDA"),
        ("GroenLinks-PvdA", "GL-PvdA"),
        ("D66", "D66"),
    ],
    councillors=[
        ("Anouk de Vries", "LD"),
        ("Bram Jansen", "VVD"),
        ("Carla Smit", "CDA"),
        ("Dirk Mulder", "GL-PvdA"),
        ("Esra Yilmaz", "D66"),
        ("Frank Bos", "LD"),
        ("Gerda Visser", "GL-PvdA"),
    ],
    college=[
        ("Henk Pieters", PersonFunction.mayor, ["Openbare orde en veiligheid"]),
        ("Ilse Kramer", PersonFunction.alderman, ["Sociaal domein", "Onderwijs"]),
        ("Joost Hendriks", PersonFunction.alderman, ["Wonen en ruimte", "Financiën"]),
    ],
)
LINDEBURG = DemoMunicipality(
    name="Lindeburg",
    tooi_code="gm9902",
    postcode="7700 AB",
    hostname="lindeburg.localhost",
    parties=[("Burgerbelang Lindeburg", "BBL"), ("CDA", "CDA"), ("PvdA", "PvdA")],
    councillors=[("Karin Dekker", "BBL"), ("Lars Vermeulen", "CDA"), ("Marieke Peeters", "PvdA")],
    college=[("Niels van Dam", PersonFunction.alderman, ["Sociaal domein"])],
)


def load_organisation() -> dict[str, Municipality]:
    municipalities = {}
    for demo in (DIJKHOVEN, LINDEBURG):
        municipality, __ = Municipality.objects.get_or_create(
            tooi_code=demo.tooi_code,
            defaults={"name": demo.name, "default_deadline_month": 12},
        )
        _load_people(municipality, demo)
        _load_site(municipality, demo)
        _load_letterhead(municipality, demo)
        municipalities[demo.name] = municipality
    _load_advisory_council(municipalities)
    _load_users(municipalities)
    return municipalities


def _load_people(municipality, demo) -> None:
    parties = {}
    for name, abbreviation in demo.parties:
        parties[abbreviation], __ = Party.objects.get_or_create(
            municipality=municipality, name=name, defaults={"abbreviation": abbreviation}
        )
    for name, abbreviation in demo.councillors:
        Person.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={"party": parties[abbreviation], "function": PersonFunction.councillor},
        )
    for name, function, portfolio_names in demo.college:
        holder, __ = Person.objects.get_or_create(
            municipality=municipality, name=name, defaults={"function": function}
        )
        for portfolio_name in portfolio_names:
            Portfolio.objects.get_or_create(
                municipality=municipality, name=portfolio_name, defaults={"holder": holder}
            )


def _load_letterhead(municipality, demo) -> None:
    Letterhead.objects.get_or_create(
        municipality=municipality,
        defaults={
            "name": f"Gemeente {demo.name}",
            "place": demo.name,
            "visiting_address": "Raadhuisplein 1",
            "postal_address": f"Postbus 100, {demo.postcode} {demo.name}",
            "phone": "14 0000",
            "email": f"gemeente@{demo.name.lower()}.example",
            "website": f"www.{demo.name.lower()}.example",
            "secretary_name": "mr. J. de Wit",
            "mayor_name": demo.college[0][0],
            "theme_color": "#1f4e79" if demo.name == "Dijkhoven" else "#6b2c5f",
        },
    )


def ensure_meeting(municipality, day) -> Meeting:
    meeting, __ = Meeting.objects.get_or_create(
        municipality=municipality, date=day, title="Raadsvergadering"
    )
    return meeting


def _load_site(municipality, demo) -> None:
    if municipality.site_id:
        return
    root = Page.get_first_root_node()
    home = HomePage(
        title=f"Raadsvolg {demo.name}",
        slug=f"raadsvolg-{demo.name.lower()}",
        intro=(
            f"<p>Hier volgt de gemeente {demo.name} wat er van moties, adviezen en "
            "toezeggingen wordt.</p>"
        ),
    )
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if demo.hostname == "localhost" and site is not None:
        welcome = site.root_page
        site.root_page, site.hostname, site.port = home, "localhost", 80
        site.site_name = f"Raadsvolg {demo.name}"
        site.save()
        if welcome.specific_class is Page and welcome.depth == 2:
            welcome.delete()
    else:
        site = Site.objects.create(
            hostname=demo.hostname,
            port=80,
            root_page=home,
            site_name=f"Raadsvolg {demo.name}",
            is_default_site=site is None,
        )
    municipality.site = site
    municipality.save(update_fields=["site"])


def _load_advisory_council(municipalities) -> None:
    council, __ = AdvisoryCouncil.objects.get_or_create(
        name="Adviesraad Sociaal Domein Dijkhoven",
        defaults={
            "chair_salutation": "mrs",
            "chair_initials": "P.",
            "chair_infix": "de",
            "chair_surname": "Boer",
            "postal_address": "Postbus 100",
            "postal_code": "7600 AA",
            "postal_place": "Dijkhoven",
            "email": "adviesraad@dijkhoven.example",
            "response_term_length": 6,
        },
    )
    council.municipalities.add(municipalities["Dijkhoven"])


def _load_users(municipalities) -> None:
    dijkhoven = municipalities["Dijkhoven"]
    council = AdvisoryCouncil.objects.get(name="Adviesraad Sociaal Domein Dijkhoven")
    accounts = [
        ("griffie", "Greet", "Griffier", {"kind": RoleKind.griffie, "municipality": dijkhoven}),
        (
            "college",
            "Cees",
            "Beleidsmedewerker",
            {"kind": RoleKind.college_staff, "municipality": dijkhoven},
        ),
        (
            "adviesraad",
            "Ada",
            "Adviesraadslid",
            {"kind": RoleKind.advisory_member, "advisory_council": council},
        ),
        (
            "griffie-lindeburg",
            "Lieke",
            "Griffier",
            {"kind": RoleKind.griffie, "municipality": municipalities["Lindeburg"]},
        ),
    ]
    for username, first, last, role in accounts:
        user = _ensure_user(username, first, last)
        role_obj, created = Role.objects.get_or_create(user=user, **role)
        if created and role["kind"] == RoleKind.college_staff:
            role_obj.portfolios.set(
                Portfolio.objects.filter(
                    municipality=dijkhoven,
                    name__in=["Sociaal domein", "Onderwijs", "Wonen en ruimte"],
                )
            )
    admin = _ensure_user("beheer", "Bea", "Beheerder")
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])


def _ensure_user(username, first, last):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.example"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


DEMO_ACCOUNTS = [
    ("griffie", _("griffie of Dijkhoven")),
    ("college", _("college staff of Dijkhoven: Sociaal domein, Onderwijs, Wonen en ruimte")),
    ("adviesraad", _("member of the Adviesraad Sociaal Domein Dijkhoven")),
    ("griffie-lindeburg", _("griffie of Lindeburg")),
    ("beheer", _("functional administrator (superuser)")),
]
