"""The public pages of moties: an index with filters and a page per motie. Only
published moties appear (Motion.objects.published()); everything else is a 404."""

from django import forms
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from governance.letters import LetterStatus
from governance.pages import (
    NumberedRecordFeed,
    OfMunicipality,
    TrackedFilterForm,
    render_filtered_index,
)

from .constants import MotionStatus
from .models import Motion
from .timeline import public_steps


class MotionFilterForm(TrackedFilterForm):
    """The filters of the public index, and the party of a submitter; values it does not
    know are ignored."""

    status_choices = MotionStatus.choices
    field_order = ["status", "portfolio", "party", "year", "overdue"]

    party = forms.TypedChoiceField(label=_("Party"), required=False, coerce=int)

    def __init__(self, data, *, municipality, **kwargs):
        super().__init__(data, municipality=municipality, **kwargs)
        all_ = [("", _("All"))]
        self.fields["party"].choices = all_ + list(municipality.parties.values_list("pk", "name"))

    def filter_more(self, motions, data):
        if data.get("party"):
            motions = motions.filter(submitters__party_id=data["party"]).distinct()
        return motions


class MotionIndexPage(OfMunicipality, RoutablePageMixin, Page):
    """The public motievolglijst of one municipality."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["governance.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("motion index page")

    def published(self):
        return Motion.objects.published().filter(municipality=self.municipality)

    @path("")
    def index(self, request):
        return render_filtered_index(self, request, MotionFilterForm)

    @path("feed/")
    def feed(self, request):
        """RSS of new and changed published moties."""
        return MotionFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        """The same as Atom."""
        return MotionAtomFeed(self)(request)

    @path("<str:number>/")
    def motion(self, request, number):
        motions = self.published().with_list_relations().with_votes()
        motion = get_object_or_404(motions, number=number)
        letters = motion.completion_letters.filter(status=LetterStatus.sent).order_by("version")
        return self.render(
            request,
            template="motions/motion_page.html",
            context_overrides={
                "motion": motion,
                "letters": letters,
                "steps": public_steps(motion),
                "today": timezone.localdate(),
            },
        )

    @path("<str:number>/brief/<int:letter_id>/")
    def letter(self, request, number, letter_id):
        motion = get_object_or_404(self.published(), number=number)
        letter = get_object_or_404(
            motion.completion_letters.filter(Q(status=LetterStatus.sent), ~Q(pdf="")),
            pk=letter_id,
        )
        return FileResponse(
            letter.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"{letter.file_stem()}-v{letter.version}.pdf",
        )


class MotionFeed(NumberedRecordFeed):
    """New and changed published moties of one municipality, newest change first."""

    def title(self):
        return _("Motions of %(name)s") % {"name": self.page.municipality.name}

    def description(self):
        return _("New and changed motions and their status.")

    def items(self):
        return self.page.published().select_related("meeting").order_by("-updated_at")[:50]

    def item_description(self, motion):
        return motion.operative_text


class MotionAtomFeed(MotionFeed):
    feed_type = Atom1Feed
    subtitle = MotionFeed.description
