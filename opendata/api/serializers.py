"""The shapes of the API's answers. Open Raadsinformatie's (ODS/Popolo) field names
where it has the concept (name, text, start_date, classification, creator, cocreator,
legislative_session, vote_event, result, counts, option, value), Dutch ones for
Raadsvolg's own; a code beside its Dutch `_omschrijving`. docs/api.md maps them.

Every serializer reads the request's `links` (opendata.api.links.Links) from its
context. Adviezen and letters carry their Woo metadata (`diwoo`, opendata.diwoo): the
same as the Woo-index reads in the DiWoo sitemaps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motions.votes import vote_of, vote_summary
from opendata import diwoo


class LetterKind(models.TextChoices):
    """The kinds of sent letter, as they appear in the API's addresses."""

    completion = "raadsbrief-afdoening", _("Council letter proposing to complete a motion")
    response = "collegereactie", _("College response to an advice")
    information = "raadsinformatiebrief", _("Council information letter on an advice")


class LinkedSerializer(serializers.Serializer):
    @property
    def links(self):
        return self.context["links"]


TERM = {
    "type": "object",
    "properties": {"resource": {"type": "string", "format": "uri"}, "label": {"type": "string"}},
}
DIWOO = {
    "type": "object",
    "nullable": True,
    "description": (
        f"De DiWoo-metadata (versie {diwoo.SCHEMA_VERSION}) waarmee het document ook in de "
        "Woo-sitemaps staat; leeg als de gemeente geen openbare pagina voor deze soort heeft."
    ),
    "properties": {
        "loc": {"type": "string", "format": "uri"},
        "lastmod": {"type": "string", "format": "date-time"},
        "publicatiedatum": {"type": "string", "format": "date-time", "nullable": True},
        "identifiers": {"type": "array", "items": {"type": "string"}},
        "publisher": TERM,
        "verantwoordelijke": TERM,
        "opsteller": {**TERM, "nullable": True},
        "naamOpsteller": {"type": "string", "nullable": True},
        "officieleTitel": {"type": "string"},
        "informatiecategorie": TERM,
        "documentsoort": TERM,
        "creatiedatum": {"type": "string", "format": "date"},
        "language": TERM,
        "format": TERM,
        "documenthandelingen": {"type": "array", "items": {"type": "object"}},
        "documentrelaties": {"type": "array", "items": {"type": "object"}},
    },
}


def label(field_name):
    """A code's Dutch description: `get_<field>_display`."""
    return serializers.CharField(source=f"get_{field_name}_display", read_only=True)


class PartySerializer(LinkedSerializer):
    """A fractie (ODS: Organization, classification Party)."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    name = serializers.CharField()
    afkorting = serializers.CharField(source="abbreviation")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, party):
        return self.links.api("fracties-detail", party.pk)


class MeetingSerializer(LinkedSerializer):
    """A vergadering of the raad or a commissie (ODS: Meeting)."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    start_date = serializers.DateField(source="date")
    classification = serializers.CharField(source="kind")
    classification_omschrijving = label("kind")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, meeting):
        return self.links.api("vergaderingen-detail", meeting.pk)

    def get_name(self, meeting) -> str:
        return str(meeting)


class RecordRefSerializer(LinkedSerializer):
    """A motie or toezegging named under its meeting."""

    identifier = serializers.CharField(source="number")
    name = serializers.CharField(source="title")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, record):
        return self.links.api(self.context_resource, record.number)


class MotionRefSerializer(RecordRefSerializer):
    context_resource = "moties-detail"


class CommitmentRefSerializer(RecordRefSerializer):
    context_resource = "toezeggingen-detail"


class MeetingResourceSerializer(MeetingSerializer):
    """A vergadering with the published moties voted on and toezeggingen made in it."""

    moties = MotionRefSerializer(source="published_motions", many=True)
    toezeggingen = CommitmentRefSerializer(source="published_commitments", many=True)


class PortfolioSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    houder = serializers.CharField(source="holder.name", default=None, allow_null=True)


class SubmitterSerializer(serializers.Serializer):
    """An indiener: the person and the fractie they signed for."""

    name = serializers.CharField(source="person.name")
    fractie = PartySerializer(source="party", allow_null=True)


class CountSerializer(serializers.Serializer):
    option = serializers.CharField()
    value = serializers.IntegerField()


