"""The public pages of adviezen: an index and a page per advies with, beside each
point, the college's position and response. Only published adviezen appear."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from governance.letters import LetterStatus
from governance.pages import OfMunicipality, PageFeed, paginate

from .constants import AdviceStatus
from .letters import points_by_theme
from .models import Advice


class AdviceIndexPage(OfMunicipality, RoutablePageMixin, Page):
    """The published adviezen of one municipality, each with the college's response."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["governance.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("advice index page")

    def published(self):
        return Advice.objects.filter(
            municipality=self.municipality, status=AdviceStatus.published
        ).select_related("advisory_council", "portfolio", "request")

    @path("")
    def index(self, request):
        # Paged and counted without the progress counts (a GROUP BY over every point of
        # every published advies); only the page's adviezen get them, in one query.
        page = paginate(self.published().order_by("-date", "subject"), request)
        page.object_list = list(
            self.published()
            .with_progress()
            .filter(pk__in=[a.pk for a in page.object_list])
            .order_by("-date", "subject")
        )
        return self.render(request, context_overrides={"page_obj": page})

    @path("feed/")
    def feed(self, request):
        """RSS of published adviezen, newest first."""
        return AdviceFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        return AdviceAtomFeed(self)(request)

    @path("<int:pk>/")
    def advice(self, request, pk):
        advice = get_object_or_404(self.published(), pk=pk)
        sent = {"status": LetterStatus.sent}
        letters = [
            *(
                ("reactie", letter)
                for letter in advice.response_letters.filter(**sent).order_by("version")
            ),
            *(
                ("raad", letter)
                for letter in advice.council_information_letters.filter(**sent).order_by("version")
            ),
        ]
        return self.render(
            request,
            template="advice/advice_page.html",
            context_overrides={
                "advice": advice,
                "documents": advice.request.documents.all() if advice.request_id else [],
                "themes": points_by_theme(advice),
                "letters": letters,
            },
        )

    @path("<int:pk>/document/<int:document_id>/")
    def document(self, request, pk, document_id):
        """A policy document of the request a published advies answers."""
        advice = get_object_or_404(self.published().exclude(request=None), pk=pk)
        document = get_object_or_404(advice.request.documents.all(), pk=document_id)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file.name.rsplit("/", 1)[-1],
        )

    @path("<int:pk>/brief/<str:kind>/<int:letter_id>/")
    def letter(self, request, pk, kind, letter_id):
        advice = get_object_or_404(self.published(), pk=pk)
        related = {"reactie": advice.response_letters, "raad": advice.council_information_letters}
        if kind not in related:
            raise Http404
        letter = get_object_or_404(
            related[kind].filter(status=LetterStatus.sent).exclude(pdf=""), pk=letter_id
        )
        return FileResponse(
            letter.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"{letter.file_stem()}-v{letter.version}.pdf",
        )


class AdviceFeed(PageFeed):
    """The published adviezen of one municipality with the college's response."""

    def title(self):
        return _("Advice to %(name)s") % {"name": self.page.municipality.name}

    def description(self):
        return _("Advice of the advisory council and the response of the college.")

    def items(self):
        return self.page.published().order_by("-date")[:50]

    def item_title(self, advice):
        return advice.subject

    def item_description(self, advice):
        return advice.advisory_council.name

    def item_link(self, advice):
        return f"{self.page.get_url(self.request)}{advice.pk}/"


class AdviceAtomFeed(AdviceFeed):
    feed_type = Atom1Feed
    subtitle = AdviceFeed.description
