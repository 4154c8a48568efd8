"""Who is acting: the one place that turns a login into a staff member with roles.

Scoped querysets per role, centre and department live in each app's selectors and start from
`acting_staff`. Nothing else should read request.user.staff directly.
"""

from __future__ import annotations

from typing import TypeAlias, TypeGuard

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from onewindow.accounts.models import User
from onewindow.core.errors import Forbidden, NotAuthenticated
from onewindow.network.models import Staff

# What request.user (or a service's `by`) may hold: a login, the anonymous user, or nothing.
AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser | None

# Per-user-object cache of the staff profile (None when the login has none).
_STAFF_CACHE = "_onewindow_staff"


def _is_login(user: AnyUser) -> TypeGuard[AbstractBaseUser]:
    # getattr: tolerate objects without the attribute, as callers pass `by` through untyped code.
    return user is not None and bool(getattr(user, "is_authenticated", False))


def authenticated_user(request: HttpRequest) -> User:
    """The logged-in user behind request (typed as this project's User), else NotAuthenticated."""
    user = request.user
    if not user.is_authenticated or not isinstance(user, User):
        raise NotAuthenticated("not_authenticated", "请先登录", "Please log in")
    return user


def staff_of(user: AnyUser) -> Staff | None:
    """The user's staff profile with roles prefetched, or None for citizens and anonymous users."""
    if not _is_login(user):
        return None
    if hasattr(user, _STAFF_CACHE):
        cached: Staff | None = getattr(user, _STAFF_CACHE)
        return cached
    staff = (Staff.objects.select_related("centre", "department", "window")
             .prefetch_related("roles").filter(user_id=user.pk).first())
    setattr(user, _STAFF_CACHE, staff)
    return staff


def acting_staff(user: AnyUser, *roles: str) -> Staff:
    """The staff member behind user, who must hold one of roles (any role when none given)."""
    if not _is_login(user):
        raise NotAuthenticated("not_authenticated", "请先登录", "Please log in")
    staff = staff_of(user)
    if staff is None:
        raise Forbidden("not_staff", "仅限工作人员操作", "Only staff may do this")
    if roles and not staff.has_role(*roles):
        raise Forbidden("role_not_allowed", "当前角色无权执行此操作", "Your role may not do this",
                        detail={"required_any_of": list(roles)})
    return staff
