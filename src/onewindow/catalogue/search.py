"""Search text for service items: name, codes, keywords, full pinyin and pinyin initials.

"sfz" finds 身份证 items; "shenfenzheng" too. pypinyin does the conversion (it knows polyphonic
characters by phrase), we only join the forms into one lower-case string matched with icontains.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_forms(text: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials) of the Chinese characters in text."""
    full = lazy_pinyin(text, errors="ignore")
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(full).lower(), "".join(initials).lower()


def build_search_text(*, name: str, codes: list[str], keywords: str = "") -> str:
    full, initials = pinyin_forms(name)
    kw_full, kw_initials = pinyin_forms(keywords) if keywords else ("", "")
    parts = [name, *codes, keywords, full, initials, kw_full, kw_initials]
    return " ".join(p for p in parts if p).lower()


def normalise_query(q: str) -> str:
    return " ".join((q or "").split()).lower()
