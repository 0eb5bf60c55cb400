"""What the API may show, fetched up front: the publication rule in one place.

Nothing unpublished, withdrawn, draft, not sent, or of another municipality: moties
and toezeggingen that the griffie published, adviezen with status published, and
the sent letters (with a PDF) of those. Every list reads its related rows in a fixed
number of queries, however many rows it holds."""

from django.db.models import CharField, Exists, F, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from advice.constants import AdviceStatus
from advice.models import Advice, AdvicePoint, CouncilInformationLetter, ResponseLetter
from commitments.models import Commitment
from governance.letters import LetterStatus
from governance.models import Meeting
from motions.models import CompletionLetter, Motion


def motions(municipality):
    return (
        Motion.objects.published()
        .filter(municipality=municipality)
        .with_list_relations()
        .with_votes()
        .order_by("-meeting_held_on", "number")
    )


def commitments(municipality):
    return (
        Commitment.objects.published()
        .filter(municipality=municipality)
        .with_list_relations()
        .order_by("-meeting_held_on", "number")
    )


def meetings(municipality):
    """Meetings in which a published motie was voted on or a published toezegging made.
    EXISTS rather than a join with DISTINCT: the database walks the municipality's
    meetings newest first and probes each one's records by index until the page is
    full, instead of joining and de-duplicating every published record (docs/scale.md)."""
    published_motion = Motion.objects.published().filter(meeting=OuterRef("pk"))
    published_commitment = Commitment.objects.published().filter(meeting=OuterRef("pk"))
    return (
        Meeting.objects.filter(municipality=municipality)
        .filter(Exists(published_motion) | Exists(published_commitment))
        .order_by("-date", "title")
    )


def published_motions_of():
    return Prefetch(
        "motions",
        queryset=Motion.objects.published().order_by("number"),
        to_attr="published_motions",
    )


def published_commitments_of():
    return Prefetch(
        "commitments",
        queryset=Commitment.objects.published().order_by("number"),
        to_attr="published_commitments",
    )


def advices(municipality):
    last_change = Advice.history.filter(id=OuterRef("pk")).order_by("-history_date")
    return (
        Advice.objects.filter(municipality=municipality, status=AdviceStatus.published)
        .select_related("municipality", "advisory_council", "request")
        .prefetch_related(
            "request__documents",
            Prefetch(
                "points",
                queryset=AdvicePoint.objects.select_related("response").order_by(
                    "sort_order", "number"
                ),
                to_attr="ordered_points",
            ),
            Prefetch("response_letters", queryset=sent(ResponseLetter), to_attr="sent_responses"),
            Prefetch(
                "council_information_letters",
                queryset=sent(CouncilInformationLetter),
                to_attr="sent_information",
            ),
        )
        .annotate(last_change=Subquery(last_change.values("history_date")[:1]))
        # What opendata.diwoo reads for the Woo metadata, so that it runs no query.
        .annotate(
            woo_lastmod=Coalesce("last_change", "created_at"),
            woo_published_at=F("published_at"),
        )
        .order_by("-date", "subject")
    )


def sent(model):
    """Sent letters with their PDF, oldest version first."""
    return model.objects.filter(status=LetterStatus.sent).exclude(pdf="").order_by("version")


def with_advice_letters(advices_: list) -> list:
    """Each advies gets `sent_letters`: its sent responses, then its council letters."""
    for advice in advices_:
        advice.sent_letters = [
            *marked(advice.sent_responses, "collegereactie"),
            *marked(advice.sent_information, "raadsinformatiebrief"),
        ]
    return advices_


def marked(letters, kind: str) -> list:
    for letter in letters:
        letter.api_kind = kind
    return list(letters)


def letter_keys(querysets: dict):
    """(sent_at, kind, id) of the letters of every kind as one union, newest sent first:
    counted and sliced in the database, so a page reads only its own keys."""
    parts = [
        qs.order_by()
        .annotate(api_kind=Value(kind, output_field=CharField()))
        .values_list("sent_at", "api_kind", "pk")
        for kind, qs in querysets.items()
    ]
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("-sent_at", "-api_kind", "-pk")


def letters_by_key(querysets: dict, keys) -> list:
    """The letters of one page of `letter_keys`, in its order: one query per kind."""
    wanted: dict[str, list[int]] = {}
    for __, kind, pk in keys:
        wanted.setdefault(kind, []).append(pk)
    found = {
        (kind, letter.pk): letter
        for kind, pks in wanted.items()
        for letter in marked(querysets[kind].filter(pk__in=pks), kind)
    }
    return [found[(kind, pk)] for __, kind, pk in keys]


def letters(municipality, kind: str | None = None) -> dict:
    """The sent letters of the municipality's published records, per kind, with what
    opendata.diwoo reads for their Woo metadata (so that it runs no query)."""
    advice_published_at = F("advice__published_at")
    querysets = {
        "raadsbrief-afdoening": sent(CompletionLetter)
        .filter(motion__municipality=municipality, motion__published_at__isnull=False)
        .select_related("motion__municipality")
        .annotate(woo_record_published_at=F("motion__published_at")),
        "collegereactie": sent(ResponseLetter)
        .filter(advice__municipality=municipality, advice__status=AdviceStatus.published)
        .select_related("advice__municipality")
        .annotate(woo_record_published_at=advice_published_at),
        "raadsinformatiebrief": sent(CouncilInformationLetter)
        .filter(advice__municipality=municipality, advice__status=AdviceStatus.published)
        .select_related("advice__municipality")
        .annotate(woo_record_published_at=advice_published_at),
    }
    return {k: qs for k, qs in querysets.items() if kind in (None, k)}
