"""`manage.py bench_scale` at a tiny size: every page it lists answers 200, and a page
that does not is printed as a finding (issue 16)."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from operations import bench_pages

pytestmark = pytest.mark.django_db

MEASURED = re.compile(r"^  (?P<label>.+?)\s+(?P<status>\d{3})\s+\d+ q\s", re.MULTILINE)


def run_bench(tmp_path):
    out = io.StringIO()
    markdown = tmp_path / "scale.md"
    with override_settings(RAADSVOLG_DEMO=True):
        call_command(
            "bench_scale",
            "--sizes",
            "5",
            "--repeat",
            "1",
            "--no-throughput",
            "--markdown",
            str(markdown),
            stdout=out,
        )
    return out.getvalue(), markdown.read_text()


def test_every_listed_page_answers_200(tmp_path):
    output, markdown = run_bench(tmp_path)
    measured = {m["label"]: m["status"] for m in MEASURED.finditer(output)}
    assert len(measured) >= 60, output
    assert {label for label, status in measured.items() if status != "200"} == set()
    for kind_of_page in (
        "admin home (griffie)",
        "admin motievolglijst search (college)",
        "admin auditlog (beheer)",
        "motie",
        "zoeken mantelzorg",
        "termijnen.ics",
        "sitemap.xml",
        "api moties detail",
    ):
        assert kind_of_page in measured
    assert any(label.startswith("woo sitemap index") for label in measured)
    assert "| admin home (griffie) | admin |" in markdown
    assert "Pages missing a target" in output


def test_a_page_that_does_not_answer_200_is_a_finding(tmp_path, monkeypatch):
    listed = bench_pages.public_pages

    def with_a_broken_one(site):
        return [*listed(site), bench_pages.Page("broken", "public", "/bestaat-niet/")]

    monkeypatch.setattr(bench_pages, "public_pages", with_a_broken_one)
    output, markdown = run_bench(tmp_path)
    measured = {m["label"]: m["status"] for m in MEASURED.finditer(output)}
    assert measured["broken"] == "404"
    assert "<-- HTTP 404" in output
    assert re.search(r"\| broken \| public \|.*\| HTTP 404", markdown)


def test_it_refuses_outside_demo_mode():
    from django.core.management.base import CommandError

    with override_settings(RAADSVOLG_DEMO=False, DEBUG=False), pytest.raises(CommandError):
        call_command("bench_scale", "--sizes", "5", "--no-throughput")
