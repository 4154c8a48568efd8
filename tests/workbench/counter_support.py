"""Fixtures of the counter and issuing window page tests (import with `from ... import *`).

Items come from tests.cases.conftest (食品经营许可 with a situation, an immediate 即办证明) with their
search row built the way the catalogue builds it, on a frozen working Monday."""

from __future__ import annotations

import pytest

from onewindow.catalogue.services.items import item_refresh_search
from tests.cases.conftest import (  # noqa: F401 - fixtures re-exported to the test modules
    MONDAY,
    PERSON_ID,
    frozen,
    immediate_version,
    intake,
    version,
)

__all__ = ["HTMX", "MONDAY", "PERSON_ID", "frozen", "htmx", "immediate_version", "intake", "intake_data",
           "searchable", "version"]

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def htmx():
    return HTMX


@pytest.fixture
def searchable(version, immediate_version):
    """Both items with their search text (name, codes, pinyin) as the catalogue writes it."""
    for v in (version, immediate_version):
        item_refresh_search(item=v.item, version=v)
    return version


def intake_data(version, *, outcome="accept", missing=(), **extra) -> dict:
    """The intake form as the browser posts it: every required material an original unless listed
    in `missing`."""
    data = {"item": version.item.implementation_code, "kind": "person", "name": "张三",
            "id_number": PERSON_ID, "phone": "13800001234", "outcome": outcome}
    for m in version.materials.all():
        if m.required:
            data[f"material_{m.pk}"] = "missing" if m in missing else "original"
    data.update(extra)
    return data
