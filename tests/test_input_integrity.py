"""Bad input posted through the real admin views is refused with a Dutch message and
changes nothing: invisible titles and reasons, numbers that break public addresses,
unknown publish values, huge terms and unreadable rich text."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from advice.models import AdviceRequest
from commitments.models import Commitment
from motions.models import CompletionLetter, Motion
from tests import factories as f
from tests.admin_helpers import client_for, edit_form_data, motion_form_data
from tests.test_motion_import import dijkhoven, row, run, xlsx  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

INVISIBLES = ["\u200b", "\u200c\u200d", "\u2060", "\ufeff", "\xa0", "\u200b \u3000\u180e"]


class FormReader(HTMLParser):
    """The values a browser would post from the page's main form (without buttons)."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea, self.in_form = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.in_form = False

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += (
                data.removeprefix("\n") if not self.data[self.textarea] else data
            )


def form_of(client, url) -> dict:
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    reader.data.pop("csrfmiddlewaretoken", None)
    return reader.data


def errors_of(response) -> str:
    assert response.status_code == 200, "the form was not shown again with an error"
    return response.content.decode()


# Invisible characters


def is_required_refusal(page: str) -> bool:
    """Django's Dutch message, or Wagtail's in the admin's model forms."""
    return "Dit veld is verplicht." in page or "Dit is een verplicht veld." in page


@pytest.mark.parametrize("invisible", INVISIBLES)
def test_a_motion_title_of_invisible_characters_is_refused(town, invisible):
    motion = f.MotionFactory(municipality=town.municipality, submitters=[town.person])
    response = client_for(town.griffie).post(
        reverse("motion:edit", args=[motion.pk]), edit_form_data(motion, town, title=invisible)
    )
    assert is_required_refusal(errors_of(response))
    assert Motion.objects.get(pk=motion.pk).title == motion.title


def test_a_new_motion_with_an_invisible_title_is_not_created(town):
    response = client_for(town.griffie).post(
        reverse("motion:add"), motion_form_data(town, title="\u200b\u2060")
    )
    assert is_required_refusal(errors_of(response))
    assert not Motion.objects.filter(number="M2026-100").exists()


def test_invisible_characters_at_the_ends_are_stripped(town):
    motion = f.MotionFactory(municipality=town.municipality, submitters=[town.person])
    client_for(town.griffie).post(
        reverse("motion:edit", args=[motion.pk]),
        edit_form_data(motion, town, title="\ufeff\u200bZichtbaar\u200b\xa0"),
    )
    assert Motion.objects.get(pk=motion.pk).title == "Zichtbaar"


@pytest.mark.parametrize("invisible", INVISIBLES)
def test_a_step_reason_of_invisible_characters_is_refused(town, invisible):
    motion = f.MotionFactory(municipality=town.municipality, adopted=True)
    response = client_for(town.griffie).post(
        reverse("motion:transition", args=[motion.pk, "start"]), {"reason": invisible}
    )
    assert is_required_refusal(errors_of(response))
    assert Motion.objects.get(pk=motion.pk).status == motion.status


# Numbers in public addresses


@pytest.mark.parametrize("number", ["M2026/014", "M14?x=1", "M#14", "M%2F14", "../M14"])
def test_a_motion_number_that_breaks_its_address_is_refused(town, number):
    motion = f.MotionFactory(municipality=town.municipality, submitters=[town.person])
    response = client_for(town.griffie).post(
        reverse("motion:edit", args=[motion.pk]), edit_form_data(motion, town, number=number)
    )
    assert "Een nummer bestaat uit letters, cijfers" in errors_of(response)
    assert Motion.objects.get(pk=motion.pk).number == motion.number


@pytest.mark.parametrize("number", ["M2026-014", "2026-M14", "M 14", "RV.2026.3", "M2026_14"])
def test_usual_motion_numbers_are_accepted(town, number):
    motion = f.MotionFactory(municipality=town.municipality, submitters=[town.person])
    response = client_for(town.griffie).post(
        reverse("motion:edit", args=[motion.pk]), edit_form_data(motion, town, number=number)
    )
    assert response.status_code == 302
    assert Motion.objects.get(pk=motion.pk).number == number


def test_a_commitment_number_with_a_slash_is_refused(town):
    commitment = f.CommitmentFactory(municipality=town.municipality, portfolio=town.portfolio)
    url = reverse("commitment:edit", args=[commitment.pk])
    client = client_for(town.griffie)
    response = client.post(url, {**form_of(client, url), "number": "T2026/03"})
    assert "Een nummer bestaat uit letters, cijfers" in errors_of(response)
    assert Commitment.objects.get(pk=commitment.pk).number == commitment.number


# Publish or withdraw


