"""Admin views shared by every kind of generated letter: its page (state, versions,
actions), the HTML preview and the PDF, rendering, sending and new versions."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .audit import AuditedViewMixin
from .dates import DateField
from .letters import LetterError
from .tasks import render_letter_task
from .viewsets import ScopedInspectView, ScopedModelViewSet, ScopedObjectMixin


class LetterInspectView(ScopedInspectView):
    template_name = "governance/admin/letter_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter = self.object
        context.update(
            letter=letter,
            subject=getattr(letter, letter.subject_field),
            can_change=self.user_has_permission_for_instance("change", letter),
            can_send=not letter.is_sent and letter.can_send(self.request.user),
            send_refusal="" if letter.is_sent else letter.send_refusal(),
            can_correct=letter.is_sent
            and not hasattr(letter, "replaced_by")
            and self.user_has_permission_for_instance("add", letter),
            # Only the versions the user may open (the addressee sees no drafts).
            versions=letter.versions().filter(pk__in=self.visible_letters()),
            namespace=self.request.resolver_match.namespace,
        )
        return context

    def visible_letters(self):
        policy = self.permission_policy
        return policy.instances_user_has_permission_for(self.request.user, "view").values("pk")


class SendForm(forms.Form):
    """What sending asks: the date the letter carries, and the numbers where the
    municipality's document system gives them."""

    letter_date = DateField(
        label=gettext_lazy("Date of the letter"),
        help_text=gettext_lazy(
            "The day of sending, or the date of the collegebesluit. Empty: today."
        ),
        required=False,
    )
    case_number = forms.CharField(label=gettext_lazy("Case number"), max_length=60)
    document_number = forms.CharField(label=gettext_lazy("Document number"), max_length=80)

    def __init__(self, *args, letter, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import NumberCounting

        self.fields["letter_date"].initial = timezone.localdate()
        letterhead = getattr(getattr(letter, letter.subject_field).municipality, "letterhead", None)
        for kind in ("case", "document"):
            typed = letterhead is not None and (
                getattr(letterhead, f"{kind}_number_counting") == NumberCounting.typed
            )
            if not typed or getattr(letter, f"{kind}_number"):
                del self.fields[f"{kind}_number"]

    def choices(self) -> dict:
        """The keyword arguments of `letter.send`."""
        data = self.cleaned_data
        return {
            "letter_date": data.get("letter_date"),
            "numbers": {
                "case": data.get("case_number", ""),
                "document": data.get("document_number", ""),
            },
        }


class LetterActionView(AuditedViewMixin, ScopedObjectMixin, PermissionCheckedMixin, View):
    """GET preview (HTML) or pdf; POST render, send or new_version. Every preview and
    PDF handed out is in the audit log."""

    model = None

    def audit_facts(self):
        action = self.kwargs["action"]
        return {"obj": self.object, "action": action} if action in ("preview", "pdf") else None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.namespace = request.resolver_match.namespace

    def inspect(self, letter):
        return redirect(f"{self.namespace}:inspect", letter.pk)

    def get(self, request, pk, action):
        self.object = None
        letter = self.object = self.get_object()
        try:
            if action == "preview":
                if letter.is_sent:  # what was sent is the stored PDF, not today's data
                    return self.pdf_response(letter)
                html, _pdf = letter.render()
                return HttpResponse(self.with_way_back(html, letter))
            if action == "pdf":
                return self.pdf_response(letter)
            if action == "send":
                return self.confirm_send(letter)
        except LetterError as error:
            messages.error(request, str(error))
            return self.inspect(letter)
        raise Http404

    def confirm_send(self, letter, form=None):
        """Sending cannot be undone: a page says what it will do, asks the date (and the
        numbers where they are typed in) and asks to confirm."""
        if letter.is_sent or not letter.can_send(self.request.user):
            return self.inspect(letter)
        if refusal := letter.send_refusal():
            messages.error(self.request, refusal)
            return self.inspect(letter)
        return TemplateResponse(
            self.request,
            "governance/admin/confirm.html",
            {
                "intro": _("Sending cannot be undone. When you send this letter:"),
                "consequences": letter.send_consequences(self.request.user),
                "action": reverse(f"{self.namespace}:action", args=[letter.pk, "send"]),
                "button": _("Send the letter"),
                "form": form or SendForm(letter=letter),
                "cancel_url": reverse(f"{self.namespace}:inspect", args=[letter.pk]),
                "page_title": (title := _("Send %(letter)s?") % {"letter": letter}),
                "header_title": title,
                "header_icon": "mail",
            },
        )

    def with_way_back(self, html: str, letter) -> str:
        """The preview is the letter's own page; a link above it leads back to the
        letter's page in the admin (the PDF is made from the letter, not from this)."""
        back = format_html(
            '<nav aria-label="{}"><p><a href="{}">{}</a></p></nav>',
            _("Preview"),
            reverse(f"{self.namespace}:inspect", args=[letter.pk]),
            _("Back to the letter"),
        )
        return re.sub(r"(<body[^>]*>)", lambda m: m[1] + back, html, count=1)

    def pdf_response(self, letter):
        if letter.is_sent and letter.pdf:
            data = letter.stored_pdf()
        else:
            _html, data = letter.render()
        response = HttpResponse(data, content_type="application/pdf")
        filename = f"{letter.file_stem()}-v{letter.version}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

    def post(self, request, pk, action):
        self.object = None
        letter = self.get_object()
        try:
            if action == "render":
                if not self.user_has_permission_for_instance("change", letter):
                    raise LetterError(_("A sent letter is not rendered again."))
                letter.check_renderable()
                meta = letter._meta
                render_letter_task.enqueue(meta.app_label, meta.model_name, letter.pk)
                messages.success(request, _("The PDF is being made."))
            elif action == "send":
                return self.send(letter)
            elif action == "new_version":
                if not self.user_has_permission_for_instance("add", letter):
                    raise LetterError(_("Only those who send this letter correct it."))
                letter = letter.new_version(request.user)
                messages.success(
                    request, _("Version %(version)s was made.") % {"version": letter.version}
                )
            else:
                raise Http404
        except (LetterError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return self.inspect(letter)

    def send(self, letter):
        """Send with what the form says; a refusal shows on the same page, with what was
        typed, and nothing is stored or numbered."""
        if letter.is_sent or not letter.can_send(self.request.user):
            raise LetterError(_("You are not allowed to send this letter."))
        form = SendForm(self.request.POST, letter=letter)
        if form.is_valid():
            try:
                letter.send(self.request.user, **form.choices())
            except LetterError as error:
                form.add_error(None, str(error))
            else:
                messages.success(self.request, _("The letter was sent."))
                return self.inspect(letter)
        unsent = type(letter).objects.get(pk=letter.pk)  # as stored: nothing was taken
        return self.confirm_send(unsent, form)


class LetterViewSet(ScopedModelViewSet):
    """A ModelViewSet for a kind of letter, with its page and its actions."""

    inspect_view_class = LetterInspectView
    # Newest first, as a mailbox: the letters being written are on top. (Ordered by
    # their motie or advies, the list sorted every letter in the user's reach over a
    # join; this order is read from an index on created_at: docs/scale.md.)
    ordering = ["-created_at", "-pk"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/<str:action>/", LetterActionView.as_view(model=self.model), name="action"
            ),
        ]
