from __future__ import annotations

import datetime as dt

from ninja import Schema


class BoardCaseOut(Schema):
    number: str
    item: str
    centre: int
    department: int | None
    reviewer: int | None
    state: str
    colour: str
    accepted_on: dt.date | None
    due_date: dt.date | None
    remaining_working_days: int | None
    url: str | None


class BoardPageOut(Schema):
    results: list[BoardCaseOut]
    next_cursor: str | None


class AnomalyOut(Schema):
    id: int
    rule: str
    label: str
    subject: str
    case: str | None
    staff: str | None
    item: str | None
    centre: int | None
    period: str
    detail: dict
    first_seen: dt.datetime


class AnomalyPageOut(Schema):
    results: list[AnomalyOut]
    next_cursor: int | None


class DutyOut(Schema):
    name: str
    window: str
    window_name: str
    status: str
    status_label: str
    backup: str
