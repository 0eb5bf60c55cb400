"""Factories with one Trait per lifecycle state, so tests read like the rules."""

import datetime

import factory
from django.contrib.auth import get_user_model

from governance.constants import PersonFunction, RoleKind
from governance.models import AdvisoryCouncil, Meeting, Municipality, Party, Person, Portfolio, Role
from motions.constants import MotionStatus
from motions.models import Motion, MotionSubmitter

VOTE_DAY = datetime.date(2026, 3, 12)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("tooi_code",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    # TOOI codes have six characters; the fixtures use gm9901 and up.
    tooi_code = factory.Sequence(lambda n: f"gm{n % 9000:04d}")
    default_deadline_month = 12


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    municipality = factory.SubFactory(MunicipalityFactory)
    date = VOTE_DAY
    title = factory.Sequence(lambda n: f"Raadsvergadering {n}")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Partij {n}")
    abbreviation = factory.Sequence(lambda n: f"P{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Raadslid {n}")
    party = factory.SubFactory(PartyFactory, municipality=factory.SelfAttribute("..municipality"))
    function = PersonFunction.councillor


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Portfolio

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Portefeuille {n}")
    holder = factory.SubFactory(
        PersonFactory,
        municipality=factory.SelfAttribute("..municipality"),
        function=PersonFunction.alderman,
        party=None,
    )


class AdvisoryCouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisoryCouncil

    name = factory.Sequence(lambda n: f"Adviesraad {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.django.Password("secret")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    kind = RoleKind.griffie
    municipality = factory.SubFactory(MunicipalityFactory)

    @factory.post_generation
    def portfolios(self, create, extracted, **kwargs):
        if create and extracted:
            self.portfolios.set(extracted)


def griffie(municipality, **kwargs):
    return RoleFactory(kind=RoleKind.griffie, municipality=municipality, **kwargs).user


def college_staff(portfolios, **kwargs):
    role = RoleFactory(
        kind=RoleKind.college_staff,
        municipality=portfolios[0].municipality,
        portfolios=portfolios,
        **kwargs,
    )
    return role.user


def advisory_member(council, **kwargs):
    return RoleFactory(
        kind=RoleKind.advisory_member, municipality=None, advisory_council=council, **kwargs
    ).user


class MotionFactory(factory.django.DjangoModelFactory):
    """A motie; `MotionFactory(in_progress=True)` gives one in that state."""

    class Meta:
        model = Motion
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: f"M2026-{n:03d}")
    title = factory.Sequence(lambda n: f"Motie {n}")
    meeting = factory.SubFactory(
        MeetingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    recitals = "constaterende dat …;\noverwegende dat …;"
    operative_text = "verzoekt het college om …,"
    portfolio = factory.SubFactory(
        PortfolioFactory, municipality=factory.SelfAttribute("..municipality")
    )
    status = MotionStatus.submitted

    class Params:
        voted = factory.Trait(vote_date=VOTE_DAY)
        adopted = factory.Trait(
            voted=True, status=MotionStatus.adopted, deadline=datetime.date(2026, 12, 31)
        )
        rejected = factory.Trait(voted=True, status=MotionStatus.rejected)
        withdrawn = factory.Trait(status=MotionStatus.withdrawn)
        held = factory.Trait(voted=True, status=MotionStatus.held)
        in_progress = factory.Trait(adopted=True, status=MotionStatus.in_progress)
        completion_proposed = factory.Trait(adopted=True, status=MotionStatus.completion_proposed)
        completed = factory.Trait(
            adopted=True,
            status=MotionStatus.completed,
            completion_date=datetime.date(2026, 11, 1),
        )

    @factory.post_generation
    def submitters(self, create, extracted, **kwargs):
        if not create:
            return
        for order, person in enumerate(extracted or []):
            MotionSubmitter.objects.create(
                motion=self, person=person, party=person.party, sort_order=order
            )


class AdviceRequestFactory(factory.django.DjangoModelFactory):
    """An adviesaanvraag; its due date follows from the adviesraad's term on save."""

    class Meta:
        model = "advice.AdviceRequest"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    advisory_council = factory.SubFactory(AdvisoryCouncilFactory)
    portfolio = factory.SubFactory(
        PortfolioFactory, municipality=factory.SelfAttribute("..municipality")
    )
    subject = factory.Sequence(lambda n: f"Adviesaanvraag {n}")
    letter_date = datetime.date(2026, 11, 2)
    received_date = datetime.date(2026, 11, 3)

    @factory.post_generation
    def serve(self, create, extracted, **kwargs):
        if create:
            self.advisory_council.municipalities.add(self.municipality)


class AdviceFactory(factory.django.DjangoModelFactory):
    """A draft advies; `AdviceFactory(points=3)` gives it three points."""

    class Meta:
        model = "advice.Advice"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    advisory_council = factory.SubFactory(AdvisoryCouncilFactory)
    portfolio = factory.SubFactory(
        PortfolioFactory, municipality=factory.SelfAttribute("..municipality")
    )
    reference = factory.Sequence(lambda n: f"ASD-{n:03d}")
    subject = factory.Sequence(lambda n: f"Advies {n}")
    date = datetime.date(2026, 11, 1)
    text = "De adviesraad adviseert het college om …"

    @factory.post_generation
    def serve(self, create, extracted, **kwargs):
        if create:
            self.advisory_council.municipalities.add(self.municipality)

    @factory.post_generation
    def points(self, create, extracted, **kwargs):
        from advice.models import AdvicePoint

        for number in range(1, (extracted or 0) + 1):
            AdvicePoint.objects.create(
                advice=self,
                number=number,
                theme="Thema",
                text=f"Wij adviseren punt {number}.",
                sort_order=number,
            )


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A toezegging; `CommitmentFactory(completion_proposed=True)` gives one in that state."""

    class Meta:
        model = "commitments.Commitment"

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: f"T2026-{n:03d}")
    title = factory.Sequence(lambda n: f"Toezegging {n}")
    text = "De wethouder zegt toe de raad voor de zomer te informeren over …"
    meeting = factory.SubFactory(
        MeetingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    portfolio = factory.SubFactory(
        PortfolioFactory, municipality=factory.SelfAttribute("..municipality")
    )
    deadline = datetime.date(2026, 12, 31)
    status = "open"

    class Params:
        completion_proposed = factory.Trait(status="completion_proposed")
        completed = factory.Trait(status="completed", completion_date=datetime.date(2026, 11, 1))
        lapsed = factory.Trait(status="lapsed")
        overdue = factory.Trait(deadline=datetime.date(2026, 4, 30))
