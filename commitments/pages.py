"""The public pages of toezeggingen: an index with filters and a page per toezegging.
Only published toezeggingen appear (Commitment.objects.published()); everything else
is a 404."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from governance.pages import (
    NumberedRecordFeed,
    OfMunicipality,
    TrackedFilterForm,
    render_filtered_index,
)

from .constants import CommitmentStatus


class CommitmentFilterForm(TrackedFilterForm):
    """The filters of the public index; values it does not know are ignored."""

    status_choices = CommitmentStatus.choices


class CommitmentIndexPage(OfMunicipality, RoutablePageMixin, Page):
    """The public list of toezeggingen of one municipality."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["governance.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "commitments/commitment_index_page.html"

    class Meta:
        verbose_name = _("commitment index page")

    def published(self):
        from .models import Commitment

        return Commitment.objects.published().filter(municipality=self.municipality)

    @path("")
    def index(self, request):
        return render_filtered_index(self, request, CommitmentFilterForm)

    @path("feed/")
    def feed(self, request):
        """RSS of new and changed published toezeggingen."""
        return CommitmentFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        """The same as Atom."""
        return CommitmentAtomFeed(self)(request)

    @path("<str:number>/")
    def commitment(self, request, number):
        from .timeline import public_steps  # it reads .models, which imports this module

        commitment = get_object_or_404(self.published().with_list_relations(), number=number)
        return self.render(
            request,
            template="commitments/commitment_page.html",
            context_overrides={
                "commitment": commitment,
                "steps": public_steps(commitment),
                "today": timezone.localdate(),
            },
        )


class CommitmentFeed(NumberedRecordFeed):
    """New and changed published toezeggingen of one municipality, newest change first."""

    def title(self):
        return _("Commitments of %(name)s") % {"name": self.page.municipality.name}

    def description(self):
        return _("New and changed commitments and their status.")

    def item_description(self, commitment):
        return commitment.text


class CommitmentAtomFeed(CommitmentFeed):
    feed_type = Atom1Feed
    subtitle = CommitmentFeed.description
