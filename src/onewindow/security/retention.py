"""Retention of personal data (docs/security.md "Retention"): applicants of cases that ended (concluded,
refused, withdrawn, returned) longer ago than ONEWINDOW_PERSONAL_DATA_RETENTION_DAYS keep only masked
identifiers. The case, its trail and its statistics stay; an applicant who still has a case that is
not past retention is left whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from onewindow.cases.models import Applicant, Case
from onewindow.cases.states import TERMINAL
from onewindow.core.identifiers import mask_id, mask_phone
from onewindow.core.timeutil import now


@dataclass(frozen=True)
class PurgeResult:
    applicants: int
    cases: int
    applied: bool


def _already_masked(a: Applicant) -> bool:
    return "*" in a.id_number


def personal_data_purge(*, older_than_days: int, apply: bool = False) -> PurgeResult:
    """Mask the ID numbers and phones of applicants whose every case ended more than
    `older_than_days` ago. Dry run unless `apply`."""
    cutoff = now() - dt.timedelta(days=older_than_days)
    old = Q(state__in=TERMINAL, updated_at__lt=cutoff)
    keep = Case.objects.exclude(old).values("applicant_id")
    candidates = (Applicant.objects.filter(cases__in=Case.objects.filter(old)).exclude(pk__in=keep)
                  .distinct())
    applicants = [a for a in candidates if not _already_masked(a)]
    cases = Case.objects.filter(applicant__in=[a.pk for a in applicants]).count()
    if apply:
        with transaction.atomic():
            for a in applicants:
                a.id_number = mask_id(a.id_number)[:18]
                a.phone = mask_phone(a.phone)
                a.agent_id_number = mask_id(a.agent_id_number)[:18]
                a.agent_phone = mask_phone(a.agent_phone)
                a.address = ""
            Applicant.objects.bulk_update(applicants, ["id_number", "phone", "agent_id_number", "agent_phone",
                                                       "address"], batch_size=500)
    return PurgeResult(applicants=len(applicants), cases=cases, applied=apply)
