"""Every user-visible string is translatable and has its Dutch translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
SOURCES = [
    "config",
    "governance",
    "motions",
    "commitments",
    "advice",
    "operations",
    "signin",
    "opendata",
    "templates",
    "site",
    "manage.py",
]


def test_every_entry_of_the_dutch_catalogue_is_translated():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]
    assert untranslated == []
    assert len(catalogue) > 100


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    """makemessages on a copy of the sources finds no string the catalogue lacks."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale" / "nl" / "LC_MESSAGES").mkdir(parents=True)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location", "-v0"],
        cwd=tmp_path,
        check=True,
    )
    found = {e.msgid for e in polib.pofile(str(tmp_path / "locale/nl/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    assert sorted(found - committed) == []
