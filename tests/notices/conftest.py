from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from tests.notices.factories import CaseFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 3, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def case(department):
    return CaseFactory(department=department)


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, whitespace removed (table cells and wrapped lines break words)."""
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def notice_text(notice) -> str:
    with notice.file.open("rb") as fh:
        return pdf_text(fh.read())
