"""config.cache.RedisCache: Django's Redis cache with its client objects kept (see config/cache.py)."""

import socket
import uuid

import pytest

from config.cache import RedisCache


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_the_cache_keeps_one_client_for_its_connection_pool():
    client = RedisCache("redis://127.0.0.1:6379/5", {})._cache
    assert client.get_client("a", write=True) is client.get_client("b", write=False)


def test_a_cache_that_does_not_answer_still_fails_the_health_check(client, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/5"}}
    assert client.get("/healthz").status_code == 503


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_the_cache_stores_reads_and_counts_through_the_kept_client():
    cache = RedisCache("redis://127.0.0.1:6379/5", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "TIMEOUT": 30})
    cache.set("page", {"content": b"<html>"})
    cache.set("generation", 7)
    assert cache.get_many(["page", "generation"]) == {"page": {"content": b"<html>"}, "generation": 7}
    assert cache.incr("generation") == 8
    cache.delete_many(["page", "generation"])
