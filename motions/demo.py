"""Demo moties: fourteen for Dijkhoven that together cover every status, some of them
overdue, and a few for Lindeburg. Dates are relative to today so that the demo always
shows overdue and upcoming deadlines. Steps go through the lifecycle, so every demo
motie has a real history."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.demo import ensure_meeting
from governance.models import Person, Portfolio

from .lifecycle import apply_transition
from .models import CompletionLetter, Motion, MotionSubmitter, Vote
from .publication import set_published
from .votes import OUTCOME_OF_STEP, record_vote

RECITALS = (
    "constaterende dat {topic};\n"
    "overwegende dat inwoners erop moeten kunnen rekenen dat de gemeente haar "
    "toezeggingen nakomt;"
)


@dataclass
class DemoMotion:
    number: str
    title: str
    days_ago: int
    topic: str
    operative_text: str
    portfolio: str
    submitters: list[str]
    steps: list[str] = field(default_factory=list)
    deadline_in_days: int | None = None
    deadline_unknown_reason: str = ""
    # "unanimous", or (for, against, {party abbreviation: choice}).
    vote: str | tuple | None = None


DIJKHOVEN_MOTIONS = [
    DemoMotion(
        "M2026-01",
        "Mantelzorgwaardering ook digitaal",
        20,
        "veel mantelzorgers de papieren aanvraag voor de mantelzorgwaardering niet vinden",
        "verzoekt het college de mantelzorgwaardering vanaf 2027 ook digitaal "
        "aanvraagbaar te maken en de raad daarover voor 1 juli te informeren,",
        "Sociaal domein",
        ["Anouk de Vries", "Dirk Mulder"],
    ),
    DemoMotion(
        "M2025-11",
        "Schuldhulp zonder wachtlijst",
        240,
        "de wachttijd voor schuldhulpverlening in Dijkhoven gemiddeld negen weken is",
        "verzoekt het college de wachttijd voor een eerste gesprek bij schuldhulp "
        "terug te brengen tot twee weken en de raad hierover te rapporteren,",
        "Sociaal domein",
        ["Gerda Visser"],
        ["adopt"],
        deadline_in_days=-45,
        vote=(
            18,
            9,
            {"LD": "for", "GL-PvdA": "for", "D66": "for", "CDA": "split", "VVD": "against"},
        ),
    ),
    DemoMotion(
        "M2026-02",
        "Speeltuinen toegankelijk voor alle kinderen",
        60,
        "slechts twee van de veertig speeltuinen toegankelijk zijn voor kinderen met een beperking",
        "verzoekt het college bij elke vervanging van speeltoestellen een inclusief "
        "ontwerp te kiezen en een plan voor 2027 aan de raad voor te leggen,",
        "Sociaal domein",
        ["Carla Smit"],
        ["adopt"],
        deadline_in_days=120,
        vote="unanimous",
    ),
    DemoMotion(
        "M2025-08",
        "Gratis parkeren in het centrum op zaterdag",
        300,
        "de winkeliers in het centrum teruglopende bezoekersaantallen melden",
        "verzoekt het college parkeren op zaterdag gratis te maken,",
        "Financiën",
        ["Bram Jansen"],
        ["reject"],
        vote=(
            9,
            18,
            {"VVD": "for", "CDA": "split", "LD": "against", "GL-PvdA": "against", "D66": "against"},
        ),
    ),
    DemoMotion(
        "M2025-09",
        "Extra boa's in de wijk Noord",
        300,
        "bewoners van Noord zich onveilig voelen",
        "verzoekt het college twee extra boa's in te zetten in de wijk Noord,",
        "Openbare orde en veiligheid",
        ["Frank Bos"],
        ["withdraw"],
    ),
    DemoMotion(
        "M2026-03",
        "Tiny houses voor starters",
        30,
        "starters op de woningmarkt in Dijkhoven nauwelijks kansen hebben",
        "verzoekt het college te onderzoeken waar tijdelijke tiny houses voor "
        "starters geplaatst kunnen worden,",
        "Wonen en ruimte",
        ["Esra Yilmaz"],
        ["hold"],
    ),
    DemoMotion(
        "M2025-05",
        "Taalhuis in elke wijk",
        400,
        "laaggeletterdheid in Dijkhoven boven het landelijk gemiddelde ligt",
        "verzoekt het college in elke wijk een taalpunt te openen in samenwerking "
        "met de bibliotheek,",
        "Onderwijs",
        ["Dirk Mulder", "Esra Yilmaz"],
        ["adopt", "start"],
        deadline_in_days=-120,
        vote="unanimous",
    ),
    DemoMotion(
        "M2025-12",
        "Onafhankelijke cliëntondersteuning bekendmaken",
        200,
        "weinig inwoners weten dat zij recht hebben op onafhankelijke cliëntondersteuning",
        "verzoekt het college de onafhankelijke cliëntondersteuning actief onder de "
        "aandacht te brengen bij elke Wmo-melding,",
        "Sociaal domein",
        ["Anouk de Vries"],
        ["adopt", "start"],
        deadline_in_days=60,
        vote=(20, 7),
    ),
    DemoMotion(
        "M2025-14",
        "Woningsplitsing makkelijker maken",
        180,
        "veel grote woningen door één persoon worden bewoond",
        "verzoekt het college het beleid voor woningsplitsing te herzien,",
        "Wonen en ruimte",
        ["Bram Jansen", "Carla Smit"],
        ["adopt", "start"],
        deadline_unknown_reason="Het college heeft nog geen datum toegezegd; "
        "afhankelijk van de nieuwe Omgevingsvisie.",
        vote=(
            15,
            12,
            {"VVD": "for", "CDA": "for", "D66": "for", "LD": "split", "GL-PvdA": "against"},
        ),
    ),
    DemoMotion(
        "M2025-03",
        "Jongerenwerk ook in het weekend",
        420,
        "jongeren in het weekend geen plek hebben om naartoe te gaan",
        "verzoekt het college het jongerenwerk uit te breiden naar de vrijdag- en zaterdagavond,",
        "Sociaal domein",
        ["Gerda Visser", "Frank Bos"],
        ["adopt", "start", "propose_completion"],
        deadline_in_days=-10,
        vote="unanimous",
    ),
    DemoMotion(
        "M2025-06",
        "Energiecoaches voor huurders",
        380,
        "huurders met een kleine beurs de hoogste energierekening hebben",
        "verzoekt het college energiecoaches in te zetten voor huurders,",
        "Wonen en ruimte",
        ["Dirk Mulder"],
        ["adopt", "start", "propose_completion"],
        deadline_in_days=30,
        vote=(19, 8),
    ),
    # Two moties of this year that the raad has completed, one on time and one after its
    # deadline, so that the figures page (/cijfers/) shows them and a median.
    DemoMotion(
        "M2026-04",
        "Zwemles voor alle kinderen",
        150,
        "niet alle kinderen in Dijkhoven een zwemdiploma halen",
        "verzoekt het college te zorgen dat elk kind zwemles kan volgen,",
        "Sociaal domein",
        ["Esra Yilmaz"],
        ["adopt", "start", "propose_completion", "complete"],
        deadline_in_days=30,
        vote="unanimous",
    ),
    DemoMotion(
        "M2026-05",
        "Speelplekken toegankelijk",
        250,
        "veel speelplekken niet bruikbaar zijn voor kinderen met een beperking",
        "verzoekt het college in elke wijk een toegankelijke speelplek in te richten,",
        "Wonen en ruimte",
        ["Frank Bos", "Anouk de Vries"],
        ["adopt", "start", "propose_completion", "complete"],
        deadline_in_days=-60,
        vote="unanimous",
    ),
    DemoMotion(
        "M2024-21",
        "Meldpunt eenzaamheid",
        600,
        "eenzaamheid onder ouderen toeneemt",
        "verzoekt het college een laagdrempelig meldpunt eenzaamheid in te richten,",
        "Sociaal domein",
        ["Carla Smit", "Anouk de Vries"],
        ["adopt", "start", "propose_completion", "complete"],
        deadline_in_days=-200,
        vote="unanimous",
    ),
]

LINDEBURG_MOTIONS = [
    DemoMotion(
        "2026-004",
        "Buurtbus naar het gezondheidscentrum",
        90,
        "het gezondheidscentrum slecht bereikbaar is met het openbaar vervoer",
        "verzoekt het college een buurtbus in te zetten,",
        "Sociaal domein",
        ["Karin Dekker"],
        ["adopt"],
        deadline_in_days=100,
        vote="unanimous",
    ),
    DemoMotion(
        "2025-017",
        "Minimabeleid evalueren",
        320,
        "het minimabeleid sinds 2019 niet is geëvalueerd",
        "verzoekt het college het minimabeleid te evalueren,",
        "Sociaal domein",
        ["Marieke Peeters"],
        ["adopt", "start"],
        deadline_in_days=-60,
        vote=(11, 6, {"BBL": "for", "PvdA": "for", "CDA": "against"}),
    ),
]


def load_public_pages(municipalities) -> None:
    """The public pages under each municipality's home page."""
    from advice.pages import AdviceIndexPage
    from governance.pages import ContentPage

    from .pages import MotionIndexPage

    for municipality in municipalities.values():
        home = municipality.site.root_page.specific if municipality.site_id else None
        if home is None:
            continue
        pages = [
            (
                MotionIndexPage,
                {
                    "title": "Moties",
                    "slug": "moties",
                    "intro": "<p>Alle moties die de raad aannam, en wat ervan terechtkwam.</p>",
                },
            ),
            (
                AdviceIndexPage,
                {
                    "title": "Adviezen",
                    "slug": "adviezen",
                    "intro": "<p>De adviezen van de adviesraad, met de reactie van "
                    "het college per punt.</p>",
                },
            ),
            (
                ContentPage,
                {
                    "title": "Toegankelijkheidsverklaring",
                    "slug": "toegankelijkheid",
                    "body": ACCESSIBILITY_STATEMENT.format(name=municipality.name),
                },
            ),
        ]
        for model, fields in pages:
            if not model.objects.child_of(home).exists():
                home.add_child(instance=model(**fields))