class PartyVoteSerializer(serializers.Serializer):
    """How one fractie voted (ODS: stemresultaat per fractie)."""

    fractie = PartySerializer(source="party")
    option = serializers.CharField(source="choice")
    option_omschrijving = label("choice")


class VoteSerializer(serializers.Serializer):
    """The stemming (ODS: VoteEvent)."""

    start_date = serializers.DateField(source="date")
    result = serializers.CharField(source="outcome")
    result_omschrijving = label("outcome")
    met_algemene_stemmen = serializers.BooleanField(source="unanimous")
    samenvatting = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    votes = PartyVoteSerializer(source="party_votes.all", many=True)

    def get_samenvatting(self, vote) -> str:
        return vote_summary(vote)

    @extend_schema_field(CountSerializer(many=True))
    def get_counts(self, vote):
        if vote.unanimous:
            return []
        return [
            {"option": "for", "value": vote.votes_for},
            {"option": "against", "value": vote.votes_against},
        ]


class StepSerializer(serializers.Serializer):
    """One event of the public history, dated by the day it happened."""

    datum = serializers.DateField(source="happened_on")
    gebeurtenis = serializers.CharField(source="what")


class LetterRefSerializer(LinkedSerializer):
    """A sent letter as it appears under its motie or advies."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    soort = serializers.SerializerMethodField()
    documentnummer = serializers.CharField(source="document_number")
    datum = serializers.DateField(source="letter_date")
    sha256 = serializers.CharField()
    download = serializers.SerializerMethodField()

    def get_soort(self, letter) -> str:
        return letter.api_kind

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, letter):
        return self.links.api("brieven-detail", letter.api_kind, letter.pk)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_download(self, letter):
        return self.links.letter_download(letter.api_kind, letter)


class TrackedSerializer(LinkedSerializer):
    """What moties and toezeggingen share: number, title, status, meeting, portfolio,
    deadline and dates."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    webpagina = serializers.SerializerMethodField()
    identifier = serializers.CharField(source="number")
    name = serializers.CharField(source="title")
    status = serializers.CharField()
    status_omschrijving = label("status")
    legislative_session = MeetingSerializer(source="meeting")
    portefeuille = PortfolioSerializer(source="portfolio", allow_null=True)
    termijn = serializers.DateField(source="deadline", allow_null=True)
    termijn_onbekend_reden = serializers.CharField(source="deadline_unknown_reason")
    te_laat = serializers.SerializerMethodField()
    afgedaan_op = serializers.DateField(source="completion_date", allow_null=True)
    gepubliceerd_op = serializers.DateTimeField(source="published_at")
    gewijzigd_op = serializers.DateTimeField(source="updated_at")

    def get_te_laat(self, record) -> bool:
        return record.is_overdue()


class MotionSerializer(TrackedSerializer):
    """A motie (ODS: Motion) in a list."""

    classification = serializers.CharField(source="kind")
    classification_omschrijving = label("kind")
    agendapunt = serializers.CharField(source="agenda_item")
    date = serializers.DateField(source="vote_date", allow_null=True)
    creator = serializers.SerializerMethodField()
    cocreator = serializers.SerializerMethodField()
    vote_event = serializers.SerializerMethodField()
    afdoening_voorgesteld_op = serializers.DateField(
        source="completion_proposed_on", allow_null=True
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, motion):
        return self.links.api("moties-detail", motion.number)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_webpagina(self, motion):
        return self.links.motion_page(motion)

    @extend_schema_field(SubmitterSerializer(allow_null=True))
    def get_creator(self, motion):
        submitters = list(motion.submitters.all())
        return SubmitterSerializer(submitters[0], context=self.context).data if submitters else None

    @extend_schema_field(SubmitterSerializer(many=True))
    def get_cocreator(self, motion):
        return SubmitterSerializer(
            motion.submitters.all()[1:], many=True, context=self.context
        ).data

    @extend_schema_field(VoteSerializer(allow_null=True))
    def get_vote_event(self, motion):
        vote = vote_of(motion)
        return VoteSerializer(vote, context=self.context).data if vote else None


class MotionDetailSerializer(MotionSerializer):
    """A motie with its texts, public history and sent letters."""

    text = serializers.CharField(source="operative_text")
    considerans = serializers.CharField(source="recitals")
    geschiedenis = StepSerializer(source="public_steps", many=True)
    brieven = LetterRefSerializer(source="sent_letters", many=True)