@pytest.mark.parametrize("value", ["yes", "", "true", "2", None])
def test_an_unknown_publish_value_changes_nothing(town, value):
    commitment = f.CommitmentFactory(municipality=town.municipality, portfolio=town.portfolio)
    url = reverse("commitment:publication", args=[commitment.pk])
    client = client_for(town.griffie)
    client.post(url, {"publish": "1"})
    published_at = Commitment.objects.get(pk=commitment.pk).published_at
    assert published_at is not None
    data = {} if value is None else {"publish": value}
    response = client.post(url, data, follow=True)
    assert "Publiceren of intrekken? Dat stond niet in het verzoek; er is niets gewijzigd." in (
        response.content.decode()
    )
    assert Commitment.objects.get(pk=commitment.pk).published_at == published_at


def test_an_unknown_publish_value_asks_nothing(town):
    motion = f.MotionFactory(municipality=town.municipality, adopted=True)
    url = reverse("motion:publication", args=[motion.pk])
    response = client_for(town.griffie).get(url, {"publish": "ja"}, follow=True)
    assert "er is niets gewijzigd" in response.content.decode()


def test_withdrawing_still_works(town):
    commitment = f.CommitmentFactory(municipality=town.municipality, portfolio=town.portfolio)
    url = reverse("commitment:publication", args=[commitment.pk])
    client = client_for(town.griffie)
    client.post(url, {"publish": "1"})
    client.post(url, {"publish": "0"})
    assert Commitment.objects.get(pk=commitment.pk).published_at is None


# Terms


@pytest.mark.parametrize(
    ("length", "unit"), [("1000000000000", "weeks"), ("105", "weeks"), ("731", "days")]
)
def test_a_huge_own_term_is_refused(town, length, unit):
    request = f.AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    url = reverse("advice_request:edit", args=[request.pk])
    client = client_for(town.griffie)
    data = {**form_of(client, url), "term_length": length, "term_unit": unit}
    response = client.post(url, data)
    assert "Een termijn duurt ten hoogste 104 weken of 730 dagen." in errors_of(response)
    assert AdviceRequest.objects.get(pk=request.pk).term_length == request.term_length


def test_the_longest_term_is_accepted(town):
    request = f.AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    url = reverse("advice_request:edit", args=[request.pk])
    client = client_for(town.griffie)
    data = {**form_of(client, url), "term_length": "104", "term_unit": "weeks"}
    data.setdefault("term_start", "letter_date")
    data["term_start"] = data["term_start"] or "letter_date"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert AdviceRequest.objects.get(pk=request.pk).term_length == 104


def test_a_huge_term_of_an_advisory_council_is_refused(admin_user, town):
    council = town.advisory_council
    url = reverse("advisory_council:edit", args=[council.pk])
    client = client_for(admin_user)
    data = {**form_of(client, url), "advice_term_length": "1000000000000"}
    response = client.post(url, data)
    assert "Een termijn duurt ten hoogste 104 weken of 730 dagen." in errors_of(response)
    council.refresh_from_db()
    assert council.advice_term_length == 6


# Rich text


@pytest.mark.parametrize("garbage", ["not json", "<p>html</p>", "[1, 2]", '{"blocks": 3}', "{"])
def test_unreadable_rich_text_is_refused(town, garbage):
    motion = f.MotionFactory(
        municipality=town.municipality, portfolio=town.portfolio, in_progress=True
    )
    letter = CompletionLetter.objects.create(
        motion=motion, introduction="Inleiding.", core_message="<p>Kern.</p>"
    )
    url = reverse("completion_letter:edit", args=[letter.pk])
    client = client_for(town.griffie)
    response = client.post(url, {**form_of(client, url), "core_message": garbage})
    assert "De opgemaakte tekst kon niet worden gelezen" in errors_of(response)
    assert CompletionLetter.objects.get(pk=letter.pk).core_message == "<p>Kern.</p>"


def test_edit_pages_keep_working(town):
    """The reader of these tests posts an unchanged form successfully."""
    commitment = f.CommitmentFactory(
        municipality=town.municipality,
        portfolio=town.portfolio,
        deadline=datetime.date(2027, 1, 1),
    )
    url = reverse("commitment:edit", args=[commitment.pk])
    client = client_for(town.griffie)
    assert client.post(url, form_of(client, url)).status_code == 302


# The motion import


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"Nr": "M2025/001"}, "rij 2: nummer: Een nummer bestaat uit letters, cijfers"),
        ({"Nr": "M#1"}, "rij 2: nummer: Een nummer bestaat uit letters, cijfers"),
        ({"Titel": "\u200b\u2060"}, "rij 2: titel ontbreekt"),
    ],
)
def test_the_import_refuses_unsafe_numbers_and_invisible_titles(dijkhoven, overrides, message):  # noqa: F811
    result = run(dijkhoven, xlsx([row(**overrides)]))
    assert not result.saved
    assert any(line.startswith(message) for line in result.plan.error_lines), (
        result.plan.error_lines
    )
    assert not Motion.objects.exists()
