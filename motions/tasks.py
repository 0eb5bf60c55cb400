"""Slow work for moties, through Django's Tasks API."""

from django_tasks import task


@task()
def index_motions_task(motion_ids: list[int]) -> int:
    """Add moties created in bulk (an import) to the search index: bulk creation sends
    no signals. Running it twice does no harm. Returns how many were indexed."""
    from wagtail.search.backends import get_search_backends

    from .models import Motion

    motions = list(Motion.objects.filter(pk__in=motion_ids))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Motion, motions)
    return len(motions)
