"""Settings for the portal: one module, read from the environment.

Every value defaults to production: debug off, so the portal refuses to start
without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS. A developer asks for debug
(DJANGO_DEBUG=1): `make run` and the test suite (pyproject.toml) do, and only
then are the secret key and host names optional. SQLite and a local-memory
cache need no server either way; see README.md for the full list.
"""

import datetime
import os
import re
import sqlite3
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    """Read a yes/no variable; a value we do not understand stops the start-up."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected 1/0, true/false, yes/no or on/off")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from None


def envcount(name, default):
    """A whole number of 1 or more (a limit, a number of days)."""
    value = envint(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number of 1 or more")
    return value


def envrate(name, default):
    """A rate such as `5/m`, `30/h` or `10/5m`; `0` or `off` for none. Checked at start-up."""
    value = (os.environ.get(name) or default).strip().lower()
    if value in ("0", "off", "none"):
        return "0"
    match = re.fullmatch(r"(\d+)/(\d*)([smhd])", value)
    if not match or int(match.group(1)) == 0:
        raise ImproperlyConfigured(f"{name}={value!r}: expected e.g. 5/m, 30/h or 0")
    return value


def envlist(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Off unless asked for: a server started without the variable (gunicorn by hand,
# a systemd unit that forgot it) must not show tracebacks and settings to the public.
DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set in production (DJANGO_DEBUG is off unless set to 1; "
            "on a developer's machine, use make run)"
        )
    # Only ever used on a developer's machine: debug mode is never exposed.
    SECRET_KEY = "django-insecure-local-development-key-do-not-deploy"

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if not DEBUG and not os.environ.get("DJANGO_ALLOWED_HOSTS", "").strip():
    # Otherwise every request to the real domain gets a bare 400, with no hint why.
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must be set in production (DJANGO_DEBUG is off unless set to 1)"
    )
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Passkeys (django-otp-webauthn, portal/two_factor.py): the relying party is the
# host staff sign in on, and a passkey answers only on the portal's own origins:
# DJANGO_PASSKEY_ORIGINS, else the trusted origins, else https:// and each host name.
OTP_WEBAUTHN_RP_NAME = "Cổng cảnh báo lừa đảo"
# The name an authenticator app shows beside the six digits (otpauth:// issuer).
OTP_TOTP_ISSUER = "Cổng cảnh báo lừa đảo"
OTP_WEBAUTHN_RP_ID_CALLABLE = "portal.two_factor.passkey_rp_id"
OTP_WEBAUTHN_ALLOWED_ORIGINS = envlist(
    "DJANGO_PASSKEY_ORIGINS",
    CSRF_TRUSTED_ORIGINS
    or [f"https://{host}" for host in ALLOWED_HOSTS if host != "*" and host[:1] != "."]
    + (["http://localhost:8000"] if DEBUG else []),
)
# In Vietnamese, and what the citizen typed comes back instead of being lost.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
# Debug's error page masks credentials in every URL-shaped value, whatever the
# setting or variable is called (DATABASE_URL, REDIS_URL): Django masks by name only.
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.error_reports.CredentialFilter"

INSTALLED_APPS = [
    # Django's admin with the second factor (portal.admin_site.PortalAdminSite).
    "portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    # The job queue (portal/jobs.py): django-tasks and its database backend.
    "django_tasks",
    "django_tasks_db",
    # Staff second factor (portal/two_factor.py): authenticator apps (TOTP),
    # one-time recovery codes (static) and passkeys (WebAuthn), as django-otp devices.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # Staff audit: history tables with old and new values (audit/, django-simple-history).
    "simple_history",
    "advisories",
    "reports",
    "portal",  # shared counters (portal.models)
    "audit",  # after the apps whose models it records
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cookie holding NUL is dropped before a query sees it.
    "portal.nul_guard.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.VietnameseFirstLocaleMiddleware",
    # A body the client stopped sending (gunicorn's silence limit): the 400 page, in its language.
    "portal.middleware.UnreadableBodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # user.is_verified(); a session past the password only is anonymous everywhere
    # but the second step's pages (portal.two_factor).
    "portal.two_factor.StaffOTPMiddleware",
    # After authentication: each history record knows the request's user and address.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: ends staff sessions idle or too old.
    "portal.staff_sessions.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

# Staff log in to the admin only. django-axes counts failed logins, within the
# cool-off, three ways with a limit each (portal/lockout.py): one account from one
# address (AXES_FAILURE_LIMIT), one address whatever the account, and one account
# whatever the address, this last one not from an address the account signed in
# from lately, so that a stranger cannot lock an inspector out of her own office.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "portal.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = envcount("AXES_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = envcount("LOGIN_ADDRESS_FAILURE_LIMIT", 10)
LOGIN_ACCOUNT_FAILURE_LIMIT = envcount("LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
LOGIN_KNOWN_ADDRESS_DAYS = envcount("LOGIN_KNOWN_ADDRESS_DAYS", 30)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)  # the lockout page says so
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "login_locked.html"
AXES_CLIENT_IP_CALLABLE = "portal.clients.client_ip"  # the same proxies as throttling
AXES_VERBOSE = False
# Staff sign in on the admin's login page; with no `next` they land on the admin's
# index (Django's default, /accounts/profile/, is a page the portal does not have).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# A staff session ends after this many minutes without a request, and this many
# hours after signing in whatever happens (portal/staff_sessions.py). Django's
# default was 14 days with no idle timeout. Citizens have no accounts.
STAFF_SESSION_IDLE_MINUTES = envint("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_HOURS = envint("STAFF_SESSION_HOURS", 12)
if not 1 <= STAFF_SESSION_HOURS <= 24 * 7:
    raise ImproperlyConfigured(f"STAFF_SESSION_HOURS={STAFF_SESSION_HOURS}: expected 1 to 168")
if not 1 <= STAFF_SESSION_IDLE_MINUTES <= STAFF_SESSION_HOURS * 60:
    raise ImproperlyConfigured(
        f"STAFF_SESSION_IDLE_MINUTES={STAFF_SESSION_IDLE_MINUTES}: expected 1 to "
        f"STAFF_SESSION_HOURS × 60 ({STAFF_SESSION_HOURS * 60})"
    )
# The browser drops the cookie at the lifetime too (counted from its last save).
SESSION_COOKIE_AGE = STAFF_SESSION_HOURS * 3600

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_root",
            ],
        },
    },
]

# Database: SQLite in the project by default, anything dj-database-url reads
# otherwise (production: postgres://...).
SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock at BEGIN, so two workers that both read
    # then write wait for each other (busy timeout) instead of failing with
    # "database is locked". WAL lets readers go on while one writes.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# Connections are kept between requests (60 s), SQLite's too: opening one and
# running its PRAGMAs cost 0.8 ms, more than serving a cached page. Each worker
# has its own; in autocommit no read transaction outlives its query, so nothing
# held open stops WAL checkpoints or another worker's write.
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if sqlite3.sqlite_version_info < (3, 35):
        # portal.counters counts with INSERT … ON CONFLICT … RETURNING.
        raise ImproperlyConfigured(f"SQLite 3.35 or later needed, found {sqlite3.sqlite_version}")
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Jobs (portal/jobs.py): rows in the database above, run by `make worker`
# (`manage.py worker`); `make run` starts one beside the development server.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Cache: Redis when REDIS_URL is set (shared by every worker: throttling
# counts must be), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, reusing its Redis client objects (portal/redis_cache.py).
            "BACKEND": "portal.redis_cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        }
    }
else:
    # Each worker its own. Room for a working set of public pages (2,000 pages
    # stored compressed, ~10 KB each: ~20 MB a worker); Django's default of 300
    # entries dropped a third of them whenever readers went beyond the newest letters.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Counters that every worker must share (report throttling): in Redis when there
# is one, else in the database. Never in local memory: that is one count per
# gunicorn worker, which is no limit at all (portal.counters).
SHARED_COUNTERS = "cache" if REDIS_URL else "database"

# Staff passwords (citizens have none): at least 12 characters, not a common one, not
# all digits, not like the user name, and not the portal's own words, a province's
# name or a year with digits around them (portal/passwords.py): Django's defaults
# took "canhbao2025" and "hanoi123".
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's, its refusal in Vietnamese (Django's own catalog lacks it).
        "NAME": "portal.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.passwords.PortalWordsValidator"},
]

# Vietnamese first. Source strings are written in Vietnamese, so a string
# that misses a translation still reads right to a citizen; English comes
# from portal/locale/en.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded evidence: outside static files, never served by whitenoise.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# With several application servers, a local disk would hold each server's uploads
# alone: STORAGE_S3_BUCKET puts them in S3-compatible object storage instead
# (django-storages). Private either way: files are only ever served through the
# permission-checked views, never by a public URL.
STORAGE_S3_BUCKET = os.environ.get("STORAGE_S3_BUCKET", "")
if STORAGE_S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            # Any S3-compatible service (MinIO, a Vietnamese cloud's object store).
            "endpoint_url": os.environ.get("STORAGE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("STORAGE_S3_REGION") or None,
            # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,  # a signed URL, if one is ever made, lives 5 minutes
            "file_overwrite": False,
            "location": os.environ.get("STORAGE_S3_PREFIX", ""),
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

PORTAL_NAME = _("Cổng cảnh báo lừa đảo")

# Security. In production (DEBUG off) everything is on; a deployment whose
# proxy terminates TLS sets DJANGO_SECURE_SSL_REDIRECT=0 and, if the proxy
# sends it, DJANGO_SECURE_PROXY_SSL_HEADER=1 (X-Forwarded-Proto).
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
if not DEBUG and not SECURE_SSL_REDIRECT:
    # Turned off on purpose: the proxy in front redirects to HTTPS itself.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if envbool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Not sent along with requests other sites start (forms posting to us); no script reads it.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): every asset is ours, no inline script or
# style anywhere (the admin's and crispy's templates included), so an injected
# <script> in a letter or a report would not run. data: images are Bootstrap's
# SVG icons in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# No receipt code and nothing a citizen typed in any log line (portal/redaction.py):
# every handler redacts. Django's own `django` handlers (console in debug, mail to
# ADMINS with the whole request) are replaced: its records go to ours, at the root.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "portal.redaction.RedactFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
        # runserver's request lines.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact"],
        },
    },
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# /__bench__/ceiling answers a constant page through every middleware: make bench
# measures what Django alone can serve on the machine and rates each page
# against it. Off (a 404 like any unknown address) everywhere else.
BENCH_CEILING = envbool("PORTAL_BENCH_CEILING", False)

# Staff audit (audit/): no "revert to this version" button in the admin: a change is
# undone by a new change, itself recorded. The CSV export of /admin/audit/ writes at
# most this many records, and says so in its last line when more match.
SIMPLE_HISTORY_REVERT_DISABLED = True
AUDIT_EXPORT_MAX_ROWS = envcount("AUDIT_EXPORT_MAX_ROWS", 50000)

# Citizen reports (reports app).
# Submissions per client and window, e.g. 5/m, 30/h; 0 turns throttling off
# (benchmarks). Counted in the cache: shared by all workers when REDIS_URL is set.
REPORT_RATE_LIMIT = envrate("REPORT_RATE_LIMIT", "5/m")
# How many reverse proxies in front of us append to X-Forwarded-For (0: use
# REMOTE_ADDR only; a client could forge the header otherwise).
REPORT_TRUSTED_PROXIES = envint("REPORT_TRUSTED_PROXIES", 0)
# An IPv6 client is counted by its network prefix (throttling and the login
# lockout): providers hand each subscriber a /64, any address of which it may use.
CLIENT_IPV6_PREFIX = envint("CLIENT_IPV6_PREFIX", 64)
if not 32 <= CLIENT_IPV6_PREFIX <= 128:
    raise ImproperlyConfigured(f"CLIENT_IPV6_PREFIX={CLIENT_IPV6_PREFIX}: expected 32 to 128")
# Report throttling also counts the wider network a client's /64 is in: a household
# or small office gets a /56 and may use several of its /64s. That network may file
# CLIENT_IPV6_WIDE_FACTOR times REPORT_RATE_LIMIT, and examine that many reports'
# files at once (reports/throttle.py). The prefix equal to CLIENT_IPV6_PREFIX turns
# the wider count off.
CLIENT_IPV6_WIDE_PREFIX = envint("CLIENT_IPV6_WIDE_PREFIX", 56)
if not 32 <= CLIENT_IPV6_WIDE_PREFIX <= CLIENT_IPV6_PREFIX:
    raise ImproperlyConfigured(
        f"CLIENT_IPV6_WIDE_PREFIX={CLIENT_IPV6_WIDE_PREFIX}: expected 32 to "
        f"CLIENT_IPV6_PREFIX ({CLIENT_IPV6_PREFIX})"
    )
CLIENT_IPV6_WIDE_FACTOR = envcount("CLIENT_IPV6_WIDE_FACTOR", 3)
# Evidence files: each checked from its content; bigger files are dropped while
# the request is read (the rest of the form survives). The proxy in front should
# also cap the body, e.g. nginx client_max_body_size 35m.
REPORT_EVIDENCE_MAX_SIZE = envint("REPORT_EVIDENCE_MAX_SIZE", 10 * 1024 * 1024)
REPORT_EVIDENCE_MAX_FILES = 3
# A bulk action on the report list (review, forward, resolve, reject, reopen,
# take, give back, give to someone, erase) on at most this many reports runs in
# the request, set based (reports.triage_bulk); above it, it is queued as a job
# (reports.bulk_jobs) and followed on /admin/reports/bulk-steps/. Why 500
# (bench/bulk_steps.py, 20,000 reports, a 2-CPU machine shared with other work):
# set based, 500 reports take 45 ms on SQLite (11,000/s) and 165 ms on
# PostgreSQL (3,000/s; a reply template filled for each report: 87 and 370 ms),
# where one at a time took 2.3 s and 5.7 s. So a request stays well under a
# second on the slower database, and SQLite's single write lock, which every
# citizen filing a report waits for, is held under a tenth of a second. The
# job's chunks are as large (reports.bulk_jobs.CHUNK). 0 queues every bulk action;
# keep it in the thousands at most: the selected ids go into one statement.
REPORT_BULK_IN_REQUEST_MAX = envint("REPORT_BULK_IN_REQUEST_MAX", 500)
if REPORT_BULK_IN_REQUEST_MAX < 0:
    raise ImproperlyConfigured(
        f"REPORT_BULK_IN_REQUEST_MAX={REPORT_BULK_IN_REQUEST_MAX}: expected 0 or more"
    )

# Service levels (reports.service_levels): how many days an open report may stay in
# its state before it is overdue: new (nobody has looked), in review (an inspector
# is on it), forwarded (waiting on the police or a carrier, without an answer).
# Counted from when it entered that state (status_changed_at; created_at if never
# moved). The list flags such reports "Quá hạn", and the dashboard counts them.
REPORT_DAYS_NEW = envcount("REPORT_DAYS_NEW", 2)
REPORT_DAYS_IN_REVIEW = envcount("REPORT_DAYS_IN_REVIEW", 7)
REPORT_DAYS_FORWARDED = envcount("REPORT_DAYS_FORWARDED", 30)