def load_letters(municipalities) -> None:
    """A draft raadsbrief for a motie in progress, to show the letters."""
    motion = Motion.objects.filter(
        municipality=municipalities["Dijkhoven"], number="M2025-12"
    ).first()
    if motion is None or motion.completion_letters.exists():
        return
    from governance.letters import contact_initial

    college = get_user_model().objects.get(username="college")
    CompletionLetter.objects.create(
        motion=motion,
        **contact_initial(college),
        introduction="In deze brief informeren wij u over de uitvoering.",
        core_message=(
            "<h3>Wat we hebben gedaan</h3><p>Bij elke Wmo-melding wijst de consulent op "
            "onafhankelijke cliëntondersteuning.</p><ul><li>De folder is vernieuwd.</li>"
            "<li>De website noemt de ondersteuning op elke aanvraagpagina.</li></ul>"
        ),
    )


def load_motions(municipalities) -> None:
    users = get_user_model().objects.in_bulk(
        ["griffie", "college", "griffie-lindeburg"], field_name="username"
    )
    for demo in DIJKHOVEN_MOTIONS:
        _load_motion(municipalities["Dijkhoven"], demo, users["griffie"], users["college"])
    for demo in LINDEBURG_MOTIONS:
        griffie = users["griffie-lindeburg"]
        _load_motion(municipalities["Lindeburg"], demo, griffie, griffie)


