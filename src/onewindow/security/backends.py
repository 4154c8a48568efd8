"""The staff login page and the admin login behind the shared lockout (onewindow.accounts.lockout).

Django passes `request` to backends only from login forms (LoginView, admin); services that call
authenticate() without it (API token, citizen login) apply the lockout themselves, so counting here
too would count a failure twice."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from onewindow.accounts.lockout import login_failure_record, login_is_locked, login_success_record
from onewindow.security.ip import client_ip


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        name = username if username is not None else kwargs.get("username", "")
        name = str(name or "")[:150]
        if login_is_locked(username=name):
            # PermissionDenied stops authenticate(): even the right password is refused while locked.
            raise PermissionDenied("login locked")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_failure_record(username=name, ip=client_ip(request))
            if login_is_locked(username=name):
                raise PermissionDenied("login locked")
        else:
            login_success_record(username=name)
        return user
