"""Pages render in the site language (zh-hans); tests compare with the catalogue, not a copy of it."""

from __future__ import annotations

from django.utils import translation


def zh(text) -> str:
    """`text` (a lazy string or a msgid) as the zh-hans pages show it."""
    with translation.override("zh-hans"):
        return str(translation.gettext(text) if isinstance(text, str) else text)
