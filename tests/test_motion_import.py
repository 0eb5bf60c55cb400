"""Importing an existing motievolglijst: headers, cells, statuses, row errors by their
spreadsheet row number, all or nothing, idempotence, bad files, and who may import."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from governance.models import Meeting, Party, Person
from motions.constants import MotionStatus
from motions.importing import COLUMNS, ImportRefused, import_file, parse_submitters
from motions.models import Motion, MotionImport, MotionSubmitter
from motions.timeline import motion_timeline
from tests.admin_helpers import client_for, is_refused
from tests.factories import MeetingFactory, MotionFactory, PersonFactory, griffie

HEADER = ["Nr", "Datum", "Titel", "Indiener(s)", "Portefeuille", "Dictum", "Termijn", "Status"]


def row(**overrides):
    values = {
        "Nr": "M2025-001",
        "Datum": datetime.date(2025, 3, 12),
        "Titel": "Taalhuis in elke wijk",
        "Indiener(s)": "Anna de Vries (VVD)",
        "Portefeuille": "Sociaal domein",
        "Dictum": "verzoekt het college in elke wijk een taalpunt te openen,",
        "Termijn": datetime.date(2025, 12, 31),
        "Status": "Aangenomen",
    }
    values.update(overrides)
    return values


def xlsx(rows, header=HEADER) -> bytes:
    """A real workbook: dates as Excel date cells."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(name) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_text(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else str(value)


