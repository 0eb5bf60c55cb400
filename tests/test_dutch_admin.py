"""The admin speaks Dutch and calls itself Raadsvolg: the login page, tab titles, the
help menu, empty values, step messages as sentences, the delete page with "je"; and
nothing in it points to a third party (Gravatar, guide.wagtail.org)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.utils import get_gravatar_url

from advice.lifecycle import LIFECYCLE as ADVICE_LIFECYCLE
from advice.models import AdviceRequest
from commitments.constants import CommitmentStatus
from commitments.lifecycle import LIFECYCLE as COMMITMENT_LIFECYCLE
from governance import upstream_strings
from governance.timeline import display
from motions.lifecycle import LIFECYCLE as MOTION_LIFECYCLE
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory, AdviceRequestFactory, CommitmentFactory, MotionFactory
from tests.test_advice_admin import make as make_advice


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def messages_of(response) -> list[str]:
    # Wagtail renders (empty) message buttons after the text.
    return [str(message).strip() for message in response.context["messages"]]


def motion_in(town, **traits):
    return MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio, **traits
    )


# The login page and the product's name ---------------------------------------------


def test_the_login_page_is_dutch_and_names_raadsvolg(db):
    html = Client().get(reverse("wagtailadmin_login")).text
    assert title(html) == "Inloggen - Raadsvolg"
    assert "<h1>Inloggen bij Raadsvolg</h1>" in html
    label = re.search(r'<label[^>]*for="id_password"[^>]*>\s*(\w+)', html).group(1)
    assert label == "Wachtwoord"
    assert "Wagtail" not in re.sub(r"<script.*?</script>|<!--.*?-->", "", html, flags=re.S)


def test_a_wrong_password_is_refused_in_dutch(town):
    response = Client().post(
        reverse("wagtailadmin_login"), {"username": town.griffie.username, "password": "fout"}
    )
    assert response.status_code == 200
    assert "Je gebruikersnaam en wachtwoord komen niet overeen." in response.text


@pytest.mark.parametrize(
    "url", ["wagtailadmin_home", "wagtailadmin_account", "motion:index", "advice:index"]
)
def test_tab_titles_end_in_raadsvolg(town, url):
    html = client_for(town.griffie).get(reverse(url)).text
    assert title(html).endswith("- Raadsvolg")
    assert "Wagtail" not in title(html)


def test_the_admin_404_page_leads_back_to_raadsvolg(town):
    response = client_for(town.griffie).get("/admin/bestaat-niet/")
    assert response.status_code == 404
    assert "Naar het beheer van Raadsvolg" in response.text
    assert "Wagtail" not in title(response.text)


# Nothing leads outside the site -------------------------------------------------------


def test_the_help_menu_has_no_items_that_lead_off_site(town):
    html = client_for(town.griffie).get(reverse("wagtailadmin_home")).text
    assert "guide.wagtail.org" not in html
    assert "Editor Guide" not in html
    assert "Wat is er nieuw in Wagtail" not in html
    # The help menu itself is still there, with Wagtail's keyboard shortcuts.
    assert "keyboard-shortcuts-trigger" in html


def test_no_avatar_is_fetched_from_gravatar(town):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert get_gravatar_url("griffie@example.org") is None
    for url in ("wagtailadmin_home", "wagtailadmin_account"):
        html = client_for(town.griffie).get(reverse(url)).text
        assert "gravatar" not in html.lower()


def test_no_absolute_link_to_another_host_on_the_dashboard(town):
    html = client_for(town.griffie).get(reverse("wagtailadmin_home")).text
    html = re.sub(r"<noscript.*?</noscript>", "", html, flags=re.S)
    assert re.findall(r'(?:href|src)="(?:https?:)?//[^"]*"', html) == []


# Empty values -------------------------------------------------------------------------


def test_an_advice_request_without_own_term_says_whose_term_applies(town):
    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    with translation.override("nl"):
        term = town.advisory_council.advice_term.describe()
    html = client_for(town.griffie).get(reverse("advice_request:inspect", args=[request.pk])).text
    assert f"Geen: de adviestermijn van de adviesraad geldt ({term})." in html
    assert "Eenheid van de eigen termijn" not in html  # the own term is one row
    assert not re.search(r"<dd>\s*(None|True|False)\s*</dd>", html)


def test_a_changed_yes_no_field_reads_ja_or_nee_in_the_history():
    field = AdviceRequest._meta.get_field("term_atw")
    with translation.override("nl"):
        assert [display(field, value, {}) for value in (True, False, None)] == ["ja", "nee", "—"]


# Step messages as sentences -----------------------------------------------------------


@pytest.mark.parametrize(
    "lifecycle", [MOTION_LIFECYCLE, COMMITMENT_LIFECYCLE, ADVICE_LIFECYCLE], ids=str
)
def test_every_step_has_its_own_dutch_sentence(lifecycle):
    with translation.override("nl"):
        sentences = [t.done_message("X-1") for t in lifecycle.transitions.values()]
    assert all("X-1" in sentence and sentence.endswith(".") for sentence in sentences)
    assert len(set(sentences)) == len(sentences)
    assert not any("vastgelegd" in sentence for sentence in sentences)


def test_recording_adoption_says_the_motion_was_adopted(town):
    motion = motion_in(town)
    url = reverse("motion:transition", args=[motion.pk, "adopt"])
    data = {"reason": "Aangenomen.", "deadline": "2026-12-31", "vote-unanimous": "on"}
    response = client_for(town.griffie).post(url, data, follow=True)
    assert messages_of(response) == [f"Motie {motion.number} is aangenomen."]


@pytest.mark.parametrize(
    ("step", "traits", "data", "sentence"),
    [
        ("reject", {}, {"vote-unanimous": "on"}, "Motie {} is verworpen."),
        ("withdraw", {}, {}, "Motie {} is ingetrokken."),
        ("start", {"adopted": True}, {}, "De uitvoering van motie {} is begonnen."),
        (
            "propose_completion",
            {"in_progress": True},
            {"route": "council_proposal", "reference": "RV 2026-41"},
            "De afdoening van motie {} is voorgesteld.",
        ),
        ("reopen", {"completion_proposed": True}, {}, "Motie {} is weer in uitvoering."),
    ],
)
def test_each_motion_step_has_its_sentence(town, step, traits, data, sentence):
    motion = motion_in(town, **traits)
    url = reverse("motion:transition", args=[motion.pk, step])
    response = client_for(town.griffie).post(url, {"reason": "Zo besloten.", **data}, follow=True)
    assert messages_of(response) == [sentence.format(motion.number)]


def test_the_step_page_states_the_current_status_as_a_sentence(town):
    motion = motion_in(town, in_progress=True)
    url = reverse("motion:transition", args=[motion.pk, "propose_completion"])
    html = client_for(town.griffie).get(url).text
    assert "De status van deze motie is: in uitvoering." in html
    assert "Deze motie is nu" not in html


def test_commitment_steps_have_their_sentence(town):
    commitment = CommitmentFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    client = client_for(town.griffie)
    url = reverse("commitment:transition", args=[commitment.pk, "propose_completion"])
    response = client.post(url, {"reason": "Raadsinformatiebrief verstuurd."}, follow=True)
    assert messages_of(response) == [
        f"De afdoening van toezegging {commitment.number} is voorgesteld."
    ]
    url = reverse("commitment:transition", args=[commitment.pk, "complete"])
    response = client.post(url, {"reason": "De raad stemde in.", "on": "12-11-2026"}, follow=True)
    assert messages_of(response) == [f"Toezegging {commitment.number} is afgedaan."]
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.completed


def test_submitting_an_advice_says_so_with_its_reference(town):
    advice = make_advice(town)
    url = reverse("advice:step", args=[advice.pk, "submit"])
    response = client_for(town.advisory_member).post(url, {"on": "03-11-2026"}, follow=True)
    assert messages_of(response) == [f"Advies {advice.reference} is ingediend bij het college."]


def test_an_advice_without_reference_is_named_by_its_subject(town):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        reference="",
        subject="Mantelzorg",
        points=1,
    )
    url = reverse("advice:step", args=[advice.pk, "submit"])
    response = client_for(town.advisory_member).post(url, {"on": "03-11-2026"}, follow=True)
    assert messages_of(response) == ["Advies ‘Mantelzorg’ is ingediend bij het college."]


# The delete page ----------------------------------------------------------------------


def test_the_delete_page_is_correct_dutch_with_je(town):
    motion = motion_in(town)
    html = client_for(town.griffie).get(reverse("motion:delete", args=[motion.pk])).text
    main = re.sub(r"<[^>]+>", " ", html[html.index("<main") :])
    text = " ".join(main.split())
    assert f"Weet je zeker dat je ‘{motion}’ wilt verwijderen?" in text
    assert "Hier wordt 0 keer naar verwezen." in text
    assert "verwijdert" not in text
    assert not re.search(r"\b(u|uw)\b", text)


def test_the_delete_confirmation_still_deletes(town):
    motion = motion_in(town)
    response = client_for(town.griffie).post(reverse("motion:delete", args=[motion.pk]))
    assert response.status_code == 302
    assert not type(motion).objects.filter(pk=motion.pk).exists()


def test_the_corrected_upstream_strings_use_je_and_do_not_name_wagtail():
    values = {"model_name": "motie", "usage_count": 2, "min_length": 8}
    with translation.override("nl"):
        texts = [
            translation.gettext(text) if isinstance(text, str) else text % values
            for text in upstream_strings.WAGTAIL + upstream_strings.DJANGO
        ]
    for text in texts:
        assert not re.search(r"\b(u|uw|Uw|U)\b", text), text
        assert "Wagtail" not in text and "http" not in text, text
    assert sum(bool(re.search(r"\b[Jj]e\b", text)) for text in texts) >= 10


def test_the_account_page_addresses_the_user_with_je(town):
    html = client_for(town.griffie).get(reverse("wagtailadmin_account")).text
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
    assert "Je wachtwoord mag niet te veel op je andere persoonlijke gegevens lijken." in text
    assert not re.search(r"\b(u|uw|Uw)\b", text)
    assert "Wagtail" not in text


@pytest.mark.parametrize(
    ("step", "traits", "says"),
    [
        ("withdraw", {}, "afgesloten als ingetrokken door de indieners"),
        ("reject", {}, "De stemming wordt vastgelegd en de motie is afgesloten"),
        ("adopt", {}, "Geen latere stap draait de stemming terug."),
    ],
)
def test_a_motion_step_that_cannot_be_undone_says_so_before_it_is_taken(town, step, traits, says):
    motion = motion_in(town, **traits)
    response = client_for(town.griffie).get(reverse("motion:transition", args=[motion.pk, step]))
    assert says in response.text
    motion.refresh_from_db()
    assert motion.status == "submitted"  # asking changes nothing
