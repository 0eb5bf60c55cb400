"""Object storage: with RAADSVOLG_S3_BUCKET the production settings store uploads and
letters in a private S3 bucket (django-storages), and a letter written there is read
back through the view that checks who may see it. The S3 endpoint is moto's server on
loopback: real HTTP, real signatures, no mock of the client library."""

import json
import logging
import os
import socket
import subprocess
import sys

import boto3
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import override_settings
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from operations.storage import S3, default_storage_setting
from tests.test_public_motions import get, motion
from tests.test_public_motions import site as site  # the fixture

BUCKET = "raadsvolg-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_env(endpoint):
    return {
        "RAADSVOLG_S3_BUCKET": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "raadsvolg",
        "AWS_SECRET_ACCESS_KEY": "raadsvolg-secret",
    }


@pytest.fixture
def s3_storage(s3_endpoint):
    env = s3_env(s3_endpoint)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    storages = {**settings.STORAGES, "default": default_storage_setting(env)}
    with override_settings(STORAGES=storages):
        yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_without_a_bucket_the_file_system_is_used():
    assert default_storage_setting({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_production_settings_with_s3_variables_choose_a_private_s3_bucket():
    env = {
        **os.environ,
        **s3_env("http://127.0.0.1:9"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://nobody@localhost/nothing",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    default = json.loads(result.stdout.strip().splitlines()[-1])
    assert default["BACKEND"] == S3
    assert default["OPTIONS"]["bucket_name"] == BUCKET
    assert default["OPTIONS"]["default_acl"] == "private"
    assert default["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9"
    assert default["OPTIONS"]["file_overwrite"] is False


def test_a_sent_letter_is_stored_in_the_bucket_and_served_through_its_view(town, site, s3_storage):
    from governance.models import Letterhead
    from motions.models import CompletionLetter
    from motions.publication import set_published

    assert isinstance(default_storage, S3Storage)
    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="S.",
        mayor_name="B.",
    )
    record = motion(town, "Brief in de bucket")
    letter = CompletionLetter.objects.create(motion=record, core_message="<p>Uitgevoerd.</p>")
    letter.send(town.staff)
    set_published(record, town.griffie, True)

    [stored] = s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"] == letter.pdf.name
    grants = s3_storage.get_object_acl(Bucket=BUCKET, Key=stored["Key"])["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)

    response = get(f"/moties/{record.number}/brief/{letter.pk}/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert body == s3_storage.get_object(Bucket=BUCKET, Key=stored["Key"])["Body"].read()


def test_readyz_writes_and_removes_its_probe_in_the_bucket(client, db, s3_storage):
    response = client.get("/readyz/")
    assert response.json()["checks"]["storage"] == "ok"
    assert s3_storage.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0
