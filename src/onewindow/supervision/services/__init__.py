"""Writes of supervision, split by responsibility."""

from onewindow.supervision.services.attendance import (
    attendance_check_in,
    attendance_check_out,
    attendance_record,
)
from onewindow.supervision.services.lock import SweepBusy, sweep_lock
from onewindow.supervision.services.sweep import SweepResult, supervise
from onewindow.supervision.services.warnings import warnings_notify, warnings_raise

__all__ = [
    "SweepBusy",
    "SweepResult",
    "attendance_check_in",
    "attendance_check_out",
    "attendance_record",
    "supervise",
    "sweep_lock",
    "warnings_notify",
    "warnings_raise",
]
