"""Settings shared by every environment; values come from the environment (12-factor)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from operations.logging import configure_structlog, logging_config
from operations.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# I18N
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# DATABASES
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "governance",
    "motions",
    "commitments",
    "advice",
    "operations",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "django.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # Grants admin access to anyone holding a Raadsvolg role; see governance/auth.py.
    "governance.auth.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    # First: a request id for every log line, and /healthz/, /readyz/ before the host
    # check and the HTTPS redirect (operations/middleware.py).
    "operations.middleware.RequestLogMiddleware",
    "operations.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-MAIL
# ------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Raadsvolg <noreply@raadsvolg.localhost>")

# TASKS
# ------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Raadsvolg"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Dutch stemming where the database has it (PostgreSQL); SQLite ignores the setting.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Nothing in the admin calls a third party: no Gravatar (it would receive a hash of
# every user's e-mail address; avatars fall back to Wagtail's own image), no "What's
# new" banner; governance/wagtail_hooks.py drops the help items that lead off-site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Wagtail's login form leaves the password field without a (translated) label.
WAGTAILADMIN_USER_LOGIN_FORM = "governance.forms.LoginForm"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# HISTORY
# ------------------------------------------------------------------------------
# Reasons for a change are free text: the default varchar(100) would make a longer
# reason a database error on PostgreSQL.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# RAADSVOLG
# ------------------------------------------------------------------------------
# Demo data and the printed demo credentials exist only where this is true.
RAADSVOLG_DEMO = env.bool("RAADSVOLG_DEMO", default=False)
# The largest letter or document a user may upload.
RAADSVOLG_MAX_UPLOAD_MB = env.int("RAADSVOLG_MAX_UPLOAD_MB", default=10)
DATA_UPLOAD_MAX_MEMORY_SIZE = (RAADSVOLG_MAX_UPLOAD_MB + 1) * 1024 * 1024

# LOGGING AND ERRORS
# ------------------------------------------------------------------------------
# structlog: one JSON object per line (`json`, production) or readable text (`console`).
configure_structlog()
LOGGING = logging_config(
    env("DJANGO_LOG_FORMAT", default="json"), env("DJANGO_LOG_LEVEL", default="INFO")
)
# Sentry (or GlitchTip) only when a DSN is set; no personal data is sent.
init_sentry(
    env("SENTRY_DSN", default=""),
    environment=env("SENTRY_ENVIRONMENT", default=""),
    release=env("SENTRY_RELEASE", default=""),
)
