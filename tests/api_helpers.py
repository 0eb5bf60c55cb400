"""What the API tests share: two municipalities on their own hosts, with their public
index pages, and records in each publication state."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Site

from advice.constants import AdviceStatus
from advice.models import Advice, CouncilInformationLetter, PointResponse, ResponseLetter
from advice.pages import AdviceIndexPage
from commitments.pages import CommitmentIndexPage
from governance.letters import LetterStatus, sha256
from governance.pages import HomePage
from motions.models import CompletionLetter
from motions.pages import MotionIndexPage
from tests.factories import AdviceFactory, CommitmentFactory, MotionFactory

HOSTS = {"gm9901": "dijkhoven.example", "gm9902": "lindeburg.example"}


@pytest.fixture
def sites(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_ in (town, other_town):
        host = HOSTS[town_.municipality.tooi_code]
        home = root.add_child(instance=HomePage(title=f"Raadsvolg {host}", slug=host[:9]))
        for page in (
            MotionIndexPage(title="Moties", slug="moties"),
            CommitmentIndexPage(title="Toezeggingen", slug="toezeggingen"),
            AdviceIndexPage(title="Adviezen", slug="adviezen"),
        ):
            home.add_child(instance=page)
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()


def get(path, host="dijkhoven.example", **headers):
    return Client().get(path, HTTP_HOST=host, **headers)


def motion(town, title="Taalhuis", meeting=None, **traits):
    return MotionFactory(
        municipality=town.municipality,
        meeting=meeting or town.meeting,
        portfolio=town.portfolio,
        title=title,
        submitters=[town.person],
        **(traits or {"in_progress": True}),
    )


def commitment(town, title="Wachttijden", **fields):
    return CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title=title,
        **fields,
    )


def advice(town, subject="Advies armoede", status=AdviceStatus.published, points=2):
    made = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=points,
        subject=subject,
        date=datetime.date(2026, 10, 1),
    )
    for point in made.points.all():
        PointResponse.objects.create(
            point=point,
            position="not_adopted",
            text=f"Het college doet punt {point.number} niet.",
            reasons="Geen geld.",
        )
    Advice.objects.filter(pk=made.pk).update(status=status)
    return Advice.objects.get(pk=made.pk)


def letter(model, sent=True, **subject):
    """A letter with a stored PDF, sent or draft, made directly (rendering is slow and
    tested elsewhere)."""
    pdf = b"%PDF-1.7 " + repr(subject).encode()
    made = model(
        status=LetterStatus.sent if sent else LetterStatus.draft,
        letter_date=datetime.date(2026, 11, 2),
        sent_at=timezone.now() if sent else None,
        document_number="2026-001",
        case_number="Z-1",
        contact_name="Ambtenaar Geheim",
        sha256=sha256(pdf),
        **subject,
    )
    made.pdf.save("brief.pdf", ContentFile(pdf), save=False)
    made.save()
    return made


__all__ = [
    "CompletionLetter",
    "CouncilInformationLetter",
    "ResponseLetter",
    "advice",
    "commitment",
    "get",
    "letter",
    "motion",
    "sites",
]
