"""Django settings. Every value that differs between machines comes from the environment;
README.md lists them with their defaults."""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ONEWINDOW_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [p.strip() for p in os.environ.get(name, default).split(",") if p.strip()]


def read_secret(name: str, default: str) -> str:
    """A secret comes from NAME, or from the file named by NAME_FILE (systemd credentials, docker secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


DEBUG = env_bool("DJANGO_DEBUG", False)
# The development key is only good for a laptop; `check --deploy` flags it.
SECRET_KEY = read_secret("DJANGO_SECRET_KEY", "dev-insecure-onewindow-change-me-" + "x" * 20)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "onewindow.core",
    "onewindow.accounts",
    "onewindow.network",
    "onewindow.calendar",
    "onewindow.catalogue",
    "onewindow.cases",
    "onewindow.fees",
    "onewindow.notices",
    "onewindow.queueing",
    "onewindow.licences",
    "onewindow.notifications",
    "onewindow.supervision",
    "onewindow.feedback",
    "onewindow.reports",
    "onewindow.exchange",
    "onewindow.security",
    "onewindow.portal",
    "onewindow.workbench",
    "onewindow.demo",
    # Serves the API docs' Swagger UI from our static files, not a CDN (the CSP allows 'self' only).
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Rate limits on login, token and progress lookup (ONEWINDOW_RATELIMITS).
    "onewindow.security.middleware.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "onewindow.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "onewindow.urls"
WSGI_APPLICATION = "onewindow.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "login"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'onewindow.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL,
                                              conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run during a write; IMMEDIATE makes write transactions take the lock up
        # front so that concurrent writers wait (busy timeout) instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # A kept connection is checked before use, so the first request after a database restart works.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 for new and changed passwords (citizen accounts too); older hashes still verify and are upgraded.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Letters and at least one digit or symbol (GB/T 22239 asks for mixed character classes).
    {"NAME": "onewindow.security.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 2}},
]
# Staff logins through the login page and the admin share the lockout of accounts.lockout.
AUTHENTICATION_BACKENDS = ["onewindow.security.backends.LockoutModelBackend"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("ONEWINDOW_MEDIA_ROOT", VAR_DIR / "media"))

# --- web security (docs/security.md; README "Configuration") ---
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A counter PC is shared: sessions end with the browser and after a working day at most.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("ONEWINDOW_SESSION_HOURS", "10")) * 3600
# Behind HTTPS in production set DJANGO_SECURE_COOKIES=1 (the dev server speaks plain HTTP): secure
# cookies, HSTS and the redirect to HTTPS follow from it unless set one by one.
SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000" if SECURE_COOKIES else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", SECURE_COOKIES)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", SECURE_COOKIES)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", SECURE_COOKIES)
# Only behind a proxy that sets X-Forwarded-Proto itself (and strips it from clients).
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp 4): scripts only from here or with the per-response nonce
# ({{ request.csp_nonce }} / {{ CSP_NONCE }}); no inline event handlers. Styles allow inline because
# htmx's indicator styles and ECharts' tooltips set style attributes. Set ONEWINDOW_CSP_REPORT_ONLY=1
# to try a change without blocking.
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
if env_bool("ONEWINDOW_CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP

# Cache: rate limits and the login lockout must be shared by every worker in production, so set
# ONEWINDOW_CACHE_URL=redis://host:6379/0. Without it each process has its own memory cache.
# The Redis cache used here degrades (logs, acts as a miss) when Redis is down: the site keeps serving.
_CACHE_URL = os.environ.get("ONEWINDOW_CACHE_URL", "")
CACHES = {"default": (
    {"BACKEND": "onewindow.security.cache.TolerantRedisCache", "LOCATION": _CACHE_URL,
     "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    if _CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "onewindow"})}
# Requests per client IP: "<count>/<period>" (s, m, h, d). RATELIMIT_ENABLE=0 switches them off.
RATELIMIT_ENABLE = env_bool("ONEWINDOW_RATELIMIT_ENABLE", True)
ONEWINDOW_RATELIMITS = {
    "login": os.environ.get("ONEWINDOW_RATELIMIT_LOGIN", "20/m"),
    "token": os.environ.get("ONEWINDOW_RATELIMIT_TOKEN", "20/m"),
    "progress": os.environ.get("ONEWINDOW_RATELIMIT_PROGRESS", "30/m"),
}
# Personal data (个人信息保护法): concluded cases keep the applicant's ID number and phone this many
# days, then `manage.py purge_personal_data` masks them (docs/security.md "Retention").
ONEWINDOW_PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("ONEWINDOW_PERSONAL_DATA_RETENTION_DAYS",
                                                            str(365 * 3)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 20

# --- onewindow settings (README "Configuration") ---
# Public address of this installation, printed in QR codes on notices and licences.
ONEWINDOW_PUBLIC_BASE_URL = os.environ.get("ONEWINDOW_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Uploaded case files: largest size in bytes and the types allowed (checked by content, not name).
ONEWINDOW_ATTACHMENT_MAX_BYTES = int(os.environ.get("ONEWINDOW_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
ONEWINDOW_ATTACHMENT_TYPES = env_list("ONEWINDOW_ATTACHMENT_TYPES", "pdf,jpeg,png,ofd")
# Dotted path of the SMS sender for appointment notices; default: the notifications gateway (docs/queue.md).
ONEWINDOW_QUEUE_NOTIFIER = os.environ.get("ONEWINDOW_QUEUE_NOTIFIER",
                                          "onewindow.notifications.bridges.queue_send")
# API bearer tokens live this many days.
ONEWINDOW_API_TOKEN_DAYS = int(os.environ.get("ONEWINDOW_API_TOKEN_DAYS", "30"))
# Default year file for `manage.py calendar_load_year` with no argument (JSON, see docs/calendar.md).
ONEWINDOW_CALENDAR_FILE = os.environ.get("ONEWINDOW_CALENDAR_FILE", "")
# How often (seconds) a process checks whether another process changed the calendar.
ONEWINDOW_CALENDAR_RECHECK_SECONDS = float(os.environ.get("ONEWINDOW_CALENDAR_RECHECK_SECONDS", "5"))
# Gateway per channel (sms, email, wechat, inbox): dotted class paths as JSON; default logs the message.
# Login lockout (accounts.lockout) for staff, citizens and the API; SMS codes (accounts.sms).
ONEWINDOW_LOGIN_MAX_FAILURES = int(os.environ.get("ONEWINDOW_LOGIN_MAX_FAILURES", "5"))
ONEWINDOW_LOGIN_LOCK_MINUTES = int(os.environ.get("ONEWINDOW_LOGIN_LOCK_MINUTES", "15"))
ONEWINDOW_SMS_CODE_MINUTES = int(os.environ.get("ONEWINDOW_SMS_CODE_MINUTES", "5"))
ONEWINDOW_SMS_CODE_ATTEMPTS = int(os.environ.get("ONEWINDOW_SMS_CODE_ATTEMPTS", "5"))
ONEWINDOW_SMS_CODE_INTERVAL_SECONDS = int(os.environ.get("ONEWINDOW_SMS_CODE_INTERVAL_SECONDS", "60"))
# Public progress lookup: django-ratelimit rates per client IP and per case number (docs/portal.md).
ONEWINDOW_PROGRESS_RATE_IP = os.environ.get("ONEWINDOW_PROGRESS_RATE_IP", "10/m")
ONEWINDOW_PROGRESS_RATE_NUMBER = os.environ.get("ONEWINDOW_PROGRESS_RATE_NUMBER", "20/h")
# Supervision colours and anomaly rules (docs/supervision.md).
ONEWINDOW_SUPERVISION_YELLOW_DAYS = int(os.environ.get("ONEWINDOW_SUPERVISION_YELLOW_DAYS", "2"))
ONEWINDOW_SUPERVISION_YELLOW_USED_PERCENT = int(os.environ.get("ONEWINDOW_SUPERVISION_YELLOW_USED_PERCENT",
                                                               "80"))
ONEWINDOW_SUPERVISION_RULES = json.loads(os.environ.get("ONEWINDOW_SUPERVISION_RULES", "{}"))
# Statistics (docs/reports.md): first day of the statistical month, rollup lag, open-data suppression.
ONEWINDOW_REPORT_PERIOD_START_DAY = int(os.environ.get("ONEWINDOW_REPORT_PERIOD_START_DAY", "25"))
ONEWINDOW_REPORTS_ROLLUP_LAG_SECONDS = int(os.environ.get("ONEWINDOW_REPORTS_ROLLUP_LAG_SECONDS", "60"))
ONEWINDOW_OPEN_DATA_MIN_COUNT = int(os.environ.get("ONEWINDOW_OPEN_DATA_MIN_COUNT", "5"))
# Event consumers (webhooks, applicant SMS) skip events younger than this many seconds, so that an event
# whose transaction commits late (ids are allocated before commit) is never stepped over.
ONEWINDOW_EVENT_CONSUMER_LAG_SECONDS = int(os.environ.get("ONEWINDOW_EVENT_CONSUMER_LAG_SECONDS", "30"))
ONEWINDOW_NOTIFICATION_BACKENDS = json.loads(os.environ.get("ONEWINDOW_NOTIFICATION_BACKENDS", "{}"))

# --- scale-out (docs/deployment.md) ---
# Every value below is optional: without them onewindow runs embedded (no Redis, no Celery, no replica).
# REDIS_URL=redis://host:6379/1 puts the cache (rate limits, lockout, calendar stamps) and the sessions
# on Redis, so that any app server can answer any request. ONEWINDOW_CACHE_URL (web security) wins
# when both are set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not _CACHE_URL:
    # Tolerant: with Redis down the site keeps serving (rate limits and lockout fail open).
    CACHES = {"default": {"BACKEND": "onewindow.security.cache.TolerantRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
                          "KEY_PREFIX": "ow"}}
if REDIS_URL or _CACHE_URL:
    # cached_db: sessions survive a Redis outage (the database keeps them; Redis only speeds them up).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# CELERY_BROKER_URL=redis://host:6379/2 sends background work (onewindow.core.tasks.enqueue) to
# `celery -A onewindow worker`; beat runs the periodic commands below.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "onewindow")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # acks_late + prefetch 1: a killed worker loses no task
CELERY_TASK_ACKS_LATE = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
_MINUTE, _HOUR = 60.0, 3600.0
CELERY_BEAT_SCHEDULE = {
    name: {"task": "onewindow.command", "schedule": every, "args": [name]}
    for name, every in (
        ("cases_sweep", _HOUR),  # art. 32 deemed acceptance; idempotent, hourly catches a missed night
        ("queue_sweep", 5 * _MINUTE),
        ("licences_sweep", _HOUR),
        ("supervise", 10 * _MINUTE),
        ("rollup_update", 5 * _MINUTE),
        ("notify_applicants", _MINUTE),
        ("notifications_retry", _MINUTE),
        ("exchange_dispatch", _MINUTE),
        ("crossregion_sync", _MINUTE),
        ("feedback_collect", _HOUR),
    )
}
# DATABASE_REPLICA_URL=postgres://... (a streaming replica): reports read from it (core/dbrouter.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["onewindow.core.dbrouter.ReplicaRouter"]
    ONEWINDOW_REPLICA_APPS = env_list("ONEWINDOW_REPLICA_APPS", "reports")
# --- end scale-out ---
