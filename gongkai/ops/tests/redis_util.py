"""The Redis server the tests use for the production cache."""
import os

import pytest


def redis_for_tests() -> str:
    """The Redis of this machine (127.0.0.1:6379, or GONGKAI_TEST_REDIS_URL); skipped when it is not
    reachable, except in CI, where a missing Redis is a failure."""
    url = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # ImportError, ConnectionError, ...
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {url}: {exc}")
        pytest.skip(f"Redis is not reachable at {url}: {exc}")
    return url
