"""Reads for the staff pages. The home page needs one staff member's post at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from onewindow.core.errors import DomainError
from onewindow.network.models import Centre, CentreLevel, Department, DutyStatus, Role, Staff, Window
from onewindow.network.selectors import staff_capabilities
from onewindow.network.services import centre_standard_name


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