def csv_bytes(rows, header=HEADER, *, delimiter=";", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for values in rows:
        writer.writerow([as_text(values.get(name)) for name in header])
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def dijkhoven(town):
    """Dijkhoven with the fracties the test sheets name."""
    Party.objects.create(
        municipality=town.municipality,
        name="Volkspartij voor Vrijheid en Democratie",
        abbreviation="VVD",
    )
    Party.objects.create(municipality=town.municipality, name="GroenLinks", abbreviation="GL")
    return town


def run(town, data, name="lijst.xlsx", **kwargs):
    return import_file(town.municipality, name, data, town.griffie, **kwargs)


def only_motion(town):
    return Motion.objects.get(municipality=town.municipality)


# Headers ----------------------------------------------------------------------------


HEADER_COLUMN = {
    "number": "Nr",
    "date": "Datum",
    "title": "Titel",
    "submitters": "Indiener(s)",
    "portfolio": "Portefeuille",
    "operative_text": "Dictum",
    "deadline": "Termijn",
    "status": "Status",
}
CHECK = {
    "number": lambda m: m.number == "M2025-001",
    "date": lambda m: m.meeting.date == datetime.date(2025, 3, 12),
    "title": lambda m: m.title == "Taalhuis in elke wijk",
    "submitters": lambda m: m.submitters.get().person.name == "Anna de Vries",
    "portfolio": lambda m: m.portfolio.name == "Sociaal domein",
    "operative_text": lambda m: m.operative_text.startswith("verzoekt het college"),
    "progress": lambda m: m.progress == "Eerste taalpunt is open.",
    "deadline": lambda m: m.deadline == datetime.date(2025, 12, 31),
    "status": lambda m: m.status == MotionStatus.adopted,
}


@pytest.mark.parametrize(
    ("column", "synonym"),
    [(column, synonym) for column, synonyms in COLUMNS.items() for synonym in synonyms],
)
def test_every_header_synonym_is_recognised_whatever_its_case_or_punctuation(
    dijkhoven, column, synonym
):
    written = synonym.upper().replace(" ", "_") + ":"
    values = row(**{"Stand van zaken": "Eerste taalpunt is open."})
    original = HEADER_COLUMN.get(column, "Stand van zaken")
    header = [written if name == original else name for name in [*HEADER, "Stand van zaken"]]
    values[written] = values.pop(original)
    result = run(dijkhoven, xlsx([values], header))
    assert result.plan.is_valid, result.plan.error_lines
    assert CHECK[column](only_motion(dijkhoven))


def test_unknown_columns_are_ignored_and_named(dijkhoven):
    result = run(dijkhoven, xlsx([row(Opmerking="x")], [*HEADER, "Opmerking"]))
    assert result.saved
    assert result.plan.ignored_columns == ["Opmerking"]


def test_a_file_without_recognised_headers_is_refused(dijkhoven):
    with pytest.raises(ImportRefused, match="Geen bekende kolomkoppen in de eerste rij"):
        run(dijkhoven, xlsx([{"a": 1}], ["a", "b"]))
    assert not Motion.objects.exists()


def test_a_file_missing_a_required_column_says_which(dijkhoven):
    header = [h for h in HEADER if h != "Dictum"]
    with pytest.raises(ImportRefused, match=r"Kolommen ontbreken: Dictum\."):
        run(dijkhoven, xlsx([row()], header))


def test_a_column_given_twice_is_refused(dijkhoven):
    with pytest.raises(ImportRefused, match="komt twee keer voor"):
        run(dijkhoven, xlsx([row()], [*HEADER, "Nummer"]))


# Indieners --------------------------------------------------------------------------


def test_submitters_are_split_on_commas_and_semicolons_outside_brackets():
    assert parse_submitters("A. de Vries (VVD), B. Bos (GroenLinks); C. Smit (D66, fractie)") == [
        ("A. de Vries", "VVD"),
        ("B. Bos", "GroenLinks"),
        ("C. Smit", "D66, fractie"),
    ]
    assert parse_submitters(" Jan Jansen ;") == [("Jan Jansen", "")]


@pytest.mark.parametrize("separator", [", ", "; "])
def test_submitters_name_their_fractie_by_name_or_abbreviation(dijkhoven, separator):
    cell = separator.join(["Anna de Vries (VVD)", "Bert Bos (groenlinks)"])
    assert run(dijkhoven, xlsx([row(**{"Indiener(s)": cell})])).saved
    submitters = list(MotionSubmitter.objects.order_by("sort_order"))
    assert [(s.person.name, s.party.abbreviation) for s in submitters] == [
        ("Anna de Vries", "VVD"),
        ("Bert Bos", "GL"),
    ]


def test_unknown_submitters_become_people_of_their_fractie_once(dijkhoven):
    rows = [row(), row(Nr="M2025-002", Titel="Tweede")]
    run(dijkhoven, xlsx(rows))
    person = Person.objects.get(name="Anna de Vries")
    assert person.party.abbreviation == "VVD"
    assert person.municipality == dijkhoven.municipality
    assert person.history.get().history_change_reason == "Geïmporteerd uit lijst.xlsx"


def test_a_known_submitter_is_found_by_name_and_signs_for_the_fractie_given(dijkhoven):
    known = PersonFactory(municipality=dijkhoven.municipality, name="Anna de Vries")
    run(dijkhoven, xlsx([row(**{"Indiener(s)": "anna de vries (VVD)"})]))
    submitter = MotionSubmitter.objects.get()
    assert submitter.person == known
    assert submitter.party.abbreviation == "VVD"
    assert Person.objects.filter(name__iexact="anna de vries").count() == 1


def test_a_known_submitter_without_fractie_signs_for_their_own(dijkhoven):
    run(dijkhoven, xlsx([row(**{"Indiener(s)": dijkhoven.person.name})]))
    assert MotionSubmitter.objects.get().party == dijkhoven.person.party


# Cells ------------------------------------------------------------------------------


def test_dates_come_as_excel_date_cells(dijkhoven):
    run(dijkhoven, xlsx([row()]))
    motion = only_motion(dijkhoven)
    assert motion.meeting.date == datetime.date(2025, 3, 12)
    assert motion.vote_date == datetime.date(2025, 3, 12)
    assert motion.deadline == datetime.date(2025, 12, 31)


def test_dates_come_as_dutch_text(dijkhoven):
    run(dijkhoven, xlsx([row(Datum="12-03-2025", Termijn="1 december 2025")]))
    motion = only_motion(dijkhoven)
    assert motion.meeting.date == datetime.date(2025, 3, 12)
    assert motion.deadline == datetime.date(2025, 12, 1)


@pytest.mark.parametrize("text", ["onbekend", "voor de begroting 2025"])
def test_a_deadline_in_words_is_unknown_with_those_words_as_reason(dijkhoven, text):
    run(dijkhoven, xlsx([row(Termijn=text)]))
    motion = only_motion(dijkhoven)
    assert motion.deadline is None
    assert motion.deadline_unknown_reason == text


def test_an_open_motion_without_deadline_says_the_list_gave_none(dijkhoven):
    run(dijkhoven, xlsx([row(Termijn=None)]))
    assert only_motion(dijkhoven).deadline_unknown_reason == (
        "niet opgegeven in de geïmporteerde motievolglijst"
    )


def test_meetings_are_found_by_date_or_created(dijkhoven):
    existing = MeetingFactory(municipality=dijkhoven.municipality, date=datetime.date(2025, 3, 12))
    rows = [row(), row(Nr="M2025-002", Datum=datetime.date(2025, 4, 9))]
    run(dijkhoven, xlsx(rows))
    assert Motion.objects.get(number="M2025-001").meeting == existing
    created = Motion.objects.get(number="M2025-002").meeting
    assert created.date == datetime.date(2025, 4, 9)
    assert Meeting.objects.filter(date=datetime.date(2025, 4, 9)).count() == 1


STATUS_WORDS = [
    ("Aangenomen", MotionStatus.adopted),
    ("Verworpen", MotionStatus.rejected),
    ("Ingetrokken", MotionStatus.withdrawn),
    ("Aangehouden", MotionStatus.held),
    ("Afdoening voorgesteld", MotionStatus.completion_proposed),
    ("In uitvoering", MotionStatus.in_progress),
    ("Loopt", MotionStatus.in_progress),
    ("lopend", MotionStatus.in_progress),
    ("OPEN", MotionStatus.in_progress),
    ("Afgedaan", MotionStatus.completed),
    ("Gereed", MotionStatus.completed),
    ("Afgerond.", MotionStatus.completed),
]


@pytest.mark.parametrize(("word", "status"), STATUS_WORDS)
def test_every_status_word_gives_its_status(dijkhoven, word, status):
    assert run(dijkhoven, xlsx([row(Status=word)])).saved
    motion = only_motion(dijkhoven)
    assert motion.status == status
    expected_vote = None if status == MotionStatus.withdrawn else datetime.date(2025, 3, 12)
    assert motion.vote_date == expected_vote


def test_an_imported_motion_has_one_history_row_and_no_invented_steps(dijkhoven):
    run(dijkhoven, xlsx([row(Status="In uitvoering")]))
    history = list(only_motion(dijkhoven).history.all())
    assert len(history) == 1
    assert history[0].history_change_reason == "Geïmporteerd uit lijst.xlsx"
    assert history[0].history_user == dijkhoven.griffie
    assert history[0].status == MotionStatus.in_progress


def test_the_timeline_of_an_imported_motion_is_one_entry_with_its_submitters(dijkhoven):
    run(dijkhoven, xlsx([row(Status="In uitvoering")]))
    (entry,) = motion_timeline(only_motion(dijkhoven))
    assert entry.what == "Vastgelegd als in uitvoering"
    assert entry.why == "Geïmporteerd uit lijst.xlsx"
    assert entry.happened_on == datetime.date(2025, 3, 12)
    assert {change.label for change in entry.changes} == {"indiener"}


def test_progress_becomes_the_stand_van_zaken(dijkhoven):
    header = [*HEADER, "Stand van zaken"]
    run(dijkhoven, xlsx([row(**{"Stand van zaken": "Twee taalpunten open."})], header))
    assert only_motion(dijkhoven).progress == "Twee taalpunten open."


def test_markup_in_cells_is_kept_as_plain_text(dijkhoven):
    title = "<b>Vet</b><script>alert(1)</script>"
    run(dijkhoven, xlsx([row(Titel=title)]))
    assert only_motion(dijkhoven).title == title


def test_numbers_that_excel_stores_as_numbers_are_read_as_written(dijkhoven):
    run(dijkhoven, xlsx([row(Nr=14)]))
    assert only_motion(dijkhoven).number == "14"


# CSV --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), (",", "utf-8-sig"), (";", "utf-8"), (";", "cp1252"), (",", "latin-1")],
)
def test_csv_as_dutch_excel_writes_it(dijkhoven, delimiter, encoding):
    values = row(Titel="Café en financiën", Portefeuille="Financiën")
    data = csv_bytes([values], delimiter=delimiter, encoding=encoding)
    result = run(dijkhoven, data, name="lijst.csv")
    assert result.saved, result.plan.error_lines
    motion = only_motion(dijkhoven)
    assert motion.title == "Café en financiën"
    assert motion.portfolio == dijkhoven.other_portfolio
    assert motion.meeting.date == datetime.date(2025, 3, 12)