class CommitmentSerializer(TrackedSerializer):
    """A toezegging (ODS: Commitment)."""

    text = serializers.CharField()
    toegezegd_door = serializers.CharField(source="promised_by.name", default=None, allow_null=True)
    stand_van_zaken = serializers.CharField(source="progress")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, commitment):
        return self.links.api("toezeggingen-detail", commitment.number)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_webpagina(self, commitment):
        return self.links.commitment_page(commitment)


class CommitmentDetailSerializer(CommitmentSerializer):
    geschiedenis = StepSerializer(source="public_steps", many=True)


class PointSerializer(serializers.Serializer):
    """An adviespunt with the college's standpunt and reactie, as the advies page shows it."""

    nummer = serializers.IntegerField(source="number")
    thema = serializers.CharField(source="theme")
    tekst = serializers.CharField(source="text")
    toelichting = serializers.CharField(source="explanation")
    standpunt = serializers.CharField(source="response.position", default=None, allow_null=True)
    standpunt_omschrijving = serializers.CharField(
        source="response.get_position_display", default=None, allow_null=True
    )
    reactie = serializers.CharField(source="response.text", default=None, allow_null=True)
    redenen = serializers.CharField(source="response.reasons", default=None, allow_null=True)


class DocumentSerializer(LinkedSerializer):
    titel = serializers.CharField(source="title")
    download = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_download(self, document):
        return self.links.document_download(document.request_advice, document)


class RequestSerializer(serializers.Serializer):
    onderwerp = serializers.CharField(source="subject")
    datum = serializers.DateField(source="letter_date")


class AdviceSerializer(LinkedSerializer):
    """An advies of the adviesraad with the college's response per point (Raadsvolg's
    own: ODS has no advies)."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    webpagina = serializers.SerializerMethodField()
    onderwerp = serializers.CharField(source="subject")
    kenmerk = serializers.CharField(source="reference")
    datum = serializers.DateField(source="date")
    adviesraad = serializers.CharField(source="advisory_council.name")
    gevraagd = serializers.BooleanField(source="solicited")
    adviesaanvraag = RequestSerializer(source="request", allow_null=True)
    beleidsdocumenten = serializers.SerializerMethodField()
    punten = PointSerializer(source="ordered_points", many=True)
    brieven = LetterRefSerializer(source="sent_letters", many=True)
    gewijzigd_op = serializers.DateTimeField(source="last_change")
    diwoo = serializers.SerializerMethodField()

    @extend_schema_field(DIWOO)
    def get_diwoo(self, advice):
        return diwoo.advice_metadata(advice, self.context["request"])

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, advice):
        return self.links.api("adviezen-detail", advice.pk)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_webpagina(self, advice):
        return self.links.advice_page(advice)

    @extend_schema_field(DocumentSerializer(many=True))
    def get_beleidsdocumenten(self, advice):
        if advice.request is None:
            return []
        documents = list(advice.request.documents.all())
        for document in documents:
            document.request_advice = advice
        return DocumentSerializer(documents, many=True, context=self.context).data


class SubjectSerializer(LinkedSerializer):
    """What a letter is about: a motie or an advies."""

    soort = serializers.CharField()
    id = serializers.IntegerField()
    url = serializers.URLField()


class LetterSerializer(LetterRefSerializer):
    """A sent letter of a published motie or advies: metadata, the SHA-256 of its PDF
    and where to download it (Raadsvolg's own)."""

    soort_omschrijving = serializers.SerializerMethodField()
    titel = serializers.SerializerMethodField()
    versie = serializers.IntegerField(source="version")
    zaaknummer = serializers.CharField(source="case_number")
    verzonden_op = serializers.DateTimeField(source="sent_at")
    onderwerp = serializers.SerializerMethodField()
    diwoo = serializers.SerializerMethodField()

    @extend_schema_field(DIWOO)
    def get_diwoo(self, letter):
        return diwoo.letter_metadata(letter, self.context["request"])

    def get_soort_omschrijving(self, letter) -> str:
        return str(LetterKind(letter.api_kind).label)

    def get_titel(self, letter) -> str:
        return str(letter)

    @extend_schema_field(SubjectSerializer)
    def get_onderwerp(self, letter):
        if letter.api_kind == "raadsbrief-afdoening":
            motion = letter.motion
            return {
                "soort": "motie",
                "id": motion.pk,
                "url": self.links.api("moties-detail", motion.number),
            }
        advice = letter.advice
        return {
            "soort": "advies",
            "id": advice.pk,
            "url": self.links.api("adviezen-detail", advice.pk),
        }
