"""The raadsbrief afdoening motie: sections in the order of the Twenterand letter, a
tagged PDF/UA-1 in Dutch, immutability once sent, versions, numbers, bad input."""

import datetime
import html
import io
import logging
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import strip_tags
from PIL import Image
from pypdf import PdfReader

from governance.letters import LetterError, LetterStatus
from governance.models import Letterhead
from governance.tasks import render_letter_task
from motions.constants import MotionStatus
from motions.letters import send_completion_letter
from motions.lifecycle import TransitionError, apply_transition
from motions.models import CompletionLetter, Motion
from motions.timeline import motion_timeline
from tests.admin_helpers import client_for, is_refused
from tests.factories import MeetingFactory, MotionFactory

SECTIONS = [
    "RAADSBRIEF",
    "ONDERWERP",
    "KENNISNEMEN VAN",
    "INLEIDING",
    "KERNBOODSCHAP",
    "VERVOLG",
    "Zaaknummer",
    "Documentnummer",
    "BIJLAGEN",
    "PORTEFEUILLE",
    "Burgemeester en wethouders van Dijkhoven",
    "de secretaris,",
    "de burgemeester,",
]


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def letterhead(town):
    return Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="mr. J. de Wit",
        mayor_name="H. Pieters",
        logo=SimpleUploadedFile("logo.png", png()),
    )


@pytest.fixture
def letter(town, letterhead):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Taalhuis in elke wijk",
        operative_text="verzoekt het college in elke wijk een taalpunt te openen,",
    )
    return CompletionLetter.objects.create(
        motion=motion,
        introduction="Het college heeft dit onderzocht.",
        core_message="<h3>Wat we deden</h3><ul><li>Vier taalpunten geopend.</li></ul>",
    )


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_sections_stand_in_the_order_of_the_reference_letter(letter):
    _html, pdf = letter.render()
    text = pdf_text(pdf)
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    assert "Afdoening motie ‘Taalhuis in elke wijk’" in text
    inleiding = text[text.index("INLEIDING") : text.index("KERNBOODSCHAP")]
    assert (
        "Op 12 maart 2026 heeft u het college verzocht ‘in elke wijk een taalpunt te"
        in " ".join(inleiding.split())
    )
    assert "Vier taalpunten geopend." in text


