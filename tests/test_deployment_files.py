"""The Dockerfile and compose.yaml (no Docker daemon in the test run): compose has the
services the README promises, all from one image; each variable an operator must set is
in the README's table; the image runs as a non-root user with a health check."""

import re
import subprocess

import yaml
from django.conf import settings

ROOT = settings.BASE_DIR


def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_web_worker_reminders_migrate_postgres_and_s3():
    services = compose()["services"]
    assert set(services) == {"db", "minio", "bucket", "migrate", "web", "worker", "reminders"}
    assert services["db"]["image"] == "postgres:15"
    commands = {name: services[name]["command"] for name in ("migrate", "web", "worker")}
    assert commands["migrate"][:3] == ["python", "manage.py", "migrate"]
    assert commands["web"] == ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
    assert commands["worker"] == ["python", "manage.py", "db_worker"]
    assert services["reminders"]["command"] == ["bin/daily"]
    for name in ("web", "worker", "reminders"):
        assert services[name]["image"] == "raadsvolg:latest"
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
        environment = services[name]["environment"]
        assert environment["RAADSVOLG_S3_BUCKET"] == "raadsvolg"
        assert environment["DATABASE_URL"].endswith("@db:5432/raadsvolg")


def test_every_variable_an_operator_must_set_is_in_the_readme():
    text = (ROOT / "compose.yaml").read_text()
    required = set(re.findall(r"\$\{([A-Z_]+):\?", text))
    assert {"DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD"} <= required
    readme = (ROOT / "README.md").read_text()
    settings_used = set(compose()["services"]["web"]["environment"]) | required
    missing = [name for name in sorted(settings_used) if f"`{name}`" not in readme]
    assert missing == []


def test_the_image_runs_as_a_user_with_a_health_check_and_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    final_stage = dockerfile.rsplit("\nFROM ", 1)[1]
    assert re.search(r"^USER 10001$", final_stage, re.M)
    assert "useradd --system --uid 10001" in final_stage
    assert "/healthz/" in final_stage.split("HEALTHCHECK", 1)[1]
    assert 'CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]' in final_stage
    assert "uv sync --frozen --no-dev" in dockerfile
    assert "EXPOSE 8000" in final_stage


def test_the_daily_loop_is_valid_shell():
    result = subprocess.run(["sh", "-n", str(ROOT / "bin" / "daily")], capture_output=True)
    assert result.returncode == 0, result.stderr


def test_gunicorn_settings_log_json_and_have_no_access_log():
    namespace = {}
    exec((ROOT / "config" / "gunicorn.py").read_text(), namespace)
    assert namespace["accesslog"] is None
    assert namespace["logconfig_dict"]["loggers"]["gunicorn.error"]["propagate"] is True
    assert namespace["timeout"] >= 60
