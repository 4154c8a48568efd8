"""Login lockout: one mechanism for staff and citizen logins (contract in docs/portal-citizen.md).

ONEWINDOW_LOGIN_MAX_FAILURES failures of one username within ONEWINDOW_LOGIN_LOCK_MINUTES lock that
username for ONEWINDOW_LOGIN_LOCK_MINUTES. State lives in the Django cache, so it is shared by every
process that shares the cache (use Redis or the database cache in production; LocMem is per process).

Times are compared against onewindow.core.timeutil.now(), not only left to the cache's own expiry,
so that frozen-time tests and clocks behave the same on every cache backend.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from onewindow.core.timeutil import now

logger = logging.getLogger(__name__)

_PREFIX = "ow:login"


def _max_failures() -> int:
    return int(getattr(settings, "ONEWINDOW_LOGIN_MAX_FAILURES", 5))


def _window_seconds() -> int:
    return int(getattr(settings, "ONEWINDOW_LOGIN_LOCK_MINUTES", 15)) * 60


def _key(kind: str, username: str) -> str:
    # Usernames may hold characters some cache backends refuse in keys (spaces, non-ASCII): hash them.
    # Case-folded so that "Clerk" and "clerk" share one counter (the login form is case-sensitive,
    # but an attacker must not get 5 tries per spelling).
    digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    return f"{_PREFIX}:{kind}:{digest}"


def login_is_locked(*, username: str) -> bool:
    """True while the username is locked; a locked login must be refused even with the right password."""
    until = cache.get(_key("lock", username))
    if until is None:
        return False
    # A lock lying further ahead than one window means the clock went back (frozen-time tests): ignore it.
    return 0 < float(until) - now().timestamp() <= _window_seconds()


def login_failure_record(*, username: str, ip: str) -> None:
    """Count one failed login; the Nth failure within the window locks the username."""
    window = _window_seconds()
    moment = now().timestamp()
    key = _key("fail", username)
    failures = [t for t in cache.get(key, []) if 0 <= moment - float(t) < window]
    failures.append(moment)
    cache.set(key, failures, timeout=window)
    if len(failures) >= _max_failures():
        cache.set(_key("lock", username), moment + window, timeout=window)
        cache.delete(key)
        logger.warning("login locked after %d failures: username hash %s, last ip %s",
                       len(failures), key.rsplit(":", 1)[-1], ip)


def login_success_record(*, username: str) -> None:
    """A successful login clears the failure count (it does not lift an active lock: callers check first)."""
    cache.delete(_key("fail", username))


def login_unlock(*, username: str) -> None:
    """Lift a lock (centre manager action, tests)."""
    cache.delete_many([_key("fail", username), _key("lock", username)])
