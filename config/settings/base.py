"""Settings shared by every environment; values come from the environment (12-factor)."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's SQLite: a writer waits for another (up to 20 s) instead of failing with
    # "database is locked", and takes the write lock when its transaction begins, so
    # two requests cannot both read and then fail to upgrade to writing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "governance",
    "motions",
    "commitments",
    "advice",
    "operations",
    "signin",
    "opendata",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "django.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    # The Wagtail admin cannot run without these two (it links their API), but their
    # libraries are switched off: no URLs, menu items or permissions (governance/apps.py).
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
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The open data API's libraries come last: of the apps' catalogues the earlier win,
    # and Django REST framework's Dutch rewords Django's form messages
    # (governance/upstream_strings.py pins those that matter).
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
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

# SINGLE SIGN-ON (OpenID Connect, governance/oidc.py): on when all six are set.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # users are matched by e-mail, never created
OIDC_TIMEOUT = 10
RAADSVOLG_OIDC_NAME = env("RAADSVOLG_OIDC_NAME", default="")  # "Inloggen met <name>"
_oidc = [OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT]
if all([*_oidc, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT]):
    AUTHENTICATION_BACKENDS.append("governance.oidc.EmailBackend")
# Whom a signed-in user without a role should ask (governance/access.py); optional.
RAADSVOLG_ACCESS_CONTACT = env("RAADSVOLG_ACCESS_CONTACT", default="")

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
    # First: a request id for every log line, and /healthz/, /readyz/ before the host
    # check and the HTTPS redirect (operations/middleware.py).
    "operations.middleware.RequestLogMiddleware",
    "operations.middleware.HealthCheckMiddleware",
    # Open CORS for the read-only API only (CORS_URLS_REGEX below).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "governance.security.SecurityHeadersMiddleware",
    # Public answers for anonymous visitors from the cache, per municipality: inside the
    # security headers (each answer gets fresh ones), before the session and the rest
    # (operations/public_cache.py, docs/scale.md).
    "operations.public_cache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in security (signin/): session limits, then the second factor.
    "django_otp.middleware.OTPMiddleware",
    "signin.middleware.SessionLimitsMiddleware",
    "signin.middleware.RequireSecondFactorMiddleware",
    "governance.access.NoRoleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lock-out into signin.lockout's Dutch page.
    "axes.middleware.AxesMiddleware",
]

# OPEN DATA API (opendata/api, docs/api.md)
# ------------------------------------------------------------------------------
# Requests per client address (governance.audit.client_ip); DRF's rate syntax.
RAADSVOLG_API_RATE_LIMIT = env("RAADSVOLG_API_RATE_LIMIT", default="120/minute")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Only the API's own views set their classes; these defaults keep any other DRF
    # view (Wagtail's) as it was.
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Raadsvolg open data API",
    "DESCRIPTION": (
        "Alles wat de gemeente publiceerde in Raadsvolg, per gemeente: moties met "
        "indieners, stemming en stemresultaat per fractie, toezeggingen, adviezen van de "
        "adviesraad met per punt het standpunt en de reactie van het college, en de "
        "verzonden brieven. Alleen lezen, JSON, vrij te gebruiken.\n\n"
        "Op de eigen host van de gemeente staat de API onder /api/v1/; op elke host "
        "onder /api/v1/gemeenten/<TOOI-code>/ (bijvoorbeeld gm0153)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "PREPROCESSING_HOOKS": ["opendata.api.schema.only_the_api"],
    "COMPONENT_SPLIT_REQUEST": False,
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# SECURITY HEADERS (the same in every environment, so developers see violations)
# ------------------------------------------------------------------------------
# Inline <script> and <style> need the request's nonce (CSP_NONCE in templates);
# the relaxations Wagtail's admin needs are in governance/security.py (docs/decisions.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # No page is framed, except Wagtail's previews: governance/security.py lets those
        # be framed by the admin, as their X-Frame-Options: SAMEORIGIN does.
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features Raadsvolg never uses, refused for every page (governance/security.py).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "hid",
        "midi",
        "magnetometer",
        "gyroscope",
        "accelerometer",
        "display-capture",
        "browsing-topics",
        "interest-cohort",
    )
}

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
                "csp.context_processors.nonce",
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
    "default": {"BACKEND": "governance.search_backend", "SEARCH_CONFIG": "dutch"}
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
# Anonymous public answers from the shared cache, per municipality
# (operations/public_cache.py); off only to measure the views themselves.
RAADSVOLG_PUBLIC_CACHE = env.bool("RAADSVOLG_PUBLIC_CACHE", default=True)
# Demo data and the printed demo credentials exist only where this is true.
RAADSVOLG_DEMO = env.bool("RAADSVOLG_DEMO", default=False)
# The largest letter or document a user may upload.
RAADSVOLG_MAX_UPLOAD_MB = env.int("RAADSVOLG_MAX_UPLOAD_MB", default=10)
# The form fields of a request, files not counted (they stream, see below).
DATA_UPLOAD_MAX_MEMORY_SIZE = (RAADSVOLG_MAX_UPLOAD_MB + 1) * 1024 * 1024
# The first handler drops a file's bytes past RAADSVOLG_MAX_UPLOAD_MB, so that the form
# refuses it by its size without reading it; files above 2.5 MB stream to a temporary
# file rather than into memory (governance/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "governance.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# An archive (DOCX, XLSX) is refused by its table of contents when it unpacks to more
# than this, has more parts, or packs a part above 1 MB tighter than this ratio.
RAADSVOLG_ARCHIVE_MAX_UNPACKED_MB = env.int("RAADSVOLG_ARCHIVE_MAX_UNPACKED_MB", default=50)
RAADSVOLG_ARCHIVE_MAX_ENTRIES = env.int("RAADSVOLG_ARCHIVE_MAX_ENTRIES", default=2000)
RAADSVOLG_ARCHIVE_MAX_RATIO = env.int("RAADSVOLG_ARCHIVE_MAX_RATIO", default=100)
# Reading the text of an uploaded PDF or Word letter runs in a child process with these
# bounds on wall-clock time and address space; a PDF longer than this is not read.
RAADSVOLG_EXTRACTION_TIMEOUT = env.float("RAADSVOLG_EXTRACTION_TIMEOUT", default=30)
RAADSVOLG_EXTRACTION_MEMORY_MB = env.int("RAADSVOLG_EXTRACTION_MEMORY_MB", default=1024)
RAADSVOLG_PDF_MAX_PAGES = env.int("RAADSVOLG_PDF_MAX_PAGES", default=300)

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
