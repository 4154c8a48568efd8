"""Helpers every licence service shares: who may act, text clean-up, the event writer."""

from __future__ import annotations

from typing import Any

from onewindow.core.errors import Forbidden, Invalid
from onewindow.core.timeutil import now
from onewindow.licences.models import Licence, LicenceEvent
from onewindow.network.models import Role, Staff

ISSUING_ROLES = (Role.ISSUER, Role.CLERK, Role.CHIEF_REPRESENTATIVE, Role.CENTRE_MANAGER)
REVOKING_ROLES = (Role.CHIEF_REPRESENTATIVE, Role.CENTRE_MANAGER)


def staff_check(*, by: Staff | None, centre_id: int, roles: tuple[str, ...]) -> None:
    """`by` must be staff of the centre holding one of `roles`; None is the software itself."""
    if by is None:
        return
    if not by.has_role(*roles):
        raise Forbidden("role_not_allowed", "当前角色无权执行此操作", "Your role may not do this",
                        detail={"required_any_of": list(roles)})
    if by.centre_id != centre_id:
        raise Forbidden("out_of_scope", "该证照不在您的职责范围内", "This is outside your centre")


def clean_text(value: Any, *, field: str, required: bool = False, max_length: int = 200) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid("invalid_text", f"{field} 必须是文本", f"{field} must be text", detail={"field": field})
    value = value.strip()
    if "\x00" in value:
        raise Invalid("invalid_text", "文本包含非法字符", "The text contains invalid characters",
                      detail={"field": field})
    if required and not value:
        raise Invalid("field_required", f"请填写 {field}", f"{field} is required", detail={"field": field})
    if len(value) > max_length:
        raise Invalid("text_too_long", f"{field} 过长", f"{field} is too long",
                      detail={"field": field, "max_length": max_length})
    return value


def event_write(*, licence: Licence, kind: str, by: Staff | None, reason: str = "",
                payload: dict[str, Any] | None = None, at=None) -> LicenceEvent:
    return LicenceEvent.objects.create(licence=licence, kind=kind, at=at or now(), actor=by, reason=reason,
                                       payload=payload or {})