def _load_motion(municipality, demo, griffie, college) -> None:
    existing = Motion.objects.filter(municipality=municipality, number=demo.number).first()
    if existing is not None:
        _load_vote(existing, demo, griffie)
        return
    today = timezone.localdate()
    meeting = ensure_meeting(municipality, today - timedelta(days=demo.days_ago))
    motion = Motion(
        municipality=municipality,
        number=demo.number,
        title=demo.title,
        meeting=meeting,
        recitals=RECITALS.format(topic=demo.topic),
        operative_text=demo.operative_text,
        portfolio=Portfolio.objects.get(municipality=municipality, name=demo.portfolio),
    )
    motion._history_user = griffie
    motion._change_reason = "Geregistreerd na de raadsvergadering"
    motion.save()
    for order, name in enumerate(demo.submitters):
        person = Person.objects.get(municipality=municipality, name=name)
        submitter = MotionSubmitter(
            motion=motion, person=person, party=person.party, sort_order=order
        )
        submitter._history_user = griffie
        submitter.save()
    deadline = today + timedelta(days=demo.deadline_in_days) if demo.deadline_in_days else None
    dates = _event_dates(meeting.date, deadline, today)
    for step in demo.steps:
        actor = college if step in ("start", "propose_completion") else griffie
        apply_transition(
            motion,
            actor,
            step,
            reason=STEP_REASONS[step],
            on=dates.get(step),
            deadline=deadline,
            deadline_unknown_reason=demo.deadline_unknown_reason,
            route="council_information_letter",
            reference=f"RIB {motion.number}",
        )
    _load_vote(motion, demo, griffie)
    if demo.steps and demo.steps[0] == "adopt":
        set_published(motion, griffie, True)


