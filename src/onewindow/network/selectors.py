"""Reads of the service network (DOMAIN §1). Other apps code against these names; keep them stable."""

from __future__ import annotations

import datetime as dt

from django.db.models import Field, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from onewindow.core.timeutil import today
from onewindow.network.models import (
    MANDATORY_TOWNSHIP_SLOTS,
    Authorisation,
    Centre,
    CentreLevel,
    Department,
    Role,
    Staff,
    Window,
)


def active_authorisations(*, staff: Staff, on: dt.date | None = None) -> QuerySet[Authorisation]:
    """The staff member's authorisations in force on `on` (default today).

    A revocation counts from its `revoked_on` day; one without a date (set by hand) counts always.
    """
    on = on or today()
    return (Authorisation.objects
            .filter(staff=staff, valid_from__lte=on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .filter(Q(revoked=False) | Q(revoked_on__gt=on))
            .select_related("department"))


def chief_has_power(*, staff: Staff, department: Department | int, power: str,
                    on: dt.date | None = None) -> bool:
    """True when staff is a chief representative holding an authorisation for department that is
    in force on `on` (default today) and grants `power` (one of Authorisation.POWERS; seed 002 §一(二)3)."""
    if power not in Authorisation.POWERS:
        raise ValueError(f"unknown power {power!r}; expected one of {Authorisation.POWERS}")
    if not staff.has_role(Role.CHIEF_REPRESENTATIVE):
        return False
    department_id = department if isinstance(department, int) else department.pk
    return active_authorisations(staff=staff, on=on).filter(department_id=department_id,
                                                            **{power: True}).exists()


def township_layout_gaps(*, centre: Centre) -> list[str]:
    """The mandatory 5X slots (seed 000 §三(三)1) without an active window; [] for other levels."""
    if centre.level != CentreLevel.TOWNSHIP:
        return []
    filled = set(Window.objects.filter(centre=centre, active=True, township_slot__in=MANDATORY_TOWNSHIP_SLOTS)
                 .values_list("township_slot", flat=True))
    return [slot for slot in MANDATORY_TOWNSHIP_SLOTS if slot not in filled]


def centre_descendants(*, centre: Centre, include_self: bool = True) -> list[Centre]:
    """The centre and every centre below it, breadth first (one query per level, at most four)."""
    result = [centre] if include_self else []
    seen = {centre.pk}
    frontier = [centre.pk]
    while frontier:
        children = [c for c in Centre.objects.filter(parent_id__in=frontier).select_related("region")
                    if c.pk not in seen]
        seen.update(c.pk for c in children)
        result.extend(children)
        frontier = [c.pk for c in children]
    return result


def centre_ancestors(*, centre: Centre, include_self: bool = True) -> list[Centre]:
    """The centre and its parents, nearest first (the centre itself, its parent, …, the root)."""
    result = [centre] if include_self else []
    seen = {centre.pk}
    parent_id = centre.parent_id
    while parent_id is not None and parent_id not in seen:
        parent = Centre.objects.select_related("region").filter(pk=parent_id).first()
        if parent is None:
            break
        seen.add(parent.pk)
        result.append(parent)
        parent_id = parent.parent_id
    return result


def on_duty_board(*, centre: Centre) -> QuerySet[Staff]:
    """The public whereabouts board (工作人员去向公示牌, seed 000 §三(二)4): every active staff member
    of the centre with duty status, note, window and AB-post backup, ordered by window then name."""
    return (Staff.objects.filter(centre=centre, user__is_active=True)
            .select_related("window", "department", "backup", "backup__window")
            .order_by("window__number", "name", "pk"))


# What each role may do, in the words of DOMAIN §1 and §4. Chief representatives get the powers of
# their authorisations instead (below). gettext_noop (called by that name, so that makemessages
# extracts it) marks the msgids; they are translated when the list is built.
_ROLE_CAPABILITIES: dict[str, tuple[str, ...]] = {
    Role.CLERK: (
        gettext_noop("Receive applications and check materials against the published list"),
        gettext_noop("Accept applications and give the acceptance notice"),
        gettext_noop("Give a one-time notice listing all missing materials"),
        gettext_noop("Refuse applications in writing with the reason"),
        gettext_noop("Tell applicants which body is competent for matters outside the centre's remit"),
    ),
    Role.REVIEWER: (
        gettext_noop("Review accepted cases"),
        gettext_noop("Record the review opinion"),
        gettext_noop("Suspend and resume the clock for special procedures"),
        gettext_noop("Request an extension of the time limit"),
    ),
    Role.ISSUER: (
        gettext_noop("Check results against the e-licence record"),
        gettext_noop("Issue results at the unified issuing window"),
        gettext_noop("Deliver results by pickup, mail or self-service locker"),
    ),
    Role.PROXY_AGENT: (
        gettext_noop("Collect and forward applications on behalf of applicants (代办)"),
        gettext_noop("Follow escalated cases to the end"),
    ),
    Role.CENTRE_MANAGER: (
        gettext_noop("Manage the centre's halls, windows, staff and seals"),
        gettext_noop("Watch time limits and warnings across the centre"),
        gettext_noop("See the centre's statistics"),
    ),
    Role.SUPERVISOR: (
        gettext_noop("See every case and every step (electronic supervision)"),
        gettext_noop("Handle complaints and bad reviews"),
    ),
    Role.DEPARTMENT_ADMIN: (
        gettext_noop("Maintain the department's service items and guides"),
        gettext_noop("Manage the department's staff and authorisations"),
    ),
}


def staff_capabilities(*, staff: Staff, on: dt.date | None = None) -> list[str]:
    """What the staff member may do, role by role, in the active language. A chief representative
    lists the powers of each authorisation in force (seed 002 §一(二)3 (1)–(6))."""
    out: list[str] = []
    codes = staff.role_codes()
    for role in Role.values:
        if role not in codes:
            continue
        if role == Role.CHIEF_REPRESENTATIVE:
            out.extend(_chief_capabilities(staff=staff, on=on))
            continue
        out.extend(_(text) for text in _ROLE_CAPABILITIES[role])
    return list(dict.fromkeys(out))


def _chief_capabilities(*, staff: Staff, on: dt.date | None) -> list[str]:
    authorisations = list(active_authorisations(staff=staff, on=on).order_by("department__name", "pk"))
    if not authorisations:
        return [_("No authorisation in force: chief-representative powers are not available")]
    out = []
    for auth in authorisations:
        for power in Authorisation.POWERS:
            if getattr(auth, power):
                field = Authorisation._meta.get_field(power)
                assert isinstance(field, Field)  # POWERS name concrete BooleanFields, never relations
                label = field.verbose_name
                out.append(_("%(power)s — for %(department)s") % {"power": label,
                                                                  "department": auth.department.name})
    return out
