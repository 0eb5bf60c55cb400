"""Settings shared by every environment; values come from the environment (12-factor)."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

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
    "signin",
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes refuses a locked-out username + address before any other backend runs.
    "axes.backends.AxesStandaloneBackend",
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

# SIGN-IN SECURITY (signin/; README "Sign-in security")
# ------------------------------------------------------------------------------
# A second factor (TOTP) for password accounts; OpenID Connect sign-ins are left to the
# provider's MFA. Off here for the demo of `make run`; production turns it on.
RAADSVOLG_REQUIRE_MFA = env.bool("RAADSVOLG_REQUIRE_MFA", default=False)
OTP_TOTP_ISSUER = "Raadsvolg"
# Lock-out of one username from one address after this many failures (password or
# second factor) within the lock-out time, for the lock-out time.
RAADSVOLG_LOGIN_FAILURE_LIMIT = env.int("RAADSVOLG_LOGIN_FAILURE_LIMIT", default=5)
RAADSVOLG_LOGIN_LOCKOUT_MINUTES = env.int("RAADSVOLG_LOGIN_LOCKOUT_MINUTES", default=15)
AXES_FAILURE_LIMIT = RAADSVOLG_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=RAADSVOLG_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Locked for exactly the lock-out time: tries during it do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "signin.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "signin.lockout.client_ip"
# Reverse proxies in front of the application that append to X-Forwarded-For.
RAADSVOLG_TRUSTED_PROXIES = env.int("RAADSVOLG_TRUSTED_PROXIES", default=0)
# Sessions end after this long without a request, and this long after signing in.
RAADSVOLG_SESSION_IDLE_MINUTES = env.int("RAADSVOLG_SESSION_IDLE_MINUTES", default=60)
RAADSVOLG_SESSION_MAX_HOURS = env.int("RAADSVOLG_SESSION_MAX_HOURS", default=10)
# The stored session lives as long as the longest allowed; SessionLimitsMiddleware ends
# it earlier, and so can say why.
SESSION_COOKIE_AGE = RAADSVOLG_SESSION_MAX_HOURS * 60 * 60
# Password-reset mails per e-mail address and per client address per hour.
RAADSVOLG_PASSWORD_RESET_LIMIT = env.int("RAADSVOLG_PASSWORD_RESET_LIMIT", default=3)

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in security (signin/): session limits, then the second factor.
    "django_otp.middleware.OTPMiddleware",
    "signin.middleware.SessionLimitsMiddleware",
    "signin.middleware.RequireSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lock-out into signin.lockout's Dutch page.
    "axes.middleware.AxesMiddleware",
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

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Every task logs its start and end at INFO; that is noise, not news.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