def _event_dates(vote, deadline, today) -> dict:
    """Plausible days for the later steps: completion proposed some weeks before the
    deadline, the raad's decision a month after that; never before the vote or after
    today."""

    def clamp(day):
        return min(max(day, vote), today)

    proposed = clamp((deadline or today) - timedelta(days=20))
    return {"propose_completion": proposed, "complete": clamp(proposed + timedelta(days=28))}


def _load_vote(motion, demo, griffie) -> None:
    """The stemming of an adopted or rejected demo motie, once."""
    outcome = OUTCOME_OF_STEP.get(demo.steps[0]) if demo.steps else None
    if outcome is None or demo.vote is None or Vote.objects.filter(motion=motion).exists():
        return
    motion.refresh_from_db()
    if demo.vote == "unanimous":
        counts = {"unanimous": True}
    else:
        votes_for, votes_against, *per_party = demo.vote
        counts = {"votes_for": votes_for, "votes_against": votes_against}
        parties = {p.abbreviation: p for p in motion.municipality.parties.all()}
        counts["party_votes"] = {parties[a]: c for a, c in (per_party or [{}])[0].items()}
    record_vote(motion, griffie, outcome=outcome, reason=STEP_REASONS[demo.steps[0]], **counts)


STEP_REASONS = {
    "adopt": "Aangenomen in de raadsvergadering.",
    "reject": "Verworpen in de raadsvergadering.",
    "withdraw": "Ingetrokken door de indieners.",
    "hold": "Aangehouden op verzoek van de indieners.",
    "start": "De uitvoering is gestart.",
    "propose_completion": "Raadsinformatiebrief met voorstel tot afdoening verzonden.",
    "complete": "De raad stemde in met de afdoening.",
}


ACCESSIBILITY_STATEMENT = (
    "<p>De gemeente {name} wil dat iedereen deze website kan gebruiken. Wij streven naar "
    "naleving van de WCAG 2.1 op niveau AA.</p>"
    "<h2>Wat werkt nog niet</h2><p>De toegankelijkheid wordt met geautomatiseerde tests "
    "bewaakt; een onderzoek door een deskundige partij volgt.</p>"
    "<h2>Contact</h2><p>Loopt u ergens tegenaan? Neem contact op met de griffie.</p>"
)
