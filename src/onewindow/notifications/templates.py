"""The Chinese texts of notifications, by template code. English msgids through gettext; rendered
in zh-hans whatever the request language, because the person receives an SMS, not a page.

Apps add their templates with `register(code, text)` at import time of their own module (e.g. in
AppConfig.ready), or pass `text=` directly to `notification_send`.
"""

from __future__ import annotations

from django.utils import translation

TEMPLATES: dict[str, object] = {
    "generic": "%(text)s",  # a caller's own text; nothing to translate
}


def register(code: str, text) -> None:
    TEMPLATES[code] = text


def render(code: str, context: dict) -> str:
    template = TEMPLATES.get(code)
    if template is None:
        raise KeyError(f"unknown notification template {code!r}")
    with translation.override("zh-hans"):
        return str(template) % context
