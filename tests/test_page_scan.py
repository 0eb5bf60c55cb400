"""The page-content scan: every admin page a user can reach shows no title of a record
that user may not see — not in a list, a breadcrumb, a filter's choices, nor in the
<option>s of a select, disabled ones included.

Two municipalities get one record of every kind and state, each with a marker string
of its own in its title (or, for letters and responses, in its text). Who may see
which record is written out below as a table from DESIGN.md and docs/decisions.md,
not computed with the code under test: the griffie sees its municipality's records but
no draft advies; college staff the records of their own portfolio, and an advies once
submitted; the adviesraad its own adviezen from the first draft and the adviesaanvragen
addressed to it, no moties, toezeggingen or draft letters, and the college's responses
only once sent; the functional administrator (superuser) everything. Nobody sees
anything of the other municipality.

Each user's crawl must also find every marker the table allows them (so a crawl that
misses pages fails instead of passing empty)."""

import datetime
import re

import pytest

from advice.lifecycle import take_step
from advice.models import CouncilInformationLetter, PointResponse, ResponseLetter
from governance.letters import LetterStatus
from governance.models import Letterhead
from motions.models import CompletionLetter
from tests import factories as f
from tests.admin_crawler import crawl

D = datetime.date

# What each role may see of its own municipality (nothing of the other one).
GRIFFIE_SEES = {
    "MotA", "MotB", "ClA", "ClB", "TzA", "TzB", "AvrA", "AvrB",
    "AdvSub", "AdvSubB", "AdvResp", "AdvSent", "AdvPub",
    "RespText", "RespLetter", "CilDraft",
}  # fmt: skip
STAFF_A_SEES = {
    "MotA", "ClA", "TzA", "AvrA",
    "AdvSub", "AdvResp", "AdvSent", "AdvPub",
    "RespText", "RespLetter", "CilDraft",
}  # fmt: skip
ADVIESRAAD_SEES = {
    "AvrA", "AvrB", "AdvDraft", "AdvSub", "AdvSubB", "AdvResp", "AdvSent", "AdvPub",
}  # fmt: skip
ALL = GRIFFIE_SEES | {"AdvDraft"}


def marker(town, key: str) -> str:
    """A string that occurs nowhere else: no marker is part of another."""
    return f"Zq{town.municipality.tooi_code}{key}Qz"


MARKER = re.compile(r"Zq(gm\d{4})(\w+?)Qz")


def build(town) -> None:
    """One record of every kind and state in the municipality, titled by its marker."""
    Letterhead.objects.create(
        municipality=town.municipality,
        name=f"Gemeente {town.municipality.name}",
        place=town.municipality.name,
        secretary_name="mr. J. de Wit",
        mayor_name="H. Pieters",
    )
    own = {"A": town.portfolio, "B": town.other_portfolio}
    for side, portfolio in own.items():
        motion = f.MotionFactory(
            municipality=town.municipality,
            portfolio=portfolio,
            meeting=town.meeting,
            title=marker(town, f"Mot{side}"),
            in_progress=True,
        )
        CompletionLetter.objects.create(
            motion=motion, core_message=f"<p>{marker(town, f'Cl{side}')}</p>"
        )
        f.CommitmentFactory(
            municipality=town.municipality,
            portfolio=portfolio,
            meeting=town.meeting,
            title=marker(town, f"Tz{side}"),
        )
        f.AdviceRequestFactory(
            municipality=town.municipality,
            advisory_council=town.advisory_council,
            portfolio=portfolio,
            subject=marker(town, f"Avr{side}"),
        )
    advice = {
        key: f.AdviceFactory(
            municipality=town.municipality,
            advisory_council=town.advisory_council,
            portfolio=own["B" if key == "AdvSubB" else "A"],
            subject=marker(town, key),
            points=2,
        )
        for key in ("AdvDraft", "AdvSub", "AdvSubB", "AdvResp", "AdvSent", "AdvPub")
    }
    for key in ("AdvSub", "AdvSubB", "AdvResp", "AdvSent", "AdvPub"):
        take_step(advice[key], town.advisory_member, "submit", on=D(2026, 11, 3))
    for key in ("AdvResp", "AdvSent", "AdvPub"):
        take_step(advice[key], town.staff, "start_response")
        for point in advice[key].points.all():
            text = marker(town, "RespText") if key == "AdvResp" else "Wij nemen het over."
            PointResponse.objects.create(point=point, position="adopted", text=text)
    ResponseLetter.objects.create(advice=advice["AdvResp"], opening=marker(town, "RespLetter"))
    for key in ("AdvSent", "AdvPub"):
        take_step(advice[key], town.staff, "adopt_response", on=D(2026, 11, 20))
        take_step(advice[key], town.staff, "send_response", on=D(2026, 11, 24))
        ResponseLetter.objects.create(
            advice=advice[key], status=LetterStatus.sent, letter_date=D(2026, 11, 24)
        )
    take_step(advice["AdvPub"], town.griffie, "publish")
    CouncilInformationLetter.objects.create(advice=advice["AdvSent"], body=marker(town, "CilDraft"))


@pytest.fixture
def world(town, other_town):
    build(town)
    build(other_town)
    return town, other_town


def scan(user) -> tuple[dict[str, set[str]], list[str]]:
    """Every marker on the pages the user reaches: marker → the URLs showing it."""
    found: dict[str, set[str]] = {}

    def look(url, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("text/", "application/json")):
            return
        for match in MARKER.finditer(response.content.decode(errors="replace")):
            found.setdefault(match[0], set()).add(url)

    visited, _problems = crawl(user, on_page=look, downloads=False)
    return found, sorted(visited)


def allowed_markers(role: str, town, other_town) -> set[str]:
    if role == "functional administrator":
        return {marker(t, key) for t in (town, other_town) for key in ALL}
    keys = {"griffie": GRIFFIE_SEES, "staff": STAFF_A_SEES, "advisory_member": ADVIESRAAD_SEES}
    return {marker(town, key) for key in keys[role]}


def leaks(found: dict[str, set[str]], allowed: set[str]) -> list[str]:
    return sorted(
        f"{name} on {url}" for name, urls in found.items() if name not in allowed for url in urls
    )


@pytest.mark.parametrize(
    "role", ["griffie", "staff", "advisory_member", "functional administrator"]
)
def test_no_page_shows_a_record_the_user_may_not_see(world, role):
    town, other_town = world
    if role == "functional administrator":
        user = f.UserFactory(username="beheer-scan", is_superuser=True, is_staff=True)
    else:
        user = getattr(town, role)
    found, visited = scan(user)
    allowed = allowed_markers(role, town, other_town)
    problems = leaks(found, allowed)
    assert problems == [], f"{len(problems)} leaks:\n" + "\n".join(problems)
    missing = sorted(allowed - set(found))
    assert missing == [], f"the crawl of {len(visited)} pages never showed {missing}"
