"""The audit log: every kind of event is recorded by the real view or step, nobody
changes or deletes an event, and only the functional administrator reads and exports it."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from advice.constants import AdviceStatus as S
from advice.lifecycle import take_step
from advice.models import Advice, RequestDocument
from governance.audit import on_locked_out
from governance.audit_admin import details
from governance.audit_models import AppendOnlyError, AuditEvent, AuditKind
from governance.constants import RoleKind
from governance.models import Role
from motions.models import CompletionLetter
from tests import factories as f
from tests.admin_helpers import client_for, is_refused
from tests.test_completion_letter import letterhead  # noqa: F401  (fixture)

PASSWORD = "secret"  # tests.factories.UserFactory's
LOG_URL = "/admin/audit_log/"


def events(kind):
    return list(AuditEvent.objects.filter(kind=kind))


def only_event(kind):
    found = events(kind)
    assert len(found) == 1, f"{len(found)} events of kind {kind}"
    return found[0]


@pytest.fixture
def admin(db):
    return f.UserFactory(username="beheer", email="beheer@example.org", is_superuser=True)


def submitted_advice(town, **kwargs):
    advice = f.AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=1,
        **kwargs,
    )
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
    return Advice.objects.get(pk=advice.pk)


# SIGN-IN
# ------------------------------------------------------------------------------


def test_a_sign_in_is_recorded_with_who_and_from_where(town):
    client = Client(HTTP_USER_AGENT="Firefox/140 " + "x" * 400)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "griffie-gm9901", "password": PASSWORD}
    )
    assert response.status_code == 302
    event = only_event(AuditKind.login)
    assert (event.user, event.username, event.ip_address) == (
        town.griffie,
        "griffie-gm9901",
        "127.0.0.1",
    )
    assert event.user_agent.startswith("Firefox/140") and len(event.user_agent) == 255


def test_an_address_that_is_no_ip_address_is_left_empty(town):
    Client(REMOTE_ADDR="unix:/run/gunicorn.sock").post(
        reverse("wagtailadmin_login"), {"username": "griffie-gm9901", "password": PASSWORD}
    )
    assert only_event(AuditKind.login).ip_address is None


def test_a_failed_sign_in_keeps_the_username_and_never_the_password(town):
    Client().post(
        reverse("wagtailadmin_login"), {"username": "griffie-gm9901", "password": "wrong-pw-123"}
    )
    event = only_event(AuditKind.login_failed)
    assert (event.username, event.user, event.ip_address) == (
        "griffie-gm9901",
        town.griffie,
        "127.0.0.1",
    )
    stored = " ".join(
        str(value) for value in AuditEvent.objects.filter(pk=event.pk).values().get().values()
    )
    assert "wrong-pw-123" not in stored


def test_a_failed_sign_in_with_an_unknown_name_is_recorded_without_user(db):
    Client().post(reverse("wagtailadmin_login"), {"username": "nobody", "password": "x"})
    event = only_event(AuditKind.login_failed)
    assert (event.username, event.user) == ("nobody", None)


def test_a_sign_out_is_recorded(town):
    client = client_for(town.griffie)
    client.post(reverse("wagtailadmin_logout"))
    assert only_event(AuditKind.logout).user == town.griffie


def test_a_lock_out_is_recorded_by_the_axes_receiver(town):
    request = RequestFactory().post("/admin/login/", HTTP_USER_AGENT="Edge")
    on_locked_out(request=request, username="griffie-gm9901", ip_address="192.0.2.7")
    event = only_event(AuditKind.locked_out)
    assert (event.user, event.ip_address, event.user_agent) == (town.griffie, "192.0.2.7", "Edge")


# ROLES
# ------------------------------------------------------------------------------


def role_data(user, town, kind=RoleKind.griffie, portfolios=()):
    return {
        "user": user.pk,
        "kind": kind,
        "municipality": town.municipality.pk,
        "advisory_council": "",
        "portfolios": [p.pk for p in portfolios],
    }


def test_granting_changing_and_removing_a_role_in_the_admin_is_recorded(town, admin):
    client = client_for(admin)
    newcomer = f.UserFactory(username="nieuw")
    response = client.post(reverse("role:add"), role_data(newcomer, town))
    assert response.status_code == 302
    role = Role.objects.get(user=newcomer)
    created = AuditEvent.objects.get(kind=AuditKind.role_created, detail__account="nieuw")
    assert (created.user, created.municipality, created.detail["account"]) == (
        admin,
        town.municipality,
        "nieuw",
    )
    assert created.detail["role"] == "Griffie"

    data = role_data(newcomer, town, RoleKind.college_staff, [town.portfolio])
    assert client.post(reverse("role:edit", args=[role.pk]), data).status_code == 302
    added, changed = AuditEvent.objects.filter(kind=AuditKind.role_changed, detail__account="nieuw")
    assert changed.detail["changes"] == {"role": ["Griffie", "Medewerker van het college"]}
    assert (added.detail["portfolios_added"], added.user) == (["Sociaal domein"], admin)

    assert client.post(reverse("role:delete", args=[role.pk])).status_code == 302
    removed = only_event(AuditKind.role_removed)
    assert (removed.user, removed.detail["account"]) == (admin, "nieuw")


def test_making_someone_functional_administrator_is_a_role_change(town, admin):
    town.griffie.is_superuser = True
    town.griffie.save()
    event = AuditEvent.objects.filter(kind=AuditKind.role_created).first()  # the newest
    assert (event.user, event.detail["account"]) == (None, "griffie-gm9901")
    assert event.detail["role"] == "functioneel beheerder"


# READS AND DOWNLOADS
# ------------------------------------------------------------------------------


def test_opening_an_advice_that_is_not_published_is_recorded(town):
    advice = submitted_advice(town)
    client_for(town.griffie).get(reverse("advice:inspect", args=[advice.pk]))
    event = only_event(AuditKind.viewed)
    assert (event.user, event.object_id, event.municipality) == (
        town.griffie,
        str(advice.pk),
        town.municipality,
    )
    assert event.detail == {"status": "Ingediend"}


def test_opening_a_published_advice_is_not_recorded(town):
    advice = submitted_advice(town)
    Advice.objects.filter(pk=advice.pk).update(status=S.published)
    response = client_for(town.griffie).get(reverse("advice:inspect", args=[advice.pk]))
    assert response.status_code == 200
    assert events(AuditKind.viewed) == []


def test_a_refused_open_is_not_recorded(town, other_town):
    advice = submitted_advice(town)
    assert is_refused(
        client_for(other_town.griffie).get(reverse("advice:inspect", args=[advice.pk]))
    )
    assert events(AuditKind.viewed) == []


def test_downloading_the_uploaded_advice_letter_is_recorded(town):
    advice = submitted_advice(town)
    advice.letter.save("advies.txt", SimpleUploadedFile("advies.txt", b"Ons advies."))
    response = client_for(town.staff).get(reverse("advice:letter", args=[advice.pk]))
    assert response.status_code == 200
    event = only_event(AuditKind.downloaded)
    assert event.user == town.staff and event.detail["file"].startswith("advies")


def test_downloading_a_policy_document_of_a_request_is_recorded(town):
    request = f.AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    document = RequestDocument.objects.create(
        request=request, title="Nota", file=SimpleUploadedFile("nota.txt", b"Beleid.")
    )
    url = reverse("advice_request:document", args=[request.pk, document.pk])
    assert client_for(town.advisory_member).get(url).status_code == 200
    event = only_event(AuditKind.downloaded)
    assert event.object_repr == str(request) and event.detail["file"].startswith("nota")


@pytest.fixture
def letter(town, letterhead):  # noqa: F811
    motion = f.MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Taalhuis in elke wijk",
    )
    return CompletionLetter.objects.create(
        motion=motion, introduction="Onderzocht.", core_message="<p>Taalpunten geopend.</p>"
    )


@pytest.mark.parametrize("action", ["pdf", "preview"])
def test_opening_a_letter_pdf_or_preview_is_recorded(town, letter, action):
    response = client_for(town.staff).get(
        reverse("completion_letter:action", args=[letter.pk, action])
    )
    assert response.status_code == 200
    event = only_event(AuditKind.downloaded)
    assert (event.detail, event.municipality) == ({"action": action}, town.municipality)


def test_the_send_confirmation_page_is_not_a_download(town, letter):
    client_for(town.staff).get(reverse("completion_letter:action", args=[letter.pk, "send"]))
    assert events(AuditKind.downloaded) == []


def test_exporting_the_motion_list_is_recorded_with_its_filters(town):
    f.MotionFactory(municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio)
    response = client_for(town.griffie).get(
        reverse("motion:index"), {"export": "csv", "overdue": "yes"}
    )
    assert response.status_code == 200
    event = only_event(AuditKind.exported)
    assert event.detail == {
        "list": "motievolglijst",
        "format": "csv",
        "filters": {"overdue": ["yes"]},
    }


def test_the_agenda_list_pdf_is_an_export_and_its_form_is_not(town):
    client = client_for(town.griffie)
    assert client.get(reverse("motion:agenda_list")).status_code == 200
    assert events(AuditKind.exported) == []
    response = client.get(reverse("motion:agenda_list"), {"municipality": town.municipality.pk})
    assert response["Content-Type"] == "application/pdf"
    event = only_event(AuditKind.exported)
    assert (event.municipality, event.user) == (town.municipality, town.griffie)


def test_looking_at_the_motion_list_is_no_export(town):
    client_for(town.griffie).get(reverse("motion:index"))
    assert events(AuditKind.exported) == []


# PUBLICATION AND LETTERS
# ------------------------------------------------------------------------------


def test_publishing_and_withdrawing_a_motion_are_recorded(town):
    motion = f.MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio, adopted=True
    )
    client = client_for(town.griffie)
    url = reverse("motion:publication", args=[motion.pk])
    client.post(url, {"publish": "1"})
    client.post(url, {"publish": "0"})
    assert only_event(AuditKind.published).object_id == str(motion.pk)
    assert only_event(AuditKind.unpublished).user == town.griffie


def test_publishing_and_withdrawing_a_commitment_are_recorded(town):
    commitment = f.CommitmentFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    client = client_for(town.griffie)
    url = reverse("commitment:publication", args=[commitment.pk])
    client.post(url, {"publish": "1"})
    client.post(url, {"publish": "0"})
    assert only_event(AuditKind.published).municipality == town.municipality
    assert len(events(AuditKind.unpublished)) == 1


def test_a_refused_publication_is_not_recorded(town):
    motion = f.MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio, adopted=True
    )
    client_for(town.staff).post(reverse("motion:publication", args=[motion.pk]), {"publish": "1"})
    assert events(AuditKind.published) == []


def test_publishing_and_withdrawing_an_advice_are_recorded(town):
    advice = submitted_advice(town)
    Advice.objects.filter(pk=advice.pk).update(status=S.response_sent)
    client = client_for(town.griffie)
    for step in ("publish", "withdraw_publication"):
        response = client.post(reverse("advice:step", args=[advice.pk, step]), {"reason": ""})
        assert response.status_code == 302
    assert only_event(AuditKind.published).object_id == str(advice.pk)
    assert only_event(AuditKind.unpublished).user == town.griffie


def test_sending_a_letter_is_recorded_with_its_number(town, letter):
    response = client_for(town.staff).post(
        reverse("completion_letter:action", args=[letter.pk, "send"]), {"letter_date": ""}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.is_sent
    event = only_event(AuditKind.letter_sent)
    assert (event.user, event.municipality, event.ip_address) == (
        town.staff,
        town.municipality,
        "127.0.0.1",
    )
    assert event.detail == {"document_number": letter.document_number}


# APPEND-ONLY
# ------------------------------------------------------------------------------


@pytest.fixture
def event(town):
    from governance.audit import record

    return record(AuditKind.login, user=town.griffie)


def test_an_event_cannot_be_saved_again(event):
    event.username = "iemand anders"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.parametrize("change", ["update", "delete"])
def test_events_cannot_be_changed_or_deleted_in_bulk(event, change):
    queryset = AuditEvent.objects.all()
    with pytest.raises(AppendOnlyError):
        queryset.update(username="x") if change == "update" else queryset.delete()
    assert AuditEvent.objects.get(pk=event.pk).username == "griffie-gm9901"


postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the trigger exists on PostgreSQL only"
)


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE governance_auditevent SET username = 'x'",
        "UPDATE governance_auditevent SET user_id = NULL, username = 'x'",
        "DELETE FROM governance_auditevent",
    ],
)
def test_the_database_refuses_changes_and_deletions(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).username == "griffie-gm9901"


def test_deleting_a_user_keeps_their_events_by_name(town, event):
    town.griffie.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert (kept.user, kept.username) == (None, "griffie-gm9901")


# THE ADMIN
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["griffie", "staff", "advisory_member"])
def test_only_the_functional_administrator_has_the_log(town, event, who):
    client = client_for(getattr(town, who))
    before = AuditEvent.objects.count()
    assert "Auditlog" not in client.get("/admin/").text
    assert is_refused(client.get(LOG_URL))
    assert is_refused(client.get(LOG_URL + "?export=csv"))
    assert is_refused(client.get(LOG_URL + "results/"))
    assert AuditEvent.objects.count() == before  # refusals record nothing


def test_the_functional_administrator_sees_every_municipality_in_dutch(town, other_town, admin):
    from governance.audit import record

    record(AuditKind.published, user=town.griffie, municipality=town.municipality)
    record(AuditKind.letter_sent, user=other_town.staff, municipality=other_town.municipality)
    client = client_for(admin)
    assert "Auditlog" in client.get("/admin/").text
    page = client.get(LOG_URL).text
    assert "Gepubliceerd" in page and "Brief verzonden" in page
    assert "Dijkhoven" in page and "Lindeburg" in page


@pytest.mark.parametrize("path", ["new/", "edit/1/", "delete/1/", "inspect/1/", "history/1/"])
def test_the_log_has_no_view_that_changes_it(admin, event, path):
    assert client_for(admin).get(LOG_URL + path).status_code == 404


def test_the_filters_narrow_the_list(town, other_town, admin):
    from governance.audit import record

    record(AuditKind.login, user=town.griffie)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                kind=AuditKind.login_failed,
                username="oud",
                at=timezone.make_aware(datetime.datetime(2026, 1, 15, 23, 30)),
            )
        ]
    )
    record(AuditKind.published, user=other_town.griffie, municipality=other_town.municipality)
    client = client_for(admin)

    def shown(**query):
        return client.get(LOG_URL, query).context["object_list"]

    assert [e.username for e in shown(date_from="15-01-2026", date_to="15-1-2026")] == ["oud"]
    assert shown(date_from="16-01-2026", kind="login_failed").count() == 0
    assert shown(date_to="14-01-2026").count() == 0
    assert [e.kind for e in shown(kind="published")] == ["published"]
    assert [e.username for e in shown(user=town.griffie.pk)] == ["griffie-gm9901"]
    assert shown(municipality=other_town.municipality.pk, kind="published").count() == 1
    assert shown(municipality=town.municipality.pk, kind="published").count() == 0


def test_a_date_typed_wrongly_gives_the_dutch_message(admin, event):
    page = client_for(admin).get(LOG_URL, {"date_from": "31-02-2026"}).text
    assert "De datum 31-02-2026 bestaat niet." in page


def test_the_export_holds_the_events_with_dutch_headings_and_is_recorded(town, admin):
    client = client_for(town.griffie)
    client.post(reverse("wagtailadmin_logout"))
    response = client_for(admin).get(LOG_URL, {"export": "csv", "kind": "logout"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Wanneer", "Gebeurtenis", "Gebruiker"]
    assert len(rows) == 2 and rows[1][1:3] == ["Uitgelogd", "griffie-gm9901"]
    export = only_event(AuditKind.exported)
    assert export.detail == {"list": "auditlog", "format": "csv", "filters": {"kind": ["logout"]}}


def test_a_typed_username_does_not_become_a_formula_in_the_csv(admin):
    Client().post(reverse("wagtailadmin_login"), {"username": "=1+2", "password": "x"})
    response = client_for(admin).get(LOG_URL, {"export": "csv", "kind": "login_failed"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(content)))[1][2] == "'=1+2"


def test_the_xlsx_export_is_a_spreadsheet(admin, event):
    response = client_for(admin).get(LOG_URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_the_kinds_have_dutch_labels():
    with translation.override("nl"):
        labels = {str(label) for label in AuditKind.labels}
    assert {"Ingelogd", "Inloggen mislukt", "Account geblokkeerd", "Brief verzonden"} <= labels


def add_events(count):
    AuditEvent.objects.bulk_create(
        AuditEvent(kind=AuditKind.login, username=f"u{i}", ip_address="127.0.0.1")
        for i in range(count)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?kind=login", "?date_from=01-01-2026", "?page=2"])
def test_list_query_count_is_the_same_at_60_and_at_600(town, admin, query):
    from governance.audit import record

    client = client_for(admin)
    add_events(60)
    record(AuditKind.published, obj=town.meeting, user=town.griffie)
    client.get(LOG_URL + query)
    at_60 = count_queries(client, LOG_URL + query)
    add_events(540)
    assert count_queries(client, LOG_URL + query) == at_60


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_trigger_leaves_the_flush_of_the_test_database_alone():
    """Transactional tests empty the tables with TRUNCATE (on PostgreSQL), which the
    trigger must not refuse; a refusal fails this test's teardown."""
    from governance.audit import record

    record(AuditKind.login_failed, username_typed="x")
    assert AuditEvent.objects.count() == 1


def test_the_details_read_in_dutch(db):
    event = AuditEvent(
        kind=AuditKind.role_changed,
        detail={
            "account": "nieuw",
            "changes": {"role": ["Griffie", "Medewerker van het college"]},
            "portfolios_added": ["Sociaal domein", "Wonen"],
            "advisory_council": "",
        },
    )
    assert details(event) == (
        "account: nieuw; wijzigingen: rol Griffie → Medewerker van het college; "
        "portefeuilles erbij: Sociaal domein, Wonen"
    )
    sent = AuditEvent(kind=AuditKind.letter_sent, detail={"document_number": "2026-14"})
    assert details(sent) == "documentnummer: 2026-14"
