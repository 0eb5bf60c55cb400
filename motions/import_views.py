"""Importing a motievolglijst in the admin: upload, a preview with each row's result,
then confirm. Only the griffie imports, into its own municipality; the upload waits
for confirmation as a `MotionImport` of the uploader, and confirming checks it again."""

from django import forms
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from governance.forms import settle_single_choice
from governance.models import Municipality
from governance.roles import scope_for

from .constants import MotionImportStatus
from .importing import COLUMNS, REQUIRED_COLUMNS, ImportRefused, import_table, plan_import
from .imports import MotionImport
from .models import Motion
from .spreadsheets import SpreadsheetError, from_json, max_upload_bytes, read_table, to_json


def importable_municipalities(user):
    """The municipalities this user may import moties into: those they are griffie of."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=scope.griffie_municipality_ids)


class MotionImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("Motion tracking list"),
        help_text=gettext_lazy("An Excel file (.xlsx) or a CSV file (.csv)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = importable_municipalities(user)
        self.fields["municipality"].queryset = municipalities
        settle_single_choice(self.fields["municipality"])

    def clean(self):
        cleaned = super().clean()
        upload, municipality = cleaned.get("file"), cleaned.get("municipality")
        if upload is None or municipality is None:
            return cleaned
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": max_upload_bytes() >> 20}
            )
        try:
            cleaned["table"] = read_table(upload.name, upload.read())
            # The whole file is refused now (headers, emptiness); rows are for the preview.
            plan_import(municipality, upload.name, cleaned["table"])
        except (SpreadsheetError, ImportRefused) as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned


class ImportViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """Only a user who may add moties (the griffie) reaches these views."""

    model = Motion
    permission_required = "add"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("motion:index"), "label": _("Motions")},
            {"url": "", "label": self.get_page_title()},
        ]


class MotionImportView(ImportViewMixin, FormView):
    """Upload a motievolglijst; it is read and kept for the preview."""

    template_name = "motions/admin/import_upload.html"
    form_class = MotionImportForm

    def get_page_title(self):
        return _("Import motions")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        headers = [(COLUMNS[c], c in REQUIRED_COLUMNS) for c in COLUMNS]
        return super().get_context_data(headers=headers, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        # One upload waits per user: a new one replaces what was not confirmed.
        MotionImport.objects.filter(
            uploaded_by=self.request.user, status=MotionImportStatus.pending
        ).delete()
        pending = MotionImport.objects.create(
            municipality=form.cleaned_data["municipality"],
            file_name=upload.name[:255],
            rows=to_json(form.cleaned_data["table"]),
            uploaded_by=self.request.user,
        )
        return redirect("motion:import_preview", pending.pk)


class MotionImportPreviewView(ImportViewMixin, TemplateView):
    """Each row with its result; confirming (POST) imports them all, or none."""

    template_name = "motions/admin/import_preview.html"

    def get_page_title(self):
        return _("Check the import")

    def pending(self, *, lock=False):
        """The upload, if it is this user's, still pending, and of a municipality they
        are griffie of; 404 otherwise (another municipality's id included)."""
        imports = MotionImport.objects.filter(
            uploaded_by=self.request.user,
            status=MotionImportStatus.pending,
            municipality__in=importable_municipalities(self.request.user),
        ).select_related("municipality")
        if lock:
            imports = imports.select_for_update(of=("self",))
        return get_object_or_404(imports, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        pending = self.pending()
        try:
            plan = plan_import(pending.municipality, pending.file_name, from_json(pending.rows))
        except ImportRefused as error:
            plan, refused = None, str(error)
        else:
            refused = ""
        return super().get_context_data(pending=pending, plan=plan, refused=refused, **kwargs)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            pending = self.pending(lock=True)
            try:
                result = import_table(
                    pending.municipality,
                    pending.file_name,
                    from_json(pending.rows),
                    request.user,
                )
            except ImportRefused as error:
                messages.error(request, str(error))
                return redirect("motion:import_preview", pending.pk)
            if not result.plan.is_valid:
                messages.error(request, result.plan.summary())
                return redirect("motion:import_preview", pending.pk)
            pending.status = MotionImportStatus.imported
            pending.imported_at = timezone.now()
            pending.created_count = len(result.created)
            pending.save(update_fields=["status", "imported_at", "created_count"])
        messages.success(request, self.success_message(result))
        return redirect("motion:index")

    def success_message(self, result) -> str:
        if not result.created:
            return result.plan.summary()
        return ngettext(
            "%(count)s motion imported from %(file)s.",
            "%(count)s motions imported from %(file)s.",
            len(result.created),
        ) % {"count": len(result.created), "file": result.plan.file_name}


def template_workbook() -> bytes:
    """An empty motievolglijst with every recognised header and one example row."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Motievolglijst"
    sheet.append([COLUMNS[column][0] for column in COLUMNS])
    sheet.append(EXAMPLE_ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXAMPLE_ROW = [
    "M2025-014",
    "12-03-2025",
    "Taalhuis in elke wijk",
    "Anna de Vries (VVD); Bert Bos (GL)",
    "Sociaal domein",
    "verzoekt het college in elke wijk een taalpunt te openen,",
    "Eerste taalpunt open in De Esch.",
    "31-12-2025",
    "In uitvoering",
]


class MotionImportTemplateView(ImportViewMixin, TemplateView):
    """The template as an .xlsx file."""

    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="motievolglijst-sjabloon.xlsx"'
        return response
