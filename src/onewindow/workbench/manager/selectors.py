"""Reads of the centre manager's page: the live overview (cases by state and colour, windows
staffed, queue length) and the on-duty board. A fixed number of queries whatever the centre's size:
the colours are counted in SQL against two dates (today and the last yellow due date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from onewindow.cases.models import Case
from onewindow.cases.states import WORKING, State
from onewindow.network.models import Centre, DutyStatus, Staff, Window
from onewindow.network.selectors import on_duty_board
from onewindow.queueing.selectors import open_windows, waiting_counts
from onewindow.workbench.backoffice.clockview import (
    COLOUR_LABELS,
    GREEN,
    RED,
    YELLOW,
    supervision,
    yellow_from,
)
from onewindow.workbench.selectors import url_or_none


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


@dataclass(frozen=True)
class ColourCount:
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class Overview:
    centre: Centre
    states: list[StateCount]
    colours: list[ColourCount]
    in_progress: int
    windows_active: int
    windows_staffed: int
    queue_waiting: int
    generated_at: dt.datetime


def centre_overview(*, centre: Centre, today: dt.date, at: dt.datetime) -> Overview:
    by_state = dict(Case.objects.filter(centre=centre).order_by().values_list("state")
                    .annotate(n=Count("id")).values_list("state", "n"))
    states = [StateCount(s, str(label), by_state.get(s, 0)) for s, label in State.choices if by_state.get(s)]
    colours = _colour_counts(centre=centre, today=today)
    green = colours["total"] - colours["red"] - colours["yellow"]
    return Overview(
        centre=centre, states=states,
        colours=[ColourCount(c, str(COLOUR_LABELS[c]), n)
                 for c, n in ((RED, colours["red"]), (YELLOW, colours["yellow"]), (GREEN, green))],
        in_progress=colours["total"],
        windows_active=Window.objects.filter(centre=centre, active=True).count(),
        windows_staffed=open_windows(centre=centre).count(),
        queue_waiting=sum(waiting_counts(centre=centre).values()),
        generated_at=at)


def _colour_counts(*, centre: Centre, today: dt.date) -> dict[str, int]:
    """Open cases of the centre by colour, in one query: supervision's colour_sql when that app is
    there (the same colours as its board), else overdue / within the fixed yellow threshold."""
    qs = Case.objects.filter(centre=centre, state__in=WORKING).order_by()
    colour_sql = supervision("colour", "colour_sql")
    if colour_sql is not None:
        rows = dict(qs.annotate(colour=colour_sql(day=today)).values_list("colour")
                    .annotate(n=Count("id")).values_list("colour", "n"))
        return {"red": rows.get(RED, 0), "yellow": rows.get(YELLOW, 0), "total": sum(rows.values())}
    last_yellow = yellow_from(today=today)
    return qs.aggregate(
        red=Count("id", filter=Q(decision_due_date__lt=today)),
        yellow=Count("id", filter=Q(decision_due_date__gte=today, decision_due_date__lte=last_yellow)),
        total=Count("id"))


def duty_board(*, centre: Centre) -> list[Staff]:
    return list(on_duty_board(centre=centre))


def duty_summary(board: list[Staff]) -> list[tuple[str, str, int]]:
    """(status, label, how many) for each duty status present on the board."""
    counts = [(status, str(label), sum(1 for s in board if s.duty_status == status))
              for status, label in DutyStatus.choices]
    return [c for c in counts if c[2]]


@dataclass(frozen=True)
class AdminLink:
    url: str
    label: str


def admin_links(*, user) -> list[AdminLink]:
    """Catalogue and staff administration, for logins that may use the admin; only links that exist."""
    from django.utils.translation import gettext as _

    if not getattr(user, "is_staff", False):
        return []
    candidates = (
        ("admin:catalogue_serviceitem_changelist", _("Service items and guides (catalogue)")),
        ("admin:network_staff_changelist", _("Staff, roles and AB-post backups")),
        ("admin:network_window_changelist", _("Windows")),
        ("admin:network_authorisation_changelist", _("Authorisations of chief representatives")),
        ("admin:index", _("All of the administration")),
    )
    return [AdminLink(url, str(label)) for name, label in candidates if (url := url_or_none(name))]