# Row errors -------------------------------------------------------------------------

ROW_ERRORS = [
    ({"Indiener(s)": "Piet Puk (PVV)"}, "rij 2: fractie 'PVV' bestaat niet in Dijkhoven"),
    ({"Portefeuille": "Sport"}, "rij 2: portefeuille 'Sport' bestaat niet in Dijkhoven"),
    ({"Nr": None}, "rij 2: nummer ontbreekt"),
    ({"Datum": "32-13-2025"}, "rij 2: datum '32-13-2025' is onleesbaar"),
    ({"Datum": "binnenkort"}, "rij 2: datum 'binnenkort' is onleesbaar"),
    ({"Status": "Misschien"}, "rij 2: status 'Misschien' is onbekend"),
    ({"Status": None}, "rij 2: status ontbreekt"),
    ({"Titel": None}, "rij 2: titel ontbreekt"),
    ({"Dictum": None}, "rij 2: dictum ontbreekt (kolom Dictum, Tekst of Verzoek)"),
    ({"Indiener(s)": None}, "rij 2: indieners ontbreken"),
    (
        {"Indiener(s)": "Onbekende Meneer"},
        "rij 2: indiener 'Onbekende Meneer' is onbekend (schrijf 'Naam (Fractie)')",
    ),
    (
        {"Portefeuille": None},
        "rij 2: portefeuille: Een aangenomen motie heeft een portefeuille nodig.",
    ),
    (
        {"Termijn": datetime.date(2025, 1, 1)},
        "rij 2: termijn: De termijn kan niet vóór de stemming (12-03-2025) liggen.",
    ),
    (
        {"Datum": datetime.date(2099, 1, 1)},
        "rij 2: De datum van de stemming kan niet in de toekomst liggen.",
    ),
    ({"Nr": "M" * 31}, "rij 2: nummer: Zorg dat deze waarde"),
]


