from __future__ import annotations

import secrets

from django.db import transaction

from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now
from onewindow.exchange.auth import PREFIX, key_hash
from onewindow.exchange.models import ApiClient, Scope
from onewindow.network.models import Centre, Department, Staff


@transaction.atomic
def api_client_create(*, name: str, centre: Centre, scopes: list[str], department: Department | None = None,
                      acting_staff: Staff | None = None) -> tuple[ApiClient, str]:
    """Register a department system. Returns the client and its key, shown once."""
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown:
        raise Invalid("unknown_scope", "未知的权限范围", "Unknown scope", detail={"scopes": unknown})
    if department is not None and department.centre_id != centre.pk:
        raise Invalid("department_not_in_centre", "部门不属于该中心", "The department is not of this centre")
    if Scope.CASES_DECIDE in scopes and acting_staff is None:
        raise Invalid("acting_staff_required", "记录审批决定须指定代行人员",
                      "cases:decide needs the staff member the decisions are made in the name of")
    key = PREFIX + secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name, centre=centre, department=department, scopes=sorted(set(scopes)),
        acting_staff=acting_staff, key_hash=key_hash(key), prefix=key[:12], created_at=now())
    return client, key


@transaction.atomic
def api_client_revoke(*, client: ApiClient) -> ApiClient:
    client.active = False
    client.save(update_fields=["active"])
    return client
