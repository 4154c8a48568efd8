"""Writes to the service network (DOMAIN §1). Every function is keyword-only, atomic and validates its
input with Invalid/Conflict errors. The `*_check` helpers are the same rules without the write; the
admin forms call them from clean() so that a page and a service can never disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction

from onewindow.core.errors import Conflict, Invalid
from onewindow.core.timeutil import now, today
from onewindow.network.models import (
    MAX_DEDICATED_KINDS,
    Authorisation,
    Centre,
    CentreLevel,
    Department,
    DutyStatus,
    Hall,
    Role,
    Seal,
    SealStatus,
    Staff,
    StaffRole,
    Theme,
    TownshipSlot,
    Window,
    WindowKind,
)

# --- windows ---------------------------------------------------------------------------------------


def window_check(*, centre: Centre, number: str, name: str, kind: str, themes: Iterable[str] = (),
                 township_slot: str = "", dedicated_kind: str = "", department: Department | None = None,
                 hall: Hall | None = None, window: Window | None = None, active: bool = True) -> None:
    """Raise Invalid/Conflict when the window may not be saved like this (seed 000 §三(三)1 for 5X,
    seed 001 #19 for at most three kinds of dedicated window)."""
    if not number.strip():
        raise Invalid("window_number_required", "请填写窗口编号", "The window number is required")
    if not name.strip():
        raise Invalid("window_name_required", "请填写窗口名称", "The window name is required")
    if kind not in WindowKind.values:
        raise Invalid("unknown_window_kind", "窗口类型无效", "Unknown window kind",
                      detail={"kind": kind, "allowed": WindowKind.values})
    unknown = [t for t in themes if t not in Theme.values]
    if unknown:
        raise Invalid("unknown_theme", "窗口主题无效", "Unknown window theme",
                      detail={"themes": unknown, "allowed": Theme.values})
    if township_slot:
        if township_slot not in TownshipSlot.values:
            raise Invalid("unknown_township_slot", "5X 窗口类别无效", "Unknown 5X slot",
                          detail={"township_slot": township_slot, "allowed": TownshipSlot.values})
        if centre.level != CentreLevel.TOWNSHIP:
            raise Invalid("township_slot_not_township", "只有乡镇(街道)中心的窗口才有 5X 类别",
                          "Only windows of a township centre have a 5X slot")
    if kind == WindowKind.DEDICATED and not dedicated_kind.strip():
        raise Invalid("dedicated_kind_required", "专窗须注明专窗类别",
                      "A dedicated window needs its dedicated kind")
    if kind != WindowKind.DEDICATED and dedicated_kind.strip():
        raise Invalid("dedicated_kind_not_dedicated", "只有专窗才填写专窗类别",
                      "Only a dedicated window has a dedicated kind")
    if department is not None and department.centre_id != centre.pk:
        raise Invalid("department_not_in_centre", "该部门不属于本中心",
                      "The department is not in this centre")
    if hall is not None and hall.centre_id != centre.pk:
        raise Invalid("hall_not_in_centre", "该大厅不属于本中心", "The hall is not in this centre")
    others = Window.objects.filter(centre=centre)
    if window is not None and window.pk is not None:
        others = others.exclude(pk=window.pk)
    if others.filter(number=number.strip()).exists():
        raise Conflict("window_number_taken", "本中心已有该编号的窗口",
                       "This centre already has a window with that number",
                       detail={"number": number.strip()})
    if kind == WindowKind.DEDICATED and active:
        kinds = set(others.filter(kind=WindowKind.DEDICATED, active=True)
                    .values_list("dedicated_kind", flat=True))
        kinds.add(dedicated_kind.strip())
        if len(kinds) > MAX_DEDICATED_KINDS:
            raise Invalid("too_many_dedicated_kinds", f"专窗不得超过 {MAX_DEDICATED_KINDS} 类",
                          f"A centre may have at most {MAX_DEDICATED_KINDS} kinds of dedicated window",
                          detail={"existing": sorted(kinds - {dedicated_kind.strip()}),
                                  "max": MAX_DEDICATED_KINDS})


@transaction.atomic
def window_save(*, centre: Centre, number: str, name: str, kind: str, themes: Iterable[str] = (),
                township_slot: str = "", dedicated_kind: str = "", department: Department | None = None,
                hall: Hall | None = None, window: Window | None = None, active: bool | None = None) -> Window:
    """Create a window (window=None) or update one. `active=None` keeps the window's current state
    (new windows are active)."""
    # Lock the centre: the dedicated-kind count and the number check must see every concurrent save.
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    if window is not None and window.pk is not None:
        window = Window.objects.select_for_update().get(pk=window.pk)
    else:
        window = Window()
    if active is None:
        active = window.active if window.pk else True
    themes = list(dict.fromkeys(themes))
    window_check(centre=centre, number=number, name=name, kind=kind, themes=themes,
                 township_slot=township_slot, dedicated_kind=dedicated_kind, department=department,
                 hall=hall, window=window, active=active)
    window.centre = centre
    window.number = number.strip()
    window.name = name.strip()
    window.kind = kind
    window.themes = themes
    window.township_slot = township_slot
    window.dedicated_kind = dedicated_kind.strip()
    window.department = department
    window.hall = hall
    window.active = active
    window.save()
    return window


# --- staff: roles, AB posts, duty -----------------------------------------------------------------


def staff_roles_check(*, civil_servant: bool, department: Department | None, roles: Iterable[str]) -> None:
    """Reviewers and chief representatives must be civil servants (DOMAIN §1; seed 000 §三(四)1,
    seed 002 §三(二)1); a chief representative acts for a department (seed 002 §一(二)3)."""
    roles = set(roles)
    unknown = sorted(roles - set(Role.values))
    if unknown:
        raise Invalid("unknown_role", "角色无效",
                      "Unknown role", detail={"roles": unknown, "allowed": Role.values})
    if Role.REVIEWER in roles and not civil_servant:
        raise Invalid("reviewer_must_be_civil_servant", "后台审批人员须为公务人员(正式人员)",
                      "A reviewer must be a civil servant")
    if Role.CHIEF_REPRESENTATIVE in roles and not civil_servant:
        raise Invalid("chief_must_be_civil_servant", "首席代表须为公务人员",
                      "A chief representative must be a civil servant")
    if Role.CHIEF_REPRESENTATIVE in roles and department is None:
        raise Invalid("chief_needs_department", "首席代表须属于一个进驻部门",
                      "A chief representative needs a department")


@transaction.atomic
def staff_set_roles(*, staff: Staff, roles: Iterable[str], by=None) -> Staff:
    """Replace the staff member's roles with `roles`."""
    staff = Staff.objects.select_for_update(of=("self",)).select_related("department").get(pk=staff.pk)
    wanted = set(roles)
    staff_roles_check(civil_servant=staff.civil_servant, department=staff.department, roles=wanted)
    current = set(StaffRole.objects.filter(staff=staff).values_list("role", flat=True))
    StaffRole.objects.filter(staff=staff, role__in=current - wanted).delete()
    StaffRole.objects.bulk_create([StaffRole(staff=staff, role=r) for r in sorted(wanted - current)])
    return Staff.objects.prefetch_related("roles").get(pk=staff.pk)


def staff_backup_check(*, staff: Staff, centre: Centre | None, roles: Iterable[str],
                       backup: Staff | None) -> None:
    """An AB-post backup (seed 000 §三(三)3) works in the same centre, is someone else, and can stand in
    for at least one of the staff member's roles. Two people backing each other is the usual AB post."""
    if backup is None:
        return
    if staff.pk is not None and backup.pk == staff.pk:
        raise Invalid("backup_is_self", "AB 岗不能是本人", "A staff member cannot be their own backup")
    if centre is None or backup.centre_id != centre.pk:
        raise Invalid("backup_other_centre", "AB 岗须为本中心工作人员",
                      "The backup must work in the same centre")
    roles = set(roles)
    if not roles & backup.role_codes():
        raise Invalid("backup_lacks_role", "AB 岗人员须至少具有本人的一个角色",
                      "The backup must hold at least one of the staff member's roles",
                      detail={"roles": sorted(roles), "backup_roles": sorted(backup.role_codes())})


@transaction.atomic
def staff_set_backup(*, staff: Staff, backup: Staff | None) -> Staff:
    staff = Staff.objects.select_for_update(of=("self",)).select_related("centre").get(pk=staff.pk)
    if backup is not None:
        backup = Staff.objects.prefetch_related("roles").get(pk=backup.pk)
    staff_backup_check(staff=staff, centre=staff.centre, roles=staff.role_codes(), backup=backup)
    staff.backup = backup
    staff.save(update_fields=["backup"])
    return staff


def staff_duty_check(*, status: str, note: str = "") -> None:
    if status not in DutyStatus.values:
        raise Invalid("unknown_duty_status", "在岗状态无效", "Unknown duty status",
                      detail={"status": status, "allowed": DutyStatus.values})
    max_length = Staff._meta.get_field("duty_note").max_length
    assert max_length is not None  # duty_note is a CharField, which always has one
    if len(note) > max_length:
        raise Invalid("duty_note_too_long", f"去向说明不得超过 {max_length} 字",
                      f"The whereabouts note may have at most {max_length} characters")


@transaction.atomic
def staff_set_duty(*, staff: Staff, status: str, note: str = "", by=None) -> Staff:
    """Update the public whereabouts board (在岗/外出/请假/下班, seed 000 §三(二)4)."""
    note = note.strip()
    staff_duty_check(status=status, note=note)
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    staff.duty_status = status
    staff.duty_note = note
    staff.duty_changed_at = now()
    staff.save(update_fields=["duty_status", "duty_note", "duty_changed_at"])
    return staff


# --- authorisations (授权书) ------------------------------------------------------------------------


def authorisation_check(*, staff: Staff, department: Department, powers: Mapping[str, bool],
                        valid_from: dt.date, valid_to: dt.date | None = None,
                        exclude: Authorisation | None = None) -> None:
    unknown = sorted(set(powers) - set(Authorisation.POWERS))
    if unknown:
        raise Invalid("unknown_power", "授权事项无效", "Unknown power",
                      detail={"powers": unknown, "allowed": list(Authorisation.POWERS)})
    if not any(powers.values()):
        raise Invalid("no_power_granted", "授权书须至少授予一项权限",
                      "An authorisation must grant at least one power")
    if not staff.has_role(Role.CHIEF_REPRESENTATIVE):
        raise Invalid("not_chief_representative", "只有首席代表可以获得授权",
                      "Only a chief representative can be authorised")
    if staff.department_id != department.pk:
        raise Invalid("department_mismatch", "首席代表只能获得本部门的授权",
                      "A chief representative is authorised by their own department")
    if valid_to is not None and valid_to < valid_from:
        raise Invalid("invalid_validity", "有效期截止日期早于起始日期", "The validity ends before it starts")
    overlapping = Authorisation.objects.filter(staff=staff, department=department, revoked=False)
    if valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_to)
    overlapping = overlapping.exclude(valid_to__lt=valid_from)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    clash = overlapping.first()
    if clash is not None:
        raise Conflict("authorisation_overlaps",
                       "该首席代表在此期间已有本部门的有效授权书,请先撤销或设定截止日期",
                       "An authorisation for this department already covers that period; "
                       "revoke it or end it first",
                       detail={"authorisation": clash.pk})


