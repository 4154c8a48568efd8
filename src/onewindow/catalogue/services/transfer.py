"""Whole-catalogue exchange (docs/catalogue.md "Import and export")."""

from __future__ import annotations

from typing import Any, Literal

from django.db import transaction

from onewindow.catalogue.importexport.exporter import export_data, to_xlsx
from onewindow.catalogue.importexport.importer import Importer
from onewindow.catalogue.importexport.reader import read_json, read_xlsx
from onewindow.core.errors import Invalid

FORMATS = ("json", "xlsx")


def catalogue_export_json() -> dict[str, Any]:
    """Every item with the version in force (or its latest draft), materials, fees, situations with
    answers, delegations and bundles, as JSON-ready data."""
    return export_data()


def catalogue_export_xlsx() -> bytes:
    """The same rows as catalogue_export_json, one worksheet per sheet."""
    return to_xlsx(export_data())


@transaction.atomic
def catalogue_import(*, data: dict[str, Any] | None = None, content: bytes | None = None,
                     format: Literal["json", "xlsx"] = "json", by=None) -> dict[str, int]:  # noqa: A002
    """Import a catalogue file: `data` (already-parsed JSON) or `content` (file bytes) in `format`.

    Every row is checked; if any is bad, Invalid("import_invalid") lists every error as
    {sheet, row, field, code, message, message_en} and nothing is written. Returns counts of what
    was created, updated, published and granted."""
    if format not in FORMATS:
        raise Invalid("unknown_format", "格式只能是 json 或 xlsx", "The format must be json or xlsx",
                      detail={"format": format})
    if (data is None) == (content is None):
        raise Invalid("import_source", "请提供且只提供一种导入数据", "Give exactly one of data or content")
    if format == "xlsx":
        if content is None:
            raise Invalid("import_source", "xlsx 格式需要文件内容", "The xlsx format needs file content")
        sheets, errors = read_xlsx(content)
    else:
        sheets, errors = read_json(data if data is not None else content)
    return Importer(sheets, errors, by=by).run()
