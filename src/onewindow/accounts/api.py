"""Auth: exchange a password for a bearer token, and tell who the token belongs to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field, field_validator

from onewindow.accounts.services import api_token_issue
from onewindow.api.root import bearer
from onewindow.core.permissions import authenticated_user, staff_of
from onewindow.core.schemas import ErrorOut

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=4096)

    @field_validator("username", "password")
    @classmethod
    def no_nul(cls, value: str) -> str:
        # PostgreSQL refuses NUL in text; a 422 beats a 500.
        if "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class TokenOut(Schema):
    token: str


class MeCentreOut(Schema):
    id: int
    name: str


class MeDepartmentOut(Schema):
    id: int
    code: str
    name: str


class MeWindowOut(Schema):
    id: int
    number: str
    name: str


class MeStaffOut(Schema):
    id: int
    name: str
    employee_no: str
    centre: MeCentreOut
    department: MeDepartmentOut | None
    window: MeWindowOut | None
    roles: list[str] = Field(description="clerk, reviewer, chief_representative, issuer, proxy_agent, "
                                         "centre_manager, supervisor, department_admin")
    duty_status: str


class MeOut(Schema):
    username: str
    display_name: str
    staff: MeStaffOut | None = Field(description="null for logins without a staff profile")


@router.post("/token", response={200: TokenOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}, auth=None)
def token(request, body: TokenIn):
    """Exchange a username and password for a bearer token (`Authorization: Bearer <token>`)."""
    return {"token": api_token_issue(username=body.username, password=body.password,
                                     ip=str(request.META.get("REMOTE_ADDR", ""))[:45])}


@router.get("/me", response={200: MeOut, 401: ErrorOut}, auth=bearer)
def me(request: HttpRequest) -> dict[str, Any]:
    """The login behind the bearer token, with its staff profile (centre, department, window, roles)."""
    user = authenticated_user(request)  # BearerAuth put the token's user on request.user
    staff = staff_of(user)
    staff_out: dict[str, Any] | None = None
    if staff is not None:
        department, window = staff.department, staff.window  # select_related by staff_of: no query
        staff_out = {
            "id": staff.pk, "name": staff.name, "employee_no": staff.employee_no,
            "centre": {"id": staff.centre_id, "name": staff.centre.name},
            "department": ({"id": department.pk, "code": department.code, "name": department.name}
                           if department is not None else None),
            "window": ({"id": window.pk, "number": window.number, "name": window.name}
                       if window is not None else None),
            "roles": sorted(staff.role_codes()),
            "duty_status": staff.duty_status,
        }
    return {"username": user.get_username(), "display_name": user.display_name, "staff": staff_out}