@pytest.mark.parametrize(("overrides", "message"), ROW_ERRORS)
def test_each_row_error_names_the_row_and_saves_nothing(dijkhoven, overrides, message):
    result = run(dijkhoven, xlsx([row(**overrides)]))
    assert not result.saved
    assert any(line.startswith(message) for line in result.plan.error_lines), (
        result.plan.error_lines
    )
    assert not Motion.objects.exists()
    assert not Person.objects.filter(name="Piet Puk").exists()


def test_a_number_twice_in_the_file_is_an_error_in_the_later_row(dijkhoven):
    rows = [row(), row(Titel="Ander"), row(Nr="M2025-003")]
    result = run(dijkhoven, xlsx(rows))
    assert result.plan.error_lines == ["rij 3: nummer M2025-001 komt ook voor in rij 2"]
    assert not Motion.objects.exists()


def test_an_existing_number_for_another_motion_is_an_error(dijkhoven):
    MotionFactory(
        municipality=dijkhoven.municipality,
        number="M2025-001",
        title="Iets anders",
        meeting=dijkhoven.meeting,
    )
    result = run(dijkhoven, xlsx([row()]))
    assert result.plan.error_lines == [
        "rij 2: nummer M2025-001 bestaat al in Dijkhoven voor een andere motie "
        "('Iets anders', 12-03-2026)"
    ]