def test_the_pdf_is_tagged_pdf_ua_1_in_dutch_with_a_title(letter):
    _html, pdf = letter.render()
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == "Afdoening motie ‘Taalhuis in elke wijk’"
    xmp = root["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfuaid:part(="1"|>1<)', xmp)
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    descriptors = [f["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts]
    assert fonts and all("/FontFile2" in descriptor for descriptor in descriptors)
    assert all("DejaVu-Sans" in str(f["/BaseFont"]) for f in fonts)  # the font we asked for


def test_weasyprint_logs_no_error_while_rendering(letter, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        letter.render()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_sending_numbers_stores_and_freezes_the_letter_and_proposes_completion(town, letter):
    sent = send_completion_letter(letter, town.staff)
    assert sent.status == LetterStatus.sent
    assert sent.case_number == "1-2026" and sent.document_number == "1-2026:1"
    assert len(sent.sha256) == 64
    assert sent.motion.status == MotionStatus.completion_proposed
    assert Motion.objects.get(pk=letter.motion.pk).status == MotionStatus.completion_proposed
    stored = sent.pdf.read()
    assert "Documentnummer: 1-2026:1" in pdf_text(stored)


def test_a_sent_letter_cannot_be_changed_or_deleted(town, letter):
    send_completion_letter(letter, town.staff)
    letter.refresh_from_db()
    letter.core_message = "<p>Anders</p>"
    with pytest.raises(ValidationError):
        letter.save()
    with pytest.raises(ValidationError):
        letter.delete()
    sha = letter.sha256
    render_letter_task.enqueue("motions", "completionletter", letter.pk)
    letter.refresh_from_db()
    assert letter.sha256 == sha


@pytest.mark.parametrize("view", ["edit", "delete"])
def test_a_sent_letter_cannot_be_changed_through_the_admin(town, letter, view):
    send_completion_letter(letter, town.staff)
    for user in (town.griffie, town.staff):
        response = client_for(user).post(
            reverse(f"completion_letter:{view}", args=[letter.pk]),
            {"core_message": "{}", "introduction": "weg"},
        )
        assert is_refused(response)
    letter.refresh_from_db()
    assert letter.introduction == "Het college heeft dit onderzocht."


def test_a_correction_is_a_new_version_and_keeps_the_old_one(town, letter):
    send_completion_letter(letter, town.staff)
    second = letter.new_version(town.staff)
    assert (second.version, second.replaces, second.case_number) == (2, letter, "1-2026")
    assert CompletionLetter.objects.filter(motion=letter.motion).count() == 2
    assert CompletionLetter.objects.get(pk=letter.pk).pdf


def test_numbers_are_never_reused(town, letterhead):
    from governance.letters import next_number

    numbers = [next_number(town.municipality, "case", 2026) for _ in range(3)]
    assert numbers == [1, 2, 3]
    assert next_number(town.municipality, "case", 2027) == 1


def test_a_letter_without_signatories_is_refused_before_rendering(letter, letterhead):
    letterhead.mayor_name = ""
    letterhead.save()
    with pytest.raises(LetterError) as error:
        letter.render()
    assert (
        str(error.value) == "In het briefhoofd ontbreekt de burgemeester, die de brief ondertekent."
    )


def test_a_logo_that_is_not_an_image_is_refused(town):
    response = client_for(town.griffie).post(
        reverse("letterhead:add"),
        {
            "municipality": town.municipality.pk,
            "name": "Gemeente Dijkhoven",
            "place": "Dijkhoven",
            "case_number_format": "{seq}-{year}",
            "document_number_format": "{case}:{seq}",
            "logo": SimpleUploadedFile("logo.png", b"<svg>geen png</svg>"),
        },
    )
    assert "Het logo is geen afbeelding; upload een PNG of JPEG." in response.text
    assert not Letterhead.objects.exists()


def test_a_letter_for_a_motion_of_another_municipality_is_refused(town, other_town, letterhead):
    foreign = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        in_progress=True,
    )
    response = client_for(town.griffie).post(
        reverse("completion_letter:add"),
        {"motion": foreign.pk, "introduction": "", "core_message": "{}", "attachments": ""},
    )
    assert "Selecteer een geldige keuze" in response.text
    assert not CompletionLetter.objects.exists()


@pytest.mark.parametrize("who", ["staff_other_portfolio", "advisory_member", "other_griffie"])
def test_others_cannot_see_or_send_the_letter(town, other_town, letter, who):
    user = other_town.griffie if who == "other_griffie" else getattr(town, who)
    client = client_for(user)
    assert is_refused(client.get(reverse("completion_letter:inspect", args=[letter.pk])))
    client.post(reverse("completion_letter:action", args=[letter.pk, "send"]))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.draft


def test_the_admin_shows_a_preview_and_the_pdf(town, letter):
    client = client_for(town.staff)
    preview = client.get(reverse("completion_letter:action", args=[letter.pk, "preview"]))
    assert "KERNBOODSCHAP" in preview.text
    pdf = client.get(reverse("completion_letter:action", args=[letter.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.7")


def test_the_command_writes_the_pdf(letter, tmp_path):
    out = tmp_path / "brief.pdf"
    call_command(
        "render_letter",
        "motion-completion",
        str(letter.motion.pk),
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    assert "KERNBOODSCHAP" in pdf_text(out.read_bytes())
    with pytest.raises(CommandError, match="Er is geen motie met id 999999"):
        call_command("render_letter", "motion-completion", "999999", "--output", str(out))


def test_sending_is_refused_for_a_motion_not_in_progress(town, letter):
    Motion.objects.filter(pk=letter.motion.pk).update(status=MotionStatus.adopted)
    letter.refresh_from_db()
    with pytest.raises(LetterError, match="een raadsbrief afdoening wordt verzonden voor"):
        send_completion_letter(letter, town.staff)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.draft and not letter.document_number
    from governance.models import NumberSequence

    assert not NumberSequence.objects.exists()  # no number was taken


def test_the_sent_pdf_carries_no_draft_marker(town, letter):
    assert "CONCEPT" in pdf_text(letter.render()[1])
    send_completion_letter(letter, town.staff)
    letter.refresh_from_db()
    assert "CONCEPT" not in pdf_text(letter.stored_pdf())


@pytest.mark.parametrize("view", ["edit", "delete"])
def test_not_even_the_administrator_changes_a_sent_letter(town, letter, view):
    from tests.factories import UserFactory

    send_completion_letter(letter, town.staff)
    admin = client_for(UserFactory(username="beheer", is_superuser=True))
    assert is_refused(admin.get(reverse(f"completion_letter:{view}", args=[letter.pk])))
    response = admin.post(
        reverse(f"completion_letter:{view}", args=[letter.pk]),
        {"introduction": "weg", "core_message": "{}", "attachments": ""},
    )
    assert is_refused(response)
    assert (
        CompletionLetter.objects.get(pk=letter.pk).introduction
        == "Het college heeft dit onderzocht."
    )


def test_a_corrected_version_is_sent_without_moving_the_motion_again(town, letter):
    send_completion_letter(letter, town.staff)
    second = letter.new_version(town.staff)
    second.send(town.staff)
    assert second.status == LetterStatus.sent
    assert Motion.objects.get(pk=letter.motion.pk).status == MotionStatus.completion_proposed


def test_an_empty_core_message_is_not_sent(town, letter):
    letter.core_message = "<p> </p>"
    letter.save()
    with pytest.raises(LetterError, match="Schrijf eerst de kernboodschap"):
        send_completion_letter(letter, town.staff)


def test_a_second_draft_for_one_motion_is_refused(town, letter):
    response = client_for(town.griffie).post(
        reverse("completion_letter:add"),
        {"motion": letter.motion.pk, "introduction": "", "core_message": "{}", "attachments": ""},
    )
    assert "Deze motie heeft al een conceptbrief; bewerk die." in response.text


@pytest.mark.parametrize(
    ("dictum", "quoted"),
    [
        (
            "verzoekt het college van burgemeester en wethouders om een buurtbus in te zetten, "
            "en gaat over tot de orde van de dag.",
            "heeft u het college verzocht ‘een buurtbus in te zetten’",
        ),
        (
            "draagt het college op de verordening te wijzigen.",
            "heeft u het college opgedragen ‘de verordening te wijzigen’",
        ),
        ("verzoekt het college van B&W, een plan te maken;", "verzocht ‘een plan te maken’"),
        (
            "roept het college op de jongerenraad te betrekken.",
            "heeft u het college opgeroepen ‘de jongerenraad te betrekken’",
        ),
        ("vraagt het college om de bewoners te betrekken.", "gevraagd ‘de bewoners te betrekken’"),
        ("De raad verzoekt het college een plan te maken.", "verzocht ‘een plan te maken’"),
        (
            "verzoeken het college de speeltuin op te knappen, "
            "en gaan over tot de orde van de dag.",
            "heeft u het college verzocht ‘de speeltuin op te knappen’",
        ),
        (
            "verzoekt het college:\n• Eenmaal per jaar een rapport op te stellen.\n"
            "En gaat over tot de orde van de dag.",
            "verzocht ‘eenmaal per jaar een rapport op te stellen’",
        ),
    ],
)
def test_the_opening_quotes_only_what_the_raad_asked(town, letterhead, dictum, quoted):
    from motions.letters import opening

    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        operative_text=dictum,
    )
    text = html.unescape(strip_tags(opening(motion)))
    assert text.startswith(f"Op {motion.vote_date.day} ")
    assert text.endswith(quoted + ".")


def letter_for(town, dictum):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        number="M2026-031",
        title="Pilot wijkaanpak",
        operative_text=dictum,
    )
    return CompletionLetter.objects.create(motion=motion, core_message="<p>Gedaan.</p>")


def inleiding(pdf: bytes) -> str:
    text = pdf_text(pdf)
    return " ".join(text[text.index("INLEIDING") : text.index("KERNBOODSCHAP")].split())


def test_a_numbered_dictum_is_a_numbered_list_in_the_letter(town, letterhead):
    letter = letter_for(
        town,
        "verzoekt het college: 1. een pilot te starten; 2. de raad voor 1 juli te informeren, "
        "en gaat over tot de orde van de dag.",
    )
    page, pdf = letter.render()
    assert re.search(
        r"verzocht:</p>\s*<ol><li>een pilot te starten</li><li>de raad voor 1 juli te "
        r"informeren</li></ol>",
        page,
    )
    text = inleiding(pdf)
    assert "heeft u het college verzocht: een pilot te starten de raad voor 1 juli" in text
    assert "orde van de dag" not in text
    assert "‘" not in text
    # pypdf reads the list's markers after the page's text.
    assert "1. \n2. \n" in pdf_text(pdf)


def test_a_lettered_dictum_keeps_its_letters(town, letterhead):
    letter = letter_for(
        town, "draagt het college op:\na. een plan te maken;\nb. dit met de raad te bespreken."
    )
    page, pdf = letter.render()
    assert '<ol type="a"><li>een plan te maken</li>' in page
    assert "heeft u het college opgedragen: een plan te maken dit met de raad" in inleiding(pdf)
    assert "a. \nb. \n" in pdf_text(pdf)


def test_draagt_op_reads_opgedragen_in_the_letter(town, letterhead):
    letter = letter_for(
        town,
        "De raad draagt het college van burgemeester en wethouders op om de verordening te "
        "wijzigen, en gaat over tot de orde van de dag.",
    )
    _page, pdf = letter.render()
    text = inleiding(pdf)
    assert "heeft u het college opgedragen ‘de verordening te wijzigen’." in text
    assert "verzocht" not in text
    assert "De raad" not in text


def test_what_the_raad_stated_comes_before_what_it_asked(town, letterhead):
    letter = letter_for(
        town,
        "spreekt uit dat armoede bestreden moet worden en verzoekt het college een armoedeplan "
        "op te stellen, en gaat over tot de orde van de dag.",
    )
    _page, pdf = letter.render()
    assert (
        "heeft u uitgesproken dat armoede bestreden moet worden. In dezelfde motie heeft u het "
        "college verzocht ‘een armoedeplan op te stellen’." in inleiding(pdf)
    )


def test_a_dictum_that_asks_nothing_of_the_college_is_quoted_whole(town, letterhead):
    letter = letter_for(
        town,
        "verzoekt de burgemeester het vuurwerk te verbieden, en gaat over tot de orde van de dag.",
    )
    _page, pdf = letter.render()
    assert (
        "heeft u motie M2026-031 ‘Pilot wijkaanpak’ aangenomen, die luidt: ‘verzoekt de "
        "burgemeester het vuurwerk te verbieden’." in inleiding(pdf)
    )


def test_markup_in_the_dictum_is_quoted_as_text(town, letterhead):
    letter = letter_for(town, "verzoekt het college: 1. <b>niets</b> te doen; 2. <i>alles</i>")
    page, _pdf = letter.render()
    assert "<li>&lt;b&gt;niets&lt;/b&gt; te doen</li>" in page
    assert "<b>niets</b>" not in page


@pytest.mark.parametrize(
    ("scheme", "message"),
    [
        ("{{seq}}-{year}", "heeft {seq} nodig"),
        ("{seq[0]}-{year}", "Gebruik alleen"),
        ("{seq.real}-{year}", "Gebruik alleen"),
        ("{seq:>500}-{year}", "Gebruik alleen"),
        ("{year!r}-{seq}", "Gebruik alleen"),
        ("{0}-{seq}", "Gebruik alleen"),
    ],
)
def test_number_schemes_that_could_repeat_or_break_are_refused(scheme, message):
    from governance.models import validate_number_format

    with pytest.raises(ValidationError) as error:
        validate_number_format(scheme)
    assert message in " ".join(error.value.messages)


def test_a_decompression_bomb_is_no_logo(town):
    buffer = io.BytesIO()
    Image.new("1", (20000, 10000)).save(buffer, format="PNG")
    response = client_for(town.griffie).post(
        reverse("letterhead:add"),
        {
            "municipality": town.municipality.pk,
            "name": "Gemeente Dijkhoven",
            "place": "Dijkhoven",
            "case_number_format": "{seq}-{year}",
            "document_number_format": "{case}:{seq}",
            "logo": SimpleUploadedFile("logo.png", buffer.getvalue()),
        },
    )
    assert response.status_code == 200
    assert "Het logo is" in response.text
    assert not Letterhead.objects.exists()


# Proposing completion names how the raad was informed.


def motion_in_progress(town):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        in_progress=True,
    )


def test_completion_cannot_be_proposed_without_saying_how_the_raad_was_informed(town):
    motion = motion_in_progress(town)
    with pytest.raises(TransitionError, match="Zeg hoe de raad is geïnformeerd"):
        apply_transition(motion, town.staff, "propose_completion", reason="Klaar.")
    motion.refresh_from_db()
    assert motion.status == MotionStatus.in_progress


def test_the_raadsbrief_route_needs_a_sent_letter(town):
    motion = motion_in_progress(town)
    with pytest.raises(TransitionError, match="Verstuur de raadsbrief"):
        apply_transition(
            motion, town.staff, "propose_completion", reason="Klaar.", route="council_letter"
        )


def test_another_route_needs_its_reference_and_records_it_with_its_date(town):
    motion = motion_in_progress(town)
    with pytest.raises(TransitionError, match="Geef het kenmerk"):
        apply_transition(
            motion, town.staff, "propose_completion", reason="Klaar.", route="council_proposal"
        )
    apply_transition(
        motion,
        town.staff,
        "propose_completion",
        reason="Klaar.",
        route="council_information_letter",
        reference="RIB 2026-77",
        on=datetime.date(2026, 10, 1),
    )
    motion.refresh_from_db()
    assert (motion.completion_route, motion.completion_reference) == (
        "council_information_letter",
        "RIB 2026-77",
    )
    assert motion.completion_proposed_on == datetime.date(2026, 10, 1)
    assert motion_timeline(motion)[0].happened_on == datetime.date(2026, 10, 1)


def test_the_propose_step_form_asks_the_route_and_points_to_the_raadsbrief(town):
    motion = motion_in_progress(town)
    client = client_for(town.staff)
    url = reverse("motion:transition", args=[motion.pk, "propose_completion"])
    page = client.get(url).text
    assert 'name="route"' in page and 'name="reference"' in page
    assert reverse("completion_letter:add") in page
    response = client.post(url, {"reason": "Klaar.", "route": "council_proposal", "reference": ""})
    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.text
    motion.refresh_from_db()
    assert motion.status == MotionStatus.in_progress


def test_the_motie_page_and_the_completion_step_link_the_sent_letter(town, letter):
    send_completion_letter(letter, town.staff)
    motion = Motion.objects.get(pk=letter.motion_id)
    assert motion.completion_route == "council_letter"
    assert motion.completion_reference == letter.document_number
    link = reverse("completion_letter:inspect", args=[letter.pk])
    griffie = client_for(town.griffie)
    assert link in griffie.get(reverse("motion:inspect", args=[motion.pk])).text
    step = griffie.get(reverse("motion:transition", args=[motion.pk, "complete"])).text
    assert link in step and letter.document_number in step


def test_reopening_clears_the_proposal_but_keeps_it_in_the_history(town):
    motion = motion_in_progress(town)
    apply_transition(
        motion,
        town.staff,
        "propose_completion",
        reason="Klaar.",
        route="council_proposal",
        reference="RV 2026-41",
    )
    motion = apply_transition(motion, town.griffie, "reopen", reason="Raad niet akkoord.")
    assert (motion.completion_route, motion.completion_reference) == ("", "")
    proposal = motion_timeline(motion)[1]
    assert proposal.what == "Afdoening voorgesteld"
    assert ("kenmerk van het afdoeningsvoorstel", "—", "RV 2026-41") in [
        (c.label, c.old, c.new) for c in proposal.changes
    ]


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (datetime.date(2099, 1, 1), "De datum van het afdoeningsvoorstel kan niet in de toekomst"),
        (datetime.date(2026, 3, 1), "Het afdoeningsvoorstel kan niet van vóór de stemming zijn."),
    ],
)
def test_the_date_of_the_completion_proposal_must_be_plausible(town, on, message):
    motion = motion_in_progress(town)
    with pytest.raises(TransitionError, match=message):
        apply_transition(
            motion,
            town.staff,
            "propose_completion",
            reason="Klaar.",
            route="council_proposal",
            reference="RV 2026-41",
            on=on,
        )
    motion.refresh_from_db()
    assert (motion.status, motion.completion_route) == (MotionStatus.in_progress, "")


def test_the_preview_of_a_draft_leads_back_to_the_letter(town, letter):
    inspect = reverse("completion_letter:inspect", args=[letter.pk])
    response = client_for(town.staff).get(
        reverse("completion_letter:action", args=[letter.pk, "preview"])
    )
    assert f'<a href="{inspect}">Terug naar de brief</a>' in response.text


def test_sending_asks_to_confirm_on_a_page_that_says_what_will_happen(town, letter):
    url = reverse("completion_letter:action", args=[letter.pk, "send"])
    inspect = client_for(town.staff).get(reverse("completion_letter:inspect", args=[letter.pk]))
    assert f'href="{url}"' in inspect.text  # the button leads to the question, not the deed
    page = client_for(town.staff).get(url)
    assert page.status_code == 200
    for text in (
        "Verzenden kan niet ongedaan worden gemaakt.",
        "een zaaknummer en een documentnummer die nooit opnieuw",
        "niemand de brief nog wijzigen",
        "afdoening voorgesteld",
    ):
        assert text in page.text
    letter.refresh_from_db()
    assert not letter.is_sent  # looking at the question sends nothing
    assert client_for(town.staff).post(url).status_code == 302
    letter.refresh_from_db()
    assert letter.is_sent
    assert client_for(town.staff).get(url).status_code == 302  # sent: no question any more


def test_the_admin_list_shows_the_newest_letter_first(town, letter):
    older_motion = MotionFactory(
        municipality=town.municipality,
        meeting=MeetingFactory(municipality=town.municipality, date=datetime.date(2030, 1, 10)),
        portfolio=town.portfolio,
        in_progress=True,
        title="Motie van een latere vergadering",
    )
    newest = CompletionLetter.objects.create(motion=older_motion, introduction="Nieuw.")
    CompletionLetter.objects.filter(pk=letter.pk).update(
        created_at=newest.created_at - datetime.timedelta(days=3)
    )
    page = client_for(town.griffie).get(reverse("completion_letter:index")).text
    assert page.index("Motie van een latere vergadering") < page.index("Taalhuis in elke wijk")
    letter_first = CompletionLetter.objects.filter(pk=letter.pk)
    letter_first.update(created_at=newest.created_at + datetime.timedelta(days=3))
    page = client_for(town.griffie).get(reverse("completion_letter:index")).text
    assert page.index("Taalhuis in elke wijk") < page.index("Motie van een latere vergadering")
