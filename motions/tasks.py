"""Rendering letters through Django's Tasks API (immediate in tests, a worker in
production). Rendering is idempotent: a draft is rendered anew, a sent letter never."""

from django_tasks import task

from .models import CompletionLetter


@task()
def render_completion_letter(letter_id: int) -> str:
    """Render and store the PDF of a draft completion letter; return its SHA-256."""
    letter = CompletionLetter.objects.select_related("motion__municipality__letterhead").get(
        pk=letter_id
    )
    letter.regenerate()
    return letter.sha256
