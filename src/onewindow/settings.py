"""Django settings. Every value that differs between machines comes from the environment;
README.md lists them with their defaults."""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
]

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

SESSION_COOKIE_HTTPONLY = True
# Behind HTTPS in production set DJANGO_SECURE_COOKIES=1 (the dev server speaks plain HTTP).
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

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
# Event consumers (webhooks, applicant SMS) skip events younger than this many seconds, so that an event
# whose transaction commits late (ids are allocated before commit) is never stepped over.
ONEWINDOW_EVENT_CONSUMER_LAG_SECONDS = int(os.environ.get("ONEWINDOW_EVENT_CONSUMER_LAG_SECONDS", "30"))
ONEWINDOW_NOTIFICATION_BACKENDS = json.loads(os.environ.get("ONEWINDOW_NOTIFICATION_BACKENDS", "{}"))