def test_one_bad_row_among_good_ones_saves_nothing_and_names_every_bad_row(dijkhoven):
    rows = [
        row(Nr="M1"),
        row(Nr="M2", **{"Indiener(s)": "Piet Puk (PVV)"}),
        row(Nr="M3", Datum=datetime.date(2025, 4, 9), Status="Misschien"),
        row(Nr="M4", Datum=datetime.date(2025, 5, 9), **{"Indiener(s)": "Nieuw Lid (GL)"}),
    ]
    result = run(dijkhoven, xlsx(rows))
    assert result.plan.error_lines == [
        "rij 3: fractie 'PVV' bestaat niet in Dijkhoven",
        "rij 4: status 'Misschien' is onbekend",
    ]
    assert not Motion.objects.exists()
    assert not Person.objects.filter(name__in=["Anna de Vries", "Nieuw Lid"]).exists()
    assert not Meeting.objects.filter(date__year=2025).exists()


def test_empty_rows_keep_the_spreadsheet_row_numbers(dijkhoven):
    result = run(dijkhoven, xlsx([row(), {}, row(Nr="M2", Status="Misschien")]))
    assert result.plan.error_lines == ["rij 4: status 'Misschien' is onbekend"]


# Idempotence ------------------------------------------------------------------------


def test_importing_the_same_file_twice_creates_nothing_new_and_says_so(dijkhoven):
    data = xlsx([row(), row(Nr="M2025-002", Titel="Tweede")])
    assert len(run(dijkhoven, data).created) == 2
    counts = (Motion.objects.count(), Person.objects.count(), Meeting.objects.count())
    again = run(dijkhoven, data)
    assert not again.saved
    assert [r.outcome_display for r in again.plan.rows] == ["bestaat al, ongewijzigd"] * 2
    assert again.plan.summary() == "Niets nieuws: alle 2 moties bestaan al."
    assert (Motion.objects.count(), Person.objects.count(), Meeting.objects.count()) == counts
    assert Motion.history.count() == 2


def test_existing_rows_are_not_updated_and_new_rows_beside_them_are_created(dijkhoven):
    run(dijkhoven, xlsx([row()]))
    changed = row(Status="Afgedaan", Titel="  taalhuis in ELKE wijk ")
    result = run(dijkhoven, xlsx([changed, row(Nr="M2025-009", Titel="Nieuw")]))
    assert [r.outcome for r in result.plan.rows] == ["exists", "new"]
    assert Motion.objects.get(number="M2025-001").status == MotionStatus.adopted
    assert Motion.objects.filter(number="M2025-009").exists()


# Bad files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("lijst.xlsx", b"", "Het bestand is leeg."),
        ("lijst.csv", b"\xef\xbb\xbf;;\r\n;;\r\n", "Het bestand is leeg."),
        ("lijst.pdf", b"%PDF-1.7 ...", "Upload een Excel-bestand (.xlsx) of een CSV-bestand"),
        ("lijst.xlsx", b"Nr;Titel\r\n", "Dit is geen Excel-bestand, al zegt de naam van wel."),
        (
            "lijst.xlsx",
            b"PK\x03\x04rommel",
            "Dit bestand is beschadigd en kan niet worden gelezen.",
        ),
        ("lijst.csv", b"\x00\x01\x02binary", "Upload een Excel-bestand (.xlsx) of een CSV-bestand"),
        (
            "lijst.csv",
            b"Nr;Datum;Titel;Indieners;Dictum;Status\r\n",
            "Het bestand heeft kolomkoppen maar geen moties.",
        ),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(dijkhoven, name, data, message):
    with pytest.raises(ImportRefused) as refused:
        run(dijkhoven, data, name=name)
    assert str(refused.value).startswith(message)
    assert not Motion.objects.exists()


