"""Helpers shared by the public views."""

from __future__ import annotations

from django.utils.translation import get_language

from onewindow.core.errors import DomainError


def error_text(exc: DomainError) -> str:
    """The error's message in the page's language."""
    return exc.message if (get_language() or "zh-hans").startswith("zh") else exc.message_en


def int_param(value: str | None, *, default: int | None = None, upper: int = 2**62) -> int | None:
    """A positive integer from a query string, or `default` (bad input is never a 500)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) < 19 and 0 < int(value) < upper:
        return int(value)
    return default
