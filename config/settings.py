"""One settings module. Production differs from development only by environment variables
(every one of them is listed, with a comment, in .env.example)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config import private_files
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# Owner-only (0700): the database, its WAL and the media in it are the users' data.
DATA_DIR = private_files.private_dir(Path(env_str("COFFEECHAT_DATA_DIR", str(BASE_DIR / "data"))))


def _secret_key() -> str:
    # A self-hosted install should not need a manual step: a key is generated once (0600)
    # into SECRET_KEY_FILE, by default the user's config folder, not the data directory,
    # so a copy of data/ can't decrypt the secrets stored in it (docs/security.md).
    given = env_str("SECRET_KEY")
    if given:
        return given
    try:
        return private_files.read_or_create_key(SECRET_KEY_PATH)
    except OSError as error:
        raise ImproperlyConfigured(
            f"Can't read or create the secret key file {SECRET_KEY_PATH} ({error.strerror}): set "
            "SECRET_KEY, or SECRET_KEY_FILE to a path this user can write."
        ) from None


# The key file (read unless SECRET_KEY is given): `manage.py restore` writes a backup's key here.
SECRET_KEY_PATH = Path(env_str("SECRET_KEY_FILE") or private_files.default_key_file(DATA_DIR))
SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])


def _site_url(host: str, port: str) -> str:
    """The address `make run` serves on (HOST, PORT), for links in emails without SITE_URL."""
    host = host.strip("[]") or "127.0.0.1"
    if host in ("0.0.0.0", "::"):  # listening everywhere: this machine answers on loopback
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port or '8000'}"


SITE_URL = env_str("SITE_URL") or _site_url(env_str("HOST"), env_str("PORT"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Before django_tasks_db: its `db_worker` command is replaced by one that survives a
    # locked SQLite database (coffeechat/scheduler/management/commands/db_worker.py).
    "coffeechat.scheduler",
    "django_tasks_db",
    "coffeechat.lib",
    "coffeechat.search",  # the full-text index: SQL over other apps' tables, imports none
    "coffeechat.accounts",
    "coffeechat.network",
    "coffeechat.conversations",
    "coffeechat.prep",
    "coffeechat.cards",
    "coffeechat.outreach",
    "coffeechat.scheduling",
    "coffeechat.profile",
    "coffeechat.imports",
    "coffeechat.exports",
    "coffeechat.assessment",
    "coffeechat.targets",
    "coffeechat.occupations",
    "coffeechat.strategy",
    "coffeechat.insights",
    "coffeechat.resumes",
    "coffeechat.demo",
    "coffeechat.api",
    "ninja",  # its own Swagger UI files, served from static/ (no CDN)
    "coffeechat.mcpserver",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coffeechat.accounts.middleware.SessionActivityMiddleware",
    "coffeechat.accounts.middleware.StaffTwoFactorMiddleware",
    "coffeechat.lib.middleware.NoStoreForSignedInMiddleware",
    "coffeechat.accounts.middleware.UserTimezoneMiddleware",
    # Last, so it wraps the view alone: a creating form's retried POST creates nothing new.
    "coffeechat.lib.idempotency.FormKeyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coffeechat.network.context_processors.quick_add",
            ],
            # One way to write dates on every page: {{ when|day }} (lib/dates.py).
            "builtins": ["coffeechat.lib.templatetags.dates"],
        },
    },
]

# SQLite by default; PostgreSQL (or anything dj-database-url reads) when DATABASE_URL says so.
# The SQLite options are the ones that measured safe under concurrent writers and kill -9
# (docs/operations.md, "The database"). Never ATOMIC_REQUESTS with IMMEDIATE.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"),
}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "coffeechat.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
            # Tests use a real file too, so WAL and the busy timeout are what they exercise;
            # one per process, so several test runs on one machine don't share a database.
            "TEST": {
                "NAME": str(Path(tempfile.gettempdir()) / f"coffeechat-test-{os.getpid()}.sqlite3")
            },
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", SQLITE_OPTIONS)
    if Path(DATABASES["default"]["NAME"]).parent == DATA_DIR:
        private_files.private_database(Path(DATABASES["default"]["NAME"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "coffeechat.accounts.passwords.ContextWordsValidator"},
]
# More words no password may contain (an institution's name), comma-separated.
PASSWORD_CONTEXT_WORDS = env_list("PASSWORD_CONTEXT_WORDS", [])

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "conversations:today"
# A new account starts with the short onboarding (skippable; nothing ever redirects back to it).
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:welcome"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[coffeechat] "
ACCOUNT_ADAPTER = "coffeechat.accounts.adapter.AccountAdapter"
# Failed sign-ins: per client address, and per account (a browser the owner already signed in
# from counts apart, so strangers can't lock them out: coffeechat/accounts/throttle.py).
ACCOUNT_RATE_LIMITS = {"login_failed": env_str("LOGIN_FAILED_RATE", "10/m/ip,5/5m/key,20/h/key")}
# The client's address, which the per-address limits and the audit log use. Behind a reverse
# proxy set how many proxies you run (they append to X-Forwarded-For), or the header your one
# trusted proxy sets (X-Real-IP); otherwise every client looks like the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER") or None
# How long the security page's audit log keeps events (coffeechat/accounts/audit.py).
AUDIT_LOG_DAYS = env_int("AUDIT_LOG_DAYS", 365)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "coffeechat"
# The code forms, whose refusal of a throttled code says how long to wait (accounts/forms.py).
MFA_FORMS = {
    "authenticate": "coffeechat.accounts.forms.TwoFactorForm",
    "reauthenticate": "coffeechat.accounts.forms.TwoFactorAgainForm",
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Public files: readable by a web server in front of granian too.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded and generated files are the users' data: owner-only (Django's default is 0644).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Mail: the console by default, so a fresh install shows reminder digests in its log.
# Set EMAIL_HOST to deliver over SMTP.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "coffeechat <coffeechat@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env_str("EMAIL_HOST"):
    MAILERS: dict[str, dict[str, Any]] = {  # the shape of Django's DATABASES, CACHES...
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# One queue per kind of work, each with its own worker (scripts/run.sh), so a big import or a
# pile of card photos never delays mail and reminders (docs/operations.md, "Processes").
TASK_QUEUES = ["default", "imports", "cards"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

# The JSON API (/api/v1/): requests per minute per token, then 429 with Retry-After.
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 120)
# The cache holds sign-in throttling counts and used two-factor codes: in the database, so every
# server process shares them and a restart keeps them. Its table is made by a migration
# (accounts 0006). Many entries, so an attacker can't push the counts out with junk keys.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "coffeechat_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 200_000)},
    }
}

# People's outreach mail through the server's own mailer (when they have no SMTP server of
# their own): only from accounts with a confirmed email address, at most this many messages
# per account and in all per 24 hours (no "send anyway" passes these), or not at all.
SERVER_MAIL_FOR_USERS = env_bool("SERVER_MAIL_FOR_USERS", True)
SERVER_MAIL_DAILY_PER_ACCOUNT = env_int("SERVER_MAIL_DAILY_PER_ACCOUNT", 20)
SERVER_MAIL_DAILY_TOTAL = env_int("SERVER_MAIL_DAILY_TOTAL", 500)

# Hosts users type (their SMTP and IMAP servers, the AI endpoint) are reached only at public
# addresses and expected ports (coffeechat/lib/netguard.py), unless ALLOW_PRIVATE_HOSTS: a
# single-user install whose mail server or Ollama is on its own network. By default private
# hosts are allowed exactly when sign-up is closed (docs/security.md).
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", True)
ALLOW_PRIVATE_HOSTS = env_bool("ALLOW_PRIVATE_HOSTS", not SIGNUP_OPEN)
AI_ENDPOINT_PORTS = [int(port) for port in env_list("AI_ENDPOINT_PORTS", ["443"])]

# Security. HTTPS=true turns on everything that only makes sense behind TLS;
# `manage.py check --deploy` is clean with it (see coffeechat/lib/tests/test_deploy.py).
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session ends after SESSION_IDLE_HOURS without a request, and SESSION_MAX_DAYS after its
# sign-in however busy (coffeechat/accounts/middleware.py, SessionActivityMiddleware).
SESSION_IDLE_HOURS = env_int("SESSION_IDLE_HOURS", 24)
SESSION_MAX_DAYS = env_int("SESSION_MAX_DAYS", 14)
SESSION_COOKIE_AGE = SESSION_IDLE_HOURS * 3600
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
