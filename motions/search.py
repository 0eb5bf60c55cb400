"""Public search in the published moties of a municipality, found by their text, their
indieners and fracties, or their sent raadsbrieven (listed under the motie); and keeping
the search index of a motie current when its indieners change."""

from urllib.parse import quote

from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from governance.models import Party, Person
from governance.search import (
    SearchResult,
    SearchSource,
    letter_hit,
    numbered_result,
    numbered_title,
    reindex_task,
)

from .models import CompletionLetter, Motion, MotionSubmitter
from .pages import MotionIndexPage

SUBMITTERS = Prefetch(
    "submitters", queryset=MotionSubmitter.objects.select_related("person", "party")
)


def motion_results(hits, base) -> list[SearchResult]:
    """The results of one page's moties: their indieners in one query."""
    prefetch_related_objects([hit.record for hit in hits], SUBMITTERS)
    return [motion_result(hit, base) for hit in hits]


def motion_result(hit, base) -> SearchResult:
    motion = hit.record
    page = f"{base}{quote(motion.number, safe='')}/"
    submitters = ", ".join(str(submitter) for submitter in motion.submitters.all())
    return numbered_result(
        _("Motion"),
        base,
        hit,
        motion.operative_text,
        details=_("Submitted by: %(names)s") % {"names": submitters} if submitters else "",
        letters=tuple(
            letter_hit(
                _("Council letter"), letter, pdf_url=f"{page}brief/{letter.pk}/", page_url=page
            )
            for letter in sorted(hit.letters, key=lambda letter: letter.version)
        ),
    )


MOTIONS = SearchSource(
    model=Motion,
    published=Motion.objects.published,
    letters=((CompletionLetter, "motion"),),
    index_page=MotionIndexPage,
    title=numbered_title,
    date="meeting_held_on",
    fields=("number", "title", "meeting_held_on"),
    results=motion_results,
)


# Keeping the index current -------------------------------------------------------------
# A motie indexes the names of its indieners and fracties (Motion.search_fields), but the
# index hears only of saves of the motie itself, and the motie is saved before its
# indieners (ClusterableModel saves its children after the motie; the registration adds
# them after it). So a change of an indiener, or of a person's or fractie's name,
# re-indexes the moties concerned.


def reindex_motions(pks) -> None:
    pks = list(pks)
    if pks:
        reindex_task.enqueue("motions.Motion", pks)


def reindex_motions_submitted(**by) -> None:
    """Re-index the moties with an indiener matching `by` (a person, a fractie)."""
    submitted = Motion.objects.filter(**{f"submitters__{key}": value for key, value in by.items()})
    reindex_motions(submitted.values_list("pk", flat=True).distinct())


@receiver(post_save, sender=MotionSubmitter)
@receiver(post_delete, sender=MotionSubmitter)
def submitter_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_motions([instance.motion_id])


@receiver(post_save, sender=Person)
def person_changed(sender, instance, created=False, raw=False, **kwargs):
    if not (created or raw):
        reindex_motions_submitted(person=instance)


@receiver(post_save, sender=Party)
def party_changed(sender, instance, created=False, raw=False, **kwargs):
    if not (created or raw):
        reindex_motions_submitted(party=instance)
