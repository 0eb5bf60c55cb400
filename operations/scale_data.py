"""Realistic data at scale for measuring pages (issue 16): moties, toezeggingen and
adviezen in every lifecycle state, with their indieners, votes, letters, history and
search index entries, for one large municipality (the demo's Dijkhoven, with its Site,
public pages and accounts) and a small second one (Lindeburg), so that tenancy filters
have something to filter.

Everything is inserted with bulk_create in batches: no model save(), no signals, no
lifecycle steps (those are what the tests exercise; here they would take hours). The
rows are what the lifecycle would have left: the fields of each state, a few
django-simple-history rows per record, an audit event per publication, the letters a
state implies (metadata rows that share one small placeholder PDF). Afterwards the
Wagtail search index gets the new records through the backend's bulk add.

`generate(motions=N)` is the entry point; `manage.py generate_scale_data` calls it."""

from __future__ import annotations

import datetime
import hashlib
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from advice.constants import AdviceStatus, Position, RequestStatus
from advice.models import (
    Advice,
    AdvicePoint,
    AdviceRequest,
    AdviceResponse,
    AdviceVersion,
    CouncilInformationLetter,
    PointResponse,
    ResponseLetter,
)
from commitments.constants import CommitmentStatus
from commitments.models import Commitment
from governance.audit_models import AuditEvent, AuditKind
from governance.constants import MeetingKind, PersonFunction
from governance.letters import LetterStatus
from governance.models import AdvisoryCouncil, Meeting, Municipality, Party, Person, Portfolio
from motions.constants import ADOPTED_STATUSES, CompletionRoute, MotionStatus, VoteOutcome
from motions.models import CompletionLetter, Motion, MotionSubmitter, PartyVote, Vote

BATCH = 2000
SEED = 16
COUNCIL_SEATS = 31

# The share of each motie status (the rest of the lifecycle follows from it).
MOTION_STATUSES = [
    (MotionStatus.submitted, 4),
    (MotionStatus.adopted, 8),
    (MotionStatus.rejected, 12),
    (MotionStatus.withdrawn, 4),
    (MotionStatus.held, 3),
    (MotionStatus.in_progress, 34),
    (MotionStatus.completion_proposed, 9),
    (MotionStatus.completed, 26),
]
COMMITMENT_STATUSES = [
    (CommitmentStatus.open, 50),
    (CommitmentStatus.completion_proposed, 10),
    (CommitmentStatus.completed, 30),
    (CommitmentStatus.lapsed, 10),
]
ADVICE_STATUSES = [
    (AdviceStatus.draft, 5),
    (AdviceStatus.submitted, 10),
    (AdviceStatus.response_in_preparation, 15),
    (AdviceStatus.response_adopted, 8),
    (AdviceStatus.response_sent, 12),
    (AdviceStatus.published, 50),
]
ADVICE_ORDER = [status for status, _share in ADVICE_STATUSES]
PUBLISHED_SHARE = 0.6

EXTRA_PORTFOLIOS = [
    "Economie en werk",
    "Cultuur en sport",
    "Duurzaamheid en klimaat",
    "Verkeer en mobiliteit",
    "Jeugd en gezondheid",
]
SOCIAL_PORTFOLIOS = ("Sociaal domein", "Onderwijs", "Wonen en ruimte", "Jeugd en gezondheid")
EXTRA_PARTIES = [("ChristenUnie", "CU"), ("SP", "SP"), ("Partij voor de Dieren", "PvdD")]
FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Carla",
    "Dirk",
    "Esra",
    "Frank",
    "Gerda",
    "Hans",
    "Iris",
    "Jan",
    "Kees",
    "Lotte",
    "Mohamed",
    "Nina",
    "Otto",
    "Petra",
    "Quinten",
    "Rik",
    "Sanne",
    "Tom",
    "Ursula",
    "Vera",
    "Willem",
    "Yara",
    "Zeynep",
    "Fleur",
    "Daan",
    "Emma",
    "Lucas",
    "Sophie",
]
SURNAMES = [
    "de Vries",
    "Jansen",
    "Smit",
    "Mulder",
    "Yilmaz",
    "Bos",
    "Visser",
    "de Boer",
    "Meijer",
    "Bakker",
    "van Dijk",
    "Hendriks",
    "Dekker",
    "Peeters",
    "Kok",
    "Brouwer",
    "de Graaf",
    "van Leeuwen",
    "Koster",
    "Prins",
    "Huisman",
    "Postma",
    "El Amrani",
]

