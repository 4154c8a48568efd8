"""Case numbers: per centre and day, unique and gap-free (docs/cases.md "Case numbers")."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.cases.models import CaseNumberSequence
from onewindow.core.errors import Conflict
from onewindow.network.models import Centre


def case_number_allocate(*, centre: Centre, day: dt.date) -> str:
    """The next number of `centre` on `day`. Must run inside the intake transaction: the sequence row
    stays locked until it commits, and a rollback gives the number back, so there are no gaps."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case_number_allocate must run inside the intake transaction")
    row = CaseNumberSequence.objects.select_for_update().filter(centre=centre, day=day).first()
    if row is None:
        # First number of the day: insert-or-ignore, then lock whichever row won.
        CaseNumberSequence.objects.bulk_create([CaseNumberSequence(centre=centre, day=day, last=0)],
                                               ignore_conflicts=True)
        row = CaseNumberSequence.objects.select_for_update().get(centre=centre, day=day)
    row.last += 1
    row.save(update_fields=["last"])
    try:
        return centre.case_number_format.format(region=centre.region_id, date=day, seq=row.last,
                                                centre=centre.pk)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise Conflict("invalid_case_number_format", "中心的办件编号格式配置有误",
                       "The centre's case number format is misconfigured",
                       detail={"format": centre.case_number_format}) from exc
