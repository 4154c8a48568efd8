"""Public working-day calendar API, mounted at /api/v1/calendar (no authentication).

Paths and fields are a public contract: extend, never rename. Parameters are taken as raw strings
and parsed here so that each kind of bad input gets its own error code (422), never a 500.
"""

from __future__ import annotations

import datetime as dt
import re

from ninja import Query, Router, Schema

from onewindow.calendar import engine
from onewindow.calendar.services import due_date, provisional_span, working_days_between
from onewindow.calendar.yearfile import parse_iso_date
from onewindow.core.errors import Invalid
from onewindow.core.schemas import ErrorOut

router = Router(tags=["calendar"])

MAX_WORKING_DAYS = 3650
MAX_PAUSES = 100
_INTEGER = re.compile(r"[+-]?[0-9]+")

DATE_HELP = "A date YYYY-MM-DD between 2000-01-01 and 2100-12-31."
PAUSE_HELP = ("A pause FIRST/LAST (YYYY-MM-DD/YYYY-MM-DD, both days included): working days inside it do not "
              "count. Repeat the parameter for several pauses; they may overlap.")
# Module-level parameter objects (one per endpoint): a list default cannot be a literal call.
DUE_DATE_PAUSES = Query([], description=PAUSE_HELP)
WORKING_DAYS_PAUSES = Query([], description=PAUSE_HELP)


class DueDateOut(Schema):
    start: dt.date
    working_days: int
    due_date: dt.date
    provisional: bool


class WorkingDaysOut(Schema):
    working_days: int
    provisional: bool


def _date(raw: str, param: str) -> dt.date:
    day = parse_iso_date(raw.strip())
    if day is None:
        raise Invalid("invalid_date", "日期无效，应为 YYYY-MM-DD", "Invalid date, expected YYYY-MM-DD",
                      detail={"param": param, "value": raw[:40]})
    if not engine.TABLE_START <= day <= engine.TABLE_END:
        raise engine.out_of_range(day, param)
    return day


def _working_days(raw: str) -> int:
    raw = raw.strip()
    if not _INTEGER.fullmatch(raw):
        raise Invalid("invalid_working_days", "工作日数必须是整数", "working_days must be an integer",
                      detail={"param": "working_days", "value": raw[:40]})
    if len(raw.lstrip("+-").lstrip("0")) > 12:  # far out of range; int() refuses over 4,300 digits
        raise _out_of_range_n(raw)
    n = int(raw)
    if not 0 <= n <= MAX_WORKING_DAYS:
        raise _out_of_range_n(raw)
    return n


def _out_of_range_n(raw: str) -> Invalid:
    return Invalid("working_days_out_of_range", f"工作日数须在 0 至 {MAX_WORKING_DAYS} 之间",
                   f"working_days must be between 0 and {MAX_WORKING_DAYS}",
                   detail={"param": "working_days", "value": raw[:40], "min": 0, "max": MAX_WORKING_DAYS})


def _pauses(raws: list[str]) -> list[tuple[dt.date, dt.date]]:
    if len(raws) > MAX_PAUSES:
        raise Invalid("too_many_pauses", f"暂停不能超过 {MAX_PAUSES} 段", f"At most {MAX_PAUSES} pauses",
                      detail={"param": "pause", "count": len(raws)})
    pauses = []
    for raw in raws:
        parts = raw.split("/")
        first = parse_iso_date(parts[0].strip())
        last = parse_iso_date(parts[-1].strip())
        if len(parts) != 2 or first is None or last is None:
            raise Invalid("invalid_pause", "暂停格式应为 YYYY-MM-DD/YYYY-MM-DD", "A pause must be "
                          "YYYY-MM-DD/YYYY-MM-DD", detail={"param": "pause", "value": raw[:60]})
        for day in (first, last):
            if not engine.TABLE_START <= day <= engine.TABLE_END:
                raise engine.out_of_range(day, "pause")
        if last < first:
            raise engine.pause_ends_before_start(first, last)
        pauses.append((first, last))
    return pauses


@router.get("/due-date", response={200: DueDateOut, 422: ErrorOut}, auth=None, summary="Due date",
            operation_id="calendar_due_date")
def get_due_date(
    request,
    start: str = Query(..., description="The day of acceptance (not counted). " + DATE_HELP),
    working_days: str = Query(..., description=f"The time limit N in working days, 0..{MAX_WORKING_DAYS}."),
    pause: list[str] = DUE_DATE_PAUSES,
):
    """The due date of a time limit: the N-th working day after `start` (start itself when N = 0).

    Working days exclude weekends and statutory holidays and include make-up working days (调休),
    following the official calendar and the administrators' corrections. `provisional` is true when
    the span start..due_date touches a year whose holidays are not yet published (weekends only).

    Errors (422): `invalid_date`, `date_out_of_range`, `invalid_working_days`,
    `working_days_out_of_range`, `invalid_pause`, `pause_ends_before_start`, `too_many_pauses`.
    """
    day = _date(start, "start")
    n = _working_days(working_days)
    result = due_date(start=day, working_days=n, pauses=_pauses(pause))
    return {"start": day, "working_days": n, "due_date": result.due_date, "provisional": result.provisional}


@router.get("/working-days", response={200: WorkingDaysOut, 422: ErrorOut}, auth=None,
            summary="Working days between two dates", operation_id="calendar_working_days")
def get_working_days(
    request,
    from_: str = Query(..., alias="from", description="The first day (not counted). " + DATE_HELP),
    to: str = Query(..., description="The last day (counted). " + DATE_HELP),
    pause: list[str] = WORKING_DAYS_PAUSES,
):
    """The number of working days d with from < d <= to, outside every pause; negative when to is
    before from. For any N, working-days from start to the due date of N is N.

    Errors (422): `invalid_date`, `date_out_of_range`, `invalid_pause`, `pause_ends_before_start`,
    `too_many_pauses`.
    """
    first, last = _date(from_, "from"), _date(to, "to")
    count = working_days_between(start=first, end=last, pauses=_pauses(pause))
    return {"working_days": count, "provisional": provisional_span(first, last)}