TOPICS = [
    "mantelzorg",
    "jeugdzorg",
    "armoede",
    "wonen",
    "schuldhulpverlening",
    "eenzaamheid onder ouderen",
    "de Wmo",
    "beschermd wonen",
    "laaggeletterdheid",
    "de energietransitie",
    "het openbaar vervoer",
    "verkeersveiligheid rond scholen",
    "sportverenigingen",
    "de bibliotheek",
    "statushouders",
    "dak- en thuislozen",
    "kinderopvang",
    "het minimabeleid",
    "de participatiewet",
    "toegankelijkheid van openbare gebouwen",
    "groen in de wijk",
    "starterswoningen",
    "de huishoudelijke hulp",
    "vroegsignalering van schulden",
    "de jongerenwerker",
    "dementievriendelijke gemeente",
    "inclusie",
    "het zwembad",
    "wateroverlast",
    "zonnepanelen op daken",
]
PLACES = [
    "in de binnenstad",
    "in Dijkhoven-Noord",
    "in de kernen",
    "in het buitengebied",
    "voor alle wijken",
    "in de Rivierenbuurt",
    "bij het station",
    "",
]
VERBS = [
    "te onderzoeken hoe",
    "in overleg met maatschappelijke partners te zorgen dat",
    "voor de begroting met een voorstel te komen waarmee",
    "de raad voor de zomer te informeren over hoe",
    "een plan van aanpak op te stellen zodat",
]
GOALS = [
    "inwoners sneller de juiste hulp krijgen",
    "de wachttijden worden teruggebracht",
    "meer mensen worden bereikt",
    "de kosten beheersbaar blijven",
    "ervaringsdeskundigen worden betrokken",
    "de regeldruk voor vrijwilligers afneemt",
    "niemand tussen wal en schip valt",
]
TITLE_PATTERNS = [
    "Aandacht voor {topic} {place}",
    "Motie {topic}: samen sterker",
    "Meer ruimte voor {topic}",
    "Onderzoek naar {topic} {place}",
    "{Topic} betaalbaar en bereikbaar",
    "Een eerlijke kans: {topic}",
    "Investeren in {topic}",
]
THEMES = [
    "Toegang en bereikbaarheid",
    "Participatie van inwoners",
    "Samenwerking met partners",
    "Financiën",
    "Communicatie",
    "Monitoring en evaluatie",
]
RESPONSES = {
    Position.adopted: "Het college neemt dit advies over en past de nota hierop aan.",
    Position.partly_adopted: "Het college neemt dit advies gedeeltelijk over.",
    Position.not_adopted: "Het college neemt dit advies niet over.",
    Position.noted: "Het college neemt dit advies voor kennisgeving aan.",
}
PLACEHOLDER_PDF = "letters/scale/voorbeeld.pdf"