@transaction.atomic
def authorisation_grant(*, staff: Staff, department: Department, powers: Mapping[str, bool],
                        valid_from: dt.date, valid_to: dt.date | None = None, document_no: str = "",
                        by=None) -> Authorisation:
    """Issue an authorisation (seed 002 §三(二)2, 附件4). `powers` names the powers granted; a power
    not named is not granted."""
    staff = Staff.objects.select_for_update().prefetch_related("roles").get(pk=staff.pk)
    authorisation_check(staff=staff, department=department, powers=powers, valid_from=valid_from,
                        valid_to=valid_to)
    return Authorisation.objects.create(
        staff=staff, department=department, document_no=document_no.strip(), valid_from=valid_from,
        valid_to=valid_to, **{p: bool(powers.get(p, False)) for p in Authorisation.POWERS})


@transaction.atomic
def authorisation_revoke(*, authorisation: Authorisation, reason: str = "", on: dt.date | None = None,
                         by=None) -> Authorisation:
    """Revoke from `on` (default today); the authorisation still counts for earlier dates."""
    authorisation = Authorisation.objects.select_for_update().get(pk=authorisation.pk)
    if authorisation.revoked:
        raise Conflict("authorisation_already_revoked", "该授权书已撤销",
                       "The authorisation is already revoked")
    on = on or today()
    if on < authorisation.valid_from:
        on = authorisation.valid_from
    authorisation.revoked = True
    authorisation.revoked_on = on
    authorisation.revoked_reason = reason.strip()[:200]
    authorisation.save(update_fields=["revoked", "revoked_on", "revoked_reason"])
    return authorisation


