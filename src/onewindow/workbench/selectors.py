"""Reads for the staff pages. The home page needs one staff member's post at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from onewindow.core.errors import DomainError
from onewindow.network.models import Centre, CentreLevel, Department, DutyStatus, Role, Staff, Window
from onewindow.network.selectors import staff_capabilities
from onewindow.network.services import centre_standard_name
from onewindow.notifications.models import Notification
from onewindow.notifications.selectors import inbox_for


@dataclass(frozen=True)
class StaffHome:
    staff: Staff
    centre: Centre
    centre_level: str
    standard_name: str
    department: Department | None
    window: Window | None
    roles: list[str]
    duty_status: str
    duty_note: str
    duty_changed_at: dt.datetime | None
    capabilities: list[str]
    backup: Staff | None
    backup_duty_status: str = ""
    backing_for: list[Staff] = field(default_factory=list)


def staff_home(*, staff: Staff) -> StaffHome:
    """Everything the staff home page shows. `staff` comes from core.permissions.staff_of (centre,
    department, window and roles already loaded), so this adds two or three small queries."""
    centre = staff.centre
    standard_name = centre.standard_name
    if not standard_name:
        try:
            standard_name = centre_standard_name(centre=centre)
        except DomainError:
            standard_name = ""
    backup = None
    if staff.backup_id:
        backup = Staff.objects.select_related("window").filter(pk=staff.backup_id).first()
    backing_for = list(Staff.objects.filter(backup=staff).select_related("window").order_by("name"))
    roles = [str(Role(code).label) for code in Role.values if code in staff.role_codes()]
    return StaffHome(
        staff=staff,
        centre=centre,
        centre_level=str(CentreLevel(centre.level).label),
        standard_name=standard_name,
        department=staff.department,
        window=staff.window,
        roles=roles,
        duty_status=str(DutyStatus(staff.duty_status).label),
        duty_note=staff.duty_note,
        duty_changed_at=staff.duty_changed_at,
        capabilities=staff_capabilities(staff=staff),
        backup=backup,
        backup_duty_status=str(DutyStatus(backup.duty_status).label) if backup else "",
        backing_for=backing_for,
    )


# -- role tiles and the inbox ----------------------------------------------------------------------

@dataclass(frozen=True)
class Tile:
    url: str
    label: str
    description: str


# (URL name, roles that use the area, label, description). Areas are built by several people at
# once: a tile shows only when its URL name resolves.
TILES: tuple[tuple[str, frozenset[str], Any, Any], ...] = (
    ("workbench:counter", frozenset({Role.CLERK}), _("Counter"),
     _("Receive applications and check materials")),
    ("workbench:prereview", frozenset({Role.CLERK}), _("Online pre-review"),
     _("Applications submitted online")),
    ("workbench:tasks", frozenset({Role.REVIEWER, Role.CHIEF_REPRESENTATIVE}), _("My tasks"),
     _("Cases to review, soonest due first")),
    ("workbench:chief", frozenset({Role.CHIEF_REPRESENTATIVE}), _("Chief representative"),
     _("Decisions within your authorisation, joint cases")),
    ("workbench:issuing", frozenset({Role.ISSUER, Role.CLERK}), _("Issuing window"),
     _("Results to issue and deliver")),
    ("workbench:manager", frozenset({Role.CENTRE_MANAGER}), _("Centre overview"),
     _("Cases, windows and queues live; on-duty board")),
    ("supervision:board", frozenset({Role.SUPERVISOR, Role.CENTRE_MANAGER, Role.CHIEF_REPRESENTATIVE,
                                     Role.REVIEWER}), _("Supervision"),
     _("Every open case's clock, warnings and anomalies")),
    ("supervision:attendance", frozenset(Role.values), _("Attendance"), _("Check in and out")),
    ("feedback:staff_loops", frozenset({Role.SUPERVISOR, Role.CENTRE_MANAGER, Role.CHIEF_REPRESENTATIVE,
                                        Role.CLERK}), _("Bad reviews and complaints"),
     _("Verify, rectify, reply and visit back within the limits")),
    ("feedback:staff_hotline", frozenset({Role.CLERK, Role.CENTRE_MANAGER}), _("Hotline evaluation"),
     _("Record an evaluation or complaint taken by phone")),
    ("reports:dashboard", frozenset({Role.SUPERVISOR, Role.CENTRE_MANAGER}), _("Statistics"),
     _("Indicators against the targets, monthly reports, dashboards")),
)


def url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def role_tiles(*, staff: Staff) -> list[Tile]:
    roles = staff.role_codes()
    tiles = []
    for name, used_by, label, description in TILES:
        if roles & used_by and (url := url_or_none(name)) is not None:
            tiles.append(Tile(url=url, label=str(label), description=str(description)))
    return tiles


INBOX_SHOWN = 10


def inbox_unread(*, user) -> tuple[list[Notification], int]:
    """The newest unread inbox messages and how many are unread in all (two queries)."""
    qs = inbox_for(user=user, unread_only=True)
    return list(qs.order_by("-created_at", "-id")[:INBOX_SHOWN]), qs.count()
