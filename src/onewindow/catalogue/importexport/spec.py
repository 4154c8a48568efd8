"""The catalogue exchange format (docs/catalogue.md "Import and export"): one set of sheets and
columns shared by the JSON and the .xlsx form.

Version columns are derived from ItemVersion's fields, so a field added to the model is exported
and imported without touching this module. Values have one canonical, JSON-ready form per kind
(dates as ISO strings, amounts as strings with two decimals) which the exporter writes and the
importer compares against to decide whether an item changed.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from onewindow.catalogue.models import ExerciseLevel, Fee, ItemVersion, Material
from onewindow.catalogue.services.rules import (
    VERSION_LIST_FIELDS,
    fee_content_fields,
    material_content_fields,
    version_content_fields,
)

FORMAT_NAME = "onewindow-catalogue"
FORMAT_VERSION = 1
LIST_SEPARATOR = ";"
SHEETS = ("items", "materials", "fees", "situations", "options", "delegations", "bundles")

STATUS_PUBLISHED = "published"
STATUS_DRAFT = "draft"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str | int | bool | date | decimal | list | json | refs
    required: bool = False
    default: Any = None

    def empty(self) -> Any:
        """The value an empty cell stands for."""
        if self.default is not None:
            return copy.deepcopy(self.default)
        return {"str": "", "list": [], "json": [], "refs": []}.get(self.kind)


def _kind(field: models.Field) -> str | None:
    if isinstance(field, models.JSONField):
        return "list" if field.name in VERSION_LIST_FIELDS else "json"
    if isinstance(field, models.BooleanField):
        return "bool"
    if isinstance(field, models.DecimalField):
        return "decimal"
    if isinstance(field, models.IntegerField):
        return "int"
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return "date"
    if isinstance(field, (models.CharField, models.TextField)):
        return "str"
    return None  # other kinds (relations, datetimes) are not content


def _model_columns(model: type[models.Model], names: list[str]) -> list[Column]:
    out = []
    for name in names:
        field = model._meta.get_field(name)
        kind = _kind(field) if isinstance(field, models.Field) else None
        if kind is None or not isinstance(field, models.Field):
            continue
        required = not field.has_default() and not field.blank and not field.null
        default = field.get_default() if field.has_default() else None
        out.append(Column(name, kind, required, default))
    return out


ITEM_KEY_COLUMNS = [
    Column("implementation_code", "str", True),
    Column("basic_code", "str", True),
    Column("centre_region", "str", True),
    Column("department_code", "str", True),
    Column("entrusted_department_code", "str"),
    Column("exercise_level", "int", default=int(ExerciseLevel.COUNTY)),
    Column("resident_in_hall", "bool", default=True),
    Column("any_window", "bool", default=True),
    Column("active", "bool", default=True),
    Column("status", "str", default=STATUS_PUBLISHED),
    Column("effective_from", "date"),
]


@functools.cache
def columns() -> dict[str, list[Column]]:
    version_columns = _model_columns(ItemVersion, version_content_fields())
    material_columns = _model_columns(Material, material_content_fields())
    return {
        "items": ITEM_KEY_COLUMNS + version_columns,
        "materials": [Column("item", "str", True)]
        + [Column(c.name, c.kind, c.required or c.name == "position", c.default) for c in material_columns],
        "fees": [Column("item", "str", True)] + _model_columns(Fee, fee_content_fields()),
        "situations": [Column("item", "str", True), Column("position", "int", True),
                       Column("question", "str", True)],
        "options": [Column("item", "str", True), Column("situation", "int", True),
                    Column("position", "int", True),
                    Column("label", "str", True), Column("adds", "refs"), Column("removes", "refs")],
        "delegations": [Column("item", "str", True), Column("to_centre_region", "str", True),
                        Column("valid_from", "date", True), Column("valid_to", "date"),
                        Column("document_no", "str"), Column("revoked", "bool", default=False)],
        "bundles": [Column("bundle", "str", True), Column("component", "str", True),
                    Column("is_lead", "bool", default=False), Column("position", "int")],
    }


# Item columns that are not version content (compared separately or not at all).
ITEM_ONLY_COLUMNS = frozenset(c.name for c in ITEM_KEY_COLUMNS)


# --- canonical values -----------------------------------------------------------------------------

def canonical(value: Any, kind: str) -> Any:
    """The JSON-ready form of a Python value of a column kind."""
    if value is None:
        return None
    if kind == "date":
        return value.isoformat()
    if kind == "decimal":
        return f"{Decimal(value):.2f}"
    return value


class CellError(ValueError):
    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code, self.message, self.message_en = code, message, message_en


_TRUE = {"true", "1", "yes", "y", "是", "t"}
_FALSE = {"false", "0", "no", "n", "否", "f"}
# Codes and references: surrounding spaces are never meaningful there.
KEY_COLUMNS = frozenset({"implementation_code", "basic_code", "centre_region", "department_code",
                         "entrusted_department_code", "status", "item", "bundle", "component",
                         "to_centre_region"})
_SPLIT = re.compile(r"[;；\n]")


def parse_cell(value: Any, column: Column) -> Any:
    """A cell (xlsx) or a JSON value → the Python value of the column; raises CellError."""
    if isinstance(value, str) and (column.kind != "str" or column.name in KEY_COLUMNS):
        value = value.strip()  # text content keeps its spaces; codes and numbers do not
    if value is None or value == "":
        if column.required:
            raise CellError("required", "必填", "This column is required")
        return column.empty()
    kind = column.kind
    try:
        if kind == "str":
            if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
                raise CellError("not_text", "必须是文字", "Must be text")
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # a code typed as a number in a spreadsheet
            return str(value)
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError
            if isinstance(value, float):
                if not value.is_integer():
                    raise ValueError
                value = int(value)
            return int(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise CellError("not_boolean", "必须是“是”或“否”", "Must be true or false")
        if kind == "date":
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            return dt.date.fromisoformat(str(value))
        if kind == "decimal":
            if isinstance(value, bool):
                raise ValueError
            amount = Decimal(str(value))
            if not amount.is_finite():
                raise ValueError
            return amount.quantize(Decimal("0.01"))
        if kind == "list":
            if isinstance(value, str):
                return [p.strip() for p in _SPLIT.split(value) if p.strip()]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return value
            raise ValueError
        if kind == "json":
            if isinstance(value, str):
                return json.loads(value)
            if isinstance(value, (list, dict)):
                return value
            raise ValueError
        if kind == "refs":
            parts = _SPLIT.split(value) if isinstance(value, str) else value
            if isinstance(parts, (int, float)) and not isinstance(parts, bool):
                parts = [parts]
            if not isinstance(parts, list):
                raise ValueError
            out: list[int | str] = []
            for part in parts:
                if isinstance(part, str):
                    part = part.strip()
                    if not part:
                        continue
                    out.append(int(part) if part.isdigit() else part)
                elif (isinstance(part, (int, float)) and not isinstance(part, bool)
                      and float(part).is_integer()):
                    out.append(int(part))
                else:
                    raise ValueError
            return out
    except CellError:
        raise
    except (ValueError, TypeError, InvalidOperation, json.JSONDecodeError) as exc:
        raise CellError(f"not_{kind}", _KIND_ZH.get(kind, "格式错误"),
                        _KIND_EN.get(kind, "Bad value")) from exc
    raise CellError("unknown_kind", "格式错误", "Bad value")


_KIND_ZH = {"int": "必须是整数", "date": "必须是日期(YYYY-MM-DD)", "decimal": "必须是金额",
            "list": "必须是以分号分隔的代码", "json": "必须是 JSON",
            "refs": "必须是材料序号或名称,以分号分隔"}
_KIND_EN = {"int": "Must be a whole number", "date": "Must be a date (YYYY-MM-DD)",
            "decimal": "Must be an amount",
            "list": "Must be codes separated by ';'", "json": "Must be JSON",
            "refs": "Must be material positions or names separated by ';'"}
