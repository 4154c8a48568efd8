"""Fixtures of the scale tests: a Redis on 127.0.0.1 (db 5, the scale task's), or a skip."""

from __future__ import annotations

import os

import pytest

REDIS_URL = os.environ.get("ONEWINDOW_SCALE_TEST_REDIS", "redis://127.0.0.1:6379/5")


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except (redis.exceptions.RedisError, OSError):
        pytest.skip(f"no Redis at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked postgres skip on SQLite (the suite's convention, tests/concurrency.py)."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL")