def test_a_damaged_workbook_is_refused(dijkhoven):
    data = xlsx([row()])
    with pytest.raises(ImportRefused, match="beschadigd"):
        run(dijkhoven, data[: len(data) // 2] + b"\x00" * 100)


def test_a_file_over_the_upload_limit_is_refused(dijkhoven, settings):
    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    data = csv_bytes([row()]) + b"\r\n" * (1024 * 1024)
    with pytest.raises(ImportRefused, match=r"Het bestand is groter dan 1 MB\."):
        run(dijkhoven, data, name="lijst.csv")


def test_a_dry_run_saves_nothing(dijkhoven):
    result = run(dijkhoven, xlsx([row()]), dry_run=True)
    assert result.plan.is_valid and not result.saved
    assert not Motion.objects.exists()


# The command ------------------------------------------------------------------------


def test_the_command_imports_by_tooi_code(dijkhoven, tmp_path, capsys):
    path = tmp_path / "motievolglijst.xlsx"
    path.write_bytes(xlsx([row()]))
    call_command("import_motions", str(path), municipality="gm9901")
    out = capsys.readouterr().out
    assert "rij 2: M2025-001 — nieuw" in out
    assert "1 motie geïmporteerd in Dijkhoven." in out
    assert only_motion(dijkhoven).history.get().history_change_reason == (
        "Geïmporteerd uit motievolglijst.xlsx"
    )


def test_the_command_exits_non_zero_and_names_each_bad_row(dijkhoven, tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_bytes([row(), row(Nr="M2", **{"Indiener(s)": "Piet Puk (PVV)"})]))
    with pytest.raises(CommandError, match=r"Niets geïmporteerd: 1 rij bevat fouten\."):
        call_command("import_motions", str(path), municipality="gm9901")
    assert "rij 3: fractie 'PVV' bestaat niet in Dijkhoven" in capsys.readouterr().err
    assert not Motion.objects.exists()


def test_the_command_dry_run_saves_nothing(dijkhoven, tmp_path, capsys):
    path = tmp_path / "lijst.xlsx"
    path.write_bytes(xlsx([row()]))
    call_command("import_motions", str(path), municipality="gm9901", dry_run=True)
    assert "Proefdraai: niets opgeslagen." in capsys.readouterr().out
    assert not Motion.objects.exists()


def test_the_command_refuses_an_unknown_municipality(dijkhoven, tmp_path):
    path = tmp_path / "lijst.xlsx"
    path.write_bytes(xlsx([row()]))
    with pytest.raises(CommandError, match=r"Er is geen gemeente met TOOI-code gm0000\."):
        call_command("import_motions", str(path), municipality="gm0000")


def test_the_command_imports_into_the_municipality_named_only(dijkhoven, other_town, tmp_path):
    Party.objects.create(
        municipality=other_town.municipality, name="VVD Lindeburg", abbreviation="VVD"
    )
    path = tmp_path / "lijst.xlsx"
    path.write_bytes(xlsx([row()]))
    call_command("import_motions", str(path), municipality="gm9902")
    motion = Motion.objects.get()
    assert motion.municipality == other_town.municipality
    assert motion.portfolio == other_town.portfolio
    assert motion.submitters.get().party.name == "VVD Lindeburg"


# The admin --------------------------------------------------------------------------


def upload(user, town, data, name="lijst.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client_for(user).post(
        reverse("motion:import"),
        {"municipality": town.municipality.pk, "file": SimpleUploadedFile(name, data)},
    )


def test_the_griffie_uploads_previews_and_confirms(dijkhoven):
    response = upload(
        dijkhoven.griffie, dijkhoven, xlsx([row(), row(Nr="M2", Titel="<i>Twee</i>")])
    )
    pending = MotionImport.objects.get()
    assert response.url == reverse("motion:import_preview", args=[pending.pk])
    assert (pending.file_name, pending.uploaded_by, pending.status) == (
        "lijst.xlsx",
        dijkhoven.griffie,
        "pending",
    )
    page = client_for(dijkhoven.griffie).get(response.url).content.decode()
    assert "2 nieuwe moties, 0 bestaan al." in page
    assert "<td>2</td>" in page and ">M2025-001</td>" in page and "<td>nieuw</td>" in page
    assert "&lt;i&gt;Twee&lt;/i&gt;" in page and "<i>Twee</i>" not in page
    assert not Motion.objects.exists()
    confirmed = client_for(dijkhoven.griffie).post(response.url)
    assert confirmed.url == reverse("motion:index")
    assert Motion.objects.count() == 2
    pending.refresh_from_db()
    assert (pending.status, pending.created_count) == ("imported", 2)
    assert Motion.objects.get(number="M2").history.get().history_user == dijkhoven.griffie


def test_the_preview_names_each_bad_row_and_offers_no_confirmation(dijkhoven):
    rows = [row(), row(Nr="M2", **{"Indiener(s)": "Piet Puk (PVV)"})]
    response = upload(dijkhoven.griffie, dijkhoven, xlsx(rows))
    page = client_for(dijkhoven.griffie).get(response.url).content.decode()
    assert "Niets geïmporteerd: 1 rij bevat fouten." in page
    assert "fractie &#x27;PVV&#x27; bestaat niet in Dijkhoven" in page
    assert 'type="submit"' not in page
    client_for(dijkhoven.griffie).post(response.url)  # a forged confirmation
    assert not Motion.objects.exists()
    assert MotionImport.objects.get().status == "pending"


def test_confirming_checks_everything_again(dijkhoven):
    response = upload(dijkhoven.griffie, dijkhoven, xlsx([row()]))
    MotionFactory(municipality=dijkhoven.municipality, number="M2025-001", title="Intussen")
    result = client_for(dijkhoven.griffie).post(response.url, follow=True)
    assert "Niets geïmporteerd: 1 rij bevat fouten." in result.content.decode()
    assert Motion.objects.count() == 1


def test_confirming_twice_imports_once(dijkhoven):
    response = upload(dijkhoven.griffie, dijkhoven, xlsx([row()]))
    client_for(dijkhoven.griffie).post(response.url)
    assert client_for(dijkhoven.griffie).post(response.url).status_code == 404
    assert Motion.objects.count() == 1


def test_one_municipality_is_not_asked_for_and_another_is_ignored(dijkhoven, other_town):
    page = client_for(dijkhoven.griffie).get(reverse("motion:import")).content.decode()
    assert 'type="hidden" name="municipality"' in page and ">Gemeente<" not in page
    upload(dijkhoven.griffie, other_town, xlsx([row()]))
    assert MotionImport.objects.get().municipality == dijkhoven.municipality


def test_a_refused_file_shows_its_message_and_keeps_nothing(dijkhoven):
    response = upload(dijkhoven.griffie, dijkhoven, b"%PDF-1.7", name="lijst.pdf")
    assert response.status_code == 200
    assert (
        "Upload een Excel-bestand (.xlsx) of een CSV-bestand (.csv)." in response.content.decode()
    )
    assert not MotionImport.objects.exists()


def test_a_file_over_the_limit_is_refused_in_the_admin(dijkhoven, settings):
    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    data = csv_bytes([row()]) + b"\r\n" * (1024 * 1024)
    response = upload(dijkhoven.griffie, dijkhoven, data, name="lijst.csv")
    assert "Het bestand is groter dan 1 MB." in response.content.decode()
    assert not MotionImport.objects.exists()


@pytest.mark.parametrize("who", ["staff", "advisory_member"])
def test_college_staff_and_the_adviesraad_cannot_import(dijkhoven, who):
    user = getattr(dijkhoven, who)
    assert is_refused(client_for(user).get(reverse("motion:import")))
    assert is_refused(upload(user, dijkhoven, xlsx([row()])))
    assert not MotionImport.objects.exists()


def test_the_griffie_of_another_municipality_cannot_import_here(dijkhoven, other_town):
    # Their own municipality is the only one they may choose, so it is not asked and a
    # posted id of another is ignored: the upload lands in their own.
    upload(other_town.griffie, dijkhoven, xlsx([row()]))
    assert not MotionImport.objects.filter(municipality=dijkhoven.municipality).exists()
    assert MotionImport.objects.get().municipality == other_town.municipality


def test_an_upload_is_confirmed_only_by_its_uploader_in_their_municipality(dijkhoven, other_town):
    response = upload(dijkhoven.griffie, dijkhoven, xlsx([row()]))
    colleague = griffie(dijkhoven.municipality, user__username="griffie-2")
    for user in (colleague, other_town.griffie):
        assert client_for(user).get(response.url).status_code == 404
        assert client_for(user).post(response.url).status_code == 404
    assert not Motion.objects.exists()


def test_a_new_upload_replaces_one_that_was_not_confirmed(dijkhoven):
    upload(dijkhoven.griffie, dijkhoven, xlsx([row()]))
    upload(dijkhoven.griffie, dijkhoven, xlsx([row(Nr="M9")]))
    assert MotionImport.objects.count() == 1


def test_the_template_has_every_header_and_an_example_that_imports(dijkhoven):
    response = client_for(dijkhoven.griffie).get(reverse("motion:import_template"))
    assert response["Content-Disposition"].endswith('filename="motievolglijst-sjabloon.xlsx"')
    result = run(dijkhoven, response.content, name="motievolglijst-sjabloon.xlsx")
    assert result.plan.ignored_columns == []
    assert result.saved, result.plan.error_lines
    assert only_motion(dijkhoven).status == MotionStatus.in_progress


def test_the_committed_csv_template_matches_the_headers(dijkhoven):
    from pathlib import Path

    from django.conf import settings

    data = (Path(settings.BASE_DIR) / "docs" / "motievolglijst-sjabloon.csv").read_bytes()
    result = run(dijkhoven, data, name="motievolglijst-sjabloon.csv")
    assert result.plan.ignored_columns == []
    assert result.saved, result.plan.error_lines


def test_planning_runs_a_fixed_number_of_queries(dijkhoven, django_assert_max_num_queries):
    from motions.importing import plan_import
    from motions.spreadsheets import read_table

    rows = [row(Nr=f"M{n}", **{"Indiener(s)": f"Lid {n} (VVD); Ander {n} (GL)"}) for n in range(60)]
    table = read_table("lijst.xlsx", xlsx(rows))
    with django_assert_max_num_queries(6):
        plan = plan_import(dijkhoven.municipality, "lijst.xlsx", table)
    assert plan.is_valid and len(plan.new_rows) == 60


def zipped(**files) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name.replace("__", "/").replace("_xml", ".xml"), content)
    return buffer.getvalue()


def test_a_word_document_named_xlsx_is_refused(dijkhoven):
    data = zipped(word__document_xml="<w:document/>")
    with pytest.raises(ImportRefused, match="Dit is geen Excel-bestand, al zegt de naam van wel"):
        run(dijkhoven, data)


def test_a_workbook_that_unpacks_to_a_flood_is_refused(dijkhoven, settings):
    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    data = zipped(xl__workbook_xml="<workbook/>", xl__flood_xml=b"\0" * (21 * 1024 * 1024))
    assert len(data) < 1024 * 1024
    with pytest.raises(ImportRefused, match="keer zo sterk ingepakt als een document"):
        run(dijkhoven, data)


def test_imported_motions_reach_the_search_index_after_the_commit(
    dijkhoven, django_capture_on_commit_callbacks
):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run(dijkhoven, xlsx([row()]))
    # The search index, and the renewed generation of the public answers.
    assert len(callbacks) == 2
    motion = only_motion(dijkhoven)
    motions = ContentType.objects.get_for_model(Motion)
    assert IndexEntry.objects.filter(content_type=motions, object_id=str(motion.pk)).exists()


def test_the_command_run_twice_says_nothing_is_new_and_succeeds(dijkhoven, tmp_path, capsys):
    path = tmp_path / "lijst.xlsx"
    path.write_bytes(xlsx([row()]))
    call_command("import_motions", str(path), municipality="gm9901")
    capsys.readouterr()
    call_command("import_motions", str(path), municipality="gm9901")
    out = capsys.readouterr().out
    assert "rij 2: M2025-001 — bestaat al, ongewijzigd" in out
    assert "Niets nieuws: de motie bestaat al." in out
    assert Motion.objects.count() == 1 and Motion.history.count() == 1
