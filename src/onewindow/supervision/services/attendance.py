"""Attendance (考勤): check-in and check-out, once a day each."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from onewindow.core.errors import Conflict
from onewindow.core.timeutil import now
from onewindow.network.models import Staff
from onewindow.supervision.conf import conf
from onewindow.supervision.models import Attendance


def _local_minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


@transaction.atomic
def attendance_check_in(*, staff: Staff) -> Attendance:
    """Check in for today; late after WORK_START. A second check-in the same day is 409."""
    from django.utils import timezone

    moment = now()
    local = timezone.localtime(moment)
    late = local.hour * 60 + local.minute > _local_minutes(conf("WORK_START"))
    try:
        with transaction.atomic():
            return Attendance.objects.create(staff=staff, day=local.date(), check_in_at=moment, late=late)
    except IntegrityError:
        raise Conflict("already_checked_in", "今天已签到", "Already checked in today") from None


@transaction.atomic
def attendance_check_out(*, staff: Staff) -> Attendance:
    """Check out for today (again later moves the time); 409 without a check-in."""
    from django.utils import timezone

    moment = now()
    local = timezone.localtime(moment)
    row = Attendance.objects.select_for_update().filter(staff=staff, day=local.date()).first()
    if row is None:
        raise Conflict("not_checked_in", "今天尚未签到", "Not checked in today")
    row.check_out_at = moment
    row.early_leave = local.hour * 60 + local.minute < _local_minutes(conf("WORK_END"))
    row.save(update_fields=["check_out_at", "early_leave"])
    return row


@transaction.atomic
def attendance_record(*, staff: Staff, day, check_in_at, check_out_at=None) -> Attendance:
    """Record a past day by hand (a correction, or imported from the door system); replaces the day."""
    from django.utils import timezone

    start = _local_minutes(conf("WORK_START"))
    end = _local_minutes(conf("WORK_END"))
    local_in = timezone.localtime(check_in_at)
    late = local_in.hour * 60 + local_in.minute > start
    early = False
    if check_out_at is not None:
        if check_out_at < check_in_at:
            raise Conflict("check_out_before_check_in", "签退时间早于签到时间", "Check-out before check-in")
        local_out = timezone.localtime(check_out_at)
        early = local_out.hour * 60 + local_out.minute < end
    row, _ = Attendance.objects.update_or_create(
        staff=staff,
        day=day,
        defaults={
            "check_in_at": check_in_at,
            "check_out_at": check_out_at,
            "late": late,
            "early_leave": early,
        },
    )
    return row
