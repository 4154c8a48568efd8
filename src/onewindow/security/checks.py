"""`manage.py check --deploy` additions: what Django's own deploy checks do not know about us."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

DEV_KEY_PREFIX = "dev-insecure-onewindow"


@checks.register(checks.Tags.security, deploy=True)
def check_deploy(app_configs, **kwargs):
    errors = []
    if str(settings.SECRET_KEY).startswith(DEV_KEY_PREFIX):
        errors.append(checks.Error(
            "DJANGO_SECRET_KEY is the development key.",
            hint="Set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE (50+ random characters).",
            id="onewindow.E001"))
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        errors.append(checks.Warning(
            "The cache is per process: rate limits and the login lockout are not shared by the workers.",
            hint="Set ONEWINDOW_CACHE_URL=redis://host:6379/0.", id="onewindow.W001"))
    return errors