# --- seals (审批服务专用章) -------------------------------------------------------------------------


def seal_check(*, centre: Centre, code: str, name: str, department: Department | None = None) -> None:
    if not name.strip():
        raise Invalid("seal_name_required", "请填写印章名称", "The seal name is required")
    if not code.strip():
        raise Invalid("seal_code_required", "请填写印章编码", "The seal code is required")
    if department is not None and department.centre_id != centre.pk:
        raise Invalid("department_not_in_centre", "该部门不属于本中心",
                      "The department is not in this centre")
    if Seal.objects.filter(code=code.strip()).exists():
        raise Conflict("seal_code_taken", "印章编码已被使用", "The seal code is already in use")
    active = Seal.objects.filter(centre=centre, status=SealStatus.ACTIVE)
    # "One seal" (一枚印章): a township approves with one 审批服务专用章 (seed 000 §三(二)3).
    if centre.level == CentreLevel.TOWNSHIP and active.exists():
        raise Conflict("township_has_seal", "乡镇(街道)中心只能有一枚在用的审批服务专用章",
                       "A township centre has one approval seal in use; revoke it first")
    # A department's approval seal is its only seal for approvals (seed 002 §一(二)3(6)).
    if department is not None and active.filter(department=department).exists():
        raise Conflict("department_has_seal", "该部门已有一枚在用的审批专用章",
                       "The department already has an approval seal in use; revoke it first")


