"""Who is acting: the one place that turns a login into a staff member with roles.

Scoped querysets per role, centre and department live in each app's selectors and start from
`acting_staff`. Nothing else should read request.user.staff directly.
"""

from __future__ import annotations

from onewindow.core.errors import Forbidden, NotAuthenticated
from onewindow.network.models import Staff


def staff_of(user) -> Staff | None:
    """The user's staff profile with roles prefetched, or None for citizens and anonymous users."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_onewindow_staff", False)
    if cached is not False:
        return cached
    staff = (Staff.objects.select_related("centre", "department", "window")
             .prefetch_related("roles").filter(user_id=user.pk).first())
    user._onewindow_staff = staff
    return staff


def acting_staff(user, *roles: str) -> Staff:
    """The staff member behind user, who must hold one of roles (any role when none given)."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotAuthenticated("not_authenticated", "请先登录", "Please log in")
    staff = staff_of(user)
    if staff is None:
        raise Forbidden("not_staff", "仅限工作人员操作", "Only staff may do this")
    if roles and not staff.has_role(*roles):
        raise Forbidden("role_not_allowed", "当前角色无权执行此操作", "Your role may not do this",
                        detail={"required_any_of": list(roles)})
    return staff
