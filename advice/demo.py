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
