"""The scale data generator (issue 16): counts, publication share, tenancy, valid
records, and pages that answer for them."""

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from advice.constants import AdviceStatus
from advice.models import Advice, AdvicePoint, PointResponse
from commitments.models import Commitment
from governance.models import Meeting, Municipality, Party, Person, Portfolio
from motions.constants import MotionStatus
from motions.models import Motion, MotionSubmitter, PartyVote, Vote
from operations.scale_data import generate

N = 200

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale(db):
    report = generate(motions=N, points=5, out=lambda *a: None)
    dijkhoven = Municipality.objects.get(name="Dijkhoven")
    lindeburg = Municipality.objects.get(name="Lindeburg")
    return report, dijkhoven, lindeburg


def test_counts_per_kind_and_every_status(scale):
    report, dijkhoven, lindeburg = scale
    assert Motion.objects.filter(municipality=dijkhoven).count() == N
    assert Commitment.objects.filter(municipality=dijkhoven).count() == N // 2
    assert Advice.objects.filter(municipality=dijkhoven).count() == N // 10
    assert AdvicePoint.objects.filter(advice__municipality=dijkhoven).count() == N // 10 * 5
    assert Motion.objects.filter(municipality=lindeburg).count() == 5
    assert set(Motion.objects.values_list("status", flat=True)) == set(MotionStatus.values)
    assert set(Advice.objects.values_list("status", flat=True)) == set(AdviceStatus.values)
    assert Portfolio.objects.filter(municipality=dijkhoven).count() >= 10
    assert Party.objects.filter(municipality=dijkhoven).count() >= 8
    assert Vote.objects.exists() and PartyVote.objects.exists() and PointResponse.objects.exists()
    assert Motion.history.count() >= 2 * Motion.objects.count()
    assert report.counts["search index entries"] >= Motion.objects.count()


def test_about_sixty_percent_published_and_some_overdue(scale):
    _report, dijkhoven, _ = scale
    motions = Motion.objects.filter(municipality=dijkhoven)
    assert motions.filter(published_at__isnull=False).count() == round(0.6 * N)
    open_ones = [m for m in motions if m.is_open]
    overdue = [m for m in open_ones if m.is_overdue()]
    assert 0 < len(overdue) < len(open_ones)


def test_nothing_of_one_municipality_refers_to_the_other(scale):
    _report, dijkhoven, lindeburg = scale
    for municipality, other in ((dijkhoven, lindeburg), (lindeburg, dijkhoven)):
        motions = Motion.objects.filter(municipality=municipality)
        assert not motions.filter(meeting__municipality=other).exists()
        assert not motions.filter(portfolio__municipality=other).exists()
        submitters = MotionSubmitter.objects.filter(motion__municipality=municipality)
        assert not submitters.filter(person__municipality=other).exists()
        assert not submitters.filter(party__municipality=other).exists()
        votes = PartyVote.objects.filter(vote__motion__municipality=municipality)
        assert not votes.filter(party__municipality=other).exists()
        commitments = Commitment.objects.filter(municipality=municipality)
        assert not commitments.filter(meeting__municipality=other).exists()
        assert not commitments.filter(portfolio__municipality=other).exists()
        advices = Advice.objects.filter(municipality=municipality)
        assert not advices.filter(portfolio__municipality=other).exists()
        assert not advices.filter(request__municipality=other).exists()
        assert not Person.objects.filter(municipality=municipality, party__municipality=other)


def test_a_sample_of_the_records_is_valid(scale):
    for model in (Motion, Commitment, Advice, Meeting, Vote):
        for record in model.objects.order_by("?")[:25]:
            record.full_clean()
    for point in AdvicePoint.objects.order_by("?")[:10]:
        point.full_clean()
    for response in PointResponse.objects.order_by("?")[:10]:
        response.full_clean()


@override_settings(ALLOWED_HOSTS=["*"])
def test_public_and_admin_pages_answer_for_the_generated_records(scale):
    from django.contrib.auth import get_user_model

    _report, dijkhoven, _ = scale
    host = dijkhoven.site.hostname
    public = Client(HTTP_HOST=host)
    motion = Motion.objects.published().filter(municipality=dijkhoven).first()
    commitment = Commitment.objects.published().filter(municipality=dijkhoven).first()
    advice = Advice.objects.filter(municipality=dijkhoven, status=AdviceStatus.published).first()
    for path in (
        "/",
        "/moties/",
        f"/moties/{motion.number}/",
        f"/toezeggingen/{commitment.number}/",
        f"/adviezen/{advice.pk}/",
        "/zoeken/?q=mantelzorg",
    ):
        assert public.get(path).status_code == 200, path
    assert "mantelzorg" in public.get("/zoeken/?q=mantelzorg").content.decode().lower()
    admin = Client(HTTP_HOST=host)
    admin.force_login(get_user_model().objects.get(username="griffie"))
    for path in (
        "/admin/",
        "/admin/motion/",
        "/admin/motion/?q=mantelzorg",
        f"/admin/motion/edit/{motion.pk}/",
        f"/admin/motion/history/{motion.pk}/",
        f"/admin/advice/inspect/{advice.pk}/",
    ):
        assert admin.get(path).status_code == 200, path


@override_settings(RAADSVOLG_DEMO=True)
def test_the_command_prints_what_it_made(capsys):
    call_command("generate_scale_data", "--moties", "20", "--points", "2")
    output = capsys.readouterr().out
    assert "moties" in output and "total" in output
    assert Motion.objects.count() == 20 + 5


@override_settings(RAADSVOLG_DEMO=False, DEBUG=False)
def test_the_command_refuses_outside_demo_mode():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="demo"):
        call_command("generate_scale_data", "--moties", "5")
    assert not Motion.objects.exists()
