"""Reading an import file into rows: {sheet: [RawRow]} plus the structural problems found.

Row numbers are what a person sees: in a workbook the spreadsheet row (the header is row 1, so
the first record is row 2); in JSON the 1-based position in the sheet's array.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from onewindow.catalogue.importexport.spec import FORMAT_NAME, FORMAT_VERSION, SHEETS, columns
from onewindow.core.errors import Invalid


@dataclass
class RawRow:
    sheet: str
    row: int
    values: dict[str, Any]


@dataclass
class RowError:
    sheet: str
    row: int
    field: str
    code: str
    message: str
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "field": self.field, "code": self.code,
                "message": self.message, "message_en": self.message_en}


def _unreadable(reason: str) -> Invalid:
    return Invalid("import_unreadable", "无法读取导入文件", "The import file cannot be read",
                   detail={"reason": reason})


def read_json(data: Any) -> tuple[dict[str, list[RawRow]], list[RowError]]:
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise _unreadable(str(exc)) from exc
    if not isinstance(data, dict):
        raise _unreadable("the top level must be an object")
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise _unreadable(f"format must be {FORMAT_NAME!r}")
    version = data.get("format_version", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise _unreadable(f"format_version {version!r} is not supported")
    sheets: dict[str, list[RawRow]] = {s: [] for s in SHEETS}
    errors: list[RowError] = []
    for sheet in SHEETS:
        rows = data.get(sheet, [])
        if not isinstance(rows, list):
            errors.append(RowError(sheet, 0, "", "sheet_not_a_list", "工作表必须是数组",
                                   "A sheet must be an array"))
            continue
        known = {c.name for c in columns()[sheet]}
        for n, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                errors.append(RowError(sheet, n, "", "row_not_an_object", "每行必须是对象",
                                       "Each row must be an object"))
                continue
            for key in sorted(set(row) - known):
                errors.append(RowError(sheet, n, key, "unknown_column", "未知的列", "Unknown column"))
            sheets[sheet].append(RawRow(sheet, n, {k: v for k, v in row.items() if k in known}))
    return sheets, errors


def read_xlsx(content: bytes) -> tuple[dict[str, list[RawRow]], list[RowError]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable(str(exc)) from exc
    sheets: dict[str, list[RawRow]] = {s: [] for s in SHEETS}
    errors: list[RowError] = []
    try:
        for sheet in SHEETS:
            if sheet not in workbook.sheetnames:
                continue  # a missing sheet has no rows; other sheets (e.g. notes) are ignored
            rows = workbook[sheet].iter_rows(values_only=True)
            header = next(rows, None) or ()
            names = [str(h).strip() if h is not None else "" for h in header]
            known = {c.name for c in columns()[sheet]}
            for name in names:
                if name and name not in known:
                    errors.append(RowError(sheet, 1, name, "unknown_column", "未知的列", "Unknown column"))
            for column in columns()[sheet]:
                if column.required and column.name not in names:
                    errors.append(RowError(sheet, 1, column.name, "missing_column", "缺少必填列",
                                           "A required column is missing"))
            for n, values in enumerate(rows, start=2):
                if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                record = {name: value for name, value in zip(names, values, strict=False) if name in known}
                sheets[sheet].append(RawRow(sheet, n, record))
    finally:
        workbook.close()
    return sheets, errors
