"""Personal data (个人信息保护法): who sees an applicant's ID number and phone unmasked, and the log of
every explicit reveal (docs/security.md "Personal data").

Need to know, by default (no reveal needed):
- the clerk who received the case, while it is at intake (before acceptance): they key and check it;
- an issuer, while the case waits at the issuing window (decided / issued): identity check at pickup.
Everyone else — reviewers, chiefs, managers, supervisors, agents, the same clerk after acceptance,
API clients — sees masked values, and may reveal them only with a written reason, which is logged.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from onewindow.cases.states import CLERK, ISSUER, State
from onewindow.core.errors import Invalid
from onewindow.core.identifiers import mask_id, mask_phone
from onewindow.core.timeutil import now
from onewindow.security.models import PersonalDataAccess

# Fields a reveal may name; each is masked by the function next to it.
FIELDS = {"id_number": mask_id, "phone": mask_phone, "agent_id_number": mask_id, "agent_phone": mask_phone}
INTAKE_STATES = frozenset({State.DRAFT, State.SUBMITTED, State.RECEIVED, State.SUPPLEMENT_REQUIRED})
PICKUP_STATES = frozenset({State.DECIDED, State.ISSUED})


def personal_data_need(*, staff, case) -> bool:
    """Does `staff` (network.Staff or None) need this case's applicant identifiers unmasked?"""
    if staff is None:
        return False
    roles = staff.role_codes()
    if CLERK in roles and case.receiving_clerk_id == staff.pk and case.state in INTAKE_STATES:
        return True
    return ISSUER in roles and staff.centre_id == case.centre_id and case.state in PICKUP_STATES


def reveal_fields_parse(raw: str | None) -> frozenset[str]:
    """`?reveal=id_number,phone` → the field names; unknown names are a 422, not silently ignored."""
    names = frozenset(p.strip() for p in (raw or "").split(",") if p.strip())
    unknown = sorted(names - FIELDS.keys())
    if unknown:
        raise Invalid("unknown_reveal_field", "不能显示该字段", "This field cannot be revealed",
                      detail={"fields": unknown, "allowed": sorted(FIELDS)})
    return names


@transaction.atomic
def personal_data_reveal(*, user, subject: str, subject_ref: str, fields: Iterable[str], reason: str,
                         ip: str = "") -> PersonalDataAccess:
    """Log one unmasked view (who, what, when, why). The caller has already checked that the user may
    see the record at all; this adds the purpose the law asks for."""
    reason = (reason or "").strip()
    if len(reason) < 2 or "\x00" in reason:
        raise Invalid("reveal_reason_required", "查看完整个人信息须填写理由",
                      "A reason is required to see personal data unmasked", detail={"field": "reason"})
    return PersonalDataAccess.objects.create(
        at=now(), user=user, username=user.get_username() if user is not None else "",
        subject=subject[:30], subject_ref=subject_ref[:64], fields=sorted(fields), reason=reason[:500],
        ip=ip or None)


def mask_fields(values: dict, *, shown: Iterable[str] = ()) -> dict:
    """A copy of `values` with every personal field masked except those in `shown`."""
    keep = set(shown)
    return {k: (FIELDS[k](v or "") if k in FIELDS and k not in keep else v) for k, v in values.items()}


def personal_data_need_view(*, user, staff, case, ip: str = "") -> bool:
    """Whether `staff` sees this case's identifiers unmasked by need to know; if so, the view is logged
    like an explicit reveal (the law asks for every unmasked view, not only the chosen ones)."""
    if not personal_data_need(staff=staff, case=case):
        return False
    purpose = ("need to know: receiving clerk at intake" if case.state in INTAKE_STATES
               else "need to know: identity check at pickup")
    personal_data_reveal(user=user, subject="case", subject_ref=case.number, fields=FIELDS, reason=purpose,
                         ip=ip)
    return True