@dataclass
class Plan:
    """How much to make for one municipality."""

    motions: int
    commitments: int
    advices: int
    points: int = 20
    meetings: int = 0

    def __post_init__(self):
        if not self.meetings:
            self.meetings = min(max(12, self.motions // 40), 2400)


@dataclass
class Report:
    """What was made, and how long each part took."""

    counts: Counter = field(default_factory=Counter)
    timings: dict = field(default_factory=dict)

    def timed(self, label, started):
        self.timings[label] = self.timings.get(label, 0.0) + time.monotonic() - started


def batched(iterable, size=BATCH):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Texts:
    """Varied Dutch titles and texts, from a seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def topic(self):
        return self.rng.choice(TOPICS)

    def title(self, topic):
        pattern = self.rng.choice(TITLE_PATTERNS)
        place = self.rng.choice(PLACES)
        text = pattern.format(topic=topic, Topic=topic[:1].upper() + topic[1:], place=place)
        return " ".join(text.split())[:255]

    def recitals(self, topic):
        other = self.topic()
        return (
            f"constaterende dat {topic} voor veel inwoners een zorg is;\n"
            f"overwegende dat {other} en {topic} met elkaar samenhangen;\n"
            f"overwegende dat {self.rng.choice(GOALS)};"
        )

    def operative(self, topic):
        return (
            f"verzoekt het college {self.rng.choice(VERBS)} {self.rng.choice(GOALS)} "
            f"op het gebied van {topic}, en gaat over tot de orde van de dag."
        )

    def progress(self, topic):
        return (
            f"Het college werkt aan {topic}; {self.rng.choice(GOALS)} is het doel. "
            "Een tussenstand volgt in de volgende raadsinformatiebrief."
        )

    def point(self, topic, number):
        return (
            f"De adviesraad adviseert het college om bij {topic} {self.rng.choice(GOALS)} "
            f"(punt {number}), en daarbij {self.topic()} te betrekken."
        )


def generate(
    motions=1000,
    commitments=None,
    advices=None,
    points=20,
    other_motions=None,
    seed=SEED,
    index=True,
    out=print,
) -> Report:
    """Fill the database: Dijkhoven gets `motions` moties, `commitments` toezeggingen
    (default half as many) and `advices` adviezen (default a tenth) of `points` points;
    Lindeburg a fiftieth of each (at least a few). Returns what was made."""
    from governance.notifications import silenced

    report = Report()
    started = time.monotonic()
    # Wagtail logs every page it creates; a few index pages are no news here.
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    with transaction.atomic(), silenced():
        municipalities = organisation()
        large = Plan(
            motions,
            motions // 2 if commitments is None else commitments,
            motions // 10 if advices is None else advices,
            points,
        )
        small_motions = max(5, motions // 50) if other_motions is None else other_motions
        small = Plan(small_motions, max(3, small_motions // 2), max(2, small_motions // 10), points)
        pdf = placeholder_pdf()
        for name, plan in (("Dijkhoven", large), ("Lindeburg", small)):
            Generator(municipalities[name], plan, random.Random(f"{seed}-{name}"), pdf, report).run(
                out
            )
    report.timed("database rows", started)
    if index:
        step = time.monotonic()
        out(f"search index: started after {step - started:.0f} s of rows")
        index_records(report)
        report.timed("search index", step)
    analyse()
    report.timed("total", started)
    return report


def analyse() -> None:
    """Fresh planner statistics on PostgreSQL: right after bulk inserts the planner
    still believes the tables empty and picks plans that take minutes, so every figure
    measured before autovacuum caught up would mislead."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def organisation() -> dict[str, Municipality]:
    """The demo's two municipalities with their Sites, public pages and accounts, plus
    ten portfolios and eight fracties in the large one. Idempotent."""
    from commitments.demo import load_commitment_pages
    from governance.demo import load_organisation
    from motions.demo import load_public_pages

    municipalities = load_organisation()
    load_public_pages(municipalities)
    load_commitment_pages(municipalities)
    dijkhoven = municipalities["Dijkhoven"]
    for name, abbreviation in EXTRA_PARTIES:
        Party.objects.get_or_create(
            municipality=dijkhoven, name=name, defaults={"abbreviation": abbreviation}
        )
    holders = list(
        Person.objects.filter(
            municipality=dijkhoven, function__in=[PersonFunction.alderman, PersonFunction.mayor]
        )
    )
    for number, name in enumerate(EXTRA_PORTFOLIOS):
        Portfolio.objects.get_or_create(
            municipality=dijkhoven, name=name, defaults={"holder": holders[number % len(holders)]}
        )
    lindeburg = municipalities["Lindeburg"]
    council, _created = AdvisoryCouncil.objects.get_or_create(name="Adviesraad Lindeburg")
    council.municipalities.add(lindeburg)
    return municipalities


def placeholder_pdf() -> tuple[str, str]:
    """One small PDF that every generated sent letter points to, and its checksum."""
    content = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    if not default_storage.exists(PLACEHOLDER_PDF):
        default_storage.save(PLACEHOLDER_PDF, ContentFile(content))
    return PLACEHOLDER_PDF, hashlib.sha256(content).hexdigest()


class Generator:
    """Generates one municipality's records (see the module docstring)."""

    def __init__(self, municipality, plan: Plan, rng: random.Random, pdf, report: Report):
        self.municipality = municipality
        self.plan = plan
        self.rng = rng
        self.texts = Texts(rng)
        self.pdf_name, self.pdf_sha = pdf
        self.report = report
        self.today = timezone.localdate()
        self.now = timezone.now()
        users = get_user_model().objects.in_bulk(
            ["griffie", "college", "griffie-lindeburg"], field_name="username"
        )
        is_large = municipality.name == "Dijkhoven"
        self.griffie = users["griffie"] if is_large else users["griffie-lindeburg"]
        self.college = users["college"] if is_large else users["griffie-lindeburg"]

    def run(self, out=print):
        for label, step in (
            ("people", self.people),
            ("meetings", self.meetings),
            ("moties", self.motions),
            ("toezeggingen", self.commitments),
            ("adviezen", self.advices),
        ):
            started = time.monotonic()
            step()
            self.report.timed(label, started)
            out(f"{self.municipality.name}: {label} in {time.monotonic() - started:.1f} s")

    # Helpers -----------------------------------------------------------------------

    def bulk(self, model, objs):
        """bulk_create in batches; the objects come back with their keys."""
        made = []
        for chunk in batched(objs):
            made.extend(model.objects.bulk_create(chunk))
        self.report.counts[model._meta.model_name] += len(made)
        return made

    def history(self, model, objs, *, update=False, user=None, reason="", when=None):
        """One history row per object; `when(obj)` gives its date."""
        rows = []
        for obj in objs:
            obj._history_date = when(obj) if when else self.now
            obj._change_reason = reason(obj) if callable(reason) else reason
            rows.append(obj)
        for chunk in batched(rows):
            model.history.bulk_history_create(chunk, update=update, default_user=user)
        self.report.counts["history rows"] += len(rows)

    def moment(self, day: datetime.date, hour=10) -> datetime.datetime:
        day = min(day, self.today)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    def between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        if end <= start:
            return start
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def pick(self, shares):
        return self.rng.choices([s for s, _w in shares], weights=[w for _s, w in shares])[0]

    # Organisation --------------------------------------------------------------------

    def people(self):
        """Councillors for every fractie (about 31 seats), once."""
        self.parties = list(Party.objects.filter(municipality=self.municipality))
        existing = Person.objects.filter(
            municipality=self.municipality, function=PersonFunction.councillor
        )
        missing = COUNCIL_SEATS - existing.count()
        new = []
        for number in range(max(0, missing)):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            new.append(
                Person(
                    municipality=self.municipality,
                    name=name,
                    function=PersonFunction.councillor,
                    party=self.parties[number % len(self.parties)],
                )
            )
        self.bulk(Person, new)
        self.councillors = list(existing.select_related("party"))
        self.portfolios = list(Portfolio.objects.filter(municipality=self.municipality))

    def meetings(self):
        """Council and committee meetings spread over the past years, on distinct days."""
        plan = self.plan
        span = max(plan.meetings * 2, 365)
        days = sorted(self.rng.sample(range(1, span + 1), plan.meetings * 2))
        taken = set(
            Meeting.objects.filter(municipality=self.municipality).values_list("date", "title")
        )
        council, committee = [], []
        for position, ago in enumerate(days):
            day = self.today - datetime.timedelta(days=ago)
            kind = MeetingKind.council if position % 2 == 0 else MeetingKind.committee
            title = "Raadsvergadering" if kind == MeetingKind.council else "Commissie Samenleving"
            if (day, title) in taken:
                continue
            meeting = Meeting(municipality=self.municipality, date=day, title=title, kind=kind)
            (council if kind == MeetingKind.council else committee).append(meeting)
        made = self.bulk(Meeting, council + committee)
        self.history(Meeting, made, user=self.griffie, when=lambda m: self.moment(m.date, 8))
        self.council_meetings = [m for m in made if m.kind == MeetingKind.council]
        self.all_meetings = made

    # Moties --------------------------------------------------------------------------

    def motions(self):
        year_seq = Counter()
        existing = set(
            Motion.objects.filter(municipality=self.municipality).values_list("number", flat=True)
        )
        motions = []
        statuses = self.spread(MOTION_STATUSES, self.plan.motions)
        for status in statuses:
            meeting = self.rng.choice(self.council_meetings)
            year = meeting.date.year
            year_seq[year] += 1
            number = f"M{year}-{year_seq[year]:05d}"
            while number in existing:
                year_seq[year] += 1
                number = f"M{year}-{year_seq[year]:05d}"
            motions.append(self.motion(status, meeting, number))
        self.publish(motions, ADOPTED_STATUSES, round(PUBLISHED_SHARE * len(motions)))
        made = self.bulk(Motion, motions)
        self.motion_history(made)
        self.submitters(made)
        self.votes(made)
        self.completion_letters(made)
        self.audit(made)

    def spread(self, shares, count):
        """`count` statuses in the given shares, shuffled."""
        total = sum(w for _s, w in shares)
        statuses = []
        for status, weight in shares:
            statuses += [status] * round(count * weight / total)
        while len(statuses) < count:
            statuses.append(shares[-1][0])
        statuses = statuses[:count]
        # Every status at least once when there is room, so that small runs show each.
        for status, _weight in shares if count >= len(shares) else ():
            if status not in statuses:
                most = Counter(statuses).most_common(1)[0][0]
                statuses[statuses.index(most)] = status
        self.rng.shuffle(statuses)
        return statuses

    def motion(self, status, meeting, number):
        topic = self.texts.topic()
        voted = status not in (MotionStatus.submitted, MotionStatus.withdrawn)
        motion = Motion(
            municipality=self.municipality,
            number=number,
            title=self.texts.title(topic),
            meeting=meeting,
            meeting_held_on=meeting.date,
            agenda_item=f"Agendapunt {self.rng.randint(3, 14)}",
            recitals=self.texts.recitals(topic),
            operative_text=self.texts.operative(topic),
            status=status,
            vote_date=meeting.date if voted else None,
            portfolio=self.rng.choice(self.portfolios),
        )
        if status in ADOPTED_STATUSES:
            if self.rng.random() < 0.05:
                motion.deadline_unknown_reason = "Het college noemt nog geen datum."
            elif status == MotionStatus.completed:
                motion.deadline = meeting.date + datetime.timedelta(days=self.rng.randint(60, 900))
            else:
                # Open: around today, so about a third is overdue; never before the vote.
                ahead = self.today + datetime.timedelta(days=self.rng.randint(-300, 600))
                motion.deadline = max(ahead, meeting.date + datetime.timedelta(days=30))
        if status in (MotionStatus.in_progress, MotionStatus.completion_proposed):
            motion.progress = self.texts.progress(topic)
        if status in (MotionStatus.completion_proposed, MotionStatus.completed):
            proposed = self.between(meeting.date, self.today - datetime.timedelta(days=1))
            motion.completion_route = self.rng.choice(
                [CompletionRoute.council_letter, CompletionRoute.council_information_letter]
            )
            motion.completion_reference = f"RIB {number}"
            motion.completion_proposed_on = proposed
            if status == MotionStatus.completed:
                motion.completion_date = self.between(proposed, self.today)
        return motion

    def publish(self, records, statuses, count):
        """Publish `count` of the records whose status is in `statuses`."""
        eligible = [r for r in records if r.status in statuses]
        for record in self.rng.sample(eligible, min(count, len(eligible))):
            base = getattr(record, "vote_date", None) or record.meeting.date
            record.published_at = self.moment(base + datetime.timedelta(days=2), 14)

    def motion_history(self, motions):
        self.history(
            Motion,
            motions,
            user=self.griffie,
            reason="Geregistreerd na de raadsvergadering",
            when=lambda m: self.moment(m.meeting.date, 20),
        )
        later = [m for m in motions if m.status != MotionStatus.submitted]
        self.history(
            Motion,
            later,
            update=True,
            user=self.griffie,
            reason=lambda m: f"Status: {m.get_status_display()}",
            when=lambda m: self.moment(
                m.completion_date or m.completion_proposed_on or m.meeting.date, 21
            ),
        )
        published = [m for m in motions if m.published_at]
        self.history(
            Motion,
            published,
            update=True,
            user=self.griffie,
            reason="Gepubliceerd",
            when=lambda m: m.published_at,
        )

    def submitters(self, motions):
        rows = []
        for motion in motions:
            for order, person in enumerate(
                self.rng.sample(self.councillors, self.rng.randint(1, 3))
            ):
                rows.append(
                    MotionSubmitter(
                        motion=motion, person=person, party_id=person.party_id, sort_order=order
                    )
                )
        made = self.bulk(MotionSubmitter, rows)
        self.history(
            MotionSubmitter,
            made,
            user=self.griffie,
            when=lambda s: self.moment(s.motion.meeting.date, 20),
        )

    def votes(self, motions):
        votes, party_votes = [], []
        for motion in motions:
            if motion.status in (MotionStatus.submitted, MotionStatus.withdrawn, MotionStatus.held):
                continue
            adopted = motion.status != MotionStatus.rejected
            vote = Vote(
                motion=motion,
                outcome=VoteOutcome.adopted if adopted else VoteOutcome.rejected,
                date=motion.vote_date,
            )
            if adopted and self.rng.random() < 0.4:
                vote.unanimous = True
            else:
                majority = self.rng.randint(16, COUNCIL_SEATS)
                vote.votes_for = majority if adopted else COUNCIL_SEATS - majority
                vote.votes_against = COUNCIL_SEATS - vote.votes_for
            votes.append(vote)
        made = self.bulk(Vote, votes)
        self.history(Vote, made, user=self.griffie, when=lambda v: self.moment(v.date, 22))
        for vote in made:
            if vote.unanimous or self.rng.random() < 0.5:
                continue
            for party in self.parties:
                choice = self.rng.choice(["for", "for", "against", "split"])
                party_votes.append(PartyVote(vote=vote, party=party, choice=choice))
        made_party_votes = self.bulk(PartyVote, party_votes)
        self.history(
            PartyVote,
            made_party_votes,
            user=self.griffie,
            when=lambda p: self.moment(p.vote.date, 22),
        )

    def completion_letters(self, motions):
        """A sent raadsbrief for moties whose completion was proposed with one; a draft
        for a few in progress."""
        letters = []
        for motion in motions:
            sent = motion.completion_route == CompletionRoute.council_letter
            draft = motion.status == MotionStatus.in_progress and self.rng.random() < 0.1
            if not (sent or draft):
                continue
            letter = CompletionLetter(
                motion=motion,
                introduction="In deze brief informeren wij u over de uitvoering van de motie.",
                core_message=f"<p>{self.texts.progress(self.texts.topic())}</p>",
                contact_name="Cees Beleidsmedewerker",
                contact_email="college@demo.example",
            )
            if sent:
                self.sent(letter, motion.completion_proposed_on, f"Z{motion.number}")
            letters.append(letter)
        made = self.bulk(CompletionLetter, letters)
        self.history(CompletionLetter, made, user=self.college, when=lambda c: self.now)

    def sent(self, letter, day, case):
        letter.status = LetterStatus.sent
        letter.letter_date = day
        letter.case_number = case
        letter.document_number = f"D{case[1:]}-{self.rng.randint(100, 999)}"
        letter.pdf = self.pdf_name
        letter.sha256 = self.pdf_sha
        letter.rendered_at = letter.sent_at = self.moment(day, 11)

    def audit(self, records):
        """A 'published' audit event per published record, as set_published leaves."""
        content_type = ContentType.objects.get_for_model(type(records[0])) if records else None
        events = [
            AuditEvent(
                at=record.published_at,
                kind=AuditKind.published,
                user=self.griffie,
                username=self.griffie.username,
                email=self.griffie.email,
                municipality=self.municipality,
                content_type=content_type,
                object_id=str(record.pk),
                object_repr=str(record)[:255],
                detail={},
            )
            for record in records
            if record.published_at
        ]
        self.bulk(AuditEvent, events)

    # Toezeggingen --------------------------------------------------------------------

    def commitments(self):
        commitments = []
        year_seq = Counter()
        existing = set(
            Commitment.objects.filter(municipality=self.municipality).values_list(
                "number", flat=True
            )
        )
        for status in self.spread(COMMITMENT_STATUSES, self.plan.commitments):
            meeting = self.rng.choice(self.all_meetings)
            year = meeting.date.year
            year_seq[year] += 1
            number = f"T{year}-{year_seq[year]:05d}"
            while number in existing:
                year_seq[year] += 1
                number = f"T{year}-{year_seq[year]:05d}"
            topic = self.texts.topic()
            commitment = Commitment(
                municipality=self.municipality,
                number=number,
                title=self.texts.title(topic),
                text=f"De wethouder zegt toe de raad te informeren over {topic}: "
                f"{self.texts.operative(topic)}",
                meeting=meeting,
                meeting_held_on=meeting.date,
                portfolio=self.rng.choice(self.portfolios),
                status=status,
                deadline=meeting.date + datetime.timedelta(days=self.rng.randint(30, 700)),
            )
            if status == CommitmentStatus.open:
                commitment.progress = self.texts.progress(topic)
            if status == CommitmentStatus.completed:
                commitment.completion_date = self.between(meeting.date, self.today)
            commitments.append(commitment)
        self.publish(commitments, list(CommitmentStatus), round(PUBLISHED_SHARE * len(commitments)))
        made = self.bulk(Commitment, commitments)
        self.history(
            Commitment,
            made,
            user=self.griffie,
            reason="Geregistreerd",
            when=lambda c: self.moment(c.meeting.date, 20),
        )
        self.history(
            Commitment,
            [c for c in made if c.status != CommitmentStatus.open or c.published_at],
            update=True,
            user=self.griffie,
            reason=lambda c: f"Status: {c.get_status_display()}",
            when=lambda c: self.moment(c.completion_date or c.meeting.date, 21),
        )
        self.audit(made)

    # Adviezen ------------------------------------------------------------------------

    def advices(self):
        council = self.municipality.advisory_councils.order_by("pk").first()
        self.council = council
        requests, advices = [], []
        for status in self.spread(ADVICE_STATUSES, self.plan.advices):
            topic = self.texts.topic()
            day = self.today - datetime.timedelta(days=self.rng.randint(0, 2400))
            # The adviesraad sociaal domein advises the social portfolios mostly.
            social = [p for p in self.portfolios if p.name in SOCIAL_PORTFOLIOS]
            pool = social if social and self.rng.random() < 0.8 else self.portfolios
            portfolio = self.rng.choice(pool)
            request = None
            if self.rng.random() < 0.6:
                letter_day = day - datetime.timedelta(days=self.rng.randint(14, 60))
                request = AdviceRequest(
                    municipality=self.municipality,
                    advisory_council=council,
                    portfolio=portfolio,
                    subject=f"Adviesaanvraag {topic}",
                    description=f"Het college vraagt advies over het beleid voor {topic}.",
                    letter_date=letter_day,
                    received_date=letter_day + datetime.timedelta(days=1),
                    due_date=letter_day + datetime.timedelta(days=42),
                    status=RequestStatus.open
                    if status == AdviceStatus.draft
                    else RequestStatus.advised,
                )
                requests.append(request)
            advice = Advice(
                municipality=self.municipality,
                advisory_council=council,
                request=request,
                solicited=request is not None,
                reference=f"ASD-{day.year}-{len(advices) + 1:05d}",
                date=day,
                subject=f"Advies over {topic}",
                portfolio=portfolio,
                text=f"Geacht college,\n\nDe adviesraad geeft u advies over {topic}. "
                f"{self.texts.recitals(topic)}\n\nMet vriendelijke groet,\nde adviesraad",
                status=status,
            )
            if status != AdviceStatus.draft:
                advice.received_date = min(day + datetime.timedelta(days=1), self.today)
                advice.response_due_date = advice.received_date + datetime.timedelta(days=42)
            if status == AdviceStatus.published:
                # The moment its history (advice_history) shows it published from.
                advice.published_at = self.moment(day, 9)
            advice._topic = topic
            advices.append(advice)
        self.bulk(AdviceRequest, requests)
        self.history(
            AdviceRequest, requests, user=self.college, when=lambda r: self.moment(r.letter_date)
        )
        for advice in advices:
            advice.request_id = advice.request.pk if advice.request else None
        made = self.bulk(Advice, advices)
        for advice, source in zip(made, advices, strict=True):
            advice._topic = source._topic
        self.advice_history(made)
        self.advice_points(made)
        self.advice_responses(made)

    def advice_history(self, advices):
        member = get_user_model().objects.filter(username="adviesraad").first()
        self.history(
            Advice, advices, user=member, reason="Concept", when=lambda a: self.moment(a.date, 9)
        )
        submitted = [a for a in advices if a.status != AdviceStatus.draft]
        self.history(
            Advice,
            submitted,
            update=True,
            user=member,
            reason=lambda a: f"Status: {a.get_status_display()}",
            when=lambda a: self.moment(a.received_date, 15),
        )
        self.bulk(
            AdviceVersion,
            [AdviceVersion(advice=a, number=1, text=a.text, created_by=member) for a in submitted],
        )

    def advice_points(self, advices):
        points = []
        for advice in advices:
            for number in range(1, self.plan.points + 1):
                points.append(
                    AdvicePoint(
                        advice=advice,
                        number=number,
                        theme=THEMES[(number - 1) * len(THEMES) // max(self.plan.points, 1)],
                        text=self.texts.point(advice._topic, number),
                        explanation="Ervaringsdeskundigen gaven dit punt mee."
                        if number % 4 == 0
                        else "",
                        sort_order=number,
                    )
                )
        made = self.bulk(AdvicePoint, points)
        self.history(AdvicePoint, made, when=lambda p: self.moment(p.advice.date, 9))
        self.points = made

    def advice_responses(self, advices):
        answering = {
            a.pk: a
            for a in advices
            if ADVICE_ORDER.index(a.status)
            >= ADVICE_ORDER.index(AdviceStatus.response_in_preparation)
        }
        responses = []
        positions = list(RESPONSES)
        for point in self.points:
            advice = answering.get(point.advice_id)
            if advice is None:
                continue
            complete = advice.status != AdviceStatus.response_in_preparation
            if not complete and self.rng.random() < 0.5:
                continue
            position = self.rng.choice(positions)
            responses.append(
                PointResponse(
                    point=point,
                    position=position,
                    text=RESPONSES[position],
                    reasons=""
                    if position == Position.adopted
                    else "Dit past niet binnen de financiële kaders van de begroting.",
                )
            )
        made = self.bulk(PointResponse, responses)
        self.history(PointResponse, made, user=self.college, when=lambda r: self.now)
        college_responses, response_letters, council_letters = [], [], []
        for advice in answering.values():
            rank = ADVICE_ORDER.index(advice.status)
            if rank < ADVICE_ORDER.index(AdviceStatus.response_adopted):
                continue
            adopted_on = min(advice.received_date + datetime.timedelta(days=35), self.today)
            sent = rank >= ADVICE_ORDER.index(AdviceStatus.response_sent)
            sent_on = min(adopted_on + datetime.timedelta(days=3), self.today) if sent else None
            college_responses.append(
                AdviceResponse(
                    advice=advice,
                    adopted_on=adopted_on,
                    sent_on=sent_on,
                    case_number=f"Z-{advice.reference}",
                )
            )
            if sent:
                letter = ResponseLetter(advice=advice, contact_name="Cees Beleidsmedewerker")
                self.sent(letter, sent_on, f"Z-{advice.reference}")
                response_letters.append(letter)
            if advice.status == AdviceStatus.published:
                letter = CouncilInformationLetter(advice=advice)
                self.sent(letter, sent_on, f"Z-{advice.reference}")
                council_letters.append(letter)
        for model, rows in (
            (AdviceResponse, college_responses),
            (ResponseLetter, response_letters),
            (CouncilInformationLetter, council_letters),
        ):
            made = self.bulk(model, rows)
            self.history(model, made, user=self.college, when=lambda r: self.now)


# What each indexed model's search fields reach through relations: fetched per batch, so
# the index costs a few queries per batch instead of some per record.
INDEX_PREFETCH = {
    Motion: ("submitters__person", "submitters__party"),
    Advice: ("points__response",),
}


def index_records(report: Report) -> None:
    """Add every indexed domain record to the Wagtail search index, in batches through
    the backend's bulk add (one INSERT … ON CONFLICT per batch), with the related
    fields (indieners, points and responses) prefetched per batch.

    The PostgreSQL backend recomputes the title norms of the whole index after every
    batch (a scan of all entries); that is done once at the end here instead."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    refresh = None
    for model in (
        Motion,
        Commitment,
        Advice,
        CompletionLetter,
        ResponseLetter,
        CouncilInformationLetter,
    ):
        started = time.monotonic()
        # add_bulk() is get_index_for_model(model).add_items(); one index object per
        # model here, so that its per-batch refresh can wait until the end.
        index = backend.get_index_for_model(model)
        if hasattr(index, "_refresh_title_norms"):
            refresh = index._refresh_title_norms
            index._refresh_title_norms = lambda *args, **kwargs: None
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for chunk in batched(ids, BATCH):
            objs = model.objects.filter(pk__in=chunk).prefetch_related(
                *INDEX_PREFETCH.get(model, ())
            )
            index.add_items(model, list(objs))
        report.counts["search index entries"] += len(ids)
        report.timed(f"index {model._meta.model_name}", started)
    if refresh is not None:
        started = time.monotonic()
        refresh()
        report.timed("index title norms", started)
