"""Where uploads and generated letters live: the file system, or an S3-compatible
bucket (MinIO, Ceph, a cloud's object storage) through django-storages.

The bucket is private: every object is written with the `private` ACL and Raadsvolg
never hands out a bucket URL: files are read through `storage.open()` by the views
that check who may see them."""

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def default_storage_setting(environ) -> dict:
    """STORAGES["default"] from `environ` (os.environ): S3 when RAADSVOLG_S3_BUCKET is
    set, else DJANGO_FILE_STORAGE (a dotted backend), else the file system."""
    bucket = environ.get("RAADSVOLG_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": environ.get("DJANGO_FILE_STORAGE", FILE_SYSTEM)}
    options = {
        "bucket_name": bucket,
        "default_acl": "private",
        # Signed, short-lived URLs if anything ever asks for one; nothing should.
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "location": environ.get("RAADSVOLG_S3_PREFIX", ""),
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ):
        if value := environ.get(variable, ""):
            options[option] = value
    if environ.get("AWS_S3_ADDRESSING_STYLE", ""):
        options["addressing_style"] = environ["AWS_S3_ADDRESSING_STYLE"]
    return {"BACKEND": S3, "OPTIONS": options}
