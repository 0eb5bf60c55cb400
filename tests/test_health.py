"""/healthz/ and /readyz/: without login, for any host, over plain HTTP in production,
never cached; /readyz/ names the check that failed and nothing more."""

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import OperationalError
from django.test import override_settings

from operations import health


def test_healthz_answers_ok_without_touching_the_database(client):
    # No `db` fixture: any database access here would raise and answer 500.
    response = client.get("/healthz/", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_readyz_is_ok_when_database_migrations_and_storage_are(client):
    response = client.get("/readyz/", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "storage": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_leaves_no_probe_file_behind(client):
    from django.core.files.storage import default_storage

    client.get("/readyz/")
    assert default_storage.listdir(health.PROBE_FOLDER) == ([], [])


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["raadsvolg.example"], SECURE_SSL_REDIRECT=True)
def test_both_answer_any_host_over_plain_http_where_other_pages_redirect(client):
    assert client.get("/healthz/", HTTP_HOST="10.1.2.3").status_code == 200
    assert client.get("/readyz/", HTTP_HOST="10.1.2.3").status_code == 200
    assert client.get("/", HTTP_HOST="10.1.2.3").status_code == 400
    assert client.get("/", HTTP_HOST="raadsvolg.example").status_code == 301


@pytest.mark.django_db
def test_readyz_503_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('could not connect to server: password "s3cret" rejected')

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": "failed", "migrations": "skipped", "storage": "ok"},
    }
    assert b"s3cret" not in response.content


@pytest.mark.django_db
def test_readyz_503_when_a_migration_is_not_applied(client):
    recorder = MigrationRecorder(connection)
    latest = recorder.migration_qs.filter(app="governance").order_by("-id").first()
    recorder.record_unapplied("governance", latest.name)
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "failed",
        "storage": "ok",
    }
    assert latest.name.encode() not in response.content


@pytest.mark.django_db
def test_readyz_503_when_the_storage_cannot_be_written(client, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "storage": "failed"}
    assert str(tmp_path).encode() not in response.content
