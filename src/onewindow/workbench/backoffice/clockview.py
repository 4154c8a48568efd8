"""How the workbench shows a clock: working days left and the green / yellow / red colour.

The colour follows the supervision rule (DOMAIN §5): red when overdue, yellow when few working days
are left, green otherwise. The supervision app is the authority (its case_colour for one case, its
yellow_room(limit) threshold and colour_sql for lists); it is looked up by name because it is built
alongside the workbench, and until it is there the same rule applies with its default threshold.
Lists use `colour_for_remaining` so that a page of cases needs no query per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from onewindow.calendar.services import due_date, working_days_between
from onewindow.core.errors import DomainError

GREEN, YELLOW, RED = "green", "yellow", "red"
COLOUR_LABELS = {GREEN: _("Normal"), YELLOW: _("Approaching the limit"), RED: _("Overdue")}


def supervision(module: str, name: str) -> Any:
    """supervision's `name` from onewindow.supervision.<module>, or None while it is not there."""
    try:
        return getattr(import_module(f"onewindow.supervision.{module}"), name)
    except (ImportError, AttributeError):
        return None


def yellow_days() -> int:
    """Working days left at which a case turns yellow (the setting supervision reads)."""
    return int(getattr(settings, "ONEWINDOW_SUPERVISION_YELLOW_DAYS", 2))


def yellow_room(limit: int) -> int:
    """Working days that may remain when a case with a decision limit of `limit` turns yellow."""
    room = supervision("colour", "yellow_room")
    return int(room(limit)) if room is not None else yellow_days()


def colour_for_remaining(remaining: int | None, *, limit: int = 0) -> str:
    if remaining is None:
        return GREEN
    if remaining < 0:
        return RED
    if remaining <= yellow_room(limit):
        return YELLOW
    return GREEN


def yellow_from(*, today: dt.date) -> dt.date:
    """The last due date that is yellow by the fixed threshold (when supervision is not there)."""
    try:
        return due_date(start=today, working_days=yellow_days()).due_date
    except DomainError:  # today outside the calendar's range: treat only the day itself as close
        return today


def remaining_days(*, due: dt.date | None, today: dt.date, paused_since: dt.date | None = None) -> int | None:
    """Working days from today (or, while the clock is paused, from the day it stopped) to `due`;
    negative when overdue. None when there is no due date or it lies outside the calendar."""
    if due is None:
        return None
    start = paused_since if paused_since is not None and paused_since < today else today
    try:
        return working_days_between(start=start, end=due)
    except DomainError:
        return None


@dataclass(frozen=True)
class Clock:
    due: dt.date | None
    remaining: int | None
    colour: str
    paused: bool

    @property
    def colour_label(self) -> str:
        return str(COLOUR_LABELS[self.colour])

    @property
    def overdue_days(self) -> int:
        return -self.remaining if self.remaining is not None and self.remaining < 0 else 0


def clock_of(*, due: dt.date | None, today: dt.date, paused_since: dt.date | None = None,
             limit: int = 0) -> Clock:
    """`limit`: the decision limit in working days (promised + extension), for the yellow threshold."""
    remaining = remaining_days(due=due, today=today, paused_since=paused_since)
    return Clock(due=due, remaining=remaining, colour=colour_for_remaining(remaining, limit=limit),
                 paused=paused_since is not None)


def case_limit(case) -> int:
    return int(case.promised_days or 0) + int(case.extension_days or 0)


def case_colour(case, *, today: dt.date, fallback: str) -> str:
    """supervision's colour of one case when that app offers it, else the workbench's own."""
    supervision_colour = supervision("selectors", "case_colour")
    if supervision_colour is None:
        return fallback
    try:
        colour = supervision_colour(case, today=today)
    except DomainError:
        return fallback
    return colour if colour in COLOUR_LABELS else fallback