@transaction.atomic
def seal_register(*, centre: Centre, name: str, code: str, department: Department | None = None,
                  key_ref: str = "", registered_on: dt.date | None = None, by=None) -> Seal:
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    seal_check(centre=centre, code=code, name=name, department=department)
    return Seal.objects.create(centre=centre, department=department, name=name.strip(), code=code.strip(),
                               key_ref=key_ref.strip(), registered_on=registered_on or today())


@transaction.atomic
def seal_update(*, seal: Seal, name: str, key_ref: str) -> Seal:
    """Rename a seal or point it at a new key; the code, centre and department never change."""
    if not name.strip():
        raise Invalid("seal_name_required", "请填写印章名称", "The seal name is required")
    seal = Seal.objects.select_for_update().get(pk=seal.pk)
    seal.name = name.strip()
    seal.key_ref = key_ref.strip()
    seal.save(update_fields=["name", "key_ref"])
    return seal


@transaction.atomic
def seal_revoke(*, seal: Seal, reason: str, on: dt.date | None = None, by=None) -> Seal:
    """Take a seal out of use (seed 001 #18: seals are added, changed and cancelled by procedure)."""
    reason = reason.strip()
    if not reason:
        raise Invalid("revocation_reason_required", "请填写撤销原因",
                      "A reason for the revocation is required")
    seal = Seal.objects.select_for_update().get(pk=seal.pk)
    if seal.status == SealStatus.REVOKED:
        raise Conflict("seal_already_revoked", "该印章已撤销", "The seal is already revoked")
    on = on or today()
    if on < seal.registered_on:
        raise Invalid("revoked_before_registered", "撤销日期早于登记日期",
                      "The seal cannot be revoked before it was registered")
    seal.status = SealStatus.REVOKED
    seal.revoked_on = on
    seal.revoked_reason = reason[:200]
    seal.save(update_fields=["status", "revoked_on", "revoked_reason"])
    return seal


# --- centres --------------------------------------------------------------------------------------


def _county_region_name(centre: Centre) -> str:
    """The county-level name a township's standard name starts with. A district (区) is written with
    its city in front ("市XX区", seed 000 §三(一)1)."""
    region = centre.region.parent
    if region is None and centre.parent is not None and centre.parent.level in (CentreLevel.COUNTY,
                                                                                 CentreLevel.CITY):
        region = centre.parent.region
    if region is None:
        raise Invalid("county_unknown", "无法确定所属县(市、区),请设置上级行政区划或上级中心",
                      "The county is unknown: set the parent region or the parent centre")
    name = region.name
    if name.endswith("区") and region.parent is not None and not name.startswith(region.parent.name):
        name = region.parent.name + name
    return name


def centre_standard_name(*, centre: Centre) -> str:
    """The name the seeds prescribe: "XX县XX乡(镇、街道)行政综合服务中心" for townships and streets
    (seed 000 §三(一)1), "XX村便民服务室" for villages and communities (seed 003), and
    "XX政务服务中心" for cities and counties."""
    place = centre.region.name
    if centre.level == CentreLevel.TOWNSHIP:
        county = _county_region_name(centre)
        if not place.startswith(county):
            place = county + place
        return f"{place}行政综合服务中心"
    if centre.level == CentreLevel.VILLAGE:
        return f"{place}便民服务室"
    return f"{place}政务服务中心"


@transaction.atomic
def centre_refresh_standard_name(*, centre: Centre) -> Centre:
    centre = (Centre.objects.select_for_update(of=("self",))
              .select_related("region__parent__parent", "parent__region").get(pk=centre.pk))
    centre.standard_name = centre_standard_name(centre=centre)
    centre.save(update_fields=["standard_name"])
    return centre
