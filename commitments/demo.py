"""Demo toezeggingen: for Dijkhoven one in every state (open, overdue, with an unknown
deadline, completion proposed, completed, lapsed), made in the raad and in committees,
and two for Lindeburg. Dates are relative to today; steps go through the lifecycle, so
every demo toezegging has a real history. Idempotent: it finds before it creates."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.constants import MeetingKind
from governance.models import Meeting, Portfolio
from governance.roles import scope_for

from .lifecycle import apply_transition, update_progress
from .models import Commitment
from .publication import set_published


@dataclass
class DemoCommitment:
    number: str
    title: str
    text: str
    days_ago: int
    portfolio: str
    committee: str = ""  # the commissie it was made in; empty for the raad
    deadline_in_days: int | None = None
    deadline_unknown_reason: str = ""
    progress: str = ""
    steps: list[str] = field(default_factory=list)
    published: bool = True


DIJKHOVEN_COMMITMENTS = [
    DemoCommitment(
        "T2026-01",
        "Raad informeren over wachttijden schuldhulp",
        "Wethouder Kramer zegt toe de raad voor de zomer per brief te informeren over de "
        "wachttijden bij schuldhulpverlening en de maatregelen om die te verkorten.",
        40,
        "Sociaal domein",
        committee="Commissie Samenleving",
        deadline_in_days=60,
        progress="De cijfers over het eerste halfjaar zijn opgevraagd bij de Kredietbank.",
    ),
    DemoCommitment(
        "T2025-09",
        "Evaluatie leerlingenvervoer",
        "Wethouder Kramer zegt toe de evaluatie van het leerlingenvervoer met de raad te "
        "delen zodra die gereed is, uiterlijk in het eerste kwartaal.",
        250,
        "Onderwijs",
        committee="Commissie Samenleving",
        deadline_in_days=-30,
        progress="De evaluatie is uitgesteld omdat de vervoerder later cijfers aanleverde.",
    ),
    DemoCommitment(
        "T2026-02",
        "Overzicht leegstaande panden in het centrum",
        "Wethouder Hendriks zegt toe een overzicht te geven van de leegstaande panden in "
        "het centrum en van de gesprekken met de eigenaren.",
        60,
        "Wonen en ruimte",
        deadline_unknown_reason="Afhankelijk van de inventarisatie door de provincie.",
        published=False,
    ),
    DemoCommitment(
        "T2025-07",
        "Bijeenkomst over mantelzorg met de raad",
        "Wethouder Kramer zegt toe samen met de mantelzorgorganisaties een bijeenkomst "
        "voor raadsleden te organiseren.",
        300,
        "Sociaal domein",
        deadline_in_days=-5,
        progress="De bijeenkomst is gehouden op de laatste raadsinformatieavond.",
        steps=["propose_completion"],
    ),
    DemoCommitment(
        "T2025-03",
        "Toegankelijkheid stembureaus",
        "Burgemeester Pieters zegt toe vóór de volgende verkiezingen alle stembureaus op "
        "toegankelijkheid te laten controleren.",
        420,
        "Openbare orde en veiligheid",
        deadline_in_days=-120,
        steps=["propose_completion", "complete"],
    ),
    DemoCommitment(
        "T2025-05",
        "Rapportage over de pilot deelauto's",
        "Wethouder Hendriks zegt toe de raad te rapporteren over de pilot met deelauto's.",
        380,
        "Wonen en ruimte",
        committee="Commissie Ruimte",
        deadline_in_days=-200,
        steps=["lapse"],
        published=False,
    ),
]

LINDEBURG_COMMITMENTS = [
    DemoCommitment(
        "T2026-01",
        "Gesprek met huisartsen over de buurtbus",
        "Wethouder Van Dam zegt toe met de huisartsen in gesprek te gaan over de route van "
        "de buurtbus.",
        80,
        "Sociaal domein",
        deadline_in_days=45,
    ),
    DemoCommitment(
        "T2025-04",
        "Armoedemonitor naar de raad",
        "Wethouder Van Dam zegt toe de armoedemonitor jaarlijks aan de raad te sturen.",
        330,
        "Sociaal domein",
        deadline_in_days=-20,
    ),
]

STEP_REASONS = {
    "propose_completion": "De toezegging is nagekomen; voorgesteld haar af te voeren.",
    "complete": "De raad stemde in met het afvoeren van de toezegging.",
    "lapse": "De pilot is door het nieuwe college gestopt; de toezegging is vervallen.",
}


def load_commitments(municipalities) -> None:
    users = get_user_model().objects.in_bulk(
        ["griffie", "college", "griffie-lindeburg"], field_name="username"
    )
    for demo in DIJKHOVEN_COMMITMENTS:
        _load(municipalities["Dijkhoven"], demo, users["griffie"], users["college"])
    for demo in LINDEBURG_COMMITMENTS:
        griffie = users["griffie-lindeburg"]
        _load(municipalities["Lindeburg"], demo, griffie, griffie)


def _meeting(municipality, day, committee) -> Meeting:
    if not committee:
        title, kind = "Raadsvergadering", MeetingKind.council
    else:
        title, kind = committee, MeetingKind.committee
    meeting, __ = Meeting.objects.get_or_create(
        municipality=municipality, date=day, title=title, defaults={"kind": kind}
    )
    return meeting


def _load(municipality, demo, griffie, college) -> None:
    if Commitment.objects.filter(municipality=municipality, number=demo.number).exists():
        return
    today = timezone.localdate()
    meeting = _meeting(municipality, today - timedelta(days=demo.days_ago), demo.committee)
    commitment = Commitment(
        municipality=municipality,
        number=demo.number,
        title=demo.title,
        text=demo.text,
        meeting=meeting,
        portfolio=Portfolio.objects.get(municipality=municipality, name=demo.portfolio),
        deadline=(
            today + timedelta(days=demo.deadline_in_days)
            if demo.deadline_in_days is not None
            else None
        ),
        deadline_unknown_reason=demo.deadline_unknown_reason,
    )
    commitment.full_clean()
    commitment._history_user = griffie
    commitment._change_reason = "Geregistreerd uit de besluitenlijst"
    commitment.save()
    # College staff keep their own portfolios; the griffie does the rest.
    staff = college if scope_for(college).is_staff_for(commitment.portfolio_id) else griffie
    if demo.progress:
        update_progress(commitment, staff, demo.progress, reason="")
    for step in demo.steps:
        actor = staff if step == "propose_completion" else griffie
        apply_transition(commitment, actor, step, reason=STEP_REASONS[step])
    if demo.published:
        set_published(commitment, griffie, True)


def load_commitment_pages(municipalities) -> None:
    """The public index of toezeggingen, beside the moties on each site."""
    from motions.pages import MotionIndexPage

    from .pages import CommitmentIndexPage

    for municipality in municipalities.values():
        home = municipality.site.root_page.specific if municipality.site_id else None
        if home is None or CommitmentIndexPage.objects.child_of(home).exists():
            continue
        page = CommitmentIndexPage(
            title="Toezeggingen",
            slug="toezeggingen",
            intro="<p>Wat wethouders en de burgemeester de raad en de commissies "
            "toezegden, en hoe het daarmee staat.</p>",
        )
        motions = MotionIndexPage.objects.child_of(home).first()
        if motions is not None:
            motions.add_sibling(pos="right", instance=page)
        else:
            home.add_child(instance=page)
