"""Demo adviesaanvragen for Dijkhoven: one overdue, one due soon, one further off
and one already advised, so that the dashboard, reminders and calendars show them."""

from datetime import timedelta

from django.utils import timezone

from governance.models import AdvisoryCouncil, Portfolio

from .constants import RequestStatus
from .models import AdviceRequest

REQUESTS = [
    # subject, letter days ago, received days ago, status
    ("Beleidsplan Sociaal Domein 2027-2030", 50, 48, RequestStatus.open),
    ("Verordening maatschappelijke ondersteuning 2027", 38, 36, RequestStatus.open),
    ("Minimabeleid: evaluatie en vervolg", 10, 9, RequestStatus.open),
    ("Inkoop jeugdhulp 2026", 120, 118, RequestStatus.advised),
]


def load_advice_requests(municipalities) -> None:
    dijkhoven = municipalities["Dijkhoven"]
    council = AdvisoryCouncil.objects.get(name="Adviesraad Sociaal Domein Dijkhoven")
    portfolio = Portfolio.objects.get(municipality=dijkhoven, name="Sociaal domein")
    today = timezone.localdate()
    for subject, letter_days_ago, received_days_ago, status in REQUESTS:
        if AdviceRequest.objects.filter(municipality=dijkhoven, subject=subject).exists():
            continue
        AdviceRequest.objects.create(
            municipality=dijkhoven,
            advisory_council=council,
            portfolio=portfolio,
            subject=subject,
            description=f"Het college vraagt de adviesraad om advies over: {subject}.",
            letter_date=today - timedelta(days=letter_days_ago),
            received_date=today - timedelta(days=received_days_ago),
            status=status,
        )


ADVICE_TEXT = """Adviesraad Sociaal Domein Dijkhoven

Ons kenmerk: ASD-2026-{ref}
Betreft: Advies {subject}

Geacht college,

De adviesraad heeft uw vraag om advies met belangstelling gelezen. Ons advies volgt de
onderwerpen van uw aanvraag.

1. Toegang

De toegang tot ondersteuning moet eenvoudig blijven.
 We adviseren het college het aanvraagformulier in te korten tot één pagina.
 We adviseren om bij elke melding onafhankelijke cliëntondersteuning aan te bieden.

2. Communicatie

Inwoners moeten tijdig weten wat er verandert.
 We adviseren de gevolgen van het beleid per doelgroep in eenvoudige taal uit te leggen.

Met vriendelijke groet,

Mevrouw P. de Boer
Voorzitter
"""

ADVICES = [
    # reference, subject, status, days ago, responses given
    ("031", "Verordening maatschappelijke ondersteuning 2027", "draft", 2, 0),
    ("027", "Beleidsplan Sociaal Domein 2027-2030", "response_in_preparation", 30, 1),
    ("019", "Inkoop jeugdhulp 2026", "published", 110, 3),
]
POSITIONS = ["adopted", "partly_adopted", "not_adopted"]


def load_adviezen(municipalities) -> None:
    from django.contrib.auth import get_user_model

    from .extraction import extract_points
    from .lifecycle import take_step
    from .models import Advice, AdvicePoint, PointResponse

    dijkhoven = municipalities["Dijkhoven"]
    council = AdvisoryCouncil.objects.get(name="Adviesraad Sociaal Domein Dijkhoven")
    portfolio = Portfolio.objects.get(municipality=dijkhoven, name="Sociaal domein")
    users = get_user_model().objects.in_bulk(
        ["adviesraad", "college", "griffie"], field_name="username"
    )
    today = timezone.localdate()
    for ref, subject, status, days_ago, answered in ADVICES:
        if Advice.objects.filter(municipality=dijkhoven, reference=f"ASD-2026-{ref}").exists():
            continue
        text = ADVICE_TEXT.format(ref=ref, subject=subject)
        advice = Advice.objects.create(
            municipality=dijkhoven,
            advisory_council=council,
            portfolio=portfolio,
            reference=f"ASD-2026-{ref}",
            subject=f"Advies {subject}",
            date=today - timedelta(days=days_ago),
            text=text,
            request=AdviceRequest.objects.filter(subject=subject).first(),
        )
        for order, point in enumerate(extract_points(text)):
            AdvicePoint.objects.create(
                advice=advice,
                number=point.number,
                theme=point.theme,
                text=point.text,
                explanation=point.as_dict().get("explanation", ""),
                sort_order=order,
            )
        if status == "draft":
            continue
        take_step(advice, users["adviesraad"], "submit", on=advice.date + timedelta(days=1))
        take_step(advice, users["college"], "start_response")
        for point, position in zip(
            advice.points.order_by("number")[:answered], POSITIONS, strict=False
        ):
            PointResponse.objects.create(
                point=point,
                position=position,
                text="Het college neemt dit punt mee in de uitwerking van het beleid.",
                reasons="" if position == "adopted" else "De financiële ruimte is beperkt.",
            )
        if status == "published":
            take_step(
                advice, users["college"], "adopt_response", on=advice.date + timedelta(days=30)
            )
            _send_letters(advice, users["college"])
            take_step(advice, users["griffie"], "publish")


def _send_letters(advice, college) -> None:
    """The response letter to the adviesraad and the raadsinformatiebrief, sent (today)
    as the college would, so the demo shows sent letters to each role."""
    from governance.letters import contact_initial

    from .letters import send_council_information_letter, send_response_letter
    from .models import CouncilInformationLetter, ResponseLetter

    advice.refresh_from_db()  # the steps saved a locked copy
    response = ResponseLetter(advice=advice, **contact_initial(college))
    response._history_user = college
    response.save()
    send_response_letter(response, college)
    information = CouncilInformationLetter(advice=advice, **contact_initial(college))
    information._history_user = college
    information.save()
    send_council_information_letter(information, college)
