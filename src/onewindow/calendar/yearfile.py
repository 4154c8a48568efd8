"""The year-file format (docs/calendar.md, "Year files") and its validation.

    {"year": 2027,
     "holidays": [{"date": "2027-01-01", "name": "元旦"}, ...],
     "workdays": [{"date": "2027-02-07", "name": "春节调休"}, ...]}

Every bad entry is reported at once, so an administrator fixes the file in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from onewindow.calendar.engine import HOLIDAY, TABLE_END, TABLE_START, WORKDAY
from onewindow.core.errors import Invalid

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_ENTRIES = 366
MAX_NAME = 100
TOP_KEYS = {"year", "holidays", "workdays", "note"}
ENTRY_KEYS = {"date", "name"}

# code -> (Chinese, English)
PROBLEMS = {
    "not_an_object": ("文件内容必须是 JSON 对象", "The file must hold a JSON object"),
    "unknown_key": ("无法识别的字段", "Unknown key"),
    "invalid_year": ("年份必须是整数", "The year must be an integer"),
    "year_out_of_range": (f"年份须在 {TABLE_START.year} 至 {TABLE_END.year} 之间",
                          f"The year must be between {TABLE_START.year} and {TABLE_END.year}"),
    "missing_holidays": ("缺少 holidays 列表", "The holidays list is missing"),
    "not_a_list": ("必须是列表", "Must be a list"),
    "too_many_entries": (f"条目不能超过 {MAX_ENTRIES} 个", f"At most {MAX_ENTRIES} entries"),
    "not_an_entry": ("条目必须是含 date 和 name 的对象", "An entry must be an object with date and name"),
    "invalid_date": ("日期无效，应为 YYYY-MM-DD", "Invalid date, expected YYYY-MM-DD"),
    "invalid_name": (f"名称必须是 1 至 {MAX_NAME} 个字符的文本",
                     f"The name must be text of 1 to {MAX_NAME} characters"),
    "invalid_note": ("备注必须是不超过 200 个字符的文本", "The note must be text of at most 200 characters"),
    "date_outside_year": ("日期不在该年份内", "The date is not in the file's year"),
    "duplicate_date": ("日期重复", "The date is listed twice"),
    "holiday_and_workday": ("同一日期不能既是节假日又是调休工作日",
                            "A date cannot be both a holiday and a workday"),
    "workday_not_weekend": ("调休工作日必须是周六或周日（周一至周五本就是工作日）",
                            "A make-up workday must be a Saturday or Sunday (weekdays already are workdays)"),
}


def parse_iso_date(raw: object) -> dt.date | None:
    """A strict YYYY-MM-DD date, or None (also for 0000-01-01 and 2026-02-30)."""
    if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw):
        return None
    try:
        return dt.date(int(raw[:4]), int(raw[5:7]), int(raw[8:]))
    except ValueError:
        return None


@dataclass(frozen=True)
class YearFile:
    year: int
    days: dict[dt.date, tuple[str, str]]  # date -> (kind, name)
    note: str = ""


def _problem(code: str, where: str, value: Any = None) -> dict[str, Any]:
    message, message_en = PROBLEMS[code]
    item: dict[str, Any] = {"where": where, "code": code, "message": message, "message_en": message_en}
    if value is not None:
        item["value"] = value if isinstance(value, str | int) else repr(value)[:100]
    return item


def parse_year_file(data: Any) -> YearFile:
    """Validate a year file; raise Invalid("invalid_year_file", detail=[problem, ...]) listing every
    bad entry, or return the parsed file."""
    problems: list[dict[str, Any]] = []
    if not isinstance(data, dict):
        raise _invalid([_problem("not_an_object", "$")])
    problems += [_problem("unknown_key", str(key)) for key in data if key not in TOP_KEYS]

    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        problems.append(_problem("invalid_year", "year", year))
        year = None
    elif not TABLE_START.year <= year <= TABLE_END.year:
        problems.append(_problem("year_out_of_range", "year", year))
        year = None

    note = data.get("note", "")
    if not isinstance(note, str) or len(note) > 200:
        problems.append(_problem("invalid_note", "note"))
        note = ""

    days: dict[dt.date, tuple[str, str]] = {}
    where_of: dict[dt.date, str] = {}
    for section, kind in (("holidays", HOLIDAY), ("workdays", WORKDAY)):
        if section not in data:
            if section == "holidays":
                problems.append(_problem("missing_holidays", section))
            continue
        entries = data[section]
        if not isinstance(entries, list):
            problems.append(_problem("not_a_list", section))
            continue
        if len(entries) > MAX_ENTRIES:
            problems.append(_problem("too_many_entries", section, len(entries)))
            continue
        for index, entry in enumerate(entries):
            where = f"{section}[{index}]"
            if not isinstance(entry, dict) or "date" not in entry:
                problems.append(_problem("not_an_entry", where))
                continue
            problems += [_problem("unknown_key", f"{where}.{key}") for key in entry if key not in ENTRY_KEYS]
            raw, name = entry["date"], entry.get("name")
            if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
                problems.append(_problem("invalid_name", where, name))
            day = parse_iso_date(raw)
            if day is None:
                problems.append(_problem("invalid_date", where, raw))
                continue
            if year is not None and day.year != year:
                problems.append(_problem("date_outside_year", where, raw))
            if day in days:
                code = "duplicate_date" if days[day][0] == kind else "holiday_and_workday"
                problems.append(_problem(code, f"{where} / {where_of[day]}", raw))
                continue
            if kind == WORKDAY and day.weekday() < 5:
                problems.append(_problem("workday_not_weekend", where, raw))
            days[day] = (kind, name.strip() if isinstance(name, str) else "")
            where_of[day] = where

    if problems:
        raise _invalid(problems)
    assert year is not None
    return YearFile(year=year, days=days, note=note)


def _invalid(problems: list[dict[str, Any]]) -> Invalid:
    return Invalid("invalid_year_file", f"日历文件有 {len(problems)} 处错误，未导入任何数据",
                   f"The calendar file has {len(problems)} problem(s); nothing was loaded", detail=problems)
