"""The motievolglijst's index view: its header buttons, and the list as a spreadsheet
(XLSX and CSV) through Wagtail's own export: every motie the user sees under the current
filters, one row each, with everything fetched up front (no query per row)."""

import datetime

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button, HeaderButton

from governance.audit import AuditedViewMixin, AuditKind
from governance.viewsets import ScopedIndexView

from .agenda_list import may_print
from .votes import vote_of, vote_summary


def submitter_names(motion) -> str:
    return "; ".join(s.person.name for s in motion.submitters.all())


def party_names(motion) -> str:
    names = (s.party.name for s in motion.submitters.all() if s.party_id)
    return "; ".join(dict.fromkeys(names))


def vote_date(motion):
    vote = vote_of(motion)
    return vote.date if vote else motion.vote_date


def deadline_or_reason(motion):
    if motion.deadline:
        return motion.deadline
    if motion.deadline_unknown_reason:
        return _("unknown: %(reason)s") % {"reason": motion.deadline_unknown_reason}
    return None


# Column key → (heading, value of one motie); the keys are the viewset's list_export.
EXPORT_COLUMNS = {
    "number": (_("Number"), lambda m: m.number),
    "title": (_("Title"), lambda m: m.title),
    "vote_date": (_("Date of the vote"), vote_date),
    "submitters": (_("Submitters"), submitter_names),
    "parties": (_("Parties"), party_names),
    "portfolio": (_("Portfolio"), lambda m: m.portfolio.name if m.portfolio_id else ""),
    "status": (_("Status"), lambda m: m.get_status_display()),
    "vote": (_("Vote result"), lambda m: vote_summary(vote_of(m))),
    "deadline": (_("Deadline"), deadline_or_reason),
    "days_overdue": (_("Days overdue"), lambda m: m.days_overdue() or None),
    "completion_date": (_("Date of completion"), lambda m: m.completion_date),
}
LIST_EXPORT = list(EXPORT_COLUMNS)
EXPORT_HEADINGS = {key: heading for key, (heading, _value) in EXPORT_COLUMNS.items()}
XLSX_DATE_FORMAT = "dd-mm-yyyy"


def csv_date(value) -> str:
    return value.strftime("%d-%m-%Y")


class MotionIndexView(AuditedViewMixin, ScopedIndexView):
    """The motievolglijst, whose export buttons stand in the header and whose export
    holds the filtered moties with their relations and votes fetched up front (and is
    in the audit log)."""

    audit_kind = AuditKind.exported

    def audit_facts(self):
        if not self.is_export:
            return None
        filters = {k: v for k, v in self.request.GET.lists() if k != "export"}
        return {"list": "motievolglijst", "format": self.request.GET["export"], "filters": filters}

    show_export_buttons = False  # not in the '…' menu: header_buttons shows them
    custom_value_preprocess = {
        **ScopedIndexView.custom_value_preprocess,
        datetime.date: {"csv": csv_date, "xlsx": None},
    }

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.is_export:
            queryset = queryset.with_list_relations().select_related("vote")
        return queryset

    @property
    def header_buttons(self):
        """Adding a motie first, then the besluitenlijst, the printable list and the
        downloads; short labels, so that they fit beside the title on a laptop."""
        buttons = list(super().header_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(
                    _("Besluitenlijst"),
                    url=self.besluitenlijst_url,
                    icon_name="list-ul",
                    attrs={"title": _("Register a besluitenlijst")},
                    priority=20,
                )
            )
        if may_print(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Agenda list (PDF)"),
                    url=reverse("motion:agenda_list"),
                    icon_name="doc-full",
                    attrs={"title": _("List of motions and commitments (PDF)")},
                    priority=30,
                )
            )
        if self.list_export:
            buttons += [
                HeaderButton(
                    "XLSX",
                    url=self.xlsx_export_url,
                    icon_name="download",
                    priority=40,
                    attrs={"title": _("Download XLSX")},
                ),
                HeaderButton(
                    "CSV",
                    url=self.csv_export_url,
                    icon_name="download",
                    priority=41,
                    attrs={"title": _("Download CSV")},
                ),
            ]
        return sorted(buttons)

    @cached_property
    def add_button(self):
        button = super().add_button
        button.priority = 10
        return button

    @cached_property
    def header_more_buttons(self):
        """Bringing in an existing list is done once: it waits in the '…' menu."""
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                Button(_("Import"), url=reverse("motion:import"), icon_name="upload", priority=50)
            )
        return buttons

    @property
    def besluitenlijst_url(self) -> str:
        """The form of the meeting the list is filtered on, else the meetings to choose."""
        meeting = self.request.GET.get("meeting", "")
        if meeting.isdigit():
            return reverse("motion:register_meeting", args=[meeting])
        return reverse("meeting:index")

    def to_row_dict(self, item):
        return {key: EXPORT_COLUMNS[key][1](item) for key in self.list_export}

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell, value in zip(
            super().generate_xlsx_row(worksheet, row_dict, date_format),
            row_dict.values(),
            strict=True,
        ):
            if isinstance(value, datetime.date):
                cell.number_format = XLSX_DATE_FORMAT
            yield cell
