"""The public pages of moties: an index with filters and a page per motie. Only
published moties appear (Motion.objects.published()); everything else is a 404."""

from django import forms
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
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
from governance.pages import OfMunicipality

from .constants import MotionStatus
from .models import Motion
from .timeline import public_steps


class MotionFilterForm(forms.Form):
    """The filters of the public index; values it does not know are ignored."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *MotionStatus.choices]
    )
    portfolio = forms.TypedChoiceField(label=_("Portfolio"), required=False, coerce=int)
    party = forms.TypedChoiceField(label=_("Party"), required=False, coerce=int)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, data, *, municipality, **kwargs):
        super().__init__(data, **kwargs)
        all_ = [("", _("All"))]
        self.fields["portfolio"].choices = all_ + list(
            municipality.portfolios.values_list("pk", "name")
        )
        self.fields["party"].choices = all_ + list(municipality.parties.values_list("pk", "name"))
        years = municipality.meetings.dates("date", "year", order="DESC")
        self.fields["year"].choices = all_ + [(d.year, d.year) for d in years]

    def filter(self, motions):
        if not self.is_valid():
            return motions
        data = self.cleaned_data
        if data.get("status"):
            motions = motions.filter(status=data["status"])
        if data.get("portfolio"):
            motions = motions.filter(portfolio_id=data["portfolio"])
        if data.get("party"):
            motions = motions.filter(submitters__party_id=data["party"]).distinct()
        if data.get("year"):
            motions = motions.filter(meeting__date__year=data["year"])
        if data.get("overdue"):
            motions = motions.overdue()
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
        municipality = self.municipality
        form = MotionFilterForm(request.GET or None, municipality=municipality)
        motions = form.filter(self.published()).with_list_relations()
        page = Paginator(motions, 25).get_page(request.GET.get("pagina"))
        return self.render(
            request,
            context_overrides={"form": form, "page_obj": page, "today": timezone.localdate()},
        )

    @path("feed/")
    def feed(self, request):
        """RSS of new and changed published moties."""
        return MotionFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        """The same as Atom."""
        return MotionAtomFeed(self)(request)

    def get_sitemap_urls(self, request=None):
        """The index and every published motie, for the sitemap."""
        base = self.get_full_url(request)
        return [
            {"location": base, "lastmod": self.last_published_at},
            *(
                {"location": f"{base}{number}/", "lastmod": updated}
                for number, updated in self.published().values_list("number", "updated_at")
            ),
        ]

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


class MotionFeed(Feed):
    """New and changed published moties of one municipality, newest change first."""

    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Motions of %(name)s") % {"name": self.page.municipality.name}

    def link(self):
        return self.page.get_url(self.request)

    def description(self):
        return _("New and changed motions and their status.")

    def items(self):
        return self.page.published().select_related("meeting").order_by("-updated_at")[:50]

    def item_title(self, motion):
        return f"{motion.number} {motion.title} — {motion.get_status_display()}"

    def item_description(self, motion):
        return motion.operative_text

    def item_link(self, motion):
        return f"{self.page.get_url(self.request)}{motion.number}/"

    def item_updateddate(self, motion):
        return motion.updated_at

    def item_pubdate(self, motion):
        return motion.published_at


class MotionAtomFeed(MotionFeed):
    feed_type = Atom1Feed
    subtitle = MotionFeed.description
