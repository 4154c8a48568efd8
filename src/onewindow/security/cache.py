"""A Redis cache that degrades instead of failing: when Redis is down a read is a miss and a write
is dropped (logged), so pages and the API keep serving. What leans on the cache then weakens —
rate limits and the login lockout fail open until Redis is back — which docs/reliability.md states."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

_LOG_EVERY = 30.0  # seconds between two "cache down" log lines per process


class TolerantRedisCache(RedisCache):
    _last_logged = 0.0

    def _down(self, op: str, exc: Exception) -> None:
        moment = time.monotonic()
        if moment - TolerantRedisCache._last_logged > _LOG_EVERY:
            TolerantRedisCache._last_logged = moment
            logger.error("cache unavailable (%s): %s; serving without it", op, exc)

    def _guard(self, op: str, default: Any, fn, *args, **kwargs):
        import redis

        try:
            return fn(*args, **kwargs)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            self._down(op, exc)
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=None, version=None):  # type: ignore[override]
        return self._guard("set", None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):  # type: ignore[override]
        return self._guard("add", False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):  # type: ignore[override]
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError as usual; only an unreachable Redis is swallowed (as 0).
        return self._guard("incr", 0, super().incr, key, delta, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def set_many(self, data, timeout=None, version=None):  # type: ignore[override]
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._guard("clear", None, super().clear)
